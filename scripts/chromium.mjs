// @ts-check
/**
 * Where Chromium is: $CHROME_PATH, /usr/bin/chromium, then chromium / chromium-browser / google-chrome on
 * PATH. One answer for the pretest check (ensure-chromium.mjs), the browser tests, the benchmarks, the
 * screenshot and the namespace test, so they never disagree about which browser runs.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CHROMIUM_HELP = 'rtc-elements needs Chromium: run "sudo apt-get install chromium" or set CHROME_PATH';

/** @param {string} file */
export function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} name */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The Chromium to use, or undefined; an explicit CHROME_PATH is used as given (it is checked by the pretest step). */
export function findChromium() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * Flags every headless Chromium of the tests and benchmarks starts with: no sandbox (root in a container), no
 * shared-memory files, none of the background traffic this offline machine refuses, and WebRTC on 127.0.0.1
 * shown as an address (the dev server takes loopback candidates only). Fake media flags are each caller's own.
 */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
