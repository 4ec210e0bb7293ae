import {
  BackupCodecPolicy,
  SimulcastCodecInfo,
  TrackInfo,
  TrackSource,
  TrackType,
  VideoLayer,
  VideoLayer_Mode,
  VideoQuality,
  type AddTrackRequest,
} from '@livekit/protocol';
import type { MediaStreamTrack, RTCRtpCodecParameters, RTCRtpReceiver, RTCRtpTransceiver, RtpPacket } from 'werift';
import { newSid } from '../sid.js';
import { DEPENDENCY_DESCRIPTOR, extensionId, sameMimeType, videoMimeType } from './codecs.js';
import { WantedQualityTeller, type WantedQualities } from './dynacast.js';
import { findsKeyframes, isKeyframeStart } from './keyframes.js';

/** A layer is available while its packets keep coming; Chrome pauses the high layers when bandwidth is short. */
const LAYER_TIMEOUT_MS = 1000;
const AVAILABILITY_CHECK_MS = 500;

/** LiveKit's rids by quality; a track without simulcast has one layer, rid ''. */
const RID_BY_QUALITY: Record<number, string> = { [VideoQuality.LOW]: 'q', [VideoQuality.MEDIUM]: 'h', [VideoQuality.HIGH]: 'f' };

/** Codecs whose one stream carries every spatial layer (SVC), as livekit-client publishes them. */
const SVC_CODEC = /^video\/(vp9|av1)$/i;

/** What a subscriber wants of a track: the codec it receives and the best quality of it. */
export interface Wanted {
  mimeType: string;
  quality: VideoQuality;
}

/** A down track as the published track sees it. */
export interface LayerSubscriber {
  onPacket(packet: RtpPacket, key: string): void;
  /** The layers that arrive changed (one paused or came back, a backup codec began). */
  onAvailabilityChange(): void;
  /** What it wants, whatever arrives now; undefined for nothing (paused). */
  wanted(): Wanted | undefined;
}

/** One stream as it arrives: a simulcast layer, or the only stream, of one of the track's codecs. */
interface Layer {
  readonly key: string;
  readonly rid: string;
  /** Which of the track's codecs (TrackInfo.codecs) this stream belongs to: 0 the primary, 1 the backup. */
  readonly codecIndex: number;
  readonly receiver: RTCRtpReceiver;
  /** The id of the dependency descriptor extension on the publisher's connection, if negotiated. */
  readonly dependencyDescriptorId: number | undefined;
  /** Learned from the payload type of the first packet. */
  codec: RTCRtpCodecParameters | undefined;
  /** Learned from the layer's packets: simulcast layers have none before. */
  ssrc: number | undefined;
  lastPacketAtMs: number;
  keyframeWanted: boolean;
  /** Packets received and highest sequence seen since the last `takeLoss()`, for connection quality. */
  received: number;
  firstSeq: number | undefined;
  lastSeq: number | undefined;
}

/** What a subscriber may receive of a track: a layer of one codec, with its size. */
export interface LayerChoice {
  key: string;
  mimeType: string;
  quality: VideoQuality;
  width: number;
  height: number;
}

function layersOf(request: { layers: VideoLayer[] }): VideoLayer[] {
  return request.layers.map((layer) => new VideoLayer(layer)).sort((a, b) => a.quality - b.quality);
}

/** TrackInfo.codecs as livekit-server fills them: a codec the server does not forward becomes VP8. */
function codecInfos(request: AddTrackRequest): SimulcastCodecInfo[] {
  if (request.type !== TrackType.VIDEO) return [];
  const infos: SimulcastCodecInfo[] = [];
  for (const codec of request.simulcastCodecs) {
    const mimeType = videoMimeType(codec.codec) ?? 'video/VP8';
    if (infos.some((info) => info.mimeType === mimeType)) continue;
    const svc = SVC_CODEC.test(mimeType);
    infos.push(
      new SimulcastCodecInfo({
        mimeType,
        cid: codec.cid,
        layers: layersOf(codec.layers.length ? codec : request),
        videoLayerMode: svc ? VideoLayer_Mode.MULTIPLE_SPATIAL_LAYERS_PER_STREAM : VideoLayer_Mode.ONE_SPATIAL_LAYER_PER_STREAM,
      }),
    );
  }
  return infos;
}

