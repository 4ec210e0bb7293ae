import { TrackInfo, TrackSource, TrackType, type AddTrackRequest } from '@livekit/protocol';
import type { MediaStreamTrack, RTCRtpReceiver, RtpPacket } from 'werift';
import { newSid } from '../rooms.js';

type RtpListener = (packet: RtpPacket) => void;

/**
 * A track a participant publishes: its TrackInfo, and the RTP of one chosen simulcast layer fanned out to
 * every subscriber. Layers are fixed per track for now (the middle one when there are three).
 */
export class PublishedTrack {
  readonly info: TrackInfo;
  readonly #layers = new Map<string, { track: MediaStreamTrack; receiver: RTCRtpReceiver }>();
  readonly #listeners = new Set<RtpListener>();
  #forwarded: string | undefined;
  /** The forwarded layer's SSRC, learned from its packets (simulcast layers have none before). */
  #ssrc: number | undefined;
  #keyframeWanted = false;

  constructor(
    readonly cid: string,
    request: AddTrackRequest,
  ) {
    this.info = new TrackInfo({
      sid: newSid('TR'),
      type: request.type,
      name: request.name,
      source: request.source === TrackSource.UNKNOWN && request.type === TrackType.AUDIO ? TrackSource.MICROPHONE : request.source,
      muted: request.muted,
      width: request.width,
      height: request.height,
      simulcast: request.layers.length > 1,
      layers: request.layers,
      disableDtx: request.disableDtx,
      stereo: request.stereo,
      stream: request.stream,
    });
  }

  get kind(): 'audio' | 'video' {
    return this.info.type === TrackType.AUDIO ? 'audio' : 'video';
  }

  get receiving(): boolean {
    return this.#forwarded !== undefined;
  }

  /** A layer (or the only stream) of this track started arriving from the publisher. */
  addLayer(track: MediaStreamTrack, receiver: RTCRtpReceiver): void {
    const rid = track.rid ?? '';
    this.#layers.set(rid, { track, receiver });
    const preferred = ['h', 'q', 'f', ''].find((r) => this.#layers.has(r));
    if (preferred === undefined || preferred === this.#forwarded) return;
    // Switch only to a better-suited layer, and ask it for a keyframe so subscribers can decode at once.
    this.#forwarded = preferred;
    const layer = this.#layers.get(preferred)!;
    this.#ssrc = layer.track.ssrc;
    layer.track.onReceiveRtp.subscribe((packet) => {
      if (this.#forwarded !== preferred) return;
      if (this.#ssrc !== packet.header.ssrc) {
        this.#ssrc = packet.header.ssrc;
        if (this.#keyframeWanted) this.requestKeyframe();
      }
      for (const listener of this.#listeners) listener(packet);
    });
    this.requestKeyframe();
  }

  /** Receives every RTP packet forwarded from now on; returns the function that stops it. */
  subscribe(listener: RtpListener): () => void {
    this.#listeners.add(listener);
    this.requestKeyframe();
    return () => this.#listeners.delete(listener);
  }

  /** Asks the publisher for a keyframe of the forwarded layer, as soon as its SSRC is known. */
  requestKeyframe(): void {
    if (this.kind !== 'video' || this.#forwarded === undefined) return;
    const layer = this.#layers.get(this.#forwarded)!;
    if (this.#ssrc === undefined) {
      this.#keyframeWanted = true;
      return;
    }
    this.#keyframeWanted = false;
    void layer.receiver.sendRtcpPLI(this.#ssrc).catch(() => undefined);
  }

  close(): void {
    this.#listeners.clear();
    this.#forwarded = undefined;
  }
}
