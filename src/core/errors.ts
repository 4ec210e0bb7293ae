/**
 * Stable error codes. Pages switch on these, and the elements translate them into visible messages, so a
 * code is never renamed once shipped.
 */
export type RtcErrorCode =
  // local media
  | 'permission-denied'
  | 'device-not-found'
  | 'device-in-use'
  | 'constraints-unsatisfiable'
  | 'insecure-context'
  | 'media-unsupported'
  // connection
  | 'invalid-url'
  | 'missing-token'
  | 'token-fetch-failed'
  | 'unauthorized'
  | 'room-full'
  | 'server-unreachable'
  | 'connection-timeout'
  | 'connection-cancelled'
  | 'reconnect-failed'
  | 'kicked'
  | 'duplicate-identity'
  | 'room-closed'
  | 'not-connected'
  | 'publish-failed'
  | 'subscribe-failed'
  | 'user-data-too-large'
  // screen share
  | 'screen-share-cancelled'
  | 'screen-share-unsupported'
  // messages
  | 'message-empty'
  | 'message-too-large'
  | 'rate-limited'
  | 'no-permission'
  | 'queue-full'
  | 'send-failed'
  | 'delivery-uncertain'
  | 'not-delivered'
  | 'media-stalled'
  // playback
  | 'autoplay-blocked'
  // cast
  | 'cast-no-provider'
  | 'cast-request-failed'
  | 'cast-forbidden'
  | 'cast-busy'
  | 'cast-participant-not-found'
  | 'cast-conflict'
  | 'cast-egress-unavailable'
  | 'cast-start-timeout'
  | 'cast-failed'
  // calls
  | 'call-ended'
  | 'unknown';

/** An error with a stable {@link RtcErrorCode}; `cause` keeps the original for debugging. */
export class RtcError extends Error {
  override readonly name = 'RtcError';
  readonly code: RtcErrorCode;

  constructor(code: RtcErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static is(value: unknown): value is RtcError {
    return value instanceof RtcError;
  }
}

/** Turns what a failed `getUserMedia` threw into an {@link RtcError}. */
export function mediaError(error: unknown): RtcError {
  if (RtcError.is(error)) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return new RtcError('permission-denied', `Camera or microphone permission was denied: ${message}`, { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new RtcError('device-not-found', `No camera or microphone matches the request: ${message}`, { cause: error });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new RtcError('device-in-use', `The camera or microphone could not be started; another application may be using it: ${message}`, { cause: error });
    case 'OverconstrainedError': {
      const constraint = (error as { constraint?: string }).constraint;
      // A device id that no longer exists is reported as an unsatisfiable deviceId: to a person, that is a missing device.
      if (constraint === 'deviceId') {
        return new RtcError('device-not-found', 'The chosen camera or microphone is not connected.', { cause: error });
      }
      return new RtcError('constraints-unsatisfiable', `No device can satisfy ${constraint ?? 'the requested constraints'}.`, { cause: error });
    }
    case 'SecurityError':
      return new RtcError('insecure-context', 'Camera and microphone need a secure page (HTTPS or localhost).', { cause: error });
    case 'TypeError':
      return new RtcError('media-unsupported', `The browser refused the media request: ${message}`, { cause: error });
    default:
      return new RtcError('unknown', message, { cause: error });
  }
}
