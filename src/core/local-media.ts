import { LocalAudioTrack, LocalVideoTrack, Track, TrackEvent, type LocalTrack } from 'livekit-client';
import { audioLevel } from './audio-level.js';
import { listDevices, localStorageDeviceMemory, queryPermission, refreshDeviceLists, type DeviceKind, type DeviceMemory } from './devices.js';
import { RtcError, mediaError } from './errors.js';
import { Store, type Readable } from './readable.js';

/** Named capture sizes, as the seed SDKs call them. */
export const videoPresets = {
  low: { width: 320, height: 240 },
  standard: { width: 640, height: 480 },
  hd: { width: 1280, height: 720 },
  fullhd: { width: 1920, height: 1080 },
} as const;

export type VideoPresetName = keyof typeof videoPresets;
export interface VideoSize {
  width: number;
  height: number;
}
export type FacingMode = 'user' | 'environment';

export interface VideoCaptureSettings {
  /** A preset name or an explicit size; `standard` (640x480) when omitted. */
  resolution?: VideoPresetName | VideoSize;
  facingMode?: FacingMode;
  /** A camera's `deviceId`; when that camera is missing, capture fails with `device-not-found`. */
  deviceId?: string;
  frameRate?: number;
}

export interface AudioCaptureSettings {
  deviceId?: string;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
}

/** What to capture: `video: true` means the `standard` preset, a preset name or size picks another. */
export interface LocalMediaOptions {
  video?: boolean | VideoPresetName | VideoSize | VideoCaptureSettings;
  audio?: boolean | AudioCaptureSettings;
  /**
   * Sources to set up but leave off (not captured, so no light and no prompt) until turned on, with the
   * settings above. For restarting with new settings while keeping what the person switched off, off.
   */
  off?: { camera?: boolean; microphone?: boolean };
}

export type LocalMediaStatus = 'idle' | 'starting' | 'ready' | 'failed' | 'stopped';

export interface LocalMediaInit {
  /**
   * Where the camera and microphone the person chose are remembered; the next capture prefers them while they
   * are plugged in. `localStorage` by default.
   */
  deviceMemory?: DeviceMemory;
}
export type LocalSource = 'camera' | 'microphone';

/** The state of one local capture, replaced by a new object on every change so subscribers see each one. */
export interface LocalTrackState<T extends LocalTrack = LocalTrack> {
  track: T;
  mediaStreamTrack: MediaStreamTrack;
  enabled: boolean;
  deviceId: string | undefined;
}

/**
 * Reads a `video` attribute the way the elements accept it: absent → no video, present and empty → the
 * `standard` preset, a preset name, or `WIDTHxHEIGHT`.
 */
export function parseVideoAttribute(value: string | null): LocalMediaOptions['video'] {
  if (value === null || value === 'false') return false;
  const trimmed = value.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'true') return true;
  if (trimmed in videoPresets) return trimmed as VideoPresetName;
  const size = /^(\d{2,5})\s*x\s*(\d{2,5})$/.exec(trimmed);
  if (size && Number(size[1]) > 0 && Number(size[2]) > 0) return { width: Number(size[1]), height: Number(size[2]) };
  console.warn(`rtc-elements: video="${value}" is not low, standard, hd, fullhd or WIDTHxHEIGHT; using standard.`);
  return true;
}

export function resolveVideoSettings(video: LocalMediaOptions['video']): VideoCaptureSettings | undefined {
  if (!video) return undefined;
  if (video === true) return { resolution: 'standard' };
  if (typeof video === 'string') return { resolution: video };
  if ('width' in video && 'height' in video) return { resolution: { width: video.width, height: video.height } };
  return { resolution: 'standard', ...video };
}

