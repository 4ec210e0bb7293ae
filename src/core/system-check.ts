import { Room, getBrowser, supportsAudioOutputSelection } from 'livekit-client';
import { canShareScreen, queryPermission } from './devices.js';
import { RtcError, mediaError, type RtcErrorCode } from './errors.js';
import { connectionErrorCode } from './connection-error.js';
import { TimeoutError, withTimeout } from './timeout.js';
import { resolveCredentials, type TokenProvider } from './token.js';
import { systemCheckStrings } from '../i18n/system-check-strings.js';

export type SystemCheckId =
  | 'webrtc'
  | 'secure-context'
  | 'get-user-media'
  | 'camera'
  | 'microphone'
  | 'camera-permission'
  | 'microphone-permission'
  | 'screen-share'
  | 'audio-output'
  | 'codec-vp8'
  | 'codec-h264'
  | 'codec-vp9'
  | 'codec-av1'
  | 'codec-h265'
  | 'codec-opus'
  | 'connection';

export type SystemCheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

export type CodecName = 'VP8' | 'H264' | 'VP9' | 'AV1' | 'H265' | 'Opus';

/** What the person can do about a failure or a warning; `<rtc-system-check>` says it in the page's language. */
export type SystemCheckAdvice =
  | 'insecure-context'
  | 'media-unsupported'
  | 'camera'
  | 'microphone'
  | 'permission-denied'
  | 'prompt'
  | 'device-in-use'
  | 'unauthorized'
  | 'network'
  | 'setup';

/** One line of the report. `detail` and `remedy` are English, for logs and developers; elements translate from the other fields. */
export interface SystemCheckItem {
  id: SystemCheckId;
  status: SystemCheckStatus;
  /** A call cannot work when this fails: it decides {@link SystemReport.ok}. */
  required: boolean;
  detail?: string;
  code?: RtcErrorCode;
  /** What the person can do about a failure or warning, and the same in English words. */
  advice?: SystemCheckAdvice;
  remedy?: string;
  /** `camera`, `microphone`: how many devices the browser lists; absent while it hides them (before permission). */
  count?: number;
  /** `camera-permission`, `microphone-permission`: what the browser answered, when it did. */
  permission?: PermissionState;
  /** Codec items. */
  codec?: CodecName;
  send?: boolean;
  receive?: boolean;
  /** `connection`: milliseconds from asking to connect to being connected. */
  durationMs?: number;
}

export interface BrowserInfo {
  /** `Chrome` (Edge, Opera and other Chromium browsers included), `Firefox`, `Safari`, or the brand the browser gives. */
  name: string;
  version: string;
  os?: string;
  osVersion?: string;
  userAgent: string;
}

/** Plain data (it survives `JSON.stringify`), so it can be logged or sent to a support desk. */
export interface SystemReport {
  /** No required check failed (WebRTC, a secure page, `getUserMedia`, and the connection when it was tested), and the check itself ran. */
  ok: boolean;
  items: SystemCheckItem[];
  browser: BrowserInfo;
  /** When the check ended, as `Date.now()`. */
  checkedAt: number;
}

type CapabilitiesSource = { getCapabilities?(kind: string): RTCRtpCapabilities | null } | undefined;

/** What the check reads from the browser. Tests and stories replace parts of it to show other browsers. */
export interface SystemEnvironment {
  isSecureContext: boolean;
  mediaDevices: Partial<Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices' | 'getDisplayMedia'>> | undefined;
  permissions: Pick<Permissions, 'query'> | undefined;
  RTCPeerConnection: (new (configuration?: RTCConfiguration) => Pick<RTCPeerConnection, 'close'>) | undefined;
  RTCRtpSender: CapabilitiesSource;
  RTCRtpReceiver: CapabilitiesSource;
  /** Whether a screen can be shared; by default `canShareScreen()`, or read from an injected `mediaDevices`. */
  screenShare: boolean;
  /** Whether the page can choose the speaker (`HTMLMediaElement.setSinkId`). */
  audioOutputSelection: boolean;
  userAgent: string;
}

