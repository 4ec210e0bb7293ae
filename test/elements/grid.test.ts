import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/elements/grid/rtc-grid.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcGrid } from '../../src/elements/grid/grid.js';
import { arrangeTiles, tilesPerPage } from '../../src/elements/tile-arrangement.js';
import { FakeSession, participant } from '../support/fake-session.js';

const people = (...names: string[]) => [participant('me', { isLocal: true }), ...names.map((name) => participant(name))];
const tiles = (grid: RtcGrid) => [...grid.shadowRoot!.querySelectorAll('rtc-participant-video')].map((tile) => tile.getAttribute('participant'));

async function gridIn(session: FakeSession, lang = 'en'): Promise<RtcGrid> {
  const room = await fixture(html`<rtc-room manual lang=${lang} .session=${session} style="display: block; width: 800px">
    <rtc-grid style="height: 450px"></rtc-grid>
  </rtc-room>`);
  const grid = room.querySelector('rtc-grid')!;
  await grid.updateComplete;
  return grid;
}

describe('arrangeTiles', () => {
  const area = (width: number, height: number, count: number, options = {}) => arrangeTiles(count, width, height, { gap: 8, ...options });
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('fills a wide box with three people: one large beside two small, no hole, none cropped past 3:4', () => {
    const { rects, coverage, aspect } = area(1264, 712, 3);
    expect(coverage, 'a 2x2 grid of 16:9 tiles covers 0.66').to.be.greaterThan(0.95);
    expect(aspect).to.be.within(0.75, 16 / 9);
    expect(rects[2]!.width, 'the last tile is the large one: you (first) never are').to.be.greaterThan(rects[0]!.width);
    for (const [i, a] of rects.entries()) for (const b of rects.slice(i + 1)) expect(overlap(a, b)).to.equal(false);
    for (const r of rects) expect(r.x >= 0 && r.y >= 0 && r.x + r.width <= 1264 && r.y + r.height <= 712).to.equal(true);
  });

  it('stacks on a phone in portrait, at most two side by side', () => {
    const three = area(374, 760, 3, { maxColumns: 2 });
    expect(new Set(three.rects.map((r) => r.x)).size, 'one column').to.equal(1);
    expect(three.coverage).to.be.greaterThan(0.95);
    const six = area(374, 760, 6, { maxColumns: 2 });
    const rows = new Map<number, number>();
    for (const r of six.rects) rows.set(r.y, (rows.get(r.y) ?? 0) + 1);
    expect(Math.max(...rows.values())).to.be.at.most(2);
  });

  it('keeps four people 16:9 in a 16:9 box, and one alone fills it', () => {
    expect(area(1264, 712, 4).aspect).to.be.closeTo(16 / 9, 0.05);
    const [alone] = area(1280, 720, 1, { gap: 0 }).rects;
    expect(alone).to.deep.equal({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('honours a fixed shape, and gives nothing for an empty box', () => {
    const fixed = area(800, 450, 3, { minAspect: 16 / 9, maxAspect: 16 / 9 });
    for (const r of fixed.rects) expect(r.width / r.height).to.be.closeTo(16 / 9, 0.02);
    expect(area(0, 0, 3).rects).to.deep.equal([]);
  });

  it('pages before tiles get too small to read', () => {
    expect(tilesPerPage(1264, 712, { gap: 8 })).to.equal(25);
    const phone = tilesPerPage(374, 700, { gap: 8, maxColumns: 2 });
    expect(phone).to.be.within(6, 16);
    const { rects } = area(374, 700, phone, { maxColumns: 2 });
    for (const r of rects) expect(r.width >= 160 && r.height >= 100).to.equal(true);
    expect(tilesPerPage(300, 150, { gap: 8 }), 'always at least one').to.equal(1);
  });
});

describe('rtc-grid', () => {
  it('shows everyone, you first then in the order they joined, filling its box', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const grid = await gridIn(session);
    expect(tiles(grid)).to.deep.equal(['local', 'alice', 'bob', 'carol']);
    await waitUntil(() => grid.shadowRoot!.querySelector('.placed'), 'the tiles are placed in the measured box');
    await grid.updateComplete;
    const box = grid.shadowRoot!.querySelector('[part="tiles"]')!.getBoundingClientRect();
    const rects = [...grid.shadowRoot!.querySelectorAll('rtc-participant-video')].map((tile) => tile.getBoundingClientRect());
    expect(new Set(rects.map((r) => Math.round(r.top))).size, 'two by two in a 16:9 box').to.equal(2);
    const covered = rects.reduce((sum, r) => sum + r.width * r.height, 0) / (box.width * box.height);
    expect(covered, 'the tiles cover the box').to.be.greaterThan(0.9);
    session.setParticipants(people('alice', 'carol', 'dave'));
    await grid.updateComplete;
    expect(tiles(grid), 'a leaver drops out, a newcomer goes last').to.deep.equal(['local', 'alice', 'carol', 'dave']);
  });

  it('keeps tiles in place when someone speaks', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const grid = await gridIn(session);
    const bobTile = grid.shadowRoot!.querySelector('[participant="bob"]');
    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob', { isSpeaking: true }), participant('carol')]);
    await grid.updateComplete;
    expect(tiles(grid)).to.deep.equal(['local', 'alice', 'bob', 'carol']);
    expect(grid.shadowRoot!.querySelector('[participant="bob"]'), 'the same element, not a new one').to.equal(bobTile);
  });

  it('pages with a page size, and brings a speaker onto the first page by one swap', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol', 'dave'));
    const grid = await gridIn(session);
    grid.pageSize = 2;
    await grid.updateComplete;
    expect(grid.pages).to.equal(3);
    expect(tiles(grid)).to.deep.equal(['local', 'alice']);
    const label = () => grid.shadowRoot!.querySelector('[part="page-label"]')!.textContent;
    const dots = () => [...grid.shadowRoot!.querySelectorAll('[part="dot"]')].map((dot) => dot.getAttribute('aria-current'));
    expect(dots(), 'a dot per page, the first current').to.deep.equal(['page', 'false', 'false']);
    const next = grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="next"]')!;
    const previous = grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="previous"]')!;
    expect(label()).to.equal('Page 1 of 3');
    expect(previous.disabled).to.equal(true);
    next.click();
    await grid.updateComplete;
    expect(tiles(grid)).to.deep.equal(['bob', 'carol']);
    expect(grid.page).to.equal(1);
    next.click();
    await grid.updateComplete;
    expect(tiles(grid)).to.deep.equal(['dave']);
    expect(next.disabled).to.equal(true);
    await expect(grid).to.be.accessible();

    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob'), participant('carol'), participant('dave', { isSpeaking: true })]);
    grid.page = 0;
    await grid.updateComplete;
    expect(tiles(grid), 'dave swapped with alice, who was silent; you stay').to.deep.equal(['local', 'dave']);
    grid.page = 2;
    await grid.updateComplete;
    expect(tiles(grid), 'alice took dave’s place, nobody else moved').to.deep.equal(['alice']);
  });

  it('pages by itself when tiles would get too small (a phone), and a swipe or a dot turns the page', async () => {
    const session = new FakeSession();
    session.setParticipants(people('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'));
    const room = await fixture(html`<rtc-room manual .session=${session} style="display: block; width: 374px">
      <rtc-grid style="height: 700px"></rtc-grid>
    </rtc-room>`);
    const grid = room.querySelector('rtc-grid')!;
    await waitUntil(() => grid.pages > 1, 'ten people do not fit on a phone’s page');
    await grid.updateComplete;
    const perPage = grid.shown.length;
    expect(perPage).to.be.within(2, 6);
    const rects = [...grid.shadowRoot!.querySelectorAll('rtc-participant-video')].map((tile) => tile.getBoundingClientRect());
    expect(new Set(rects.map((r) => Math.round(r.left))).size, 'at most two side by side').to.be.at.most(2);
    const box = grid.shadowRoot!.querySelector('[part="tiles"]')!.getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    // A real drag, right to left, across the tiles.
    await sendMouse({ type: 'move', position: [Math.round(box.right - 40), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(box.left + 40), y] });
    await sendMouse({ type: 'up' });
    await waitUntil(() => grid.page === 1, 'swiped to the next page');
    grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="dot"]')!.click();
    await grid.updateComplete;
    expect(grid.page).to.equal(0);
    await expect(grid).to.be.accessible();
  });

  it('speaks Chinese in its page controls', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const grid = await gridIn(session, 'zh-CN');
    grid.pageSize = 2;
    await grid.updateComplete;
    expect(grid.shadowRoot!.querySelector('[part="page-label"]')!.textContent).to.equal('第 1 页，共 2 页');
    expect(grid.shadowRoot!.querySelector('[part="next"]')!.getAttribute('aria-label')).to.equal('下一页');
    expect(grid.shadowRoot!.querySelector('[part="dot"]')!.getAttribute('aria-label')).to.equal('第 1 页，共 2 页');
  });
});