export function videoConstraints(settings: VideoCaptureSettings): MediaTrackConstraints {
  const resolution = settings.resolution ?? 'standard';
  const size = typeof resolution === 'string' ? videoPresets[resolution] : resolution;
  const constraints: MediaTrackConstraints = {
    width: { ideal: size.width },
    height: { ideal: size.height },
    aspectRatio: { ideal: size.width / size.height },
  };
  if (settings.frameRate) constraints.frameRate = { ideal: settings.frameRate };
  if (settings.facingMode) constraints.facingMode = { ideal: settings.facingMode };
  if (settings.deviceId) constraints.deviceId = { exact: settings.deviceId };
  return constraints;
}

/** `constraints` on `deviceId`, unless they already name a device. */
function withDevice(constraints: MediaTrackConstraints, deviceId: string | undefined): MediaTrackConstraints {
  return constraints.deviceId || !deviceId ? constraints : { ...constraints, deviceId: { exact: deviceId } };
}

export function audioConstraints(settings: AudioCaptureSettings): MediaTrackConstraints {
  const { deviceId, echoCancellation = true, noiseSuppression = true, autoGainControl = true } = settings;
  const constraints: MediaTrackConstraints = { echoCancellation, noiseSuppression, autoGainControl };
  if (deviceId) constraints.deviceId = { exact: deviceId };
  return constraints;
}

function assertMediaAvailable(): void {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    if (typeof isSecureContext !== 'undefined' && !isSecureContext) {
      throw new RtcError(
        'insecure-context',
        'Camera and microphone are only available on secure pages (HTTPS or localhost).',
      );
    }
    throw new RtcError('media-unsupported', 'This browser cannot capture camera or microphone.');
  }
}

/**
 * The local camera and microphone: the seeds' "create stream" and "preview" before joining, and the tracks a
 * room session publishes afterwards, so joining never asks for the camera a second time.
 *
 * Turning the camera off stops its capture (the camera light goes out) and turning it on captures again;
 * the microphone does the same. Both keep their `LocalTrack`, so a published track is muted and unmuted in
 * place rather than republished.
 */
export class LocalMedia {
  readonly #status = new Store<LocalMediaStatus>('idle');
  readonly #error = new Store<RtcError | undefined>(undefined);
  readonly #camera = new Store<LocalTrackState<LocalVideoTrack> | undefined>(undefined);
  readonly #microphone = new Store<LocalTrackState<LocalAudioTrack> | undefined>(undefined);
  #videoSettings: VideoCaptureSettings = { resolution: 'standard' };
  #audioSettings: AudioCaptureSettings = {};
  readonly #custom = new Map<'video' | 'audio', MediaStreamTrack>();
  /** Sources the person turned off that have no track now (off while the page's track was taken away). */
  readonly #keptOff = new Set<'video' | 'audio'>();
  #generation = 0;
  readonly #unwatch = new Map<LocalTrack, () => void>();
  readonly #pendingCapture = new Map<'video' | 'audio', Promise<void>>();
  readonly #deviceMemory: DeviceMemory;
  /** The latest `start()`, so a device switch waits for the capture it would otherwise miss. */
  #starting: Promise<void> | undefined;

  readonly status: Readable<LocalMediaStatus> = this.#status;
  /** The last capture error, cleared by the next successful capture. */
  readonly error: Readable<RtcError | undefined> = this.#error;
  readonly camera: Readable<LocalTrackState<LocalVideoTrack> | undefined> = this.#camera;
  readonly microphone: Readable<LocalTrackState<LocalAudioTrack> | undefined> = this.#microphone;

  constructor(init: LocalMediaInit = {}) {
    this.#deviceMemory = init.deviceMemory ?? localStorageDeviceMemory;
  }

  /**
   * Captures what `options` asks for, replacing any earlier capture. Resolves when the tracks run; rejects with
   * an {@link RtcError} when nothing could be captured. When both were asked for and only one kind fails (no
   * microphone, say), the other is kept and the error is still reported in {@link error}.
   */
  start(options: LocalMediaOptions): Promise<void> {
    const starting = this.#start(options);
    this.#starting = starting.catch(() => undefined);
    return starting;
  }

