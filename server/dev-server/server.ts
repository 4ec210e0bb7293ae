import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { DisconnectReason, TrackSource } from '@livekit/protocol';
import { WebSocketServer } from 'ws';
import { roomServiceApi } from './api.js';
import { AuthError, admit, type ApiKeys } from './auth.js';
import { devTokenHandler } from './dev-token.js';
import { egressService } from './egress/egress-service.js';
import { silentLogger, type Logger } from './log.js';
import type { MediaNetwork } from './media/media-peer.js';
import { RoomFullError, RoomRegistry } from './rooms.js';
import { MAX_FRAME_BYTES, SignalConnection, type JoinOptions } from './signal-connection.js';
import { JoinRequestError, accessToken, readJoinRequest } from './join-request.js';

export interface DevServerOptions extends Partial<ApiKeys> {
  /** Default 127.0.0.1: the dev server is for this machine. */
  host?: string;
  /** Default 7880, LiveKit's; 0 picks a free port. */
  port?: number;
  /** Most participants a room admits; 0 (default) for no limit. */
  maxParticipants?: number;
  /** Serves `GET /token?room=&identity=&name=` signed with the server's key: anyone may join. Default off. */
  devTokens?: boolean;
  /** Where media may flow; default 127.0.0.1 only. */
  mediaNetwork?: MediaNetwork;
  /** Where cast egress recordings are written; a folder in the system's temporary directory by default. */
  egressDirectory?: string;
  log?: Logger;
}

export interface DevServer {
  /** `ws://host:port`, what `<rtc-room server-url>` takes. */
  readonly url: string;
  readonly port: number;
  readonly rooms: RoomRegistry;
  /**
   * Cuts a participant's signal connection as a network failure would; false when they are not there. With
   * `resumable: false` the server also forgets them, as a restarted server would, so the client must join anew.
   */
  dropSignal(room: string, identity: string, options?: { resumable?: boolean }): boolean;
  /**
   * For tests of stalls: stops sending `source`'s track of `publisher` to `subscriber`, while everything says it
   * flows, until the subscriber subscribes again. False when there is no such track going to them.
   */
  stall(room: string, subscriber: string, publisher: string, source: 'camera' | 'microphone'): boolean;
  /** Tells every client it is being disconnected, then stops. */
  close(): Promise<void>;
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

function reply(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { ...cors, 'content-type': 'text/plain; charset=utf-8' });
  response.end(body);
}

/** The request's URL, or undefined for one Node's parser let through but URL cannot read (`//[`, say). */
function parseUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

