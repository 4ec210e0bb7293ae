import type { IncomingMessage, ServerResponse } from 'node:http';
import { EgressStatus, type EgressInfo, type EncodingOptions, type EncodingOptionsPreset } from '@livekit/protocol';
import { EgressClient, RoomServiceClient, TokenVerifier, type EncodedOutputs } from 'livekit-server-sdk';
import { BodyError, readJsonObject, sendJson } from './json-body.js';

/** The room-metadata key the cast state is kept under, beside the app's own keys (the elements read it there). */
export const CAST_METADATA_KEY = 'rtc.cast';
/** The egress layout that shows one participant: the kit's layout page (`<rtc-cast-view>`) reads it. */
export const castLayout = (identity: string) => `rtc-cast:${identity}`;
/** The identity a cast layout shows, or undefined for any other layout. */
export const castIdentityOf = (layout: string): string | undefined => /^rtc-cast:(.+)$/.exec(layout)?.[1];
/** Who an egress shows, when it is a cast. */
export const castIdentityOfEgress = (info: EgressInfo): string | undefined =>
  info.request.case === 'roomComposite' ? castIdentityOf(info.request.value.layout) : undefined;

export type CastErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'bad-request'
  | 'participant-not-found'
  | 'conflict'
  | 'egress-unavailable'
  | 'start-timeout'
  | 'egress-failed';

export type CastState =
  | { status: 'idle' }
  | { status: 'starting'; participant: string; by: string; at: number }
  | { status: 'live'; participant: string; since: number }
  | { status: 'switching'; from: string; to: string }
  | { status: 'stopping'; participant?: string }
  | { status: 'failed'; code: CastErrorCode; message: string };

export type CastAction = 'start' | 'switch' | 'stop';

/** What the caller's token says about them, for `authorize`. */
export interface CastCaller {
  identity: string;
  room: string;
  roomAdmin: boolean;
}

export interface CastHandlerOptions {
  /** The LiveKit server (`wss://…` or `https://…`; the dev server's `ws://127.0.0.1:7880` works too). */
  serverUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The page that shows the broadcast (`<rtc-cast-view>`), given to Egress as `customBaseUrl`. */
  layoutUrl: string;
  /** Where the broadcast goes: RTMP/SRT streams, HLS segments, a file, as LiveKit takes them; or a function of the room. */
  outputs: EncodedOutputs | ((room: string) => EncodedOutputs);
  encoding?: EncodingOptionsPreset | EncodingOptions;
  /** Who may control the broadcast; by default, holders of a `roomAdmin` token for the room. */
  authorize?: (caller: CastCaller, action: CastAction, room: string) => boolean | Promise<boolean>;
  /** How long a start may take before it fails with `start-timeout` (default 30 s). */
  startTimeoutMs?: number;
  /** How often the egress is asked how it is doing (default 500 ms). */
  pollMs?: number;
}

