export { startDevServer, type DevServer, type DevServerOptions } from './server.js';
export { consoleLogger, silentLogger, type Logger } from './log.js';
export { LOOPBACK_NETWORK, machineNetwork, type MediaNetwork } from './media/media-peer.js';