  async #start(options: LocalMediaOptions): Promise<void> {
    const generation = ++this.#generation;
    const video = resolveVideoSettings(options.video);
    const audio = options.audio ? (options.audio === true ? {} : options.audio) : undefined;
    if (video) this.#videoSettings = video;
    if (audio) this.#audioSettings = audio;
    this.#pendingCapture.clear();
    this.#status.set('starting');
    this.#releaseTracks();
    this.#error.set(undefined);
    const capture = {
      video: options.off?.camera ? undefined : video,
      audio: options.off?.microphone ? undefined : audio,
    };
    if (!capture.video && !capture.audio) {
      this.#status.set(video || audio ? 'ready' : 'idle');
      return;
    }
    try {
      assertMediaAvailable();
      const { tracks, partialError } = await this.#capture(capture.video, capture.audio);
      if (generation !== this.#generation) {
        for (const track of tracks) track.stop();
        return;
      }
      for (const track of tracks) this.#adopt(track);
      if (partialError) this.#error.set(partialError);
      this.#status.set('ready');
    } catch (error) {
      if (generation !== this.#generation) return;
      const rtcError = mediaError(error);
      this.#error.set(rtcError);
      // A toggle may have captured the other kind meanwhile: then the preview still works.
      const running = this.#camera.get() ?? this.#microphone.get();
      this.#status.set(running ? 'ready' : 'failed');
      if (!running) throw rtcError;
    }
  }

