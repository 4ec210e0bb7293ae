import { RtcError } from './errors.js';

/** What a token provider returns: the token, and optionally the server to use it with. */
export interface TokenGrant {
  token: string;
  serverUrl?: string;
}

/** What the session asks a provider for. */
export interface TokenRequest {
  room?: string;
  identity?: string;
  name?: string;
  metadata?: string;
}

export type TokenProvider = (request: TokenRequest) => Promise<TokenGrant> | TokenGrant;

/**
 * A provider that POSTs the request as JSON to `endpoint` and reads `{ token, serverUrl? }`. LiveKit's
 * standard token-server reply (`{ participant_token, server_url }`) is accepted too, so the same page works
 * against a LiveKit sandbox or a custom backend.
 */
export function tokenEndpoint(endpoint: string, init: RequestInit = {}, timeoutMs = 15_000): TokenProvider {
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        signal: AbortSignal.timeout(timeoutMs),
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
        body: JSON.stringify({
          ...request,
          // LiveKit's token-server field names, for endpoints written against its docs.
          room_name: request.room,
          participant_identity: request.identity,
          participant_name: request.name,
        }),
      });
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError') {
        throw new RtcError('connection-timeout', `The token endpoint ${endpoint} did not answer within ${timeoutMs / 1000} s.`, { cause: error });
      }
      throw new RtcError('token-fetch-failed', `The token endpoint ${endpoint} could not be reached.`, { cause: error });
    }
    if (response.status === 401 || response.status === 403) {
      throw new RtcError('unauthorized', `The token endpoint refused the request (${response.status}).`);
    }
    if (!response.ok) {
      throw new RtcError('token-fetch-failed', `The token endpoint answered ${response.status} ${response.statusText}.`);
    }
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const token = body?.token ?? body?.participant_token ?? body?.participantToken;
    const serverUrl = body?.serverUrl ?? body?.server_url;
    if (typeof token !== 'string' || !token) {
      throw new RtcError('token-fetch-failed', `The token endpoint's reply has no "token" field.`);
    }
    return typeof serverUrl === 'string' && serverUrl ? { token, serverUrl } : { token };
  };
}

/** Reads the claims of a LiveKit JWT without verifying it (the server does that); undefined when unreadable. */
export function readTokenClaims(
  token: string,
): { identity?: string; room?: string; name?: string; exp?: number; roomAdmin?: boolean } | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: string; name?: string; exp?: number; video?: { room?: string; roomAdmin?: boolean } };
    return { identity: claims.sub, room: claims.video?.room, name: claims.name, exp: claims.exp, roomAdmin: !!claims.video?.roomAdmin };
  } catch {
    return undefined;
  }
}
