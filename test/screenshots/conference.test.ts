import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { threePeople } from '../../stories/support/scenes.js';
import { deepQuery, deepQueryAll, settled } from '../support/deep.js';

interface Comparison {
  status: 'same' | 'different' | 'updated' | 'missing';
  differentPixels: number;
  totalPixels: number;
  ratio: number;
  reference: string;
  actual?: string;
  diff?: string;
  note?: string;
}

/** Pixels allowed to differ: text antialiasing and video scaling, not a moved or missing element. */
const TOLERANCE = 0.002;

// The default conference given the whole window, with three people in still pictures, compared pixel by
// pixel with test/screenshots/*.png. `npm run screenshots:update` writes new references: look at each.
describe('screenshots of the default conference', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const name = `conference-${lang}-${width}x${height}`;
      it(`${name} looks as its reference`, async () => {
        await setViewport({ width, height });
        // The pointer away from every tile: a hovered tile shows its pin button.
        await sendMouse({ type: 'move', position: [width - 1, height - 1] });
        const room = await fixture<RtcRoom>(html`<rtc-room manual lang=${lang} .session=${threePeople(lang)} style="position: fixed; inset: 0"></rtc-room>`);
        await settled(room);
        await waitUntil(() => deepQuery(room, '.tiles.placed'), 'the tiles are laid out', { timeout: 5000 });
        const videos = deepQueryAll<HTMLVideoElement>(room, 'rtc-participant-video').map((tile) => tile.shadowRoot!.querySelector('video')!);
        await waitUntil(() => videos.filter((video) => !video.hidden).every((video) => video.videoWidth > 0), 'every camera shows a picture', { timeout: 10000 });
        await waitUntil(() => deepQueryAll(room, '[part="placeholder"]:not([hidden])').length === 1, 'only Bob, camera off, shows initials');
        await document.fonts.ready;
        await settled(room);
        const result = (await executeServerCommand('compare-screenshot', { name })) as Comparison;
        const why = `${result.differentPixels} of ${result.totalPixels} pixels differ from ${result.reference}${result.note ? ` (${result.note})` : ''}; see ${result.actual ?? ''} and ${result.diff ?? ''}`;
        expect(result.status, `${name}: no reference yet: run npm run screenshots:update and look at it`).to.not.equal('missing');
        expect(result.ratio, why).to.be.at.most(TOLERANCE);
        await setViewport({ width: 800, height: 600 });
      });
    }
  }
});