export interface ConnectionTestOptions {
  /** The LiveKit server; a token provider's grant may supply it instead. */
  serverUrl?: string;
  /** A token, or a provider such as `tokenEndpoint(url)`, asked for room `system-check`. */
  token: string | TokenProvider;
  /** For token, connecting and all (default 10 000). */
  timeoutMs?: number;
}

export interface SystemCheckOptions {
  /** Also connect to a server, and report how long that took or why it failed. */
  connection?: ConnectionTestOptions;
  /**
   * Start the camera and microphone once (the browser may ask, and the camera light comes on briefly) to
   * learn the real permission and whether the devices start. Off by default: the check is silent.
   */
  probeDevices?: boolean;
  environment?: Partial<SystemEnvironment>;
}

const QUICK_TIMEOUT_MS = 3_000;
/** A person may be reading the browser's question. */
const PROBE_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 10_000;
const DISCONNECT_TIMEOUT_MS = 3_000;
const REQUIRED: readonly SystemCheckId[] = ['webrtc', 'secure-context', 'get-user-media', 'connection'];

const CODECS: readonly { id: SystemCheckId; codec: CodecName; mimeType: string; baseline: boolean }[] = [
  // VP8, H.264 and Opus are what every WebRTC browser must have; the others are better but optional.
  { id: 'codec-vp8', codec: 'VP8', mimeType: 'video/vp8', baseline: true },
  { id: 'codec-h264', codec: 'H264', mimeType: 'video/h264', baseline: true },
  { id: 'codec-vp9', codec: 'VP9', mimeType: 'video/vp9', baseline: false },
  { id: 'codec-av1', codec: 'AV1', mimeType: 'video/av1', baseline: false },
  { id: 'codec-h265', codec: 'H265', mimeType: 'video/h265', baseline: false },
  { id: 'codec-opus', codec: 'Opus', mimeType: 'audio/opus', baseline: true },
];

/** The advice, with its English text for logs (the same words the element shows in English). */
const advise = (advice: SystemCheckAdvice) => ({ advice, remedy: systemCheckStrings.en[`systemCheck.remedy.${advice}`] });

const messageOf = (error: unknown) => (error as Error)?.message ?? String(error);

/** Drops the fields left undefined, so the report reads the same after a JSON round trip. */
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

function item(id: SystemCheckId, status: SystemCheckStatus, fields: Omit<Partial<SystemCheckItem>, 'id' | 'status' | 'required'> = {}): SystemCheckItem {
  return defined({ id, status, required: REQUIRED.includes(id), ...fields });
}

/** Runs one check; whatever it throws becomes an `unknown` line rather than a thrown report. */
async function safely(ids: readonly SystemCheckId[], check: () => SystemCheckItem[] | Promise<SystemCheckItem[]>): Promise<SystemCheckItem[]> {
  try {
    return await check();
  } catch (error) {
    return ids.map((id) => item(id, 'unknown', { code: 'unknown', detail: `Could not be checked: ${messageOf(error)}` }));
  }
}

function environmentWith(overrides: Partial<SystemEnvironment> = {}): SystemEnvironment {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const mediaDevices = 'mediaDevices' in overrides ? overrides.mediaDevices : nav?.mediaDevices;
  let audioOutputSelection = false;
  try {
    audioOutputSelection = supportsAudioOutputSelection();
  } catch {
    // No HTMLMediaElement (a worker): nothing to choose a speaker for.
  }
  return {
    isSecureContext: globalThis.isSecureContext ?? false,
    mediaDevices,
    permissions: nav?.permissions,
    RTCPeerConnection: globalThis.RTCPeerConnection,
    RTCRtpSender: globalThis.RTCRtpSender,
    RTCRtpReceiver: globalThis.RTCRtpReceiver,
    screenShare: 'mediaDevices' in overrides ? !!mediaDevices?.getDisplayMedia : canShareScreen(),
    audioOutputSelection,
    userAgent: nav?.userAgent ?? '',
    ...overrides,
  };
}