/**
 * A track a participant publishes: its TrackInfo, and the RTP of every layer of each of its codecs as it arrives,
 * handed to the subscribers' down tracks, each of which forwards the one layer that suits it. A track may come
 * in two codecs (a backup, livekit-client's `backupCodec`): it is still one track, and each subscriber gets the
 * primary codec unless it cannot decode it; under a policy other than SIMULCAST, once the backup arrives everyone
 * gets the backup and the primary pauses, as livekit-server regresses.
 */
export class PublishedTrack {
  readonly info: TrackInfo;
  readonly #layers = new Map<string, Layer>();
  readonly #subscribers = new Set<LayerSubscriber>();
  /** The available layer keys when last checked, as JSON. */
  #available = '[]';
  #availabilityTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  #regressed = false;
  /** Told what the subscribers want of each codec (video with simulcast or a backup codec). */
  onWantedQualityChange: ((wanted: WantedQualities) => void) | undefined;
  #teller: WantedQualityTeller | undefined;
  /** Audio only: called with the audio level (0 loudest … 127 silence) of each packet that carries one. */
  onAudioLevel: ((level: number) => void) | undefined;
  /** The header extension id of the audio level on the publisher's connection. */
  audioLevelExtensionId: number | undefined;

  constructor(
    readonly cid: string,
    request: AddTrackRequest,
  ) {
    const codecs = codecInfos(request);
    const primarySvc = !!codecs[0] && SVC_CODEC.test(codecs[0].mimeType);
    this.info = new TrackInfo({
      sid: newSid('TR'),
      type: request.type,
      name: request.name,
      source: request.source === TrackSource.UNKNOWN && request.type === TrackType.AUDIO ? TrackSource.MICROPHONE : request.source,
      muted: request.muted,
      width: request.width,
      height: request.height,
      simulcast: !primarySvc && request.layers.length > 1,
      layers: layersOf(request),
      codecs,
      disableDtx: request.disableDtx,
      stereo: request.stereo,
      stream: request.stream,
      backupCodecPolicy: request.backupCodecPolicy,
    });
  }

  get kind(): 'audio' | 'video' {
    return this.info.type === TrackType.AUDIO ? 'audio' : 'video';
  }

  /** The primary codec, e.g. `video/VP8`, known once its section is negotiated. */
  get mimeType(): string {
    return this.info.mimeType;
  }

  get receiving(): boolean {
    return this.#layers.size > 0;
  }

  /** Whether media the client sends with this track id (its msid) belongs to this track, in any codec. */
  hasCid(trackId: string): boolean {
    return trackId === this.cid || this.info.codecs.some((codec) => codec.cid === trackId);
  }

  /**
   * livekit-client publishes a backup codec of this track (an AddTrackRequest naming its sid) when asked for it:
   * the same track, a second codec. False when the track has no such codec to back it up.
   */
  addBackup(request: AddTrackRequest): boolean {
    const [requested] = request.simulcastCodecs;
    const mimeType = requested && videoMimeType(requested.codec);
    const backup = this.info.codecs.find((codec, index) => index > 0 && mimeType && sameMimeType(codec.mimeType, mimeType));
    if (!backup || !requested) return false;
    backup.cid = requested.cid || request.cid;
    if (request.layers.length) backup.layers = layersOf(request);
    return true;
  }

