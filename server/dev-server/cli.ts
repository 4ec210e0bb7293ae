#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { consoleLogger } from './log.js';
import { namedMediaNetwork } from './media/media-peer.js';
import { startDevServer } from './server.js';

const help = `rtc-elements-dev-server: a LiveKit-compatible server for development and tests (not for production)

Usage: rtc-elements-dev-server [options]

  --host <address>      address to listen on (default 127.0.0.1)
  --port <number>       port (default 7880, as LiveKit's; 0 picks a free one)
  --api-key <key>       API key tokens must be issued by (default devkey, or LIVEKIT_API_KEY)
  --api-secret <secret> API secret tokens are signed with (default secret, or LIVEKIT_API_SECRET)
  --max-participants <n> most participants a room admits (default: no limit)
  --dev                 also serve GET /token?room=&identity=&name= (anyone may join: development only)
  --media <network>     where media flows (default machine):
                          machine   this machine's own IPv4 addresses, so everyday browsers on this
                                    machine get media; browsers on other devices are not accepted
                          loopback  127.0.0.1 only: browsers must offer a loopback ICE candidate
                                    (Chromium: --allow-loopback-in-peer-connection)
  --verbose             log every signal event, not only joins, publications and refusals
  --help                show this help

Media never uses STUN or mDNS. Point the same pages at LiveKit for browsers on other devices.`;

function fail(message: string): never {
  console.error(`rtc-elements-dev-server: ${message}\n\n${help}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'max-participants': { type: 'string' },
      dev: { type: 'boolean' },
      media: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  console.log(help);
  process.exit(0);
}

const number = (name: string, fallback: number): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, not "${raw}"`);
  return value;
};

const mediaName = (values.media as string | undefined) ?? 'machine';
const mediaNetwork = namedMediaNetwork(mediaName) ?? fail(`--media must be machine or loopback, not "${mediaName}"`);

const log = consoleLogger(!!values.verbose);
const server = await startDevServer({
  host: (values.host as string | undefined) ?? '127.0.0.1',
  port: number('port', 7880),
  apiKey: (values['api-key'] as string | undefined) ?? process.env.LIVEKIT_API_KEY ?? 'devkey',
  apiSecret: (values['api-secret'] as string | undefined) ?? process.env.LIVEKIT_API_SECRET ?? 'secret',
  maxParticipants: number('max-participants', 0),
  devTokens: !!values.dev,
  mediaNetwork,
  log,
}).catch((error: Error) => fail(`could not start: ${error.message}`));
log.info(`media (--media ${mediaName}) on ${mediaNetwork.addresses.join(', ') || 'no address'}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: telling clients the server is shutting down`);
  void server.close().then(() => {
    log.info('stopped');
    process.exit(0);
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
