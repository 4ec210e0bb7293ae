// @ts-check
/**
 * Builds the ready-made broadcast layout page, dist/cast-view/: index.html (pages/cast-view.html) and one
 * self-contained module with <rtc-cast-view>, Lit and livekit-client, so a backend can serve the folder as it
 * is and give its address to Egress (createCastHandler's layoutUrl), with no bundler of its own.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cast-view`;
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [`${root}src/elements/cast-view/rtc-cast-view.ts`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outfile: `${outdir}/cast-view.js`,
  logLevel: 'error',
});
copyFileSync(`${root}pages/cast-view.html`, `${outdir}/index.html`);
