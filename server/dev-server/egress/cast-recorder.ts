import { TrackSource, VideoQuality } from '@livekit/protocol';
import { MediaStreamTrack, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { MediaRecorder } from 'werift/nonstandard';
import { DownTrack, type RtpOutput } from '../media/down-track.js';
import { isKeyframeStart } from '../media/keyframes.js';
import type { PublishedTrack } from '../media/published-track.js';
import type { Participant } from '../rooms.js';

/** The SSRCs of the recording: constant whoever is shown, as one continuous stream. */
const VIDEO_SSRC = 0x5ca57001;
const AUDIO_SSRC = 0x5ca57002;
/** Opus frames of 20 ms at 48 kHz; a silence frame is the three bytes of an empty CELT frame. */
const OPUS_FRAME_TICKS = 960;
const FRAME_MS = 20;
const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
/**
 * How long without sound from a microphone that is there (muted, or silent with DTX) before silence fills in;
 * a person without a microphone gets silence at once. Late packets on a busy machine stay well under it.
 */
const SILENCE_AFTER_MS = 1000;
/** How often the recorder looks for the person's tracks (they may publish, republish or leave). */
const FOLLOW_MS = 200;
/** Without a picture for this long (the person left, or turned the camera off), the last keyframe is shown again… */
const FREEZE_AFTER_MS = 400;
/** …this often, so the broadcast keeps running on a still picture until someone is shown again. */
const FREEZE_EVERY_MS = 100;
/** After a loss, a keyframe is asked for at most this often. */
const KEYFRAME_ASK_MS = 300;

/** One kind of the recording: the output and what feeds it (old and new during a switch). */
interface Lane {
  readonly output: RtpOutput;
  /** The down track whose packets are written now. */
  current: DownTrack | undefined;
  /** The down track that takes over at its first keyframe (video) or packet (audio). */
  next: DownTrack | undefined;
  /** Whose track `current` is. */
  owner: string | undefined;
}

export interface CastRecorderOptions {
  path: string;
  /** The participant to show now; undefined while absent (they left, or have not joined yet). */
  find: (identity: string) => Participant | undefined;
  width?: number;
  height?: number;
}

/**
 * Records one chosen participant's camera (VP8) and microphone (Opus) into one continuous WebM, and moves to
 * another participant without a break: the new camera takes over at its first keyframe, sequence numbers
 * and timestamps run on, and Opus silence fills the audio while the person shown has no microphone. What the
 * dev server does instead of rendering a RoomComposite egress's layout page.
 */
export class CastRecorder {
  readonly #recorder: MediaRecorder;
  readonly #video: Lane;
  readonly #audio: Lane;
  readonly #follow: ReturnType<typeof setInterval>;
  readonly #silence: ReturnType<typeof setInterval>;
  #identity: string;
  #stopped = false;
  #pictureStarted = false;
  /** The packets of the last keyframe written, and of the one being written. */
  #keyframe: RtpPacket[] = [];
  #incoming: RtpPacket[] | undefined;
  /** Showing the last keyframe again while no picture arrives. */
  #holding = false;
  /** The person shown has no microphone published: silence, at once. */
  #microphoneMissing = true;
  #replaying = false;
  #lastVideoSequence: number | undefined;
  #askedKeyframeAt = 0;
  readonly #freeze: ReturnType<typeof setInterval>;
  #firstFrame: (() => void) | undefined;
  /** Resolves once the first video frame is written: the egress is then active, as LiveKit's is at START_RECORDING. */
  readonly firstFrame: Promise<void>;
  readonly startedAtMs = Date.now();

  constructor(
    identity: string,
    readonly options: CastRecorderOptions,
  ) {
    this.#identity = identity;
    this.firstFrame = new Promise((resolve) => (this.#firstFrame = resolve));
    const videoTrack = new MediaStreamTrack({ kind: 'video', codec: new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 }) });
    const audioTrack = new MediaStreamTrack({
      kind: 'audio',
      codec: new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 }),
    });
    // The WebM holds VP8: a camera published in VP9 or AV1 with a VP8 backup is recorded from its backup.
    const video = { track: this.#constantSsrc(videoTrack, VIDEO_SSRC, true), accepts: (mimeType: string) => mimeType.toLowerCase() === 'video/vp8' };
    this.#video = { output: video, current: undefined, next: undefined, owner: undefined };
    this.#audio = { output: { track: this.#constantSsrc(audioTrack, AUDIO_SSRC, false) }, current: undefined, next: undefined, owner: undefined };
    this.#recorder = new MediaRecorder({
      path: options.path,
      tracks: [videoTrack, audioTrack],
      width: options.width ?? 640,
      height: options.height ?? 480,
      disableNtp: true,
      disableLipSync: true,
    });
    this.#follow = setInterval(() => this.#followTarget(), FOLLOW_MS);
    this.#silence = setInterval(() => this.#fillSilence(), FRAME_MS / 2);
    this.#freeze = setInterval(() => this.#holdPicture(), FREEZE_EVERY_MS);
    this.#followTarget();
  }

  /** Who is shown (or will be, once their camera's next keyframe arrives). */
  get identity(): string {
    return this.#identity;
  }

  /** Starts the recording without waiting for a first picture (the one shown has their camera off). */
  begin(): void {
    this.#pictureStarted = true;
  }

  /** Shows another participant from their next keyframe on; the recording does not stop. */
  show(identity: string): void {
    this.#identity = identity;
    this.#followTarget();
  }

  #constantSsrc(track: MediaStreamTrack, ssrc: number, video: boolean): RtpOutput['track'] {
    return {
      writeRtp: (packet: RtpPacket | Buffer) => {
        if (this.#stopped || Buffer.isBuffer(packet)) return;
        // The recording starts with its first picture: sound before it would make the file longer than the broadcast.
        if (!video && !this.#pictureStarted) return;
        packet.header.ssrc = ssrc;
        if (video && !this.#replaying) {
          this.#holding = false;
          this.#noticeLoss(packet);
          this.#keepKeyframe(packet);
        }
        track.writeRtp(packet);
        if (video && !this.#pictureStarted) {
          this.#pictureStarted = true;
          this.#firstFrame?.();
        }
      },
    };
  }

  /** Subscribes to the target's camera and microphone as they are now, keeping what already flows from them. */
  #followTarget(): void {
    if (this.#stopped) return;
    const participant = this.options.find(this.#identity);
    const tracks = [...(participant?.tracks.values() ?? [])];
    this.#feed(this.#video, tracks.find((track) => track.info.source === TrackSource.CAMERA && track.kind === 'video'));
    const microphone = tracks.find((track) => track.info.source === TrackSource.MICROPHONE && track.kind === 'audio');
    this.#microphoneMissing = !microphone;
    this.#feed(this.#audio, microphone);
  }

  #feed(lane: Lane, published: PublishedTrack | undefined): void {
    const feeding = lane.next ?? lane.current;
    if (feeding?.published === published) return;
    lane.next?.close();
    lane.next = undefined;
    // Back to what already flows (A, then B, then A again before B's keyframe): nothing to switch.
    if (published && lane.current?.published === published) return;
    if (!published) {
      // The one now shown has no such track: nobody else's may go on in their name. The sound turns to
      // silence; the picture stops, rather than hold someone else's face.
      if (lane.owner !== this.#identity) {
        lane.current?.close();
        lane.current = undefined;
        if (lane === this.#video) this.#keyframe = [];
      }
      return;
    }
    const owner = this.#identity;
    const next = new DownTrack(published, lane.output, () => {
      // The new source's first keyframe is going out: from this packet on, only it writes.
      if (lane.next !== next) return;
      lane.current?.close();
      lane.current = next;
      lane.owner = owner;
      lane.next = undefined;
    });
    lane.next = next;
    next.update({ quality: VideoQuality.HIGH });
  }

  /**
   * A packet lost on the way (a busy machine drops UDP) leaves the picture broken until the next keyframe, which
   * the camera may send only seconds later: ask for one at once, as a real recorder's decoder would.
   */
  #noticeLoss(packet: RtpPacket): void {
    const previous = this.#lastVideoSequence;
    this.#lastVideoSequence = packet.header.sequenceNumber;
    if (previous === undefined || ((packet.header.sequenceNumber - previous) & 0xffff) <= 1) return;
    const now = Date.now();
    if (now - this.#askedKeyframeAt < KEYFRAME_ASK_MS) return;
    this.#askedKeyframeAt = now;
    this.#video.current?.requestKeyframe();
  }

  /** Keeps the packets of the newest complete keyframe, to show again while no picture arrives. */
  #keepKeyframe(packet: RtpPacket): void {
    if (isKeyframeStart('video/VP8', packet.payload)) this.#incoming = [];
    else if (this.#incoming && packet.header.timestamp !== this.#incoming[0]?.header.timestamp) this.#incoming = undefined;
    if (!this.#incoming) return;
    this.#incoming.push(packet.clone());
    if (packet.header.marker) {
      this.#keyframe = this.#incoming;
      this.#incoming = undefined;
    }
  }

  /**
   * While no picture arrives, shows the last keyframe again, as a frame of its own in the running stream. Only
   * after a pause no camera makes between frames: a keyframe replayed between live frames would break them.
   */
  #holdPicture(): void {
    const last = this.#video.output.last;
    if (this.#stopped || !last || !this.#keyframe.length) return;
    const now = Date.now();
    if (now - last.atMs < (this.#holding ? FREEZE_EVERY_MS : FREEZE_AFTER_MS)) return;
    this.#holding = true;
    let { sequenceNumber } = last;
    const timestamp = (last.timestamp + (now - last.atMs) * 90) >>> 0;
    this.#replaying = true;
    for (const original of this.#keyframe) {
      const packet = original.clone();
      sequenceNumber = (sequenceNumber + 1) & 0xffff;
      packet.header.sequenceNumber = sequenceNumber;
      packet.header.timestamp = timestamp;
      this.#video.output.track.writeRtp(packet);
    }
    this.#replaying = false;
    this.#video.output.last = { sequenceNumber, timestamp, atMs: now };
  }

  /**
   * Writes a silent Opus frame for every 20 ms that passed without sound from the person shown. Counted from
   * the clock rather than the timer, which runs late on a busy machine.
   */
  #fillSilence(): void {
    if (this.#stopped || !this.#pictureStarted) return;
    const now = Date.now();
    const last = this.#audio.output.last ?? { sequenceNumber: 0xffff, timestamp: -OPUS_FRAME_TICKS >>> 0, atMs: now - FRAME_MS };
    if (this.#audio.output.last && !this.#microphoneMissing && now - last.atMs < SILENCE_AFTER_MS) return;
    let { sequenceNumber, timestamp, atMs } = last;
    while (now - atMs >= FRAME_MS) {
      sequenceNumber = (sequenceNumber + 1) & 0xffff;
      timestamp = (timestamp + OPUS_FRAME_TICKS) >>> 0;
      atMs += FRAME_MS;
      this.#audio.output.last = { sequenceNumber, timestamp, atMs };
      this.#audio.output.track.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 111, sequenceNumber, timestamp, ssrc: AUDIO_SSRC, marker: true }), OPUS_SILENCE));
    }
  }

  /** Stops recording and finishes the file. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    clearInterval(this.#follow);
    clearInterval(this.#silence);
    clearInterval(this.#freeze);
    for (const lane of [this.#video, this.#audio]) {
      lane.current?.close();
      lane.next?.close();
    }
    this.#stopped = true;
    this.#firstFrame?.();
    await this.#recorder.stop();
  }
}
