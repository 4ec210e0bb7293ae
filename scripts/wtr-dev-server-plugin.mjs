// @ts-check
/**
 * Starts the dev server (server/index.ts, bundled by esbuild because Node 20 cannot run TypeScript) on
 * 127.0.0.1 with a free port for the browser tests, and answers their server commands:
 *   executeServerCommand('dev-server')                       -> { url }
 *   executeServerCommand('dev-server-token', TokenOptions)   -> a signed token (apiSecret may be forged)
 *   executeServerCommand('dev-server-api', { method, args, apiSecret? })
 *       -> { result } with what livekit-server-sdk's RoomServiceClient.<method>(...args) returned, or { error }
 *       (always an object: web-test-runner takes a null answer for an unknown command)
 *   executeServerCommand('dev-server-drop', { room, identity, resumable? })  -> { dropped } (cuts the signal
 *       socket; with resumable: false the server also forgets the participant, as after a restart)
 *   executeServerCommand('dev-server-stall', { room, subscriber, publisher, source }) -> { stalled }: the server
 *       stops sending that track to that subscriber, without a word, until it subscribes again
 *   (dev-server-api: a string as sendData's data is sent as its UTF-8 bytes)
 *   executeServerCommand('dev-server-egress', { method, args, apiSecret? })
 *       -> { result } or { error }, as dev-server-api but with livekit-server-sdk's EgressClient, the result as
 *       protobuf JSON (listEgress's list as { items })
 *   executeServerCommand('dev-server-cast-endpoint', { unavailable? }) -> { url } of rtc-elements/server's cast
 *       handler on its own port (with CORS, as the test page has another origin), talking to the dev server, or
 *       with unavailable: true to a LiveKit that does not answer
 *   executeServerCommand('dev-server-small')                 -> { url } of a second server that admits 2 per room
 *   executeServerCommand('dev-server-outage', { action: 'start' | 'stop' }) -> { url } of a server of its own,
 *       started again on the same port after a stop (an outage: every socket and peer connection closes)
 *   executeServerCommand('dev-server-fuzz', { room, sockets, frames, seed })
 *       -> { sent, closed, joined }: that many joined sockets each send random binary frames until the server
 *       closes them (see fuzz below)
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { EncodedFileOutput } from '@livekit/protocol';
import { bundleDevServer } from './bundle-dev-server.mjs';
import { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { WebSocket } from 'ws';

export function devServerPlugin() {
  /** @type {any} */ let server;
  /** @type {any} */ let small;
  /** @type {any} */ let outage;
  let outagePort = 0;
  /** @type {any} */ let serverModule;
  /** @type {import('node:http').Server[]} */ const castEndpoints = [];
  return {
    name: 'rtc-dev-server',
    /**
     * POST /token {room, identity, name} -> {token, serverUrl}, as `npm start` and `npm run storybook` answer it,
     * for the live stories (stories/support/live.ts). A middleware of the config, so it comes before file serving.
     * @type {import('@web/dev-server-core').Middleware}
     */
    async tokenMiddleware(context, next) {
      if (context.path !== '/token' || context.method !== 'POST') return next();
      const chunks = [];
      for await (const chunk of context.req) chunks.push(chunk);
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        context.status = 400;
        context.body = 'POST a JSON body { room, identity?, name? }';
        return undefined;
      }
      const identity = String(body.identity || `guest-${Math.random().toString(36).slice(2, 7)}`);
      context.type = 'application/json';
      context.body = JSON.stringify({
        token: await serverModule.createToken({ room: String(body.room || 'demo'), identity, name: String(body.name || identity), grants: { roomAdmin: true } }),
        serverUrl: server.url,
      });
      return undefined;
    },
    async serverStart() {
      const outfile = await bundleDevServer(`server-${process.pid}.mjs`);
      serverModule = await import(pathToFileURL(outfile).href);
      // RTC_VERBOSE=1 shows the server's log beside the test output, for debugging a failing test.
      server = await serverModule.startDevServer({ host: '127.0.0.1', port: 0, devTokens: true, ...(process.env.RTC_VERBOSE ? { log: serverModule.consoleLogger(true) } : {}) });
    },
    async serverStop() {
      await server?.close();
      await small?.close();
      await outage?.close();
      for (const endpoint of castEndpoints) endpoint.close();
    },
    /** @param {{ command: string, payload: any }} options */
    async executeCommand({ command, payload }) {
      if (command === 'dev-server') return { url: server.url };
      if (command === 'dev-server-small') {
        small ??= await serverModule.startDevServer({ host: '127.0.0.1', port: 0, maxParticipants: 2 });
        return { url: small.url };
      }
      if (command === 'dev-server-token') return serverModule.createToken(payload);
      if (command === 'dev-server-outage') {
        // A server of its own that a test stops and starts again on the same port, as an outage would.
        await outage?.close();
        outage = undefined;
        if (payload.action === 'stop') return { stopped: true };
        outage = await serverModule.startDevServer({ host: '127.0.0.1', port: outagePort });
        outagePort = Number(new URL(outage.url).port);
        return { url: outage.url };
      }
      if (command === 'dev-server-cast-endpoint') {
        const handle = serverModule.createCastHandler({
          serverUrl: payload?.unavailable ? 'http://127.0.0.1:9' : server.url,
          apiKey: 'devkey',
          apiSecret: 'secret',
          layoutUrl: 'http://127.0.0.1/cast-view.html',
          outputs: { file: new EncodedFileOutput({ filepath: 'cast.webm' }) },
          startTimeoutMs: 15_000,
          pollMs: 200,
        });
        const endpoint = createServer((request, response) => {
          response.setHeader('access-control-allow-origin', '*');
          response.setHeader('access-control-allow-headers', 'authorization, content-type');
          if (request.method === 'OPTIONS') return response.writeHead(204).end();
          void handle(request, response);
        });
        await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve(undefined)));
        castEndpoints.push(endpoint);
        const address = /** @type {import('node:net').AddressInfo} */ (endpoint.address());
        return { url: `http://127.0.0.1:${address.port}/cast` };
      }
      if (command === 'dev-server-stall') return { stalled: server.stall(payload.room, payload.subscriber, payload.publisher, payload.source) };
      if (command === 'dev-server-drop') return { dropped: server.dropSignal(payload.room, payload.identity, { resumable: payload.resumable ?? true }) };
      if (command === 'dev-server-fuzz') return fuzz(server.url, serverModule.createToken, payload);
      if (command === 'dev-server-api' || command === 'dev-server-egress') {
        const Client = command === 'dev-server-api' ? RoomServiceClient : EgressClient;
        const client = new Client(server.url.replace(/^ws/, 'http'), 'devkey', payload.apiSecret ?? 'secret');
        try {
          const args = payload.method === 'sendData' ? [payload.args[0], new TextEncoder().encode(payload.args[1]), ...payload.args.slice(2)] : payload.args;
          let result = await client[payload.method](...args);
          // Egress answers as LiveKit's JSON reads (enum names, int64 strings), which the tests compare with.
          if (command === 'dev-server-egress') result = Array.isArray(result) ? { items: result.map((info) => info.toJson({ emitDefaultValues: true })) } : result?.toJson?.({ emitDefaultValues: true }) ?? result;
          // Protobuf results carry bigints: hand the browser plain JSON.
          return { result: JSON.parse(JSON.stringify(result ?? null, (_key, value) => (typeof value === 'bigint' ? String(value) : value))) };
        } catch (error) {
          return { error: String(error?.message ?? error) };
        }
      }
      return undefined;
    },
  };
}