  async #capture(
    video: VideoCaptureSettings | undefined,
    audio: AudioCaptureSettings | undefined,
  ): Promise<{ tracks: LocalTrack[]; partialError?: RtcError }> {
    const remembered = await this.#rememberedDevices(!!video, !!audio);
    if (!remembered.videoinput && !remembered.audioinput) return this.#captureOn(video, audio, remembered);
    // A remembered device that is busy or cannot do what is asked must not stand in the way of the others.
    return this.#captureOn(video, audio, remembered).catch(() => this.#captureOn(video, audio, {}));
  }

  async #captureOn(
    video: VideoCaptureSettings | undefined,
    audio: AudioCaptureSettings | undefined,
    remembered: { videoinput?: string; audioinput?: string },
  ): Promise<{ tracks: LocalTrack[]; partialError?: RtcError }> {
    const constraints = {
      video: video ? withDevice(videoConstraints(video), remembered.videoinput) : undefined,
      audio: audio ? withDevice(audioConstraints(audio), remembered.audioinput) : undefined,
    };
    const request = (v: VideoCaptureSettings | undefined, a: AudioCaptureSettings | undefined) =>
      navigator.mediaDevices.getUserMedia({ video: (v && constraints.video) || false, audio: (a && constraints.audio) || false });
    let stream: MediaStream;
    let partialError: RtcError | undefined;
    try {
      stream = await request(video, audio);
    } catch (error) {
      const rtcError = mediaError(error);
      // One of the two may be the problem (no microphone, a camera in use, only the camera blocked, as
      // browsers reject a joint request then): keep whichever works.
      if (!video || !audio || rtcError.code === 'insecure-context') throw rtcError;
      // After a refusal, only ask again for what is already allowed: another prompt would annoy, and browsers
      // count dismissals toward blocking the site.
      const retry =
        rtcError.code === 'permission-denied'
          ? { video: (await queryPermission('camera')) === 'granted', audio: (await queryPermission('microphone')) === 'granted' }
          : { video: true, audio: true };
      if (!retry.video && !retry.audio) throw rtcError;
      const refused = Promise.reject(rtcError);
      refused.catch(() => undefined);
      const results = await Promise.allSettled([
        retry.video ? request(video, undefined) : refused,
        retry.audio ? request(undefined, audio) : refused,
      ]);
      const streams = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      if (!streams.length) throw mediaError((results[0] as PromiseRejectedResult).reason);
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      // Both alone worked where the pair did not (a passing device hiccup): nothing to report.
      if (failed) partialError = mediaError(failed.reason);
      stream = new MediaStream(streams.flatMap((s) => s.getTracks()));
    }
    const tracks = stream.getTracks().map((mediaStreamTrack) => {
      const track =
        mediaStreamTrack.kind === 'video'
          ? new LocalVideoTrack(mediaStreamTrack, constraints.video, false)
          : new LocalAudioTrack(mediaStreamTrack, constraints.audio, false);
      // livekit-client stops a muted capture (the camera light goes out) only for these sources, which it
      // otherwise sets at publish time: set them now so the preview's toggles stop the device before joining too.
      track.source = mediaStreamTrack.kind === 'video' ? Track.Source.Camera : Track.Source.Microphone;
      return track;
    });
    return partialError ? { tracks, partialError } : { tracks };
  }

  /**
   * The devices the person chose on an earlier visit that are plugged in now. Only those: browsers ignore an
   * `ideal` device, so a remembered one is asked for `exact`ly, and a missing one would fail the capture.
   */
  async #rememberedDevices(video: boolean, audio: boolean): Promise<{ videoinput?: string; audioinput?: string }> {
    const found: { videoinput?: string; audioinput?: string } = {};
    for (const kind of [video && 'videoinput', audio && 'audioinput'] as const) {
      if (!kind) continue;
      const remembered = this.#deviceMemory.get(kind);
      if (remembered && (await listDevices(kind)).some((device) => device.deviceId === remembered)) found[kind] = remembered;
    }
    return found;
  }

  #adopt(track: LocalTrack): void {
    // A capture running is when browsers start naming devices: the lists of them look again.
    refreshDeviceLists();
    const isVideo = track instanceof LocalVideoTrack;
    const store = (isVideo ? this.#camera : this.#microphone) as Store<LocalTrackState | undefined>;
    const replaced = store.get()?.track;
    if (replaced && replaced !== track) this.#release(replaced);
    if (track instanceof LocalAudioTrack) track.stopOnMute = true;
    const publish = () => {
      store.set({
        track,
        mediaStreamTrack: track.mediaStreamTrack,
        enabled: !track.isMuted,
        deviceId: track.mediaStreamTrack.getSettings().deviceId,
      });
    };
    let lostDevice = false;
    const onMuted = () => {
      // livekit-client mutes a published track it could not restart after its device was lost.
      if (lostDevice) this.#error.set(new RtcError('device-not-found', `The ${isVideo ? 'camera' : 'microphone'} stopped and no other could be used.`));
      lostDevice = false;
      publish();
    };
    const onRestarted = () => {
      lostDevice = false;
      publish();
    };
    const onEnded = () => {
      // Ended by the browser or the device (unplugged, revoked), not by the person. A published track is
      // restarted by livekit-client, one only previewed is restarted here; either way not on the device that
      // is gone, so drop it from the track's constraints (livekit-client reads them back for the restart).
      if (track.isMuted) return;
      // The page's own track ended (its canvas or file went away): there is no device to restart on.
      if ([...this.#custom.values()].includes(track.mediaStreamTrack)) {
        this.#custom.delete(isVideo ? 'video' : 'audio');
        if (store.get()?.track === track) {
          this.#release(track);
          store.set(undefined);
        }
        return;
      }
      lostDevice = true;
      if (track.sender) {
        delete (track.constraints as MediaTrackConstraints).deviceId;
        return;
      }
      void this.#restartOnAnyDevice(track, store).then((error) => {
        if (!error) return;
        this.#error.set(error.code === 'unknown' ? new RtcError('device-not-found', `The ${isVideo ? 'camera' : 'microphone'} stopped.`) : error);
      });
    };
    const handlers = [
      [TrackEvent.Muted, onMuted],
      [TrackEvent.Unmuted, publish],
      [TrackEvent.Restarted, onRestarted],
      [TrackEvent.Ended, onEnded],
    ] as const;
    for (const [event, handler] of handlers) track.on(event, handler);
    this.#unwatch.set(track, () => {
      for (const [event, handler] of handlers) track.off(event, handler);
    });
    publish();
  }

  /** Turns the camera capture on or off; turning it on when none was captured yet starts one. */
  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.#keptOff.delete('video');
    await this.#setEnabled(this.#camera, enabled, () => this.#captureOne('video'));
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.#keptOff.delete('audio');
    await this.#setEnabled(this.#microphone, enabled, () => this.#captureOne('audio'));
  }

  async #setEnabled<T extends LocalTrack>(
    store: Store<LocalTrackState<T> | undefined>,
    enabled: boolean,
    capture: () => Promise<void>,
  ): Promise<void> {
    const current = store.get();
    try {
      if (!current) {
        if (enabled) await capture();
        return;
      }
      if (enabled) await current.track.unmute();
      else await current.track.mute();
      this.#error.set(undefined);
    } catch (error) {
      const rtcError = mediaError(error);
      this.#error.set(rtcError);
      throw rtcError;
    }
  }

  #captureOne(kind: 'video' | 'audio'): Promise<void> {
    // A second click while the first capture is on its way waits for it instead of capturing twice.
    const pending = this.#pendingCapture.get(kind);
    if (pending) return pending;
    const generation = this.#generation;
    const capture = (async () => {
      assertMediaAvailable();
      const { tracks } = await this.#capture(
        kind === 'video' ? this.#videoSettings : undefined,
        kind === 'audio' ? this.#audioSettings : undefined,
      );
      if (generation !== this.#generation) {
        // stop() or start() came in between: this capture is no longer wanted.
        tracks.forEach((track) => track.stop());
        return;
      }
      tracks.forEach((track) => this.#adopt(track));
      this.#error.set(undefined);
      this.#status.set('ready');
    })().finally(() => this.#pendingCapture.delete(kind));
    this.#pendingCapture.set(kind, capture);
    return capture;
  }

  /** The page's own track sent as the camera or microphone (see `useCustomTrack`), if any. */
  customTrack(kind: 'video' | 'audio'): MediaStreamTrack | undefined {
    return this.#custom.get(kind);
  }

  /**
   * Sends a track of the page's (a canvas's `captureStream()`, a processed camera, a video file's) as the
   * camera or microphone, and `undefined` goes back to the device. Mid-call the session publishes the new
   * track in place of the old one, so the others see the new picture within a moment. A camera or microphone
   * the person turned off stays off. The page keeps its track: the kit never stops it.
   */
  async useCustomTrack(kind: 'video' | 'audio', track: MediaStreamTrack | undefined): Promise<void> {
    if (track && track.kind !== kind) {
      throw new RtcError('media-unsupported', `A ${track.kind} track cannot be sent as the ${kind === 'video' ? 'camera' : 'microphone'}.`);
    }
    // Frameworks set the same track again on re-render: nothing changes.
    if (track && this.#custom.get(kind) === track) return;
    // A capture on its way would land after this and win: let it land first.
    await this.#pendingCapture.get(kind)?.catch(() => undefined);
    await this.#starting;
    const store = (kind === 'video' ? this.#camera : this.#microphone) as Store<LocalTrackState | undefined>;
    const wasOn = store.get()?.enabled ?? !this.#keptOff.has(kind);
    if (track) {
      this.#custom.set(kind, track);
      const local = kind === 'video' ? new LocalVideoTrack(track, undefined, true) : new LocalAudioTrack(track, undefined, true);
      if (!wasOn) await local.mute();
      this.#adopt(local);
      this.#status.set('ready');
    } else if (this.#custom.delete(kind)) {
      if (wasOn) {
        await this.#captureOne(kind);
      } else {
        // Off stays off: the device is captured when the person turns it on.
        const current = store.get();
        if (current) this.#release(current.track);
        store.set(undefined);
        this.#keptOff.add(kind);
      }
    }
  }

  /**
   * Switches the camera or microphone to another device, remembered for next time. A running capture is
   * replaced in place: a published track keeps its publication, and others keep receiving it without any
   * renegotiation. A capture that is off uses the device when turned on. Rejects with `device-not-found`
   * when that device is gone (the capture then goes on with whichever device the browser gives). For
   * `audiooutput` it only remembers the speaker, for the room that plays the call (a pre-join screen's choice).
   */
  async switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      this.#deviceMemory.set(kind, deviceId);
      return;
    }
    const store = (kind === 'videoinput' ? this.#camera : this.#microphone) as Store<LocalTrackState | undefined>;
    this.#deviceMemory.set(kind, deviceId);
    // An explicit device from the page's settings would win over the choice at the next capture.
    if (kind === 'videoinput') this.#videoSettings = { ...this.#videoSettings, deviceId: '' };
    else this.#audioSettings = { ...this.#audioSettings, deviceId: '' };
    // A capture on its way read the old choice: let it land, then switch it.
    await this.#starting;
    await this.#pendingCapture.get(kind === 'videoinput' ? 'video' : 'audio')?.catch(() => undefined);
    const current = store.get();
    if (!current) return;
    try {
      await current.track.setDeviceId({ exact: deviceId });
      this.#error.set(undefined);
    } catch (error) {
      const rtcError = mediaError(error);
      this.#error.set(rtcError);
      // livekit-client stopped the old capture before asking for the new one: get any device back.
      if (!current.track.isMuted) await this.#restartOnAnyDevice(current.track, store);
      throw rtcError;
    }
  }

  /**
   * Restarts `track` on whatever device the browser gives, its lost one dropped from the constraints
   * (livekit-client reads them back for the restart). With no device at all, the track is released rather
   * than left stopped yet looking as if it were on; the error is returned.
   */
  async #restartOnAnyDevice(track: LocalTrack, store: Store<LocalTrackState | undefined>): Promise<RtcError | undefined> {
    delete (track.constraints as MediaTrackConstraints).deviceId;
    try {
      await track.restartTrack();
      return undefined;
    } catch (error) {
      if (store.get()?.track === track) {
        this.#release(track);
        store.set(undefined);
      }
      return mediaError(error);
    }
  }

  /** The device chosen for `kind` (remembered between visits), whether or not it is capturing now. */
  chosenDevice(kind: DeviceKind): string | undefined {
    return this.#deviceMemory.get(kind);
  }

  /**
   * Shows the camera in `video` (muted, inline) and keeps showing it across toggles, restarts and device
   * switches. Returns the function that detaches it.
   */
  attach(video: HTMLVideoElement): () => void {
    video.muted = true;
    video.playsInline = true;
    let shown: MediaStreamTrack | undefined;
    const stop = this.#camera.subscribe((camera) => {
      const track = camera?.enabled ? camera.mediaStreamTrack : undefined;
      if (track === shown) return;
      shown = track;
      video.srcObject = track ? new MediaStream([track]) : null;
      // Muted inline video may always autoplay; a rejection only means the element was removed meanwhile.
      if (track) video.play().catch(() => undefined);
    });
    return () => {
      stop();
      if (shown && video.srcObject instanceof MediaStream && video.srcObject.getVideoTracks()[0] === shown) video.srcObject = null;
    };
  }

  /** The microphone's loudness, 0 to 1, measured only while subscribed. */
  microphoneLevel(): Readable<number> | undefined {
    const microphone = this.#microphone.get();
    return microphone?.enabled ? audioLevel(microphone.mediaStreamTrack) : undefined;
  }

  /** Stops every capture. The object can be started again. */
  stop(): void {
    this.#generation++;
    this.#pendingCapture.clear();
    this.#status.set('stopped');
    this.#releaseTracks();
  }

  #releaseTracks(): void {
    this.#custom.clear();
    this.#keptOff.clear();
    for (const store of [this.#camera, this.#microphone] as Store<LocalTrackState | undefined>[]) {
      const current = store.get();
      if (!current) continue;
      this.#release(current.track);
      store.set(undefined);
    }
  }

  #release(track: LocalTrack): void {
    this.#unwatch.get(track)?.();
    this.#unwatch.delete(track);
    // A track the page gave is the page's to stop (it may show it elsewhere, or give it again).
    if (!track.isUserProvided) track.stop();
  }
}
