import { TrackInfo, TrackSource, TrackType, VideoQuality, type AddTrackRequest } from '@livekit/protocol';
import type { MediaStreamTrack, RTCRtpReceiver, RtpPacket } from 'werift';
import { newSid } from '../rooms.js';
import { findsKeyframes, isKeyframeStart } from './keyframes.js';

/** A layer is available while its packets keep coming; Chrome pauses the high layers when bandwidth is short. */
const LAYER_TIMEOUT_MS = 1000;
const AVAILABILITY_CHECK_MS = 500;

/** LiveKit's rids by quality; a track without simulcast has one layer, rid ''. */
const RID_BY_QUALITY: Record<number, string> = { [VideoQuality.LOW]: 'q', [VideoQuality.MEDIUM]: 'h', [VideoQuality.HIGH]: 'f' };

/** A down track as the published track sees it. */
export interface LayerSubscriber {
  onPacket(packet: RtpPacket, rid: string): void;
  /** The layers that arrive changed (one paused or came back). */
  onAvailabilityChange(): void;
  /** The best quality it wants, whatever arrives now; undefined for none (paused). */
  wantedQuality(): VideoQuality | undefined;
}

/** Dynacast: a layer nobody wants any more is paused this long after, in case someone wants it again. */
const LOWER_AFTER_MS = 2000;

interface Layer {
  readonly rid: string;
  readonly track: MediaStreamTrack;
  readonly receiver: RTCRtpReceiver;
  /** Learned from the layer's packets: simulcast layers have none before. */
  ssrc: number | undefined;
  lastPacketAtMs: number;
  keyframeWanted: boolean;
  /** Packets received and highest sequence seen since the last `takeLoss()`, for connection quality. */
  received: number;
  firstSeq: number | undefined;
  lastSeq: number | undefined;
}

/** What a subscriber may receive of a track: a simulcast layer (rid) with its size. */
export interface LayerChoice {
  rid: string;
  quality: VideoQuality;
  width: number;
  height: number;
}

/**
 * A track a participant publishes: its TrackInfo, and the RTP of every simulcast layer as it arrives, handed
 * to the subscribers' down tracks, each of which forwards the one layer that suits it.
 */
