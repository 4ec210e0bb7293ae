// rtc-elements/server: the Node side. Token minting now; the cast handler and the dev server join it later.
export { createToken, DEV_API_KEY, DEV_API_SECRET, type TokenOptions } from './token.js';
