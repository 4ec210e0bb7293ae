// @ts-check
/**
 * Web Test Runner plugin adding a `set-permission` server command (Chromium via
 * @web/test-runner-chrome / puppeteer only). From a test:
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   await executeServerCommand('set-permission', { name: 'camera', setting: 'denied' });
 *
 * `name` is 'camera' | 'microphone', `setting` is 'granted' | 'denied' | 'prompt'. It sends the
 * CDP command `Browser.setPermission` for the origin of the test page (all test files share the
 * same origin and the launcher re-uses pages between files, so a test that changes a permission
 * must put it back, e.g. `afterEach(() => executeServerCommand('reset-permissions'))`).
 *
 * `reset-permissions` (no payload) sends `Browser.resetPermissions` (drops every override).
 *
 * See web-test-runner.config.mjs for how this interacts with --use-fake-ui-for-media-stream.
 */

const NAMES = new Set(['camera', 'microphone']);
const SETTINGS = new Set(['granted', 'denied', 'prompt']);

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function permissionsPlugin() {
  return {
    name: 'rtc-elements-permissions',

    async executeCommand({ command, payload, session }) {
      if (command !== 'set-permission' && command !== 'reset-permissions') return undefined;

      if (session.browser.type !== 'puppeteer') {
        throw new Error(`${command} is only supported with @web/test-runner-chrome (puppeteer)`);
      }
      /** @type {import('puppeteer-core').Page} */
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      const context = page.browserContext();

      if (command === 'reset-permissions') {
        await context.clearPermissionOverrides();
        return true;
      }

      const { name, setting } = /** @type {{ name?: unknown, setting?: unknown }} */ (payload ?? {});
      if (typeof name !== 'string' || !NAMES.has(name)) {
        throw new Error(`set-permission: name must be one of ${[...NAMES].join(', ')}, got ${String(name)}`);
      }
      if (typeof setting !== 'string' || !SETTINGS.has(setting)) {
        throw new Error(
          `set-permission: setting must be one of ${[...SETTINGS].join(', ')}, got ${String(setting)}`,
        );
      }
      const origin = new URL(page.url()).origin;
      // BrowserContext.setPermission sends CDP Browser.setPermission with this context's id
      // (undefined for the default context, which is what the chrome launcher uses).
      await context.setPermission(origin, {
        permission: { name },
        state: /** @type {'granted' | 'denied' | 'prompt'} */ (setting),
      });
      return true;
    },
  };
}
