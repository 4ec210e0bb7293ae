// @ts-check
/**
 * Web Test Runner config: browser tests in Debian's Chromium through puppeteer-core
 * (@web/test-runner-chrome), TypeScript via esbuild. `npm run test:browser` runs it alone;
 * `npm test` runs it as the `browser` suite of scripts/run-tests.mjs (counts from
 * reports/browser.json, written by scripts/wtr-summary-reporter.mjs).
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { permissionsPlugin } from './scripts/wtr-permissions-plugin.mjs';
import { heapPlugin } from './scripts/wtr-heap-plugin.mjs';
import { screenshotPlugin } from './scripts/wtr-screenshot-plugin.mjs';
import { devServerPlugin } from './scripts/wtr-dev-server-plugin.mjs';
import { nextExample } from './scripts/wtr-next-example.mjs';
import { writeSpeechLikeWav } from './scripts/fake-speech.mjs';
import { HEADLESS_ARGS, findChromium } from './scripts/chromium.mjs';

// The browser scripts/ensure-chromium.mjs (pretest) found, by the same rules.
const executablePath = findChromium() || '/usr/bin/chromium';

// Headless is passed through puppeteer's `headless: true` option, not as an argument: puppeteer 24
// turns `headless: true` into `--headless=new` (plus --hide-scrollbars --mute-audio), and a
// hard-coded `--headless=new` would keep the browser headless in wtr's debug mode, which launches
// with `headless: false`.
/**
 * Serves a UMD file as an ES module with a default export. @livekit/components-core (LiveKit Meet's chat code,
 * which the interop test runs) imports `loglevel`, which ships only as UMD.
 */
function umdAsModule(path) {
  return {
    name: 'umd-as-module',
    transform(context) {
      if (!path.test(context.path)) return undefined;
      return `const module = { exports: {} };\n(function (module, exports) {\n${context.body}\n}).call(globalThis, module, module.exports);\nexport default module.exports;\n`;
    },
  };
}

const chromeArgs = [
  // No sandbox (root in a container), no background traffic (this machine is offline), WebRTC on 127.0.0.1.
  ...HEADLESS_ARGS,
  '--use-fake-ui-for-media-stream', // auto-accept getUserMedia prompts...
  // ...with synthetic cameras and microphones. Three cameras, so switching can be tested: the second is a
  // Y16 depth camera whose frames no encoder takes (sending it crashed the page in Chromium 156), the third
  // delivers MJPEG like a USB webcam, and is the one tests switch to.
  '--use-fake-device-for-media-stream=device-count=3',
  // The fake microphone talks (see scripts/fake-speech.mjs), so the dev server's speaker detection has a speaker.
  `--use-file-for-fake-audio-capture=${writeSpeechLikeWav(fileURLToPath(new URL('node_modules/.cache/rtc-elements/fake-speech.wav', import.meta.url)))}`,
];

