// @ts-check
/**
 * Serves examples/next to the browser tests as Next itself does in production: `next start` on 127.0.0.1 with a
 * free port, started with the test server, and reached through it under /examples/next/ (the
 * example's basePath), so the test page can look inside it in an iframe of its own origin. The example must be
 * built first (`npm run build`). Every page comes from Next's server renderer, then hydrates in the browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const basePath = '/examples/next';
const hopByHop = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'proxy-connection', 'te', 'trailer'];

/** A port nothing listens on right now. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });

export function nextExample() {
  /** @type {import('node:child_process').ChildProcess | undefined} */ let child;
  /** @type {Promise<number> | undefined} */ let started;

  /** Starts `next start` once; a start that failed is forgotten, so the next request tries again. */
  const start = () =>
    (started ??= (async () => {
      if (!existsSync(`${root}examples/next/.next/BUILD_ID`)) throw new Error('examples/next is not built: run `npm run build`');
      const port = /** @type {number} */ (await freePort());
      const server = spawn(process.execPath, [`${root}node_modules/next/dist/bin/next`, 'start', 'examples/next', '-H', '127.0.0.1', '-p', String(port)], {
        cwd: root,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      let output = '';
      try {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`next start did not get ready in 30 s:\n${output}`)), 30_000);
          const read = (/** @type {Buffer} */ chunk) => {
            output += chunk;
            if (/Ready in/.test(output)) {
              clearTimeout(timer);
              resolve(undefined);
            }
          };
          server.stdout?.on('data', read);
          server.stderr?.on('data', read);
          server.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`next start exited (${code}):\n${output}`));
          });
        });
      } catch (error) {
        server.kill();
        started = undefined;
        throw error;
      }
      return port;
    })());

  /** @type {import('@web/dev-server-core').Middleware} */
  const middleware = async (context, next) => {
    if (context.path !== basePath && !context.path.startsWith(`${basePath}/`)) return next();
    let port;
    try {
      port = await start();
    } catch (error) {
      context.status = 503;
      context.body = String(error instanceof Error ? error.message : error);
      return undefined;
    }
    const headers = Object.entries(context.headers).filter(([name, value]) => typeof value === 'string' && !hopByHop.includes(name));
    const hasBody = !['GET', 'HEAD'].includes(context.method);
    const response = await fetch(`http://127.0.0.1:${port}${context.url}`, {
      method: context.method,
      headers: /** @type {[string, string][]} */ (headers),
      ...(hasBody ? { body: /** @type {any} */ (context.req), duplex: 'half' } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    context.status = response.status;
    for (const [name, value] of response.headers) {
      // fetch has already decoded and measured the body.
      if (!hopByHop.includes(name) && !['content-encoding', 'content-length'].includes(name)) context.set(name, value);
    }
    context.body = Buffer.from(await response.arrayBuffer());
    return undefined;
  };

  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'rtc-next-example',
    serverStart() {
      // Warm up beside the other tests; a failure here is reported by the first request instead.
      start().catch(() => undefined);
    },
    serverStop() {
      child?.kill();
    },
  };
  return { middleware, plugin };
}