function browserOf(userAgent: string): BrowserInfo {
  const known = getBrowser(userAgent, true);
  if (known) return defined({ name: known.name, version: known.version, os: known.os, osVersion: known.osVersion, userAgent });
  const brands = (globalThis.navigator as { userAgentData?: { brands?: { brand: string; version: string }[] } } | undefined)?.userAgentData?.brands;
  // Brand lists hold a decoy ("Not A(Brand") by design; skip it.
  const brand = brands?.find(({ brand }) => !/not.?a.?brand/i.test(brand));
  return { name: brand?.brand ?? 'unknown', version: brand?.version ?? '', userAgent };
}

function checkWebrtc(env: SystemEnvironment): SystemCheckItem {
  if (!env.RTCPeerConnection) {
    return item('webrtc', 'fail', { code: 'media-unsupported', detail: 'This browser has no RTCPeerConnection.', ...advise('media-unsupported') });
  }
  try {
    // Some browsers keep the constructor but refuse to make one (WebRTC turned off by policy).
    new env.RTCPeerConnection().close();
  } catch (error) {
    return item('webrtc', 'fail', { code: 'media-unsupported', detail: `RTCPeerConnection refused: ${messageOf(error)}`, ...advise('media-unsupported') });
  }
  return item('webrtc', 'pass', { detail: 'RTCPeerConnection works.' });
}

function checkSecureContext(env: SystemEnvironment): SystemCheckItem {
  return env.isSecureContext
    ? item('secure-context', 'pass', { detail: 'The page is secure (HTTPS or localhost).' })
    : item('secure-context', 'fail', {
        code: 'insecure-context',
        detail: 'The page is not secure, so the browser keeps the camera and microphone from it.',
        ...advise('insecure-context'),
      });
}

function checkGetUserMedia(env: SystemEnvironment): SystemCheckItem {
  if (env.mediaDevices?.getUserMedia) return item('get-user-media', 'pass', { detail: 'navigator.mediaDevices.getUserMedia is available.' });
  // Insecure pages have no navigator.mediaDevices at all: the page, not the browser, is what to fix.
  return env.isSecureContext
    ? item('get-user-media', 'fail', { code: 'media-unsupported', detail: 'This browser has no getUserMedia.', ...advise('media-unsupported') })
    : item('get-user-media', 'fail', { code: 'insecure-context', detail: 'getUserMedia is not offered to insecure pages.', ...advise('insecure-context') });
}

type Probe = { ok: true } | { ok: false; error: RtcError };

async function probeDevices(env: SystemEnvironment): Promise<Probe | undefined> {
  const getUserMedia = env.mediaDevices?.getUserMedia?.bind(env.mediaDevices);
  if (!getUserMedia) return undefined;
  const stop = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());
  let capture: Promise<MediaStream> | undefined;
  try {
    capture = getUserMedia({ audio: true, video: true });
    stop(await withTimeout(capture, PROBE_TIMEOUT_MS));
    return { ok: true };
  } catch (error) {
    if (error instanceof TimeoutError) {
      // An answer after we stopped waiting must not leave the camera on.
      capture?.then(stop, () => undefined);
      return undefined;
    }
    return { ok: false, error: mediaError(error) };
  }
}