/*
 * Camera / microphone permissions (checked with throwaway tests in Debian's headless Chromium 156):
 *
 * - With --use-fake-ui-for-media-stream (default group) getUserMedia ALWAYS succeeds: after the
 *   `set-permission` command (CDP Browser.setPermission) sets camera or microphone to 'denied',
 *   navigator.permissions.query() reports 'denied' but getUserMedia still resolves. The fake UI
 *   bypasses the permission state, so the denied path cannot be tested in that browser.
 *   (`--use-fake-ui-for-media-stream=deny` denies everything and ignores 'granted' overrides.)
 * - Without the fake-UI flag, headless Chromium auto-dismisses the prompt, so the state is fully
 *   driven by `set-permission`: 'granted' -> getUserMedia resolves (fake devices), 'denied' or
 *   'prompt' (and the initial state) -> it rejects with NotAllowedError, per kind (camera denied
 *   + microphone granted: {audio} resolves, {video} and {audio, video} reject).
 *   --deny-permission-prompts makes that auto-dismissal explicit.
 *
 * Hence the `permissions` group below: files named `*.permissions.test.ts` under test/ run in a
 * browser launched WITHOUT --use-fake-ui-for-media-stream and WITH --deny-permission-prompts.
 * In those files everything starts denied; grant what a test needs with
 * `executeServerCommand('set-permission', { name: 'camera', setting: 'granted' })` and undo it
 * with `executeServerCommand('reset-permissions')` in afterEach: overrides are per origin and
 * browser context, and the launcher re-uses a page (and so its context) for the next file. Each
 * page of that group gets its own browser context, because with the default shared context two
 * files running at the same time reset each other's grants (seen: flaky NotAllowedError).
 * The group only exists when such a file exists (wtr refuses a group whose pattern matches
 * nothing).
 *
 * Autoplay (same check, default flags): `new AudioContext()` starts 'suspended' and resume()
 * never settles without a user gesture; HTMLMediaElement.play() rejects with NotAllowedError
 * without a gesture, both for an <audio> with a WAV src and for one whose srcObject is a
 * MediaStream with an audio track (what livekit-client attaches), muted <audio> included. A
 * real gesture fixes both: `sendMouse({ type: 'click', position })` from
 * @web/test-runner-commands gives user activation, then resume() -> 'running' and play()
 * resolves. `--autoplay-policy=no-user-gesture-required` makes the AudioContext start 'running'
 * and play() resolve; it is deliberately NOT set here so the autoplay-blocked path stays
 * testable (add a group with it if some tests need unblocked audio).
 */

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const next = nextExample();
const devServer = devServerPlugin();
const PERMISSION_TESTS = 'test/**/*.permissions.test.ts';
const hasPermissionTests =
  existsSync(new URL('./test', import.meta.url)) &&
  readdirSync(new URL('./test', import.meta.url), { recursive: true }).some((f) =>
    String(f).endsWith('.permissions.test.ts'),
  );

/**
 * @param {string[]} args
 * @param {{ isolatePages?: boolean }} [options] isolatePages: give every page its own browser
 *   context, so that permission overrides of two test files running at the same time (concurrency
 *   2) cannot interfere. Contexts are per page, and pages are re-used by the next file.
 */
const chromium = (args, { isolatePages = false } = {}) =>
  chromeLauncher({
    launchOptions: { executablePath, headless: true, args },
    ...(isolatePages
      ? {
          createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
        }
      : {}),
  });

const permissionArgs = [
  ...chromeArgs.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  '--deny-permission-prompts',
];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: ['test/**/*.test.ts', `!${PERMISSION_TESTS}`],
  nodeResolve: true,
  // Own context per page: two tabs of one window leave one `hidden`, and a hidden page gets no animation frames.
  browsers: [chromium(chromeArgs, { isolatePages: true })],
  groups: hasPermissionTests
    ? [
        {
          name: 'permissions',
          files: PERMISSION_TESTS,
          browsers: [chromium(permissionArgs, { isolatePages: true })],
        },
      ]
    : [],
  // One page at a time: Chromium shares the fake camera between pages at one capture size, and a page asking
  // for 640x480 gets another page's 320x240 (it scales down, never up), so exact-size tests would flake.
  concurrentBrowsers: 1,
  concurrency: 1,
  // Nothing may hang forever.
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: {
    config: { timeout: 20_000 },
  },
  middleware: [next.middleware, (context, nextMiddleware) => devServer.tokenMiddleware(context, nextMiddleware)],
  plugins: [
    next.plugin,
    esbuildPlugin({
      ts: true,
      // Read as tsconfigRaw, so esbuild honours experimentalDecorators and
      // useDefineForClassFields: false (Lit's legacy decorators). Only this file is read: an
      // `extends` in it would NOT be followed.
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    permissionsPlugin(),
    screenshotPlugin(),
    heapPlugin(),
    devServer,
    umdAsModule(/\/node_modules\/loglevel\/lib\/loglevel\.js$/),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
