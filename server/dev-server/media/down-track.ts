import { VideoQuality } from '@livekit/protocol';
import type { MediaStreamTrack, RtpPacket } from 'werift';
import { sameMimeType, type CodecCarrier } from './codecs.js';
import type { LayerChoice, PublishedTrack, Wanted } from './published-track.js';

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
export function chooseLayer<T extends Pick<LayerChoice, 'quality' | 'width' | 'height'>>(available: readonly T[], settings: TrackSettings): T | undefined {
  if (settings.disabled || !available.length) return undefined;
  const wanted = Math.max(settings.width, settings.height);
  if (wanted > 0) return available.find((layer) => Math.max(layer.width, layer.height) >= wanted) ?? available.at(-1);
  return available.filter((layer) => layer.quality <= settings.quality).at(-1) ?? available[0];
}

/**
 * The sending side of one transceiver: a werift track, the sequence number and timestamp last sent on it (which
 * carry over from one down track to the next when the transceiver is reused), and the codec it carries now.
 */
export interface RtpOutput extends CodecCarrier {
  readonly track: Pick<MediaStreamTrack, 'writeRtp'>;
  last?: { sequenceNumber: number; timestamp: number; atMs: number };
  /** Whether the receiving end can decode a codec (what its connection negotiated); anything when absent. */
  accepts?(mimeType: string): boolean;
  /** The id the receiving end's connection gave the dependency descriptor extension; none: it is not sent. */
  dependencyDescriptorId?(): number | undefined;
}

const CLOCK_PER_MS = { audio: 48, video: 90 };
/** Chrome drops a keyframe request that comes soon after a keyframe: ask again until the switch is made. */
const KEYFRAME_RETRY_MS = 500;

/**
 * One published track as one subscriber receives it: the codec it can decode (the primary, or the track's
 * backup), the layer its settings call for, switched only at a keyframe of the new layer, with sequence numbers
 * and timestamps rewritten so the subscriber sees one continuous stream whatever layer it comes from.
 */
export class DownTrack {
  /** A fault for tests: sends nothing more, as a subscription that silently stopped would (see DevServer.stall). */
  stalled = false;
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
      onPacket: (packet, key) => this.#onPacket(packet, key),
      onAvailabilityChange: () => this.#choose(),
      wanted: () => this.wanted(),
    });
    this.#choose();
  }

  /** The layer being forwarded (`<codec index>/<rid>`); undefined while paused or waiting for a first keyframe. */
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

  /** The codec, and its quality, this subscriber's settings call for among the layers announced, paused or not. */
  wanted(): Wanted | undefined {
    const mimeType = this.#codec();
    if (!mimeType) return undefined;
    const quality = chooseLayer(this.published.announcedLayers(mimeType), this.#settings)?.quality;
    return quality === undefined ? undefined : { mimeType, quality };
  }

  /** The receiving end negotiated other codecs: what it can decode may have changed. */
  codecsChanged(): void {
    this.#choose();
    this.published.wantsChanged();
  }

  #codec(): string | undefined {
    return this.published.codecFor((mimeType) => this.output.accepts?.(mimeType) ?? true);
  }

  /** The subscriber lost the picture (a PLI): ask the publisher for a keyframe of what it receives. */
  requestKeyframe(): void {
    const key = this.#current ?? this.#target;
    if (key !== undefined) this.published.requestKeyframe(key);
  }

  #choose(): void {
    if (this.#settings.disabled) {
      this.#current = undefined;
      this.#target = undefined;
      this.#stopKeyframeRetry();
      return;
    }
    const codec = this.#codec();
    const available = this.published.availableLayers().filter((layer) => !codec || sameMimeType(layer.mimeType, codec));
    // Codecs whose keyframes the server cannot see keep the layer they started with.
    const keep = this.#current !== undefined && !this.published.switchable(this.#current) && available.some((layer) => layer.key === this.#current);
    const target = keep ? this.#current : chooseLayer(available, this.#settings)?.key;
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

  #onPacket(packet: RtpPacket, key: string): void {
    // Someone else wrote to the output since this down track's last packet (a recorder's still picture or
    // silence): start again as after a switch, from this layer's next keyframe, right after what they wrote.
    if (key === this.#current && this.#lastWritten && this.output.last !== this.#lastWritten) {
      this.#current = undefined;
      this.#target = key;
      this.#lastWritten = undefined;
      this.#awaitKeyframe();
    }
    if (key === this.#target && key !== this.#current && (this.published.startsKeyframe(packet, key) || !this.published.switchable(key))) {
      this.#switchTo(packet, key);
    }
    if (key !== this.#current || this.stalled) return;
    // werift rewrites the packet it sends, and the publisher's header extension ids mean nothing downstream: only
    // the dependency descriptor goes on, under the subscriber's id for it.
    const copy = packet.clone();
    const descriptor = this.published.dependencyDescriptor(packet, key);
    const descriptorId = descriptor && this.output.dependencyDescriptorId?.();
    copy.header.extension = false;
    copy.header.extensions = descriptor && descriptorId !== undefined ? [{ id: descriptorId, payload: descriptor }] : [];
    copy.header.sequenceNumber = (packet.header.sequenceNumber + this.#sequenceOffset) & 0xffff;
    copy.header.timestamp = (packet.header.timestamp + this.#timestampOffset) >>> 0;
    this.output.last = { sequenceNumber: copy.header.sequenceNumber, timestamp: copy.header.timestamp, atMs: Date.now() };
    this.#lastWritten = this.output.last;
    this.output.track.writeRtp(copy);
  }

  /** Starts forwarding another layer (or the same after a pause) right after what the subscriber last got. */
  #switchTo(packet: RtpPacket, key: string): void {
    this.#current = key;
    this.output.codec = this.published.codecOf(key);
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
