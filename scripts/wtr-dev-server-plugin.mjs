// @ts-check
/**
 * Starts the dev server (server/index.ts, bundled by esbuild because Node 20 cannot run TypeScript) on
 * 127.0.0.1 with a free port for the browser tests, and answers their server commands:
 *   executeServerCommand('dev-server')                       -> { url }
 *   executeServerCommand('dev-server-token', TokenOptions)   -> a signed token (apiSecret may be forged)
 *   executeServerCommand('dev-server-api', { method, args, apiSecret? })
 *       -> { result } with what livekit-server-sdk's RoomServiceClient.<method>(...args) returned, or { error }
 *       (always an object: web-test-runner takes a null answer for an unknown command)
 *   executeServerCommand('dev-server-drop', { room, identity })  -> { dropped } (cuts the signal socket)
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { RoomServiceClient } from 'livekit-server-sdk';

const root = fileURLToPath(new URL('..', import.meta.url));

export function devServerPlugin() {
  /** @type {any} */ let server;
  /** @type {any} */ let serverModule;
  return {
    name: 'rtc-dev-server',
    async serverStart() {
      const outdir = `${root}node_modules/.cache/rtc-elements`;
      mkdirSync(outdir, { recursive: true });
      const outfile = `${outdir}/server-${process.pid}.mjs`;
      await build({
        entryPoints: [`${root}server/index.ts`],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        outfile,
        logLevel: 'error',
      });
      serverModule = await import(pathToFileURL(outfile).href);
      // RTC_VERBOSE=1 shows the server's log beside the test output, for debugging a failing test.
      server = await serverModule.startDevServer({ host: '127.0.0.1', port: 0, ...(process.env.RTC_VERBOSE ? { log: serverModule.consoleLogger(true) } : {}) });
    },
    async serverStop() {
      await server?.close();
    },
    /** @param {{ command: string, payload: any }} options */
    async executeCommand({ command, payload }) {
      if (command === 'dev-server') return { url: server.url };
      if (command === 'dev-server-token') return serverModule.createToken(payload);
      if (command === 'dev-server-drop') return { dropped: server.dropSignal(payload.room, payload.identity) };
      if (command === 'dev-server-api') {
        const client = new RoomServiceClient(server.url.replace(/^ws/, 'http'), 'devkey', payload.apiSecret ?? 'secret');
        try {
          const result = await client[payload.method](...payload.args);
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
