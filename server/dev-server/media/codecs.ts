import { RTCRtpCodecParameters, RTP_EXTENSION_URI, useNACK, useOPUS, usePCMU, usePLI, useREMB, type RTCRtpTransceiver } from 'werift';

/** A codec as the server tells one from another: its MIME type and, where they matter, its format parameters. */
export interface CodecSpec {
  readonly mimeType: string;
  readonly parameters?: string;
}

/** The video codecs the server forwards, in LiveKit's names, with their MIME types. */
export const VIDEO_CODECS: Readonly<Record<string, string>> = { vp8: 'video/VP8', h264: 'video/H264', vp9: 'video/VP9', av1: 'video/AV1' };

/** The RTP header extension that describes SVC frames; AV1 in layers cannot be decoded without it. */
export const DEPENDENCY_DESCRIPTOR = RTP_EXTENSION_URI.dependencyDescriptor;

/** The id a connection negotiated for a header extension, if it did. */
export function extensionId(transceiver: RTCRtpTransceiver, uri: string): number | undefined {
  return transceiver.headerExtensions.find((extension) => extension.uri === uri)?.id;
}

const video = (mimeType: string, parameters?: string) =>
  new RTCRtpCodecParameters({ mimeType, clockRate: 90000, rtcpFeedback: [useNACK(), usePLI(), useREMB()], ...(parameters ? { parameters } : {}) });

/**
 * The codecs a connection negotiates, made afresh for each (werift writes payload types into them). A publisher's
 * offer keeps its own order, so it sends the codec it prefers; a subscriber is offered them all, and each
 * forwarded packet goes out under the payload type of its own codec.
 */
export function mediaCodecs(): { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] } {
  return {
    audio: [useOPUS(), usePCMU()],
    video: [
      video('video/VP8'),
      video('video/H264', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f'),
      video('video/VP9', 'profile-id=0'),
      video('video/AV1'),
    ],
  };
}

/** `vp9` → `video/VP9`; a name the server does not forward → undefined. */
export function videoMimeType(codec: string): string | undefined {
  const name = codec.toLowerCase().replace(/^video\//, '');
  return VIDEO_CODECS[name];
}

/** `video/VP9` → `vp9`, as SubscribedCodec names it. */
export function codecName(mimeType: string): string {
  return mimeType.replace(/^(audio|video)\//i, '').toLowerCase();
}

export const sameMimeType = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function parameter(codec: CodecSpec, name: string): string | undefined {
  return codec.parameters
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([key]) => key === name)?.[1];
}

/**
 * Among the codecs a connection negotiated, the one to send `wanted` as: the same MIME type, and where several
 * have it, the one whose H.264 packetization mode and VP9 profile match.
 */
export function matchingCodec<T extends CodecSpec>(negotiated: readonly T[], wanted: CodecSpec): T | undefined {
  const candidates = negotiated.filter((codec) => sameMimeType(codec.mimeType, wanted.mimeType));
  const same = (codec: T, name: string) => (parameter(codec, name) ?? '') === (parameter(wanted, name) ?? '');
  return candidates.find((codec) => same(codec, 'packetization-mode') && same(codec, 'profile-id')) ?? candidates[0];
}

/** What a transceiver sends now, as a down track sets it. */
export interface CodecCarrier {
  codec?: CodecSpec;
}

/**
 * werift sends every packet of a transceiver under its first negotiated payload type. A transceiver here carries
 * whatever track it is given, VP8 now and VP9 after: make the sender use the payload type of the codec it is
 * carrying, among those negotiated.
 */
export function sendAsCarried(transceiver: RTCRtpTransceiver, carrier: CodecCarrier): void {
  const sender = transceiver.sender as unknown as { codec: RTCRtpCodecParameters | undefined };
  let negotiatedFirst = sender.codec;
  Object.defineProperty(sender, 'codec', {
    configurable: true,
    get: () => (carrier.codec && matchingCodec(transceiver.codecs, carrier.codec)) ?? negotiatedFirst,
    set: (codec: RTCRtpCodecParameters | undefined) => {
      negotiatedFirst = codec;
    },
  });
}

/** Whether a transceiver can carry a codec: before anything is negotiated, anything. */
export function carries(transceiver: RTCRtpTransceiver, mimeType: string): boolean {
  return !transceiver.codecs.length || transceiver.codecs.some((codec) => sameMimeType(codec.mimeType, mimeType));
}

/**
 * Puts a codec first among those a publisher's section negotiated: the publisher sends in the first codec of the
 * answer. livekit-client 2.23 leaves the choice to the server, which reads it from the track's AddTrackRequest.
 */
export function preferCodec(transceiver: RTCRtpTransceiver, mimeType: string): void {
  const preferred = transceiver.codecs.filter((codec) => sameMimeType(codec.mimeType, mimeType));
  if (!preferred.length) return;
  transceiver.codecs = [...preferred, ...transceiver.codecs.filter((codec) => !preferred.includes(codec))];
}
