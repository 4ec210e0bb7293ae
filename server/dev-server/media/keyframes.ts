/**
 * Keyframe detection in RTP payloads, without decoding: a down track may only start, or switch simulcast layers
 * or codecs, where the subscriber's decoder can start over. VP8, H.264, VP9 and AV1 are read; for any other codec
 * the server forwards from the first packet and keeps the layer it started with.
 */

const READERS: Record<string, (payload: Uint8Array) => boolean> = {
  'video/vp8': isVp8KeyframeStart,
  'video/h264': isH264KeyframeStart,
  'video/vp9': isVp9KeyframeStart,
  'video/av1': isAv1KeyframeStart,
};

/** Whether packets of this codec can be checked for keyframes. */
export function findsKeyframes(mimeType: string): boolean {
  return mimeType.toLowerCase() in READERS;
}

/** Whether the payload is the first packet of a keyframe. */
export function isKeyframeStart(mimeType: string, payload: Uint8Array): boolean {
  return READERS[mimeType.toLowerCase()]?.(payload) ?? false;
}

/** RFC 7741: the payload descriptor, then the VP8 header whose lowest bit is 0 on keyframes. */
function isVp8KeyframeStart(payload: Uint8Array): boolean {
  const descriptor = payload[0];
  if (descriptor === undefined) return false;
  const startOfPartition = (descriptor & 0x10) !== 0;
  const partitionIndex = descriptor & 0x07;
  if (!startOfPartition || partitionIndex !== 0) return false;
  let offset = 1;
  if (descriptor & 0x80) {
    const extension = payload[1];
    if (extension === undefined) return false;
    offset = 2;
    if (extension & 0x80) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (extension & 0x40) offset += 1; // TL0PICIDX
    if (extension & 0x30) offset += 1; // TID / KEYIDX
  }
  const header = payload[offset];
  return header !== undefined && (header & 0x01) === 0;
}

const H264_IDR = 5;
const H264_SPS = 7;

/** RFC 6184: an IDR or SPS unit, alone, in a STAP-A aggregate, or starting an FU-A fragment. */
function isH264KeyframeStart(payload: Uint8Array): boolean {
  const type = (payload[0] ?? 0) & 0x1f;
  if (type === H264_IDR || type === H264_SPS) return true;
  if (type === 24) {
    for (let offset = 1; offset + 2 < payload.length; ) {
      const size = (payload[offset]! << 8) | payload[offset + 1]!;
      const unit = payload[offset + 2]! & 0x1f;
      if (unit === H264_IDR || unit === H264_SPS) return true;
      offset += 2 + size;
    }
    return false;
  }
  if (type === 28) {
    const header = payload[1] ?? 0;
    const unit = header & 0x1f;
    return (header & 0x80) !== 0 && (unit === H264_IDR || unit === H264_SPS);
  }
  return false;
}

/**
 * RFC 9628: the payload descriptor's B (start of a frame) set and P (predicted from an earlier picture) clear, in
 * the base spatial layer. With SVC the higher layers of a keyframe follow it in the same picture.
 */
function isVp9KeyframeStart(payload: Uint8Array): boolean {
  const descriptor = payload[0];
  if (descriptor === undefined) return false;
  const predicted = (descriptor & 0x40) !== 0;
  const startOfFrame = (descriptor & 0x08) !== 0;
  if (predicted || !startOfFrame) return false;
  if (!(descriptor & 0x20)) return true; // no layer indices: one layer
  let offset = 1;
  if (descriptor & 0x80) offset += (payload[1] ?? 0) & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
  const layers = payload[offset];
  return layers !== undefined && ((layers >> 1) & 0x07) === 0;
}

/** The AV1 RTP payload's aggregation header: N marks the first packet of a coded video sequence (a keyframe). */
function isAv1KeyframeStart(payload: Uint8Array): boolean {
  const header = payload[0];
  if (header === undefined) return false;
  const continuesObu = (header & 0x80) !== 0;
  return !continuesObu && (header & 0x08) !== 0;
}
