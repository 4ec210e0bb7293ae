export { startDevServer, type DevServer, type DevServerOptions } from './server.js';
export { consoleLogger, silentLogger, type Logger } from './log.js';
