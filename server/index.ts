// rtc-elements/server: the Node side. Token minting and the development server; the cast handler joins later.
export { createToken, DEV_API_KEY, DEV_API_SECRET, type TokenOptions } from './token.js';
export {
  startDevServer,
  consoleLogger,
  LOOPBACK_NETWORK,
  machineNetwork,
  type DevServer,
  type DevServerOptions,
  type Logger,
  type MediaNetwork,
} from './dev-server/index.js';
