import { defineConfig } from 'vite';
import { devTokenEndpoint } from './token-endpoint.js';


export default defineConfig({
  root: 'demo',
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 5173), strictPort: false },
  // RTC_SERVER_URL=wss://… joins a LiveKit server of yours instead of starting the dev server.
  plugins: [devTokenEndpoint(process.env.RTC_SERVER_URL)],
  // Lit's production build: its development build warns on every page load.
  resolve: { conditions: ['module', 'browser', 'production'] },
});
