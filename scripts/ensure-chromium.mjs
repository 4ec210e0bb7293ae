#!/usr/bin/env node
// @ts-check
/**
 * `pretest`: make sure a Chromium is available for the browser tests (web-test-runner.config.mjs), and a font
 * that has Chinese, so the Chinese screenshots and stories show characters rather than empty boxes.
 *
 * Looks at $CHROME_PATH, /usr/bin/chromium, then chromium / chromium-browser / google-chrome on
 * PATH. If none is found and we are root on a machine with apt-get, installs Debian's `chromium`
 * package (apt-get update + install, inherited stdio, with a timeout) and checks again. Otherwise
 * prints one line saying what to do and exits 1. Never downloads a browser from anywhere else. The same for
 * the font: without one that covers Chinese (`fc-list :lang=zh`), Debian's `fonts-wqy-microhei` (1.6 MB).
 * Prints one line each on success.
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

const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let updated = false;
/** @param {string} name */
function aptInstall(name) {
  if (!updated) updated = apt(['update'], env);
  return updated && apt(['install', '-y', name], env);
}

/** Whether fontconfig knows a font with Chinese characters; undefined where fontconfig is not there to ask. */
function hasChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim().length > 0;
}

let browser = findChromium();

if (!browser && isRoot && onPath('apt-get')) {
  console.log('Chromium not found: installing Debian\'s "chromium" package with apt-get');
  aptInstall('chromium');
  browser = findChromium();
}

if (!browser) {
  console.error(HELP);
  process.exit(1);
}

console.log(`Browser tests will use ${browser}`);

let chinese = hasChineseFont();
if (chinese === false && isRoot && onPath('apt-get')) {
  console.log(`No font with Chinese characters: installing Debian's "${CJK_FONT_PACKAGE}" package with apt-get`);
  aptInstall(CJK_FONT_PACKAGE);
  chinese = hasChineseFont();
}
if (chinese === false) {
  // Not fatal: everything but the Chinese screenshots works without it, and those say what differs.
  console.error(`No font with Chinese characters: install one (Debian: apt-get install ${CJK_FONT_PACKAGE}), or the Chinese screenshot tests will fail.`);
} else if (chinese) {
  console.log('A font with Chinese characters is installed.');
}
