// The dev server of the forwarding benchmark, alone in this process so that process.cpuUsage() is its CPU
// and nothing else's. bench/run.mjs forks it with the path of an esbuild bundle of server/index.ts; it
// answers over IPC: first { url }, then { cpu } (process.cpuUsage(), µs) for each 'cpu' message.
import { pathToFileURL } from 'node:url';

const { startDevServer, consoleLogger } = await import(pathToFileURL(process.argv[2]).href);
// RTC_VERBOSE=1 shows the server's log beside the numbers, as it does for the browser tests.
const server = await startDevServer({ host: '127.0.0.1', port: 0, ...(process.env.RTC_VERBOSE ? { log: consoleLogger(true) } : {}) });
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
});
// The runner going away, whichever way, ends this process too.
process.on('disconnect', () => {
  const exit = () => process.exit(0);
  setTimeout(exit, 2000).unref();
  server.close().then(exit, exit);
});
process.send({ url: server.url });
