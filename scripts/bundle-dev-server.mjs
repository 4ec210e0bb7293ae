// @ts-check
/**
 * Bundles the dev server's source (server/index.ts) with esbuild into one ES module, for the browser tests and
 * the benchmarks: Node 20 cannot run TypeScript, and `npm run build` would rewrite dist/ and fail on a type
 * error anywhere in the package. Dependencies stay external, resolved from node_modules.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {string} name the bundle's file name, unique to its user (e.g. with the process id)
 * @returns {Promise<string>} the bundle's path, under node_modules/.cache/rtc-elements/
 */
export async function bundleDevServer(name) {
  const outdir = `${root}node_modules/.cache/rtc-elements`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${name}`;
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
  return outfile;
}