export class CastError extends Error {
  constructor(
    readonly status: number,
    readonly code: CastErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 16 * 1024;
const TERMINAL = new Set([EgressStatus.EGRESS_COMPLETE, EgressStatus.EGRESS_FAILED, EgressStatus.EGRESS_ABORTED, EgressStatus.EGRESS_LIMIT_REACHED]);
const httpUrl = (url: string) => url.replace(/^ws(s?):/, 'http$1:');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts, switches and stops the broadcast of one chosen participant of a room, over LiveKit's Egress API: a
 * RoomComposite egress whose layout page shows only that participant (`rtc-cast:<identity>`), switched with
 * `UpdateLayout`, so the output never stops. The state is written to the room's metadata, which every
 * participant (late joiners too) receives. Nothing is kept in memory: after a restart the active egress is
 * found again with `ListEgress`.
 */
export function createCastController(options: CastHandlerOptions) {
  const host = httpUrl(options.serverUrl);
  const egress = new EgressClient(host, options.apiKey, options.apiSecret);
  const roomService = new RoomServiceClient(host, options.apiKey, options.apiSecret);
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 500;
  /** One change at a time per room: a second request waits for the first. */
  const locks = new Map<string, Promise<unknown>>();

  const serialized = <T>(room: string, work: () => Promise<T>): Promise<T> => {
    const previous = locks.get(room) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    locks.set(room, next);
    void next.finally(() => locks.get(room) === next && locks.delete(room)).catch(() => undefined);
    return next;
  };

  async function readMetadata(room: string): Promise<Record<string, unknown>> {
    const [info] = await unavailableOnError(() => roomService.listRooms([room]));
    if (!info) throw new CastError(404, 'bad-request', `Room "${room}" is not open.`);
    if (!info.metadata) return {};
    try {
      const parsed: unknown = JSON.parse(info.metadata);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new CastError(409, 'conflict', `Room "${room}" has metadata that is not a JSON object; the cast state cannot be kept beside it.`);
  }

  async function writeState(room: string, state: CastState): Promise<CastState> {
    const metadata = await readMetadata(room);
    metadata[CAST_METADATA_KEY] = state;
    await unavailableOnError(() => roomService.updateRoomMetadata(room, JSON.stringify(metadata)));
    return state;
  }

  /** The room's cast egress that is starting or running; one that is ending (uploading, say) is on its way out. */
  async function activeEgress(room: string): Promise<EgressInfo | undefined> {
    const list = await unavailableOnError(() => egress.listEgress({ roomName: room, active: true }));
    return list.find(
      (info) => info.status !== EgressStatus.EGRESS_ENDING && castIdentityOfEgress(info) !== undefined,
    );
  }

  const shownBy = (info: EgressInfo) => castIdentityOfEgress(info) ?? '';
  const startedAt = (info: EgressInfo) => (info.startedAt ? Number(info.startedAt / 1_000_000n) : Date.now());

  /**
   * Writes what Egress says is true now: live when a cast egress runs, idle when none does. After a request
   * failed half-way, or an egress ended on its own, so the room is never left starting, switching or stopping.
   */
  async function reconcile(room: string): Promise<CastState> {
    const active = await activeEgress(room);
    if (active?.status === EgressStatus.EGRESS_ACTIVE) return writeState(room, { status: 'live', participant: shownBy(active), since: startedAt(active) });
    if (active) return writeState(room, { status: 'starting', participant: shownBy(active), by: '', at: startedAt(active) });
    return writeState(room, { status: 'idle' });
  }

  /** Runs a request; should it fail unexpectedly half-way, the state is set back to the truth before the error goes out. */
  async function settling<T>(room: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // Refusals changed nothing and typed failures wrote their own state; anything else may have left a step behind.
      const state = (await readMetadata(room).catch(() => ({}) as Record<string, unknown>))[CAST_METADATA_KEY] as CastState | undefined;
      if (state && (state.status === 'starting' || state.status === 'switching' || state.status === 'stopping')) await reconcile(room).catch(() => undefined);
      throw error;
    }
  }

  async function requireParticipant(room: string, identity: string | undefined): Promise<string> {
    if (!identity) throw new CastError(400, 'bad-request', 'Say which participant to broadcast.');
    try {
      await roomService.getParticipant(room, identity);
    } catch (error) {
      const { status, code } = error as { status?: number; code?: string };
      if (status === 404 || code === 'not_found') throw new CastError(404, 'participant-not-found', `"${identity}" is not in room "${room}".`);
      throw new CastError(503, 'egress-unavailable', `LiveKit did not answer: ${(error as Error).message}`);
    }
    return identity;
  }

  /** Waits until the egress reaches `status` (or ends), asking every `pollMs`. */
  async function waitFor(egressId: string, wanted: EgressStatus, timeoutMs: number): Promise<EgressInfo | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [info] = await unavailableOnError(() => egress.listEgress({ egressId }));
      if (!info || info.status === wanted || TERMINAL.has(info.status)) return info;
      await sleep(pollMs);
    }
    return undefined;
  }

  return {
    /** The state as the room's metadata has it, put right first when it claims a broadcast that no longer runs. */
    async get(room: string): Promise<CastState> {
      const state = ((await readMetadata(room))[CAST_METADATA_KEY] as CastState | undefined) ?? { status: 'idle' };
      if (state.status === 'idle' || state.status === 'failed') return state;
      return (await activeEgress(room)) ? state : serialized(room, () => reconcile(room));
    },

    start(room: string, participant: string | undefined, by: string): Promise<CastState> {
      return serialized(room, () => settling(room, async () => {
        const identity = await requireParticipant(room, participant);
        if (await activeEgress(room)) throw new CastError(409, 'conflict', 'A broadcast is already running; switch or stop it.');
        await writeState(room, { status: 'starting', participant: identity, by, at: Date.now() });
        let info: EgressInfo;
        try {
          const outputs = typeof options.outputs === 'function' ? options.outputs(room) : options.outputs;
          info = await egress.startRoomCompositeEgress(room, outputs, {
            layout: castLayout(identity),
            customBaseUrl: options.layoutUrl,
            ...(options.encoding !== undefined ? { encodingOptions: options.encoding } : {}),
          });
        } catch (error) {
          const message = `Egress could not start: ${(error as Error).message}`;
          await writeState(room, { status: 'failed', code: 'egress-unavailable', message });
          throw new CastError(503, 'egress-unavailable', message);
        }
        const settled = await waitFor(info.egressId, EgressStatus.EGRESS_ACTIVE, startTimeoutMs);
        if (settled?.status === EgressStatus.EGRESS_ACTIVE) {
          return writeState(room, { status: 'live', participant: identity, since: startedAt(settled) });
        }
        if (!settled) {
          await egress.stopEgress(info.egressId).catch(() => undefined);
          const message = `The broadcast did not start within ${startTimeoutMs / 1000} s.`;
          await writeState(room, { status: 'failed', code: 'start-timeout', message });
          throw new CastError(504, 'start-timeout', message);
        }
        const message = settled.error || `The egress ended as ${EgressStatus[settled.status]}.`;
        await writeState(room, { status: 'failed', code: 'egress-failed', message });
        throw new CastError(502, 'egress-failed', message);
      }));
    },

    switchTo(room: string, participant: string | undefined): Promise<CastState> {
      return serialized(room, () => settling(room, async () => {
        const identity = await requireParticipant(room, participant);
        const active = await activeEgress(room);
        if (!active || active.status !== EgressStatus.EGRESS_ACTIVE) {
          await reconcile(room); // a broadcast that ended on its own must not stay "live" for everyone
          throw new CastError(409, 'conflict', 'Nothing is being broadcast; start first.');
        }
        const from = shownBy(active);
        const since = startedAt(active);
        await writeState(room, { status: 'switching', from, to: identity });
        try {
          await egress.updateLayout(active.egressId, castLayout(identity));
        } catch (error) {
          // The broadcast goes on with whoever it showed.
          await writeState(room, { status: 'live', participant: from, since });
          throw new CastError(503, 'egress-unavailable', `The broadcast could not be switched: ${(error as Error).message}`);
        }
        return writeState(room, { status: 'live', participant: identity, since });
      }));
    },

    stop(room: string): Promise<CastState> {
      return serialized(room, () => settling(room, async () => {
        const active = await activeEgress(room);
        if (!active) {
          // Nothing runs: whatever the metadata says (a crash mid-start, say), the truth is idle.
          const state = (await readMetadata(room))[CAST_METADATA_KEY] as CastState | undefined;
          if (state && state.status !== 'idle' && state.status !== 'failed') return writeState(room, { status: 'idle' });
          throw new CastError(409, 'conflict', 'Nothing is being broadcast.');
        }
        await writeState(room, { status: 'stopping', participant: shownBy(active) });
        await unavailableOnError(() => egress.stopEgress(active.egressId));
        // Ending may go on for a while (an upload): the broadcast is over for the room once it no longer runs.
        await waitFor(active.egressId, EgressStatus.EGRESS_COMPLETE, startTimeoutMs);
        return writeState(room, { status: 'idle' });
      }));
    },
  };
}

