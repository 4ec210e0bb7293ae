import { MediaStreamTrack, type RTCDataChannel, type RtpPacket } from 'werift';
import { LoopbackPeer, type CandidateInit, type MediaNetwork } from './loopback-peer.js';
import type { PublishedTrack } from './published-track.js';

const ANSWER_TIMEOUT_MS = 10_000;

/**
 * The server's connection to one participant for what they receive. The server offers; offers are made one
 * at a time, and changes that come in meanwhile are folded into the next one.
 */
export class SubscriberPeer {
  readonly #peer: LoopbackPeer;
  readonly #sendOffer: (sdp: string) => void;
  readonly #forwarding = new Map<string, () => void>();
  #negotiating = false;
  #again = false;
  #closed = false;
  #answerTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #onError: (message: string) => void;

  readonly #reliable: RTCDataChannel;
  readonly #lossy: RTCDataChannel;

  /** Opens the connection with the data channels livekit-client receives data on, and offers it at once. */
  constructor(
    sendOffer: (sdp: string) => void,
    sendCandidate: (candidate: CandidateInit) => void,
    onError: (message: string) => void,
    network?: MediaNetwork,
  ) {
    this.#peer = new LoopbackPeer(sendCandidate, network);
    this.#sendOffer = sendOffer;
    this.#onError = onError;
    this.#reliable = this.#peer.pc.createDataChannel('_reliable', { ordered: true });
    this.#lossy = this.#peer.pc.createDataChannel('_lossy', { ordered: false, maxRetransmits: 0 });
    void this.negotiate();
  }

  /** Sends a data packet; dropped when the channel is not open (lossy data may be lost by design). */
  sendData(reliable: boolean, bytes: Uint8Array): void {
    const channel = reliable ? this.#reliable : this.#lossy;
    if (channel.readyState !== 'open') return;
    try {
      channel.send(Buffer.from(bytes));
    } catch (error) {
      // Larger than this client accepts (its max-message-size), say: its loss, nobody else's.
      this.#onError(`data not delivered: ${(error as Error).message}`);
    }
  }

  /** Starts sending `published` (owned by the participant with sid `ownerSid`) to this participant. */
  add(published: PublishedTrack, ownerSid: string): void {
    const sid = published.info.sid;
    if (this.#forwarding.has(sid)) return;
    const local = new MediaStreamTrack({ kind: published.kind });
    const transceiver = this.#peer.pc.addTransceiver(local, { direction: 'sendonly' });
    // livekit-client finds the publication from the stream id: "<participant sid>|<track sid>".
    transceiver.sender.streamId = `${ownerSid}|${sid}`;
    transceiver.sender.onPictureLossIndication.subscribe(() => published.requestKeyframe());
    const stop = published.subscribe((packet: RtpPacket) => {
      // Each subscriber gets its own copy: werift rewrites the packet it sends, and the publisher's header
      // extension ids mean nothing on this connection.
      const copy = packet.clone();
      copy.header.extension = false;
      copy.header.extensions = [];
      local.writeRtp(copy);
    });
    this.#forwarding.set(sid, stop);
    void this.negotiate();
  }

  /** Stops sending a track (its transceiver stays, idle: werift cannot renegotiate a removal cleanly). */
  remove(trackSid: string): void {
    this.#forwarding.get(trackSid)?.();
    this.#forwarding.delete(trackSid);
  }

  /** Offers the current set of tracks. Never rejects: a failure is logged and the next change tries again. */
  async negotiate(): Promise<void> {
    if (this.#closed) return;
    if (this.#negotiating) {
      this.#again = true;
      return;
    }
    this.#negotiating = true;
    this.#again = false;
    try {
      const sdp = await this.#peer.offer();
      this.#sendOffer(sdp);
      this.#peer.descriptionSent();
      // A client whose side of the negotiation failed never answers: do not wait for it forever.
      this.#answerTimer = setTimeout(() => this.#settle(), ANSWER_TIMEOUT_MS);
    } catch (error) {
      this.#onError(`offer failed: ${(error as Error).message}`);
      this.#settle();
    }
  }

  async accept(answerSdp: string): Promise<void> {
    if (this.#closed || !this.#negotiating) return;
    try {
      await this.#peer.accept(answerSdp);
    } catch (error) {
      this.#onError(`answer refused: ${(error as Error).message}`);
    }
    this.#settle();
  }

  #settle(): void {
    clearTimeout(this.#answerTimer);
    this.#negotiating = false;
    if (this.#again) void this.negotiate();
  }

  addCandidate(candidate: CandidateInit): Promise<void> {
    return this.#peer.addCandidate(candidate);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#answerTimer);
    for (const stop of this.#forwarding.values()) stop();
    this.#forwarding.clear();
    this.#peer.close();
  }
}
