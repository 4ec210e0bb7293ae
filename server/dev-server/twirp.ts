import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ListRoomsRequest } from '@livekit/protocol';
import { TokenVerifier, type VideoGrant } from 'livekit-server-sdk';
import type { ApiKeys } from './auth.js';
import type { Logger } from './log.js';
import { BodyError, readJsonBody, sendJson } from '../json-body.js';

const MAX_BODY_BYTES = 256 * 1024;

/** JSON as protobuf-es reads and writes it. */
export type JsonValue = Parameters<typeof ListRoomsRequest.fromJson>[0];

/** A Twirp error: livekit-server-sdk reads `{ code, msg }` JSON with a non-2xx status into a TwirpError. */
export class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One method of a service: the request as JSON and the caller's grant in, the response as JSON out. */
export type TwirpMethod = (body: JsonValue, grant: VideoGrant) => JsonValue | Promise<JsonValue>;

/**
 * Serves a Twirp JSON service as livekit-server-sdk calls it: POST `/twirp/livekit.<service>/<Method>` with a
 * bearer token signed by the server's key, checked before the method runs.
 */
export function twirpHandler(service: string, methods: Record<string, TwirpMethod>, keys: ApiKeys, log: Logger) {
  return async function handle(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const reply = (status: number, body: unknown) => sendJson(response, status, body, { 'access-control-allow-origin': '*' });
    try {
      const handler = methods[method];
      if (!handler) throw new TwirpError(501, 'unimplemented', `${service}.${method} is not implemented by the dev server`);
      const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) throw new TwirpError(401, 'unauthenticated', 'an authorization bearer token is required');
      const grant = await new TokenVerifier(keys.apiKey, keys.apiSecret)
        .verify(token, 5)
        .then((claims) => claims.video ?? {})
        .catch((error: Error) => {
          throw new TwirpError(401, 'unauthenticated', `invalid token: ${error.message}`);
        });
      const body = await readJson(request);
      reply(200, await handler(body, grant));
    } catch (error) {
      if (error instanceof TwirpError) return reply(error.status, { code: error.code, msg: error.message });
      log.info(`${service}.${method} failed: ${(error as Error).message}`);
      reply(400, { code: 'invalid_argument', msg: (error as Error).message });
    }
  };
}

/** The body as JSON, its faults as Twirp errors. */
async function readJson(request: IncomingMessage): Promise<JsonValue> {
  try {
    return (await readJsonBody(request, MAX_BODY_BYTES)) as JsonValue;
  } catch (error) {
    if (error instanceof BodyError) throw new TwirpError(error.status, error.status === 413 ? 'invalid_argument' : 'malformed', error.message);
    throw error;
  }
}
