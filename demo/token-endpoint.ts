import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { consoleLogger, startDevServer, type DevServer } from '../server/dev-server/index.js';
import { namedMediaNetwork } from '../server/dev-server/media/media-peer.js';
import { EncodedFileOutput } from '@livekit/protocol';
import { createCastHandler } from '../server/cast.js';
import { BodyError, readJsonObject, sendJson } from '../server/json-body.js';
import { DEV_API_KEY, DEV_API_SECRET, createToken } from '../server/token.js';

const MAX_BODY = 16 * 1024;

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 128) : fallback;
}

/**
 * Whether a request comes from the demo page itself. A browser names the page's origin on every POST; another
 * local page (any port of localhost) must not get a token nor start a broadcast. Tools without a browser (curl)
 * send no origin and are let through: they could sign tokens with the dev key anyway.
 */
function fromTheDemo(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

function refuseOtherOrigins(request: IncomingMessage, response: ServerResponse): boolean {
  if (fromTheDemo(request)) return false;
  sendJson(response, 403, { message: 'This endpoint answers the demo page only.' });
  return true;
}

/**
 * For local development only. `POST /token {room, identity?, name?}` → `{token, serverUrl}` signed with the dev
 * key, for the demo page only (other origins get 403). Tokens carry no admin grant. Unless `RTC_SERVER_URL` points elsewhere, it also starts the kit's dev server on 127.0.0.1:7880, so
 * `npm start` is a whole conference on one machine. Its media uses this machine's addresses, so tabs of an
 * everyday browser connect; `RTC_MEDIA=loopback` keeps it on 127.0.0.1.
 */
export function devTokenEndpoint(externalServerUrl: string | undefined): Plugin {
  let serverUrl = externalServerUrl ?? 'ws://localhost:7880';
  let devServer: DevServer | undefined;
  return {
    name: 'rtc-demo-token-endpoint',
    async configureServer(server) {
      if (!externalServerUrl) {
        const port = Number(process.env.RTC_DEV_SERVER_PORT ?? 7880);
        const mediaName = process.env.RTC_MEDIA || 'machine';
        const mediaNetwork = namedMediaNetwork(mediaName);
        const log = consoleLogger(!!process.env.RTC_VERBOSE);
        if (!mediaNetwork) {
          console.error(`rtc-elements: RTC_MEDIA must be machine or loopback, not "${mediaName}"; the dev server was not started.`);
        } else {
          try {
            devServer = await startDevServer({ host: '127.0.0.1', port, mediaNetwork, log });
            log.info(`media (RTC_MEDIA=${mediaName}) on ${mediaNetwork.addresses.join(', ') || 'no address'}`);
            serverUrl = devServer.url;
            server.httpServer?.once('close', () => void devServer?.close());
          } catch (error) {
            // The page still works (preview, join errors shown); say how to get a server.
            console.error(
              `rtc-elements: the dev server could not start on 127.0.0.1:${port} (${(error as Error).message}). ` +
                'Free the port, set RTC_DEV_SERVER_PORT, or set RTC_SERVER_URL to a LiveKit server.',
            );
          }
        }
      }
      // MeetingCast: the kit's cast handler, over the dev server's egress (which records to a WebM file,
      // listed at <dev server>/dev/egress/) or over the LiveKit server RTC_SERVER_URL points at.
      let cast: ReturnType<typeof createCastHandler> | undefined;
      server.middlewares.use('/cast', (request: IncomingMessage, response: ServerResponse) => {
        if (refuseOtherOrigins(request, response)) return;
        cast ??= createCastHandler({
          serverUrl,
          apiKey: process.env.LIVEKIT_API_KEY ?? DEV_API_KEY,
          apiSecret: process.env.LIVEKIT_API_SECRET ?? DEV_API_SECRET,
          // The broadcast layout page is this very server's, on whatever port it got.
          layoutUrl: process.env.RTC_CAST_LAYOUT_URL ?? `http://${request.headers.host ?? 'localhost:5173'}/cast-view/`,
          outputs: { file: new EncodedFileOutput({ filepath: 'demo-broadcast.mp4' }) },
          // Anyone in the demo's room may broadcast it (the handler has checked their token is for that room);
          // a real app would let its hosts only. Tokens need no roomAdmin for it, which would also let them
          // remove and mute people through the server API.
          authorize: () => true,
        });
        void cast(request, response);
      });
      // GET /config: the server the page joins, and whether it is the dev server (which records broadcasts).
      server.middlewares.use('/config', (_request: IncomingMessage, response: ServerResponse) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ serverUrl, devServer: !!devServer }));
      });
      server.middlewares.use('/token', async (request: IncomingMessage, response: ServerResponse) => {
        if (refuseOtherOrigins(request, response)) return;
        if (request.method !== 'POST') return sendJson(response, 405, { message: 'POST a JSON body { room, identity?, name? }' });
        try {
          const body = await readJsonObject(request, MAX_BODY);
          const name = text(body.name, 'Guest');
          const identity = text(body.identity, `${name.toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`);
          sendJson(response, 200, { token: await createToken({ room: text(body.room, 'demo'), identity, name }), serverUrl });
        } catch (error) {
          sendJson(response, error instanceof BodyError ? error.status : 400, { message: `Bad request: ${(error as Error).message}` });
        }
      });
    },
  };
}
