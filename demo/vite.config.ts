import { defineConfig } from 'vite';
import { devTokenEndpoint } from './token-endpoint.js';

const serverUrl = process.env.RTC_SERVER_URL ?? 'ws://localhost:7880';

export default defineConfig({
  root: 'demo',
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 5173), strictPort: false },
  plugins: [devTokenEndpoint(serverUrl)],
});
