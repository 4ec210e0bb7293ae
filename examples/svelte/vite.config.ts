import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The kit is imported by its package name; inside this repository that name points at the built package.
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ configFile: fileURLToPath(new URL('svelte.config.js', import.meta.url)) })],
  resolve: {
    alias: [
      { find: /^rtc-elements\/define$/, replacement: dist('define.js') },
      { find: /^rtc-elements$/, replacement: dist('index.js') },
    ],
  },
  // livekit-client is most of the bundle; one chunk is fine for an example.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
