import { ParticipantInfo_Kind, ParticipantInfo_KindDetail } from '@livekit/protocol';
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';

export interface ApiKeys {
  apiKey: string;
  apiSecret: string;
}

/** Who a verified token lets in, and to do what. */
export interface Admission {
  identity: string;
  name: string;
  metadata: string;
  attributes: Record<string, string>;
  room: string;
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  canUpdateOwnMetadata: boolean;
  roomAdmin: boolean;
  hidden: boolean;
  /** The token's `kind` (agent, sip…): others see it in ParticipantInfo, and livekit-client makes an agent an Agent. */
  kind: ParticipantInfo_Kind;
  kindDetails: ParticipantInfo_KindDetail[];
  /** The video grant's `agent` flag, shown to others in the participant's permission. */
  agent: boolean;
}

/**
 * A token's `kind` and `kindDetails` claims as livekit-server reads them: enum names in lower case
 * (`agent`, `cloud_agent`); an unknown kind is STANDARD, an unknown detail is dropped.
 */
function participantKind(kind: unknown): ParticipantInfo_Kind {
  const value = typeof kind === 'string' ? (ParticipantInfo_Kind as unknown as Record<string, unknown>)[kind.toUpperCase()] : undefined;
  return typeof value === 'number' ? value : ParticipantInfo_Kind.STANDARD;
}

function participantKindDetails(details: unknown): ParticipantInfo_KindDetail[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail) => {
    const value = typeof detail === 'string' ? (ParticipantInfo_KindDetail as unknown as Record<string, unknown>)[detail.toUpperCase()] : undefined;
    return typeof value === 'number' ? [value] : [];
  });
}

/** Why a token was refused: sent to the client as the 401 body, which livekit-client shows as "not allowed". */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/**
 * Verifies an access token as livekit-server does: HS256 signature with the API secret, issued by the API key,
 * not expired and already valid (exp and nbf, with a little clock tolerance), and granting `roomJoin` to a room.
 */
export async function admit(token: string | null | undefined, keys: ApiKeys): Promise<Admission> {
  if (!token) throw new AuthError('no access token');
  let claims: ClaimGrants;
  try {
    claims = await new TokenVerifier(keys.apiKey, keys.apiSecret).verify(token, 5);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'ERR_JWT_EXPIRED') throw new AuthError('token expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new AuthError(`token not valid: ${(error as Error).message}`);
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw new AuthError('token signature is invalid');
    throw new AuthError(`invalid token: ${(error as Error).message}`);
  }
  const grant = claims.video;
  const identity = claims.sub;
  if (!identity) throw new AuthError('token has no identity (sub)');
  if (!grant?.roomJoin) throw new AuthError('token does not grant roomJoin');
  if (!grant.room) throw new AuthError('token names no room');
  return {
    identity,
    name: claims.name ?? '',
    metadata: claims.metadata ?? '',
    attributes: claims.attributes ?? {},
    room: grant.room,
    // livekit-server's defaults: publishing, subscribing and data are allowed unless the token says otherwise.
    canPublish: grant.canPublish ?? true,
    canSubscribe: grant.canSubscribe ?? true,
    canPublishData: grant.canPublishData ?? true,
    canUpdateOwnMetadata: grant.canUpdateOwnMetadata ?? false,
    roomAdmin: grant.roomAdmin ?? false,
    hidden: grant.hidden ?? false,
    kind: participantKind(claims.kind),
    // livekit-server-sdk 2.19's ClaimGrants does not declare kindDetails yet; livekit-server reads it.
    kindDetails: participantKindDetails((claims as { kindDetails?: unknown }).kindDetails),
    agent: grant.agent ?? false,
  };
}
