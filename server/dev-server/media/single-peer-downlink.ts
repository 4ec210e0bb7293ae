import { MediaStreamTrack, PictureLossIndication, RtcpPayloadSpecificFeedback, type RTCDataChannel, type RTCDtlsTransport, type RTCRtpTransceiver, type RtcpPacket } from 'werift';
import { DEPENDENCY_DESCRIPTOR, carries, extensionId, sendAsCarried } from './codecs.js';
import { DownTrack, type RtpOutput } from './down-track.js';
import { DataSender, type Downlink } from './downlink.js';
import type { MediaPeer } from './media-peer.js';
import type { PublishedTrack } from './published-track.js';

/** A section the client offered to receive on, and what the server sends there. */
interface Slot {
  readonly transceiver: RTCRtpTransceiver;
  readonly output: RtpOutput & { track: MediaStreamTrack };
  down: DownTrack | undefined;
  /** The stream id `<participant sid>|<track sid>` livekit-client reads to find the publication. */
  streamId: string;
}

/** A down track waiting for a section of its kind in the client's next offer. */
interface Waiting {
  readonly down: DownTrack;
  readonly output: RtpOutput & { track: MediaStreamTrack };
  readonly streamId: string;
  readonly kind: 'audio' | 'video';
}

/**
 * What a participant receives on the one connection of `/rtc/v1`, where the client always offers. The client
 * offers receive-only sections (three audio and three video at first); the server sends a track on one of them
 * by answering the client's next offer with that section sending, and asks for that offer, or for more
 * sections when none is free, with a `mediaSectionsRequirement`. A track that stops leaves its section
 * inactive, for the next one of its kind. Data goes both ways on the channels the client opened.
 */
export class SinglePeerDownlink implements Downlink {
  readonly #peer: MediaPeer;
  /** Asks the client for an offer with `audio` and `video` more receive-only sections (0 and 0: an offer). */
  readonly #requestOffer: (audio: number, video: number) => void;
  readonly #slots: Slot[] = [];
  readonly #waiting: Waiting[] = [];
  readonly #channels = new Map<string, RTCDataChannel>();
  readonly #data: DataSender;
  readonly #listening = new WeakSet<RTCDtlsTransport>();
  #offerRequested = false;
  /** An offer is on its way anyway (the join's): asking for one, or for sections, waits for its answer. */
  #expecting = false;
  #closed = false;

  constructor(peer: MediaPeer, requestOffer: (audio: number, video: number) => void, onError: (message: string) => void) {
    this.#peer = peer;
    this.#requestOffer = requestOffer;
    this.#data = new DataSender(onError);
  }

  /** Says an offer is coming without being asked (with the join): what is added meanwhile goes into its answer. */
  expectOffer(): void {
    this.#expecting = true;
  }

  /** A data channel the client opened on the connection: the server sends its data on it too. */
  adoptChannel(channel: RTCDataChannel): void {
    this.#channels.set(channel.label, channel);
    if (channel.label === '_reliable') this.#data.flushWhenOpen(channel);
  }

  sendData(reliable: boolean, bytes: Uint8Array): void {
    this.#data.send(this.#channels.get(reliable ? '_reliable' : '_lossy'), reliable, bytes);
  }

  add(published: PublishedTrack, ownerSid: string): DownTrack {
    const existing = this.downTrack(published.info.sid);
    if (existing) return existing;
    const streamId = `${ownerSid}|${published.info.sid}`;
    const free = this.#slots.find((slot) => !slot.down && slot.transceiver.kind === published.kind);
    if (free) {
      free.down = new DownTrack(published, free.output);
      free.streamId = streamId;
      this.#askForOffer(0, 0);
      return free.down;
    }
    const output = { track: new MediaStreamTrack({ kind: published.kind }) };
    const down = new DownTrack(published, output);
    this.#waiting.push({ down, output, streamId, kind: published.kind });
    const unused = this.#unusedReceiveSections(published.kind);
    // Sections the client offered that are not slots yet take it in the next answer; else the client adds one.
    if (unused > 0) this.#askForOffer(0, 0);
    else this.#askForOffer(published.kind === 'audio' ? 1 : 0, published.kind === 'video' ? 1 : 0);
    return down;
  }

  downTrack(trackSid: string): DownTrack | undefined {
    return (
      this.#slots.find((slot) => slot.down?.published.info.sid === trackSid)?.down ??
      this.#waiting.find((waiting) => waiting.down.published.info.sid === trackSid)?.down
    );
  }