export class PublishedTrack {
  readonly info: TrackInfo;
  readonly #layers = new Map<string, Layer>();
  readonly #subscribers = new Set<LayerSubscriber>();
  /** The available rids when last checked, as JSON: a lone '' layer must differ from none. */
  #available = '[]';
  #availabilityTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** The negotiated codec, e.g. `video/VP8`, known once media arrives. */
  mimeType = '';
  /**
   * Simulcast video only (dynacast): told the best quality any subscriber wants, undefined when none, so the
   * publisher can pause the layers above it. A publisher starts sending every layer.
   */
  onWantedQualityChange: ((quality: VideoQuality | undefined) => void) | undefined;
  #toldQuality: VideoQuality | undefined = VideoQuality.HIGH;
  #lowerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Audio only: called with the audio level (0 loudest … 127 silence) of each packet that carries one. */
  onAudioLevel: ((level: number) => void) | undefined;
  /** The header extension id of the audio level on the publisher's connection. */
  audioLevelExtensionId: number | undefined;

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
    return this.#layers.size > 0;
  }

  /** A layer (or the only stream) of this track, with the codec negotiated for it, is to arrive from the publisher. */
  addLayer(track: MediaStreamTrack, receiver: RTCRtpReceiver, mimeType: string | undefined): void {
    const rid = track.rid ?? '';
    if (this.#layers.has(rid) || this.#closed) return;
    this.#learnCodec(mimeType);
    const layer: Layer = { rid, track, receiver, ssrc: track.ssrc || undefined, lastPacketAtMs: 0, keyframeWanted: false, received: 0, firstSeq: undefined, lastSeq: undefined };
    this.#layers.set(rid, layer);
    track.onReceiveRtp.subscribe((packet) => {
      if (this.#closed) return;
      layer.lastPacketAtMs = Date.now();
      layer.received++;
      layer.firstSeq ??= packet.header.sequenceNumber;
      layer.lastSeq = packet.header.sequenceNumber;
      if (layer.ssrc !== packet.header.ssrc) layer.ssrc = packet.header.ssrc;
      if (layer.keyframeWanted) this.requestKeyframe(rid);
      if (this.onAudioLevel && this.audioLevelExtensionId !== undefined) {
        const extension = packet.header.extensions.find((e) => e.id === this.audioLevelExtensionId);
        if (extension?.payload.length) this.onAudioLevel(extension.payload[0]! & 0x7f);
      }
      for (const subscriber of this.#subscribers) subscriber.onPacket(packet, rid);
    });
    this.#checkAvailability();
  }

  #learnCodec(mimeType: string | undefined): void {
    if (!mimeType || this.mimeType) return;
    this.mimeType = mimeType;
    this.info.mimeType = mimeType;
  }

  /**
   * The layers that can be forwarded now, lowest first: those whose packets keep arriving, with the size the
   * publisher announced for them.
   */
  availableLayers(): LayerChoice[] {
    const now = Date.now();
    const choices: LayerChoice[] = [];
    for (const layer of this.#layers.values()) {
      if (now - layer.lastPacketAtMs > LAYER_TIMEOUT_MS) continue;
      choices.push(this.#describe(layer.rid));
    }
    return choices.sort((a, b) => a.quality - b.quality);
  }

  /** Every layer the publisher announced, lowest first, whether it arrives now or not. */
  announcedLayers(): LayerChoice[] {
    return this.info.layers
      .map((layer) => ({ rid: this.info.simulcast ? (RID_BY_QUALITY[layer.quality] ?? '') : '', quality: layer.quality, width: layer.width, height: layer.height }))
      .sort((a, b) => a.quality - b.quality);
  }

  #describe(rid: string): LayerChoice {
    const announced = this.info.layers.find((l) => (RID_BY_QUALITY[l.quality] ?? '') === rid) ??
      (rid === '' ? this.info.layers.reduce<(typeof this.info.layers)[number] | undefined>((best, l) => (!best || l.quality > best.quality ? l : best), undefined) : undefined);
    const quality = announced?.quality ?? (rid === 'q' ? VideoQuality.LOW : rid === 'h' ? VideoQuality.MEDIUM : VideoQuality.HIGH);
    return { rid, quality, width: announced?.width ?? this.info.width, height: announced?.height ?? this.info.height };
  }

  /** Whether a packet of this track starts a frame a decoder can begin with (audio: every packet). */
  startsKeyframe(packet: RtpPacket): boolean {
    return this.kind === 'audio' || isKeyframeStart(this.mimeType, packet.payload);
  }

  /** Whether layers can be switched at keyframes for this codec; otherwise the first layer forwarded stays. */
  get switchable(): boolean {
    return this.kind === 'audio' || findsKeyframes(this.mimeType);
  }

  /** Hands every RTP packet of every layer to `subscriber` from now on; returns the function that stops it. */
  subscribe(subscriber: LayerSubscriber): () => void {
    this.#subscribers.add(subscriber);
    this.#availabilityTimer ??= setInterval(() => this.#checkAvailability(), AVAILABILITY_CHECK_MS);
    this.wantsChanged();
    return () => {
      this.#subscribers.delete(subscriber);
      if (!this.#subscribers.size) {
        clearInterval(this.#availabilityTimer);
        this.#availabilityTimer = undefined;
      }
      this.wantsChanged();
    };
  }

  /**
   * A subscriber wants another quality: the publisher hears of the best anyone wants. A raise is told at once
   * (someone is waiting for it); a fall only if it still holds a little later, so layers do not flap.
   */
  wantsChanged(): void {
    if (!this.info.simulcast || !this.onWantedQualityChange || this.#closed) return;
    const wanted = this.#bestWanted();
    if (wanted === this.#toldQuality) {
      clearTimeout(this.#lowerTimer);
      this.#lowerTimer = undefined;
      return;
    }
    const raise = wanted !== undefined && (this.#toldQuality === undefined || wanted > this.#toldQuality);
    if (raise) return this.#tellWanted(wanted);
    this.#lowerTimer ??= setTimeout(() => {
      this.#lowerTimer = undefined;
      if (!this.#closed) this.#tellWanted(this.#bestWanted());
    }, LOWER_AFTER_MS);
  }

  #bestWanted(): VideoQuality | undefined {
    let best: VideoQuality | undefined;
    for (const subscriber of this.#subscribers) {
      const quality = subscriber.wantedQuality();
      if (quality !== undefined && (best === undefined || quality > best)) best = quality;
    }
    return best;
  }

  #tellWanted(quality: VideoQuality | undefined): void {
    clearTimeout(this.#lowerTimer);
    this.#lowerTimer = undefined;
    if (quality === this.#toldQuality) return;
    this.#toldQuality = quality;
    this.onWantedQualityChange?.(quality);
  }

  #checkAvailability(): void {
    const available = JSON.stringify(this.availableLayers().map((l) => l.rid));
    if (available === this.#available) return;
    this.#available = available;
    for (const subscriber of this.#subscribers) subscriber.onAvailabilityChange();
  }

  /** Asks the publisher for a keyframe of a layer, as soon as its SSRC is known. */
  requestKeyframe(rid: string): void {
    const layer = this.#layers.get(rid);
    if (this.kind !== 'video' || !layer) return;
    if (layer.ssrc === undefined) {
      layer.keyframeWanted = true;
      return;
    }
    layer.keyframeWanted = false;
    void layer.receiver.sendRtcpPLI(layer.ssrc).catch(() => undefined);
  }

  /** Share of the packets lost since the last call, from sequence gaps (0 when nothing arrived). */
  takeLoss(): { received: number; lost: number } {
    let received = 0;
    let expected = 0;
    for (const layer of this.#layers.values()) {
      if (layer.firstSeq !== undefined && layer.lastSeq !== undefined) {
        expected += ((layer.lastSeq - layer.firstSeq + 0x10000) % 0x10000) + 1;
        received += layer.received;
      }
      layer.received = 0;
      layer.firstSeq = undefined;
      layer.lastSeq = undefined;
    }
    return { received, lost: Math.max(0, expected - received) };
  }

  close(): void {
    this.#closed = true;
    this.#subscribers.clear();
    clearInterval(this.#availabilityTimer);
    clearTimeout(this.#lowerTimer);
  }
}
