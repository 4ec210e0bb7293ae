#!/usr/bin/env node
// @ts-check
/**
 * `pretest`: make sure a Chromium is available for the browser tests (web-test-runner.config.mjs).
 *
 * Looks at $CHROME_PATH, /usr/bin/chromium, then chromium / chromium-browser / google-chrome on
 * PATH. If none is found and we are root on a machine with apt-get, installs Debian's `chromium`
 * package (apt-get update + install, inherited stdio, with a timeout) and checks again. Otherwise
 * prints one line saying what to do and exits 1. Never downloads a browser from anywhere else.
 * Prints one line on success.
 */
import { spawnSync } from 'node:child_process';
import { CHROMIUM_HELP, findChromium as locate, isExecutable, onPath } from './chromium.mjs';

const APT_TIMEOUT_MS = 15 * 60 * 1000;
const HELP = CHROMIUM_HELP;

function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  // An explicit CHROME_PATH that does not work is an error, not something to work around.
  if (fromEnv && !isExecutable(fromEnv)) {
    console.error(`CHROME_PATH=${fromEnv} is not an executable file. ${HELP}`);
    process.exit(1);
  }
  return locate();
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function apt(args, env = process.env) {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
    timeout: APT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error) console.error(`apt-get ${args.join(' ')}: ${result.error.message}`);
  return result.status === 0;
}

let browser = findChromium();

if (!browser) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log('Chromium not found: installing Debian\'s "chromium" package with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (apt(['update'], env)) apt(['install', '-y', 'chromium'], env);
    browser = findChromium();
  }
}

if (!browser) {
  console.error(HELP);
  process.exit(1);
}

console.log(`Browser tests will use ${browser}`);
