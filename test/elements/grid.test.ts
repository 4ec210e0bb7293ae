import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/grid/rtc-grid.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcGrid } from '../../src/elements/grid/grid.js';
import { fitColumns } from '../../src/elements/layout-tiles.js';
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

describe('fitColumns', () => {
  it('picks the columns that give tiles the most room', () => {
    expect(fitColumns(1, 800, 450, 8, 16 / 9).columns).to.equal(1);
    expect(fitColumns(4, 800, 450, 8, 16 / 9).columns).to.equal(2);
    expect(fitColumns(3, 1600, 300, 8, 16 / 9).columns, 'a wide, low box: one row').to.equal(3);
    expect(fitColumns(6, 400, 1200, 8, 16 / 9).columns, 'a tall box: one column').to.equal(1);
    expect(fitColumns(9, 0, 0, 8, 16 / 9).columns, 'no box yet: near square').to.equal(3);
  });
});

describe('rtc-grid', () => {
  it('shows everyone, you first then in the order they joined, in columns that fit', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const grid = await gridIn(session);
    expect(tiles(grid)).to.deep.equal(['local', 'alice', 'bob', 'carol']);
    const template = getComputedStyle(grid.shadowRoot!.querySelector('[part="tiles"]')!).gridTemplateColumns.split(' ');
    expect(template, 'two by two in a 16:9 box').to.have.length(2);
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

  it('speaks Chinese in its page controls', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const grid = await gridIn(session, 'zh-CN');
    grid.pageSize = 2;
    await grid.updateComplete;
    expect(grid.shadowRoot!.querySelector('[part="page-label"]')!.textContent).to.equal('第 1 页，共 2 页');
    expect(grid.shadowRoot!.querySelector('[part="next"]')!.textContent!.trim()).to.equal('下一页 ›');
  });
});
