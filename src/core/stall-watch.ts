import { Track, type RemoteTrackPublication, type Room } from 'livekit-client';

/** What became of a remote track that should be arriving. */
export type StallChange = 'stalled' | 'flowing' | 'gave-up';

/** How often the bytes received are read. */
const CHECK_MS = 2000;
/** Nothing received for this long from a track that should be arriving: it has stalled. */
const STALL_MS = 6000;
/** Subscriptions renewed before giving up on a track. */
const MAX_REPAIRS = 3;
/** Between leaving a subscription and taking it again, so the server sees two changes. */
const RESUBSCRIBE_GAP_MS = 300;

interface Watched {
  trackId: string;
  bytes: number;
  /** When bytes last grew (or watching began, or a repair was made). */
  since: number;
  repairs: number;
  stalled: boolean;
  gaveUp: boolean;
}

/**
 * Notices a remote camera or microphone that should be arriving (subscribed, not muted, and for video wanted
 * by a tile) but has received nothing for 6 s, and repairs it by subscribing again, up to three times. The
 * server or the network may lose a subscription without anyone saying so: after a storm of bad input, or a
 * full reconnect, the page showed "connected" with no video for 40 s. Screen shares are not watched: a still
 * screen may send nothing for long.
 */
export class StallWatch {
  readonly #room: Room;
  readonly #onChange: (identity: string, source: Track.Source, change: StallChange) => void;
  readonly #watched = new Map<string, Watched>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking = false;

  constructor(room: Room, onChange: (identity: string, source: Track.Source, change: StallChange) => void) {
    this.#room = room;
    this.#onChange = onChange;
  }

  start(): void {
    // Never an unhandled rejection on the page: a check that throws is skipped (and the next one runs).
    this.#timer ??= setInterval(() => void this.#check().catch(() => undefined), CHECK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#watched.clear();
  }

  async #check(): Promise<void> {
    if (this.#checking) return; // a slow getStats must not pile up checks
    this.#checking = true;
    try {
      const now = Date.now();
      const seen = new Set<string>();
      for (const participant of this.#room.remoteParticipants.values()) {
        for (const publication of participant.trackPublications.values()) {
          const key = `${participant.identity}\n${publication.trackSid}`;
          if (!this.#shouldArrive(publication)) {
            // Between our leaving and taking its subscription again: still ours to watch.
            if (this.#watched.get(key)?.stalled && !publication.isMuted) seen.add(key);
            continue;
          }
          seen.add(key);
          const bytes = await bytesReceived(publication);
          // Unsubscribed or muted while the stats were read: next time.
          if (bytes === undefined || !this.#shouldArrive(publication)) continue;
          this.#observe(key, participant.identity, publication, bytes, now);
        }
      }
      for (const key of this.#watched.keys()) if (!seen.has(key)) this.#watched.delete(key);
    } finally {
      this.#checking = false;
    }
  }

  #shouldArrive(publication: RemoteTrackPublication): boolean {
    if (publication.source !== Track.Source.Camera && publication.source !== Track.Source.Microphone) return false;
    if (!publication.isSubscribed || publication.isMuted || !publication.track) return false;
    return publication.kind !== Track.Kind.Video || publication.isEnabled;
  }

  #observe(key: string, identity: string, publication: RemoteTrackPublication, bytes: number, now: number): void {
    const trackId = publication.track?.mediaStreamTrack?.id;
    if (!trackId) return;
    let watched = this.#watched.get(key);
    if (!watched) {
      this.#watched.set(key, { trackId, bytes, since: now, repairs: 0, stalled: false, gaveUp: false });
      return;
    }
    if (watched.trackId !== trackId) {
      // Subscribed again (by us or anyone): a new receiver, counting from zero.
      Object.assign(watched, { trackId, bytes, since: now });
      return;
    }
    if (bytes > watched.bytes) {
      const recovered = watched.stalled;
      Object.assign(watched, { bytes, since: now, repairs: 0, stalled: false, gaveUp: false });
      if (recovered) this.#onChange(identity, publication.source, 'flowing');
      return;
    }
    if (now - watched.since < STALL_MS) return;
    if (!watched.stalled) {
      watched.stalled = true;
      this.#onChange(identity, publication.source, 'stalled');
    }
    if (watched.repairs >= MAX_REPAIRS) {
      if (!watched.gaveUp) this.#onChange(identity, publication.source, 'gave-up');
      watched.gaveUp = true;
      return;
    }
    watched.repairs++;
    watched.since = now;
    publication.setSubscribed(false);
    setTimeout(() => publication.setSubscribed(true), RESUBSCRIBE_GAP_MS);
  }
}

async function bytesReceived(publication: RemoteTrackPublication): Promise<number | undefined> {
  try {
    const report = await publication.track?.receiver?.getStats();
    let bytes: number | undefined;
    report?.forEach((entry: { type: string; bytesReceived?: number }) => {
      if (entry.type === 'inbound-rtp') bytes = (bytes ?? 0) + (entry.bytesReceived ?? 0);
    });
    return bytes;
  } catch {
    return undefined;
  }
}
