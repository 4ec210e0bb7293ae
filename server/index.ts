// rtc-elements/server: the Node side. Token minting, the cast (live broadcast) handler, and the development server.
export { createToken, DEV_API_KEY, DEV_API_SECRET, type TokenOptions } from './token.js';
export {
  CAST_METADATA_KEY,
  CastError,
  castIdentityOf,
  castLayout,
  createCastController,
  createCastHandler,
  type CastAction,
  type CastCaller,
  type CastErrorCode,
  type CastHandlerOptions,
  type CastState,
} from './cast.js';
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