  remove(trackSid: string): void {
    const waiting = this.#waiting.findIndex((entry) => entry.down.published.info.sid === trackSid);
    if (waiting >= 0) {
      this.#waiting.splice(waiting, 1)[0]!.down.close();
      return;
    }
    const slot = this.#slots.find((candidate) => candidate.down?.published.info.sid === trackSid);
    if (!slot?.down) return;
    slot.down.close();
    slot.down = undefined;
    if (!this.#closed) this.#askForOffer(0, 0);
  }

  /**
   * Called with the client's offer set and the answer not yet made: each section the client offered to receive
   * on is sending what it should (a waiting track takes a free one of its kind) or is inactive.
   */
  prepareAnswer(): void {
    this.#offerRequested = false;
    this.#expecting = false;
    // werift keeps the offer's direction from its own side: `sendonly` where the client offered to receive.
    for (const transceiver of this.#peer.pc.getTransceivers()) {
      if (transceiver.offerDirection !== 'sendonly' || this.#slots.some((slot) => slot.transceiver === transceiver)) continue;
      const index = this.#waiting.findIndex((entry) => entry.kind === transceiver.kind);
      if (index < 0) {
        transceiver.setDirection('inactive');
        continue;
      }
      const { down, output, streamId } = this.#waiting.splice(index, 1)[0]!;
      const slot: Slot = { transceiver, output, down, streamId };
      output.accepts = (mimeType) => carries(transceiver, mimeType);
      output.dependencyDescriptorId = () => extensionId(transceiver, DEPENDENCY_DESCRIPTOR);
      sendAsCarried(transceiver, output);
      transceiver.sender.registerTrack(output.track);
      this.#listenForPictureLoss(transceiver.dtlsTransport);
      this.#slots.push(slot);
    }
    for (const slot of this.#slots) {
      slot.transceiver.setDirection(slot.down ? 'sendonly' : 'inactive');
      slot.transceiver.sender.streamId = slot.streamId;
      // The offer says which codecs the client decodes on this section.
      slot.down?.codecsChanged();
    }
    // More waiting than the offer had room for: the client adds sections and offers again.
    const audio = this.#waiting.filter((entry) => entry.kind === 'audio').length;
    const video = this.#waiting.filter((entry) => entry.kind === 'video').length;
    if (audio || video) queueMicrotask(() => this.#askForOffer(audio, video));
  }

  /**
   * A subscriber that lost the picture sends a PLI from the SSRC of its own camera, which on this one connection
   * is also a track the server receives; werift then hands the PLI to that receiver, not to the sender it is
   * about. Read PLIs off the transport and find the sender by the SSRC they name.
   */
  #listenForPictureLoss(transport: RTCDtlsTransport | undefined): void {
    if (!transport || this.#listening.has(transport)) return;
    this.#listening.add(transport);
    transport.onRtcp.subscribe((packet: RtcpPacket) => {
      if (!(packet instanceof RtcpPayloadSpecificFeedback) || packet.feedback.count !== PictureLossIndication.count) return;
      const { mediaSsrc } = packet.feedback as PictureLossIndication;
      this.#slots.find((slot) => slot.transceiver.sender.ssrc === mediaSsrc)?.down?.requestKeyframe();
    });
  }

  /** Which section carries which track, as the answer's `midToTrackId` tells livekit-client. */
  midToTrackId(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const slot of this.#slots) if (slot.down && slot.transceiver.mid) map[slot.transceiver.mid] = slot.down.published.info.sid;
    return map;
  }

  /** Receive-only sections of `kind` the client offered that carry nothing yet and are not slots. */
  #unusedReceiveSections(kind: 'audio' | 'video'): number {
    return this.#peer.pc
      .getTransceivers()
      .filter((t) => t.kind === kind && t.offerDirection === 'sendonly' && !this.#slots.some((slot) => slot.transceiver === t)).length;
  }

  #askForOffer(audio: number, video: number): void {
    if (this.#closed || this.#expecting || (this.#offerRequested && !audio && !video)) return;
    this.#offerRequested = true;
    this.#requestOffer(audio, video);
  }

  close(): void {
    this.#closed = true;
    this.#data.close();
    for (const slot of this.#slots) slot.down?.close();
    for (const waiting of this.#waiting) waiting.down.close();
    this.#waiting.splice(0);
  }
}
