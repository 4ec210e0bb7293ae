import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyError, readJsonObject, sendJson } from '../json-body.js';
import { createToken } from '../token.js';
import type { ApiKeys } from './auth.js';

const MAX_BODY_BYTES = 16 * 1024;
const MAX_FIELD = 128;

function field(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_FIELD) : undefined;
}

/**
 * The dev server's own token endpoint, for pages and stories with no backend: `GET /token?room=&identity=&name=`,
 * or a POST with the JSON `<rtc-room token-endpoint>` sends (our field names or LiveKit's). Anyone who can reach
 * it can join any room, which is why it is off unless the server runs in dev mode.
 */
export function devTokenHandler(keys: ApiKeys, serverUrl: () => string) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const send = (status: number, body: object) => sendJson(response, status, body, { 'access-control-allow-origin': '*' });
    let values: Record<string, unknown>;
    try {
      values = request.method === 'POST' ? await readJsonObject(request, MAX_BODY_BYTES) : Object.fromEntries(url.searchParams);
    } catch (error) {
      return send(error instanceof BodyError ? error.status : 400, { message: `bad request: ${(error as Error).message}` });
    }
    const room = field(values.room) ?? field(values.room_name);
    if (!room) return send(400, { message: 'say which room: /token?room=<name>&identity=<id>&name=<display name>' });
    const name = field(values.name) ?? field(values.participant_name);
    const identity =
      field(values.identity) ?? field(values.participant_identity) ?? `${(name ?? 'guest').toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
    const token = await createToken({ ...keys, room, identity, ...(name ? { name } : {}) });
    send(200, { token, serverUrl: serverUrl(), participant_token: token, server_url: serverUrl() });
  };
}