  /**
   * A layer (or the only stream) arrives on a section the client sends with track id `sectionTrackId`; the
   * codec is learned from its packets.
   */
  addLayer(track: MediaStreamTrack, transceiver: RTCRtpTransceiver, sectionTrackId: string | undefined): void {
    const rid = track.rid ?? '';
    const codecIndex = Math.max(0, this.info.codecs.findIndex((codec) => !!codec.cid && codec.cid === sectionTrackId));
    const key = `${codecIndex}/${rid}`;
    if (this.#layers.has(key) || this.#closed) return;
    if (this.info.codecs[codecIndex]) this.info.codecs[codecIndex]!.mid = transceiver.mid ?? '';
    // What the client announced, which the answer puts first; its packets confirm it.
    if (codecIndex === 0 && !this.info.mimeType) this.info.mimeType = this.info.codecs[0]?.mimeType ?? transceiver.codecs[0]?.mimeType ?? '';
    const layer: Layer = {
      key,
      rid,
      codecIndex,
      receiver: transceiver.receiver,
      dependencyDescriptorId: extensionId(transceiver, DEPENDENCY_DESCRIPTOR),
      codec: undefined,
      ssrc: track.ssrc || undefined,
      lastPacketAtMs: 0,
      keyframeWanted: false,
      received: 0,
      firstSeq: undefined,
      lastSeq: undefined,
    };
    this.#layers.set(key, layer);
    track.onReceiveRtp.subscribe((packet) => {
      if (this.#closed) return;
      if (!layer.codec) this.#learnCodec(layer, transceiver.codecs.find((codec) => codec.payloadType === packet.header.payloadType) ?? transceiver.codecs[0]);
      layer.lastPacketAtMs = Date.now();
      layer.received++;
      layer.firstSeq ??= packet.header.sequenceNumber;
      layer.lastSeq = packet.header.sequenceNumber;
      if (layer.ssrc !== packet.header.ssrc) layer.ssrc = packet.header.ssrc;
      if (layer.keyframeWanted) this.requestKeyframe(key);
      if (this.onAudioLevel && this.audioLevelExtensionId !== undefined) {
        const extension = packet.header.extensions.find((e) => e.id === this.audioLevelExtensionId);
        if (extension?.payload.length) this.onAudioLevel(extension.payload[0]! & 0x7f);
      }
      for (const subscriber of this.#subscribers) subscriber.onPacket(packet, key);
    });
  }

  #learnCodec(layer: Layer, codec: RTCRtpCodecParameters | undefined): void {
    if (!codec) return;
    layer.codec = codec;
    if (layer.codecIndex === 0) {
      this.info.mimeType = codec.mimeType;
      // The client sends in another codec than it announced (one the answer did not put first): believe the media.
      const [announced, ...others] = this.info.codecs;
      if (announced && !sameMimeType(announced.mimeType, codec.mimeType)) {
        announced.mimeType = codec.mimeType;
        this.info.codecs = [announced, ...others.filter((other) => !sameMimeType(other.mimeType, codec.mimeType))];
      }
    }
    if (layer.codecIndex > 0 && !this.#regressed && this.info.backupCodecPolicy !== BackupCodecPolicy.SIMULCAST) {
      this.#regressed = true;
      this.wantsChanged();
    }
    this.#checkAvailability();
  }

  /** The codec the client is to send in on a section it sends with track id `trackId` (its msid). */
  codecSentAs(trackId: string): string | undefined {
    return (this.info.codecs.find((codec) => !!codec.cid && codec.cid === trackId) ?? this.info.codecs[0])?.mimeType;
  }

  /** The track's codecs, primary first: as announced, or as learned from the media. */
  get codecs(): string[] {
    if (this.info.codecs.length) return this.info.codecs.map((codec) => codec.mimeType);
    return this.info.mimeType ? [this.info.mimeType] : [];
  }

  /**
   * The codec a subscriber that can decode what `accepts` allows is to receive: the backup once the track has
   * regressed to it, else the primary if it can, else the backup. Undefined while nothing is known (any layer).
   */
  codecFor(accepts: (mimeType: string) => boolean): string | undefined {
    const [primary, backup] = this.codecs;
    if (backup && this.#regressed && accepts(backup)) return backup;
    if (!primary || accepts(primary) || !backup) return primary;
    return backup;
  }

  /** The layers that can be forwarded now, lowest first: those whose packets keep arriving, with their sizes. */
  availableLayers(): LayerChoice[] {
    const now = Date.now();
    const choices: LayerChoice[] = [];
    for (const layer of this.#layers.values()) {
      if (!layer.codec || now - layer.lastPacketAtMs > LAYER_TIMEOUT_MS) continue;
      choices.push(this.#describe(layer, layer.codec.mimeType));
    }
    return choices.sort((a, b) => a.quality - b.quality);
  }

  /** Every layer the publisher announced for a codec, lowest first, whether it arrives now or not. */
  announcedLayers(mimeType: string): LayerChoice[] {
    const codec = this.info.codecs.find((candidate) => sameMimeType(candidate.mimeType, mimeType));
    const layers = codec?.layers.length ? codec.layers : this.info.layers;
    return layers.map((layer) => ({ key: '', mimeType, quality: layer.quality, width: layer.width, height: layer.height })).sort((a, b) => a.quality - b.quality);
  }

  #describe(layer: Layer, mimeType: string): LayerChoice {
    const codec = this.info.codecs[layer.codecIndex];
    const layers = codec?.layers.length ? codec.layers : this.info.layers;
    // One stream carries them all (no simulcast, or SVC): it is the size of the best.
    const announced = layer.rid === '' ? layers.at(-1) : layers.find((l) => RID_BY_QUALITY[l.quality] === layer.rid);
    const quality = announced?.quality ?? (layer.rid === 'q' ? VideoQuality.LOW : layer.rid === 'h' ? VideoQuality.MEDIUM : VideoQuality.HIGH);
    return { key: layer.key, mimeType, quality, width: announced?.width ?? this.info.width, height: announced?.height ?? this.info.height };
  }

  /** The codec a layer arrives in. */
  codecOf(key: string): RTCRtpCodecParameters | undefined {
    return this.#layers.get(key)?.codec;
  }

  /**
   * The dependency descriptor an AV1 packet carries, to forward with it: AV1 has no payload descriptor of its own,
   * so a receiver cannot put its layered frames together without it. Other codecs' descriptors are not forwarded:
   * their frame numbers run per simulcast layer, and a subscriber switched to another layer would find them broken.
   */
  dependencyDescriptor(packet: RtpPacket, key: string): Buffer | undefined {
    const layer = this.#layers.get(key);
    const id = layer?.dependencyDescriptorId;
    if (id === undefined || !layer?.codec || !sameMimeType(layer.codec.mimeType, 'video/AV1')) return undefined;
    return packet.header.extensions.find((extension) => extension.id === id)?.payload;
  }

  /** Whether a packet of a layer starts a frame a decoder can begin with (audio: every packet). */
  startsKeyframe(packet: RtpPacket, key: string): boolean {
    return this.kind === 'audio' || isKeyframeStart(this.codecOf(key)?.mimeType ?? '', packet.payload);
  }

  /** Whether a down track can start or switch at a keyframe of this layer; otherwise the first layer stays. */
  switchable(key: string): boolean {
    return this.kind === 'audio' || findsKeyframes(this.codecOf(key)?.mimeType ?? '');
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

  /** A subscriber wants another quality or codec: the publisher hears of the best anyone wants of each. */
  wantsChanged(): void {
    if (this.kind !== 'video' || !this.onWantedQualityChange || this.#closed) return;
    if (!this.info.simulcast && this.info.codecs.length < 2) return;
    this.#teller ??= new WantedQualityTeller(new Map(this.codecs.slice(0, 1).map((codec) => [codec, VideoQuality.HIGH])), (wanted) =>
      this.onWantedQualityChange?.(wanted),
    );
    const wanted = new Map<string, VideoQuality>();
    for (const subscriber of this.#subscribers) {
      const want = subscriber.wanted();
      if (!want) continue;
      const codec = this.codecs.find((candidate) => sameMimeType(candidate, want.mimeType)) ?? want.mimeType;
      wanted.set(codec, Math.max(wanted.get(codec) ?? want.quality, want.quality));
    }
    this.#teller.update(wanted);
  }

  #checkAvailability(): void {
    const available = JSON.stringify(this.availableLayers().map((l) => l.key));
    if (available === this.#available) return;
    this.#available = available;
    for (const subscriber of this.#subscribers) subscriber.onAvailabilityChange();
  }

  /** Asks the publisher for a keyframe of a layer, as soon as its SSRC is known. */
  requestKeyframe(key: string): void {
    const layer = this.#layers.get(key);
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
    this.#teller?.close();
  }
}