async function checkDevices(env: SystemEnvironment, probe: Probe | undefined): Promise<SystemCheckItem[]> {
  const enumerate = env.mediaDevices?.enumerateDevices?.bind(env.mediaDevices);
  if (!enumerate) {
    const detail = env.isSecureContext ? 'This browser cannot list devices.' : 'Devices are not listed on insecure pages.';
    return [item('camera', 'unknown', { detail }), item('microphone', 'unknown', { detail })];
  }
  const devices = await withTimeout(enumerate(), QUICK_TIMEOUT_MS);
  const deviceItem = (id: 'camera' | 'microphone', kind: MediaDeviceKind) => {
    const listed = devices.filter((device) => device.kind === kind);
    if (!listed.length) {
      return item(id, 'fail', { code: 'device-not-found', detail: `No ${id} is connected.`, ...advise(id) });
    }
    // Before permission, browsers list one entry per kind with an empty id: there is one, but how many is hidden.
    // Chrome adds "default" and "communications" entries that repeat a real microphone.
    const real = listed.filter((device) => device.deviceId && device.deviceId !== 'default' && device.deviceId !== 'communications');
    const count = real.length || undefined;
    if (probe && !probe.ok && probe.error.code !== 'permission-denied' && probe.error.code !== 'device-not-found') {
      return item(id, 'warn', { count, code: probe.error.code, detail: `Connected, but it could not be started: ${probe.error.message}`, ...advise('device-in-use') });
    }
    return item(id, 'pass', { count, detail: count ? `${count} connected.` : 'Connected.' });
  };
  return [deviceItem('camera', 'videoinput'), deviceItem('microphone', 'audioinput')];
}

async function checkPermission(env: SystemEnvironment, name: 'camera' | 'microphone', probe: Probe | undefined): Promise<SystemCheckItem> {
  const id = name === 'camera' ? 'camera-permission' : 'microphone-permission';
  let permission = await queryPermission(name, env.permissions, QUICK_TIMEOUT_MS);
  if (probe?.ok) permission = 'granted';
  // A refused probe says "denied" for both together; the query, where there is one, tells which.
  else if (probe?.error.code === 'permission-denied' && permission !== 'granted') permission = 'denied';
  switch (permission) {
    case 'granted':
      return item(id, 'pass', { permission, detail: `The ${name} is allowed.` });
    case 'prompt':
      return item(id, 'warn', { permission, detail: `The browser will ask for the ${name} when it starts.`, ...advise('prompt') });
    case 'denied':
      return item(id, 'fail', { permission, code: 'permission-denied', detail: `The ${name} is blocked for this page.`, ...advise('permission-denied') });
    default:
      return item(id, 'unknown', { detail: 'The browser does not say until it asks.' });
  }
}

function checkScreenShare(env: SystemEnvironment): SystemCheckItem {
  return env.screenShare
    ? item('screen-share', 'pass', { detail: 'A screen, window or tab can be shared.' })
    : item('screen-share', 'warn', { code: 'screen-share-unsupported', detail: 'This browser cannot share a screen (phones and tablets cannot).' });
}

function checkAudioOutput(env: SystemEnvironment): SystemCheckItem {
  return env.audioOutputSelection
    ? item('audio-output', 'pass', { detail: 'The page can choose the speaker (setSinkId).' })
    : item('audio-output', 'warn', { detail: 'The speaker is chosen in the system settings, not on the page.' });
}

function checkCodecs(env: SystemEnvironment): SystemCheckItem[] {
  const mimeTypes = (source: CapabilitiesSource, kind: 'video' | 'audio') =>
    source?.getCapabilities ? new Set((source.getCapabilities(kind)?.codecs ?? []).map((codec) => codec.mimeType.toLowerCase())) : undefined;
  const sendable = { video: mimeTypes(env.RTCRtpSender, 'video'), audio: mimeTypes(env.RTCRtpSender, 'audio') };
  const receivable = { video: mimeTypes(env.RTCRtpReceiver, 'video'), audio: mimeTypes(env.RTCRtpReceiver, 'audio') };
  return CODECS.map(({ id, codec, mimeType, baseline }) => {
    const kind = mimeType.startsWith('audio/') ? 'audio' : 'video';
    if (!sendable[kind] || !receivable[kind]) return item(id, 'unknown', { codec, detail: 'This browser does not list its codecs.' });
    const send = sendable[kind].has(mimeType);
    const receive = receivable[kind].has(mimeType);
    if (send && receive) return item(id, 'pass', { codec, send, receive, detail: 'Sends and receives.' });
    if (send || receive) return item(id, 'warn', { codec, send, receive, detail: send ? 'Sends only.' : 'Receives only.' });
    return item(id, baseline ? 'fail' : 'warn', {
      codec,
      send,
      receive,
      code: baseline ? 'media-unsupported' : undefined,
      detail: baseline ? 'Not supported, though every WebRTC browser should have it.' : 'Not supported: calls use another codec.',
      ...(baseline ? advise('media-unsupported') : {}),
    });
  });
}