/** A small seeded generator (xorshift32), so a failing fuzz run can be repeated with its seed. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/**
 * Random binary frames: mostly noise of any length up to 64 kB, some cut-off or bit-flipped protobuf-looking
 * prefixes (a field tag for a signal request followed by garbage). Each socket joins first, so the frames
 * reach a participant's connection, not the upgrade.
 * @param {string} url
 * @param {(options: object) => Promise<string>} createToken
 * @param {{ room: string, sockets: number, frames: number, seed: number }} options
 */
async function fuzz(url, createToken, { room, sockets, frames, seed }) {
  const next = random(seed);
  let sent = 0;
  let closed = 0;
  let joined = 0;
  await Promise.all(
    Array.from({ length: sockets }, async (_, index) => {
      const token = await createToken({ room, identity: `fuzz-${index}` });
      const socket = new WebSocket(`${url}/rtc?access_token=${token}`);
      socket.on('error', () => undefined);
      const gone = new Promise((resolve) => socket.once('close', resolve));
      await new Promise((resolve) => socket.once('message', resolve).once('close', resolve));
      if (socket.readyState !== WebSocket.OPEN) return;
      joined++;
      for (let i = 0; i < frames && socket.readyState === WebSocket.OPEN; i++) {
        const length = next() < 0.8 ? Math.floor(next() * 256) : Math.floor(next() * 65536);
        const frame = Buffer.alloc(length + 1);
        for (let b = 0; b < frame.length; b++) frame[b] = Math.floor(next() * 256);
        if (next() < 0.3) frame[0] = ((1 + Math.floor(next() * 20)) << 3) | 2; // a length-delimited field tag
        socket.send(frame);
        sent++;
      }
      const timeout = new Promise((resolve) => setTimeout(() => resolve('open'), 5000));
      if ((await Promise.race([gone, timeout])) !== 'open') closed++;
      socket.terminate();
    }),
  );
  return { sent, closed, joined };
}
