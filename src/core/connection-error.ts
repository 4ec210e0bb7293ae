import { ConnectionError, ConnectionErrorReason } from 'livekit-client';
import { RtcError, type RtcErrorCode } from './errors.js';

/** The code for what a failed connection threw (livekit-client's ConnectionError, or an RtcError of ours). */
export function connectionErrorCode(error: unknown): RtcErrorCode {
  if (RtcError.is(error)) return error.code;
  if (error instanceof ConnectionError) {
    switch (error.reason) {
      case ConnectionErrorReason.NotAllowed:
        // The refusal's text is the message. The dev server refuses a full room with 403 "room … is full";
        // livekit-server answers 500 there, which the client does not tell apart from a network failure.
        return /\broom\b.*\bis full\b/i.test(error.message) ? 'room-full' : 'unauthorized';
      case ConnectionErrorReason.ServerUnreachable:
      case ConnectionErrorReason.WebSocket:
      case ConnectionErrorReason.ServiceNotFound:
        return 'server-unreachable';
      case ConnectionErrorReason.Timeout:
        return 'connection-timeout';
      case ConnectionErrorReason.Cancelled:
      case ConnectionErrorReason.LeaveRequest:
        return 'connection-cancelled';
      default:
        return 'unknown';
    }
  }
  return 'unknown';
}
