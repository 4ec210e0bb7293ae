import { AccessToken, type VideoGrant } from 'livekit-server-sdk';

/** The API key and secret `livekit-server --dev` uses, and so does our dev server. Never use them in production. */
export const DEV_API_KEY = 'devkey';
export const DEV_API_SECRET = 'secret';

export interface TokenOptions {
  apiKey?: string;
  apiSecret?: string;
  room: string;
  identity: string;
  name?: string;
  metadata?: string;
  /** Lifetime in seconds (default 6 hours). */
  ttl?: number;
  /** Extra grants, e.g. `{ roomAdmin: true }` for someone allowed to cast. */
  grants?: Partial<VideoGrant>;
  /** Key-value user data everyone sees (participant attributes). */
  attributes?: Record<string, string>;
  /** What kind of participant: `agent` for a LiveKit Agent or bot (shown as such to the others). Default `standard`. */
  kind?: 'standard' | 'agent' | 'ingress' | 'egress' | 'sip';
}

/** Mints a LiveKit access token that lets `identity` join `room` (created on first join) and publish. */
export async function createToken(options: TokenOptions): Promise<string> {
  const token = new AccessToken(options.apiKey ?? DEV_API_KEY, options.apiSecret ?? DEV_API_SECRET, {
    identity: options.identity,
    ttl: options.ttl ?? 6 * 60 * 60,
    ...(options.name ? { name: options.name } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
  });
  if (options.kind) token.kind = options.kind;
  token.addGrant({
    room: options.room,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: true,
    ...options.grants,
  });
  return token.toJwt();
}
