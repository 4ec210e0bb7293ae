import { gunzipSync } from 'node:zlib';
import { JoinRequest, WrappedJoinRequest, WrappedJoinRequest_Compression } from '@livekit/protocol';
import type { IncomingMessage } from 'node:http';

/**
 * The access token of a request, as livekit-server reads it: the `Authorization: Bearer` header first (what
 * @livekit/rtc-node sends), then the `access_token` query parameter (what livekit-client sends).
 */
export function accessToken(request: IncomingMessage, url: URL): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? url.searchParams.get('access_token');
}

/** Why a `join_request` could not be read: the connection is refused with 400 and this. */
export class JoinRequestError extends Error {
  override readonly name = 'JoinRequestError';
}

/**
 * The join request of the single-connection path (`/rtc/v1?join_request=…`): a WrappedJoinRequest, base64url,
 * whose JoinRequest may be gzipped. It carries the client's settings and, usually, its first offer.
 */
export function readJoinRequest(param: string | null): JoinRequest {
  if (!param) throw new JoinRequestError('no join_request');
  try {
    const wrapped = WrappedJoinRequest.fromBinary(Buffer.from(param.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    const bytes = wrapped.compression === WrappedJoinRequest_Compression.GZIP ? gunzipSync(wrapped.joinRequest, { maxOutputLength: 1024 * 1024 }) : wrapped.joinRequest;
    return JoinRequest.fromBinary(new Uint8Array(bytes));
  } catch (error) {
    throw new JoinRequestError(`join_request could not be read: ${(error as Error).message}`);
  }
}
