// Builds the example apps under examples/ against the built kit (dist/), as `npm run build`'s last step:
// each framework with its own tool, so CI proves they build the way their users would build them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (path) => `${root}node_modules/${path}`;

const steps = [
  ['react', [bin('vite/bin/vite.js'), 'build', '--config', 'examples/react/vite.config.ts']],
  ['vue', [bin('vite/bin/vite.js'), 'build', '--config', 'examples/vue/vite.config.ts']],
  ['svelte', [bin('vite/bin/vite.js'), 'build', '--config', 'examples/svelte/vite.config.ts']],
  // Next and Angular type-check the app (Angular its templates, strictly) as they build.
  ['next', [bin('next/dist/bin/next'), 'build', 'examples/next']],
  ['angular', [bin('@angular/cli/bin/ng.js'), 'build'], 'examples/angular'],
  // Not an example: the page test/e2e/react-wrappers.test.ts drives.
  ['react wrappers test page', [bin('vite/bin/vite.js'), 'build', '--config', 'test/fixtures/react-wrappers/vite.config.ts']],
];

for (const [name, args, cwd = '.'] of steps) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: `${root}${cwd}`,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NG_CLI_ANALYTICS: 'false' },
  });
  if (result.status !== 0) {
    process.stderr.write(`${name} failed to build:\n${result.stdout}${result.stderr}${result.error ?? ''}\n`);
    process.exit(1);
  }
  console.log(`${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