function refuseUpgrade(socket: Duplex, status: number, body: string): void {
  const text = ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' } as Record<number, string>)[status] ?? 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/** How a signal connection asks to join: the path's own way of carrying the options, resume or not. */
interface SignalRequestOptions {
  options: JoinOptions;
  /** A resume of a participant still in the room (`reconnect=1`, or the join request's `reconnect`). */
  reconnect: boolean;
  /** The participant sid a resume names. */
  sid: string | null;
}

/**
 * What a signal upgrade asks: on `/rtc/v1` from its join request (the single-connection protocol, with the
 * client's first offer), on `/rtc` from the query. Throws JoinRequestError for a join request it cannot read.
 */
function signalRequest(url: URL): SignalRequestOptions {
  if (url.pathname === '/rtc/v1') {
    const join = readJoinRequest(url.searchParams.get('join_request'));
    return {
      options: {
        autoSubscribe: join.connectionSettings?.autoSubscribe ?? true,
        clientProtocol: join.clientInfo?.clientProtocol ?? 0,
        single: true,
        ...(join.publisherOffer ? { offer: join.publisherOffer } : {}),
      },
      reconnect: join.reconnect,
      sid: join.participantSid || null,
    };
  }
  const clientProtocol = Number.parseInt(url.searchParams.get('client_protocol') ?? '0', 10);
  return {
    options: {
      autoSubscribe: url.searchParams.get('auto_subscribe') !== '0',
      clientProtocol: Number.isFinite(clientProtocol) && clientProtocol > 0 ? clientProtocol : 0,
    },
    reconnect: url.searchParams.get('reconnect') === '1',
    sid: url.searchParams.get('sid'),
  };
}

/**
 * A LiveKit-compatible server for development and tests: livekit-client 2.23's signalling on HTTP and
 * WebSocket, on the single-connection path (`/rtc/v1`, what livekit-client and @livekit/rtc-node try first)
 * and the two-connection one (`/rtc`). Tokens come from the `Authorization: Bearer` header or `access_token`.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const keys: ApiKeys = { apiKey: options.apiKey ?? 'devkey', apiSecret: options.apiSecret ?? 'secret' };
  const log = options.log ?? silentLogger;
  const rooms = new RoomRegistry({ maxParticipants: options.maxParticipants ?? 0 });
  const connections = new Set<SignalConnection>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const api = roomServiceApi(rooms, keys, log);
  const egress = egressService(rooms, keys, log, options.egressDirectory ? { directory: options.egressDirectory } : {});
  let serverUrl = '';
  const devToken = options.devTokens ? devTokenHandler(keys, () => serverUrl) : undefined;

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = parseUrl(request);
    if (!url) return reply(response, 400, 'bad request');
    if (request.method === 'OPTIONS') return reply(response, 204, '');
    const twirp = /^\/twirp\/livekit\.(RoomService|Egress)\/(\w+)$/.exec(url.pathname);
    if (twirp && request.method === 'POST') {
      void (twirp[1] === 'Egress' ? egress.handle : api)(request, response, twirp[2]!);
      return;
    }
    if (url.pathname === '/dev/egress/' && request.method === 'GET') return egress.listRecordings(response);
    const recording = /^\/dev\/egress\/(EG_[\w-]+)\.webm$/.exec(url.pathname);
    if (recording && request.method === 'GET') {
      egress.serveRecording(recording[1]!, response).catch((error: Error) => reply(response, 500, error.message));
      return;
    }
    // livekit-client asks here why a WebSocket upgrade failed: 401 or 403 with the reason.
    if (url.pathname === '/rtc/validate' || url.pathname === '/rtc/v1/validate') {
      admit(accessToken(request, url), keys).then(
        (admission) => {
          const refusal = rooms.refusal(admission);
          return refusal ? reply(response, 403, refusal) : reply(response, 200, 'success');
        },
        (error: Error) => reply(response, 401, error.message),
      );
      return;
    }
    if (url.pathname === '/token' && devToken && (request.method === 'GET' || request.method === 'POST')) {
      devToken(request, response, url).catch((error: Error) => reply(response, 500, error.message));
      return;
    }
    if (url.pathname === '/') return reply(response, 200, 'OK');
    reply(response, 404, 'not found');
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node stops watching the socket for errors on upgrade: a client that goes away while its token is being
    // checked must not take the server down.
    socket.on('error', (error) => log.verbose(`upgrade socket error: ${error.message}`));
    const url = parseUrl(request);
    if (!url) return refuseUpgrade(socket, 400, 'bad request');
    if (url.pathname !== '/rtc' && url.pathname !== '/rtc/v1') return refuseUpgrade(socket, 404, 'not found');
    let asked: SignalRequestOptions;
    try {
      asked = signalRequest(url);
    } catch (error) {
      return refuseUpgrade(socket, 400, error instanceof JoinRequestError ? error.message : 'bad request');
    }
    admit(accessToken(request, url), keys).then((admission) => {
      const refusal = asked.reconnect ? undefined : rooms.refusal(admission);
      if (refusal) {
        log.info(`refused ${admission.identity} in ${admission.room}: ${refusal}`);
        return refuseUpgrade(socket, 403, refusal);
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', (error) => log.verbose(`socket error for ${admission.identity}: ${error.message}`));
        if (asked.reconnect) {
          const link = rooms.rooms.get(admission.room)?.participants.get(admission.identity)?.link;
          if (link?.resume(ws, asked.sid)) return;
          log.info(`resume from ${admission.identity} in ${admission.room}: nothing to resume, asking for a full reconnect`);
          SignalConnection.refuseResume(ws);
          return;
        }
        const connection: SignalConnection = new SignalConnection(ws, rooms, log, options.mediaNetwork, () => connections.delete(connection));
        connections.add(connection);
        try {
          connection.start(admission, asked.options);
        } catch (error) {
          connections.delete(connection);
          log.info(`refused ${admission.identity} in ${admission.room}: ${(error as Error).message}`);
          // A close reason is limited to 123 bytes, not characters.
          const reason = Buffer.from((error as Error).message).subarray(0, 120).toString('utf8').replace(/\uFFFD+$/, '');
          ws.close(error instanceof RoomFullError ? 4003 : 1011, reason);
        }
      });
    }, (error: Error) => {
      log.info(`refused a connection: ${error instanceof AuthError ? error.message : 'invalid token'}`);
      refuseUpgrade(socket, 401, error.message);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 7880, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  serverUrl = `ws://${host}:${address.port}`;
  log.info(`rtc-elements dev server on ${serverUrl} (API key ${keys.apiKey})${devToken ? `, tokens for anyone at http://${host}:${address.port}/token` : ''}`);

  return {
    url: serverUrl,
    port: address.port,
    rooms,
    stall(room, subscriber, publisher, source) {
      const where = rooms.rooms.get(room);
      const track = [...(where?.participants.get(publisher)?.tracks.values() ?? [])].find((published) => published.info.source === (source === 'camera' ? TrackSource.CAMERA : TrackSource.MICROPHONE));
      return !!track && !!where?.participants.get(subscriber)?.link.stall(track.info.sid);
    },
    dropSignal(room, identity, { resumable = true } = {}) {
      const participant = rooms.rooms.get(room)?.participants.get(identity);
      participant?.link.drop({ resumable });
      return !!participant;
    },
    async close() {
      await egress.close();
      for (const connection of connections) connection.close(DisconnectReason.SERVER_SHUTDOWN);
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