function connectionAdvice(code: RtcErrorCode): SystemCheckAdvice {
  if (code === 'unauthorized') return 'unauthorized';
  if (code === 'invalid-url' || code === 'missing-token' || code === 'token-fetch-failed') return 'setup';
  return 'network';
}

async function testConnection({ serverUrl, token, timeoutMs = CONNECTION_TIMEOUT_MS }: ConnectionTestOptions): Promise<SystemCheckItem> {
  const deadline = performance.now() + timeoutMs;
  const left = () => Math.max(0, deadline - performance.now());
  const tooLong = () => new RtcError('connection-timeout', `The connection test took longer than ${timeoutMs / 1000} s.`);
  let room: Room | undefined;
  try {
    const identity = `system-check-${Math.random().toString(36).slice(2, 10)}`;
    // As a session gets its credentials, so a set-up mistake shows here just as it would on joining.
    const { serverUrl: url, token: jwt } = await resolveCredentials({ serverUrl, token, room: 'system-check', identity }, left());
    room = new Room();
    const started = performance.now();
    await withTimeout(room.connect(url, jwt, { autoSubscribe: false }), left(), tooLong);
    const durationMs = Math.round(performance.now() - started);
    return item('connection', 'pass', { durationMs, detail: `Connected in ${durationMs} ms.` });
  } catch (error) {
    const code = connectionErrorCode(error);
    return item('connection', 'fail', { code, detail: messageOf(error), ...advise(connectionAdvice(code)) });
  } finally {
    // Also cancels a connection still on its way after a timeout.
    await withTimeout(room?.disconnect() ?? Promise.resolve(), DISCONNECT_TIMEOUT_MS).catch(() => undefined);
  }
}

/**
 * Checks whether this browser, on this page, can hold a call: WebRTC, a secure page, camera and microphone
 * (present, and permission), screen sharing, speaker choice, video and audio codecs, and optionally a real
 * connection to the server. Never throws; anything that cannot be checked is reported as `unknown`. Starts
 * no camera or microphone unless `probeDevices` is set.
 */
export async function checkSystemRequirements(options: SystemCheckOptions = {}): Promise<SystemReport> {
  const env = environmentWith(options.environment);
  const connection = options.connection ? testConnection(options.connection) : undefined;
  const probe = options.probeDevices && env.isSecureContext ? await probeDevices(env) : undefined;
  const groups = await Promise.all([
    safely(['webrtc'], () => [checkWebrtc(env)]),
    safely(['secure-context'], () => [checkSecureContext(env)]),
    safely(['get-user-media'], () => [checkGetUserMedia(env)]),
    safely(['camera', 'microphone'], () => checkDevices(env, probe)),
    safely(['camera-permission'], async () => [await checkPermission(env, 'camera', probe)]),
    safely(['microphone-permission'], async () => [await checkPermission(env, 'microphone', probe)]),
    safely(['screen-share'], () => [checkScreenShare(env)]),
    safely(['audio-output'], () => [checkAudioOutput(env)]),
    safely(
      CODECS.map(({ id }) => id),
      () => checkCodecs(env),
    ),
    connection ? safely(['connection'], async () => [await connection]) : [],
  ]);
  const items = groups.flat();
  return { ok: !items.some((line) => line.required && line.status === 'fail'), items, browser: browserOf(env.userAgent), checkedAt: Date.now() };
}
