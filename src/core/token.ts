import { RtcError } from './errors.js';
import { withTimeout } from './timeout.js';

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

const TOKEN_TIMEOUT_MS = 20_000;

/** How a session (or a connection test) gets its token: a token, a function giving one, or a token endpoint. */
export interface CredentialOptions extends TokenRequest {
  serverUrl?: string | undefined;
  token?: string | TokenProvider | undefined;
  tokenEndpoint?: string | undefined;
}

/**
 * The server address and token to connect with: asks the provider (within `timeoutMs`), takes its server
 * address when it gives one, and checks both. Rejects with `missing-token`, `token-fetch-failed`,
 * `connection-timeout`, `unauthorized` (an expired token) or `invalid-url`.
 */
export async function resolveCredentials(options: CredentialOptions, timeoutMs = TOKEN_TIMEOUT_MS): Promise<{ serverUrl: string; token: string }> {
  const provider =
    typeof options.token === 'function' ? options.token : options.tokenEndpoint && !options.token ? tokenEndpoint(options.tokenEndpoint) : undefined;
  let token = typeof options.token === 'string' ? options.token : undefined;
  let serverUrl = options.serverUrl;
  if (provider) {
    try {
      const grant = await withTimeout(
        Promise.resolve(provider({ room: options.room, identity: options.identity, name: options.name, metadata: options.metadata })),
        timeoutMs,
        () => new RtcError('connection-timeout', `The token provider did not answer within ${Math.round(timeoutMs / 1000)} s.`),
      );
      token = grant?.token;
      serverUrl = grant?.serverUrl ?? serverUrl;
    } catch (error) {
      throw RtcError.is(error)
        ? error
        : new RtcError('token-fetch-failed', `Getting a token failed: ${(error as Error)?.message ?? error}`, { cause: error });
    }
  }
  if (!token) throw new RtcError('missing-token', 'No token, token function or token endpoint was given.');
  const claims = readTokenClaims(token);
  if (claims?.exp && claims.exp * 1000 < Date.now()) {
    throw new RtcError('unauthorized', 'The token has expired.');
  }
  return { serverUrl: validServerUrl(serverUrl), token };
}

function validServerUrl(serverUrl: string | undefined): string {
  if (!serverUrl) throw new RtcError('invalid-url', 'No server URL was given.');
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new RtcError('invalid-url', `"${serverUrl}" is not a valid server URL.`);
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    throw new RtcError('invalid-url', `The server URL must start with ws://, wss://, http:// or https://, not ${url.protocol}`);
  }
  return serverUrl;
}
