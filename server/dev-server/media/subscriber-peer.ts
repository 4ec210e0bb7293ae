import { MediaStreamTrack, type RTCDataChannel, type RTCRtpTransceiver } from 'werift';
import { DEPENDENCY_DESCRIPTOR, carries, extensionId, sendAsCarried } from './codecs.js';
import { DownTrack, type RtpOutput } from './down-track.js';
import { DataSender, type Downlink } from './downlink.js';
import { MediaPeer, keepInactiveSectionsBundled, type CandidateInit, type MediaNetwork } from './media-peer.js';
import type { PublishedTrack } from './published-track.js';

const ANSWER_TIMEOUT_MS = 10_000;

/** One sending transceiver and the down track using it, if any. */
interface Slot {
  readonly transceiver: RTCRtpTransceiver;
  readonly output: RtpOutput;
  down: DownTrack | undefined;
}

/**
 * The server's connection to one participant for what they receive. The server offers; offers are made one
 * at a time, and changes that come in meanwhile are folded into the next one.
 */
export class SubscriberPeer implements Downlink {
  readonly #peer: MediaPeer;
  readonly #sendOffer: (sdp: string) => void;
  readonly #slots: Slot[] = [];
  #negotiating = false;
  #again = false;
  #iceRestartWanted = false;
  readonly #sendCandidate: (candidate: CandidateInit) => void;
  #heldLocal: CandidateInit[] | undefined;
  /** The client's candidates wait while an offer is unanswered: after an ICE restart they only fit the answer. */
  #heldRemote: CandidateInit[] = [];
  #closed = false;
  #answerTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #onError: (message: string) => void;

  readonly #reliable: RTCDataChannel;
  readonly #lossy: RTCDataChannel;
  readonly #data: DataSender;

  /** Opens the connection with the data channels livekit-client receives data on, and offers it at once. */
  constructor(
    sendOffer: (sdp: string) => void,
    sendCandidate: (candidate: CandidateInit) => void,
    onError: (message: string) => void,
    network?: MediaNetwork,
  ) {
    // Candidates found while an offer is being made (an ICE restart makes new ones) go out after the offer.
    this.#peer = new MediaPeer((candidate) => {
      if (this.#heldLocal) this.#heldLocal.push(candidate);
      else sendCandidate(candidate);
    }, network);
    this.#sendCandidate = sendCandidate;
    this.#sendOffer = sendOffer;
    this.#onError = onError;
    this.#reliable = this.#peer.pc.createDataChannel('_reliable', { ordered: true });
    this.#lossy = this.#peer.pc.createDataChannel('_lossy', { ordered: false, maxRetransmits: 0 });
    this.#data = new DataSender(onError);
    this.#data.flushWhenOpen(this.#reliable);
    void this.negotiate();
  }

  /** Sends a data packet (see DataSender: reliable data waits for a channel still opening). */
  sendData(reliable: boolean, bytes: Uint8Array): void {
    this.#data.send(reliable ? this.#reliable : this.#lossy, reliable, bytes);
  }

  /** Starts sending `published` (owned by the participant with sid `ownerSid`); returns its down track. */
  add(published: PublishedTrack, ownerSid: string): DownTrack {
    const sid = published.info.sid;
    const existing = this.#slots.find((slot) => slot.down?.published === published);
    if (existing?.down) return existing.down;
    // A transceiver freed by an unsubscription is reused: werift cannot take one out of the session.
    let slot = this.#slots.find((candidate) => !candidate.down && candidate.transceiver.kind === published.kind);
    if (slot) {
      slot.transceiver.setDirection('sendonly');
    } else {
      const track = new MediaStreamTrack({ kind: published.kind });
      const transceiver = this.#peer.pc.addTransceiver(track, { direction: 'sendonly' });
      const output: RtpOutput = {
        track,
        accepts: (mimeType) => carries(transceiver, mimeType),
        dependencyDescriptorId: () => extensionId(transceiver, DEPENDENCY_DESCRIPTOR),
      };
      sendAsCarried(transceiver, output);
      const created: Slot = { transceiver, output, down: undefined };
      transceiver.sender.onPictureLossIndication.subscribe(() => created.down?.requestKeyframe());
      this.#slots.push(created);
      slot = created;
    }
    // livekit-client finds the publication from the stream id: "<participant sid>|<track sid>".
    slot.transceiver.sender.streamId = `${ownerSid}|${sid}`;
    slot.down = new DownTrack(published, slot.output);
    void this.negotiate();
    return slot.down;
  }

  /** The down track sending that track, if this participant receives it. */
  downTrack(trackSid: string): DownTrack | undefined {
    return this.#slots.find((slot) => slot.down?.published.info.sid === trackSid)?.down;
  }

  /** Stops sending a track and renegotiates, so the subscriber sees the track end; its transceiver waits for reuse. */
  remove(trackSid: string): void {
    const slot = this.#slots.find((candidate) => candidate.down?.published.info.sid === trackSid);
    if (!slot?.down) return;
    slot.down.close();
    slot.down = undefined;
    if (this.#closed) return;
    slot.transceiver.setDirection('inactive');
    void this.negotiate();
  }

  /** Offers the current set of tracks. Never rejects: a failure is logged and the next change tries again. */
  async negotiate({ iceRestart = false } = {}): Promise<void> {
    if (this.#closed) return;
    this.#iceRestartWanted ||= iceRestart;
    if (this.#negotiating) {
      this.#again = true;
      return;
    }
    this.#negotiating = true;
    this.#again = false;
    const restart = this.#iceRestartWanted;
    this.#iceRestartWanted = false;
    try {
      if (restart) this.#peer.pc.restartIce();
      this.#heldLocal = [];
      const sdp = keepInactiveSectionsBundled(await this.#peer.offer());
      this.#sendOffer(sdp);
      this.#peer.descriptionSent();
      this.#releaseLocalCandidates();
      // A client whose side of the negotiation failed never answers: do not wait for it forever.
      this.#answerTimer = setTimeout(() => this.#settle(), ANSWER_TIMEOUT_MS);
    } catch (error) {
      this.#releaseLocalCandidates();
      this.#onError(`offer failed: ${(error as Error).message}`);
      this.#settle();
    }
  }

  async accept(answerSdp: string): Promise<void> {
    if (this.#closed || !this.#negotiating) return;
    try {
      await this.#peer.accept(answerSdp);
      // The answer says which codecs the subscriber decodes: one that cannot take a track's codec gets its backup.
      for (const slot of this.#slots) slot.down?.codecsChanged();
    } catch (error) {
      this.#onError(`answer refused: ${(error as Error).message}`);
    }
    this.#settle();
  }

  #releaseLocalCandidates(): void {
    const held = this.#heldLocal ?? [];
    this.#heldLocal = undefined;
    for (const candidate of held) this.#sendCandidate(candidate);
  }

  #settle(): void {
    clearTimeout(this.#answerTimer);
    this.#negotiating = false;
    const held = this.#heldRemote.splice(0);
    for (const candidate of held) void this.#peer.addCandidate(candidate).catch((error: Error) => this.#onError(`candidate refused: ${error.message}`));
    if (this.#again) void this.negotiate();
  }

  addCandidate(candidate: CandidateInit): Promise<void> {
    if (this.#negotiating) {
      this.#heldRemote.push(candidate);
      return Promise.resolve();
    }
    return this.#peer.addCandidate(candidate);
  }

  close(): void {
    this.#closed = true;
    this.#data.close();
    clearTimeout(this.#answerTimer);
    for (const slot of this.#slots) slot.down?.close();
    this.#peer.close();
  }
}
