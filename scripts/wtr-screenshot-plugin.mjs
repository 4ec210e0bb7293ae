// @ts-check
/**
 * Web Test Runner plugin: screenshot tests against committed reference PNGs (Chromium through puppeteer).
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   const result = await executeServerCommand('compare-screenshot', { name: 'conference-en-1280x800' });
 *   // { status: 'same' | 'different' | 'updated' | 'missing', differentPixels, totalPixels, ratio, reference, actual?, diff? }
 *
 * The page is shot as the viewport shows it, with reduced motion emulated (so no transition is caught half
 * way) and after two animation frames. It is compared with test/screenshots/<name>.png by pixelmatch
 * (per-pixel colour threshold 0.1, anti-aliased pixels not counted). Pixels that differ are counted; the
 * test decides how many it allows. When they differ, the shot and a diff image are written to
 * reports/screenshots/<name>.actual.png and .diff.png, for a person to look at.
 *
 * UPDATE_SCREENSHOTS=1 (npm run screenshots:update) writes the shot as the new reference instead. A missing
 * reference is `missing` (a failure) unless updating: references are looked at and committed by a person.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCES = `${ROOT}test/screenshots`;
const REPORTS = `${ROOT}reports/screenshots`;
const NAME = /^[a-z0-9][a-z0-9-]*$/i;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function screenshotPlugin() {
  return {
    name: 'rtc-elements-screenshots',

    async executeCommand({ command, payload, session }) {
      if (command !== 'compare-screenshot') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('compare-screenshot needs @web/test-runner-chrome (puppeteer)');
      const { name } = /** @type {{ name?: unknown }} */ (payload ?? {});
      if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`compare-screenshot: a name of letters, digits and dashes, not ${String(name)}`);

      /** @type {import('puppeteer-core').Page} */
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const shot = PNG.sync.read(Buffer.from(await page.screenshot({ type: 'png' })));
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);

      const reference = `${REFERENCES}/${name}.png`;
      if (process.env.UPDATE_SCREENSHOTS) {
        mkdirSync(REFERENCES, { recursive: true });
        writeFileSync(reference, PNG.sync.write(shot));
        return { status: 'updated', reference, differentPixels: 0, totalPixels: shot.width * shot.height, ratio: 0 };
      }
      if (!existsSync(reference)) return { status: 'missing', reference, differentPixels: 0, totalPixels: 0, ratio: 1 };

      const expected = PNG.sync.read(readFileSync(reference));
      const totalPixels = expected.width * expected.height;
      if (expected.width !== shot.width || expected.height !== shot.height) {
        const actual = writeReport(name, 'actual', shot);
        return { status: 'different', reference, actual, differentPixels: totalPixels, totalPixels, ratio: 1, note: `size ${shot.width}x${shot.height}, reference ${expected.width}x${expected.height}` };
      }
      const diff = new PNG({ width: shot.width, height: shot.height });
      const differentPixels = pixelmatch(expected.data, shot.data, diff.data, shot.width, shot.height, { threshold: 0.1 });
      const ratio = differentPixels / totalPixels;
      if (differentPixels === 0) return { status: 'same', reference, differentPixels, totalPixels, ratio };
      return {
        status: 'different',
        reference,
        actual: writeReport(name, 'actual', shot),
        diff: writeReport(name, 'diff', diff),
        differentPixels,
        totalPixels,
        ratio,
      };
    },
  };
}

/** @param {string} name @param {string} kind @param {PNG} png */
function writeReport(name, kind, png) {
  mkdirSync(REPORTS, { recursive: true });
  const file = `${REPORTS}/${name}.${kind}.png`;
  writeFileSync(file, PNG.sync.write(png));
  return file;
}
