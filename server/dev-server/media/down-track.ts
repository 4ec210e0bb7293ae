import { VideoQuality } from '@livekit/protocol';
import type { MediaStreamTrack, RtpPacket } from 'werift';
import type { LayerChoice, PublishedTrack } from './published-track.js';

/** What a subscriber asked for a track (livekit-client's UpdateTrackSettings). */
export interface TrackSettings {
  /** Sends nothing while true (adaptive stream: the video is not visible). */
  disabled: boolean;
  /** The highest simulcast quality wanted. */
  quality: VideoQuality;
  /** The size the subscriber renders at; 0 when it asked for a quality instead. */
  width: number;
  height: number;
}

export const DEFAULT_TRACK_SETTINGS: TrackSettings = { disabled: false, quality: VideoQuality.HIGH, width: 0, height: 0 };

/**
 * The layer that suits the settings among those available (lowest first): the smallest that covers the size
 * rendered, or the best at or below the quality asked for; failing that, the nearest there is.
 */
export function chooseLayer(available: readonly LayerChoice[], settings: TrackSettings): LayerChoice | undefined {
  if (settings.disabled || !available.length) return undefined;
  const wanted = Math.max(settings.width, settings.height);
  if (wanted > 0) return available.find((layer) => Math.max(layer.width, layer.height) >= wanted) ?? available.at(-1);
  return available.filter((layer) => layer.quality <= settings.quality).at(-1) ?? available[0];
}

/**
 * The sending side of one transceiver: a werift track, and the sequence number and timestamp last sent on it,
 * which carry over from one down track to the next when the transceiver is reused.
 */
export interface RtpOutput {
  readonly track: Pick<MediaStreamTrack, 'writeRtp'>;
  last?: { sequenceNumber: number; timestamp: number; atMs: number };
}

const CLOCK_PER_MS = { audio: 48, video: 90 };
/** Chrome drops a keyframe request that comes soon after a keyframe: ask again until the switch is made. */
const KEYFRAME_RETRY_MS = 500;

/**
 * One published track as one subscriber receives it: the layer its settings call for, switched only at a
 * keyframe of the new layer, with sequence numbers and timestamps rewritten so the subscriber sees one
 * continuous stream whatever layer it comes from.
 */
export class DownTrack {
  #settings = DEFAULT_TRACK_SETTINGS;
  #current: string | undefined;
  #target: string | undefined;
  #keyframeRetry: ReturnType<typeof setInterval> | undefined;
  #sequenceOffset = 0;
  #timestampOffset = 0;
  /** What this down track last wrote to the output, to notice another writer. */
  #lastWritten: RtpOutput['last'];
  readonly #unsubscribe: () => void;

  /**
   * @param onForwarding called when the first packet goes out after a switch: a recorder moving from one
   * participant to another stops the old down track right then, so exactly one writes to the output.
   */
  constructor(
    readonly published: PublishedTrack,
    readonly output: RtpOutput,
    readonly onForwarding?: () => void,
  ) {
    this.#unsubscribe = published.subscribe({
      onPacket: (packet, rid) => this.#onPacket(packet, rid),
      onAvailabilityChange: () => this.#choose(),
      wantedQuality: () => this.wantedQuality(),
    });
    this.#choose();
  }

  /** The rid being forwarded; undefined while paused or waiting for a first keyframe. */
  get forwardedLayer(): string | undefined {
    return this.#current;
  }

  get settings(): TrackSettings {
    return this.#settings;
  }

  update(settings: Partial<TrackSettings>): void {
    this.#settings = { ...this.#settings, ...settings };
    this.#choose();
    this.published.wantsChanged();
  }

  /** The quality this subscriber's settings call for among the layers announced, paused or not. */
  wantedQuality(): VideoQuality | undefined {
    return chooseLayer(this.published.announcedLayers(), this.#settings)?.quality;
  }

  /** The subscriber lost the picture (a PLI): ask the publisher for a keyframe of what it receives. */
  requestKeyframe(): void {
    const rid = this.#current ?? this.#target;
    if (rid !== undefined) this.published.requestKeyframe(rid);
  }

  #choose(): void {
    if (this.#settings.disabled) {
      this.#current = undefined;
      this.#target = undefined;
      this.#stopKeyframeRetry();
      return;
    }
    // Codecs whose keyframes the server cannot see keep the layer they started with.
    const target = !this.published.switchable && this.#current !== undefined ? this.#current : chooseLayer(this.published.availableLayers(), this.#settings)?.rid;
    // Nothing arriving at all (the publisher's media is late or paused): keep what was chosen.
    if (target === undefined || target === this.#target) return;
    this.#target = target;
    if (target !== this.#current) this.#awaitKeyframe();
  }

  #awaitKeyframe(): void {
    this.published.requestKeyframe(this.#target!);
    this.#keyframeRetry ??= setInterval(() => {
      if (this.#target === undefined || this.#target === this.#current) this.#stopKeyframeRetry();
      else this.published.requestKeyframe(this.#target);
    }, KEYFRAME_RETRY_MS);
    this.#keyframeRetry.unref?.();
  }

  #stopKeyframeRetry(): void {
    clearInterval(this.#keyframeRetry);
    this.#keyframeRetry = undefined;
  }

  #onPacket(packet: RtpPacket, rid: string): void {
    // Someone else wrote to the output since this down track's last packet (a recorder's still picture or
    // silence): start again as after a switch, from this layer's next keyframe, right after what they wrote.
    if (rid === this.#current && this.#lastWritten && this.output.last !== this.#lastWritten) {
      this.#current = undefined;
      this.#target = rid;
      this.#lastWritten = undefined;
      this.#awaitKeyframe();
    }
    if (rid === this.#target && rid !== this.#current && (this.published.startsKeyframe(packet) || !this.published.switchable)) {
      this.#switchTo(packet, rid);
    }
    if (rid !== this.#current) return;
    // werift rewrites the packet it sends, and the publisher's header extension ids mean nothing downstream.
    const copy = packet.clone();
    copy.header.extension = false;
    copy.header.extensions = [];
    copy.header.sequenceNumber = (packet.header.sequenceNumber + this.#sequenceOffset) & 0xffff;
    copy.header.timestamp = (packet.header.timestamp + this.#timestampOffset) >>> 0;
    this.output.last = { sequenceNumber: copy.header.sequenceNumber, timestamp: copy.header.timestamp, atMs: Date.now() };
    this.#lastWritten = this.output.last;
    this.output.track.writeRtp(copy);
  }

  /** Starts forwarding another layer (or the same after a pause) right after what the subscriber last got. */
  #switchTo(packet: RtpPacket, rid: string): void {
    this.#current = rid;
    this.#stopKeyframeRetry();
    this.onForwarding?.();
    this.#continueAfter(packet);
  }

  /** Offsets that put `packet` right after the last one the output sent, whoever sent it. */
  #continueAfter(packet: RtpPacket): void {
    const last = this.output.last;
    if (!last) return;
    const elapsed = Math.max(1, Math.round((Date.now() - last.atMs) * CLOCK_PER_MS[this.published.kind]));
    this.#sequenceOffset = (last.sequenceNumber + 1 - packet.header.sequenceNumber + 0x10000) & 0xffff;
    this.#timestampOffset = (last.timestamp + elapsed - packet.header.timestamp + 0x100000000) >>> 0;
  }

  close(): void {
    this.#stopKeyframeRetry();
    this.#unsubscribe();
    this.#current = undefined;
    this.#target = undefined;
  }
}