async function unavailableOnError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CastError) throw error;
    throw new CastError(503, 'egress-unavailable', `LiveKit did not answer: ${(error as Error).message}`);
  }
}

/**
 * A standard `(req, res)` handler (node:http, Express, Fastify's raw request) for what `<rtc-cast-controls>`
 * sends: `POST {action: 'start'|'switch'|'stop', room, participant?}` with the participant's own LiveKit token
 * as bearer, answered `{state}`, or `{error: {code, message}}` with 401, 403, 404 (`participant-not-found`),
 * 409 (`conflict`: start while live, switch while idle), 503 (`egress-unavailable`) or 504 (`start-timeout`).
 * `GET ?room=` answers the state.
 */
export function createCastHandler(options: CastHandlerOptions) {
  const cast = createCastController(options);
  const verifier = new TokenVerifier(options.apiKey, options.apiSecret);

  async function caller(request: IncomingMessage, room: string): Promise<CastCaller> {
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new CastError(401, 'unauthorized', 'Send your LiveKit token as a bearer token.');
    const claims = await verifier.verify(token).catch((error: Error) => {
      throw new CastError(401, 'unauthorized', `The token was refused: ${error.message}`);
    });
    if (claims.video?.room !== room) throw new CastError(403, 'forbidden', `The token is not for room "${room}".`);
    return { identity: claims.sub ?? '', room, roomAdmin: !!claims.video?.roomAdmin };
  }

  return async function handleCast(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => sendJson(response, status, body);
    try {
      if (request.method === 'GET') {
        const room = new URL(request.url ?? '/', 'http://localhost').searchParams.get('room');
        if (!room) throw new CastError(400, 'bad-request', 'Say which room: ?room=');
        await caller(request, room);
        return send(200, { state: await cast.get(room) });
      }
      if (request.method !== 'POST') throw new CastError(405, 'bad-request', 'Use POST (or GET ?room= for the state).');
      const body = await readBody(request);
      const action = body.action;
      const room = typeof body.room === 'string' ? body.room : '';
      const participant = typeof body.participant === 'string' ? body.participant : undefined;
      if (!room || (action !== 'start' && action !== 'switch' && action !== 'stop')) {
        throw new CastError(400, 'bad-request', 'Send {action: "start" | "switch" | "stop", room, participant}.');
      }
      const who = await caller(request, room);
      const allowed = options.authorize ? await options.authorize(who, action, room) : who.roomAdmin;
      if (!allowed) throw new CastError(403, 'forbidden', 'You may not control the broadcast of this room.');
      const state =
        action === 'start' ? await cast.start(room, participant, who.identity) : action === 'switch' ? await cast.switchTo(room, participant) : await cast.stop(room);
      send(200, { state });
    } catch (error) {
      const castError = error instanceof CastError ? error : new CastError(500, 'egress-failed', (error as Error)?.message ?? String(error));
      send(castError.status, { error: { code: castError.code, message: castError.message } });
    }
  };
}

/** The body as a JSON object, its faults as cast errors. */
async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    return await readJsonObject(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyError) throw new CastError(error.status, 'bad-request', `The request could not be read: ${error.message}.`);
    throw error;
  }
}
