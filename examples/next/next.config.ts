import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

const config: NextConfig = {
  // Where the repository's browser tests reach it; an app of your own leaves this out.
  basePath: '/examples/next',
  // The repository root holds the lockfile and node_modules this example shares.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
};

export default config;
