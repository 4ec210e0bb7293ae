import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RtcSpeakerLayout } from '../../src/elements/speaker-layout/speaker-layout.js';
import type { RtcGrid } from '../../src/elements/grid/grid.js';
import type { RtcLayoutToggle } from '../../src/elements/layout-toggle/layout-toggle.js';
import { FakeSession, participant, track } from '../support/fake-session.js';
import { settled } from '../support/deep.js';

// Layouts, pinning and the layout toggle, with a scripted session: what each shows where, and where focus goes.

const people = (...names: string[]) => [participant('me', { isLocal: true, name: 'Me' }), ...names.map((name) => participant(name))];

async function roomWith(session: FakeSession, inner = html``, attributes: { layout?: string; lang?: string } = {}): Promise<RtcRoom> {
  const room = await fixture<RtcRoom>(html`<rtc-room manual lang=${attributes.lang ?? 'en'} layout=${attributes.layout ?? 'grid'} .session=${session} style="display: block; width: 900px; height: 560px">${inner}</rtc-room>`);
  await room.updateComplete;
  return room;
}

const layoutOf = (room: RtcRoom) =>
  room.shadowRoot!.querySelector('rtc-conference')!.shadowRoot!.querySelector<RtcGrid | RtcSpeakerLayout>('rtc-grid, rtc-speaker-layout')!;
const stageOf = (layout: RtcSpeakerLayout) => layout.shadowRoot!.querySelector('[part="stage-tile"]');
const filmstripOf = (layout: RtcSpeakerLayout) =>
  [...layout.shadowRoot!.querySelectorAll('[part="filmstrip"] rtc-participant-video')].map((tile) => `${tile.getAttribute('participant')}/${tile.getAttribute('source')}`);
const at = (tile: Element | null) => (tile ? `${tile.getAttribute('participant')}/${tile.getAttribute('source')}` : undefined);

async function settle(room: RtcRoom): Promise<RtcSpeakerLayout> {
  await settled(room);
  return layoutOf(room) as RtcSpeakerLayout;
}

describe('rtc-speaker-layout', () => {
  it('puts the first other participant on the stage and everyone else in the filmstrip, you included', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const room = await roomWith(session, html``, { layout: 'speaker' });
    const layout = await settle(room);
    expect(layout.localName).to.equal('rtc-speaker-layout');
    expect(at(stageOf(layout))).to.equal('alice/camera');
    expect(filmstripOf(layout)).to.deep.equal(['local/camera', 'bob/camera']);
    const shape = () => {
      const box = stageOf(layout)!.getBoundingClientRect();
      return box.width / box.height;
    };
    await waitUntil(() => shape() >= 0.75 && shape() <= 2.01, 'the stage tile takes its shape once the stage is measured');
    const stageBox = stageOf(layout)!.getBoundingClientRect();
    const stageArea = layout.shadowRoot!.querySelector('[part="stage"]')!.getBoundingClientRect();
    const filmBox = layout.shadowRoot!.querySelector('[part="filmstrip"] rtc-participant-video')!.getBoundingClientRect();
    expect(stageBox.width, 'the stage tile is large').to.be.greaterThan(filmBox.width * 2);
    expect(Math.min(stageArea.width - stageBox.width, stageArea.height - stageBox.height), `it fills the stage one way: ${JSON.stringify([stageArea, stageBox])}`).to.be.at.most(1);
    expect(stageBox.width / stageBox.height, 'cropped no further than 3:4 to 2:1').to.be.within(0.75, 2.01);
    await expect(room).to.be.accessible();
  });

  it('brings the active speaker to the stage, but only once the one there has stopped speaking', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const room = await roomWith(session, html``, { layout: 'speaker' });
    let layout = await settle(room);
    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob', { isSpeaking: true }), participant('carol')]);
    layout = await settle(room);
    expect(at(stageOf(layout))).to.equal('bob/camera');
    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob', { isSpeaking: true }), participant('carol', { isSpeaking: true })]);
    layout = await settle(room);
    expect(at(stageOf(layout)), 'carol talks over bob: bob keeps the stage').to.equal('bob/camera');
    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob'), participant('carol', { isSpeaking: true })]);
    layout = await settle(room);
    expect(at(stageOf(layout)), 'bob stops: carol takes it').to.equal('carol/camera');
    session.setParticipants([participant('me', { isLocal: true, isSpeaking: true }), participant('alice'), participant('bob'), participant('carol')]);
    layout = await settle(room);
    expect(at(stageOf(layout)), 'you speaking never puts you on your own stage').to.equal('carol/camera');
  });

  it('gives the stage to the newest screen share, another participant’s before your own', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true, tracks: [track('screen')] }), participant('alice'), participant('bob')]);
    const room = await roomWith(session, html``, { layout: 'speaker' });
    let layout = await settle(room);
    expect(at(stageOf(layout)), 'only you share: your screen').to.equal('local/screen');
    expect(stageOf(layout)!.getAttribute('fit'), 'a screen is shown whole').to.equal('contain');
    session.setParticipants([
      participant('me', { isLocal: true, tracks: [track('screen')] }),
      participant('alice', { tracks: [track('screen')] }),
      participant('bob'),
    ]);
    layout = await settle(room);
    expect(at(stageOf(layout))).to.equal('alice/screen');
    expect(filmstripOf(layout)).to.deep.equal(['local/camera', 'local/screen', 'alice/camera', 'bob/camera']);
    await (stageOf(layout) as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(stageOf(layout)!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('alice’s screen');
  });
});

describe('rtc-speaker-layout stage and filmstrip', () => {
  it('puts someone whose camera is on on the stage before someone whose camera is off', async () => {
    const session = new FakeSession();
    session.setParticipants([
      participant('me', { isLocal: true, tracks: [track('camera')] }),
      participant('alice', { tracks: [track('camera', { muted: true })] }),
      participant('bob', { tracks: [track('camera')] }),
    ]);
    const room = await roomWith(session, html``, { layout: 'speaker' });
    const layout = await settle(room);
    expect(at(stageOf(layout)), 'bob’s picture, not alice’s initials').to.equal('bob/camera');
    session.setParticipants([participant('me', { isLocal: true, tracks: [track('camera')] }), participant('alice', { tracks: [track('camera', { muted: true })] })]);
    expect(at(stageOf(await settle(room))), 'nobody else has a picture: the other person still, not you').to.equal('alice/camera');
  });

  it('puts the filmstrip beside the stage in a wide, low box (a phone held sideways), below it otherwise', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const room = await roomWith(session, html``, { layout: 'speaker' });
    let layout = await settle(room);
    expect(layout.filmstripPosition).to.equal('below');
    room.style.width = '844px';
    room.style.height = '330px';
    await waitUntil(() => layout.filmstripPosition === 'beside', 'the filmstrip moves beside the stage');
    layout = await settle(room);
    const stage = stageOf(layout)!.getBoundingClientRect();
    const film = layout.shadowRoot!.querySelector('[part="filmstrip"]')!.getBoundingClientRect();
    expect(film.left, 'to the right of the stage').to.be.at.least(stage.right - 1);
    expect(stage.height, 'the stage keeps most of the height').to.be.greaterThan(200);
  });
});

describe('pinning', () => {
  it('pins from a grid tile: the room switches to the speaker layout with them on the stage, focus stays on their pin button, and unpinning works the same way', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const room = await roomWith(session);
    const changes: string[] = [];
    room.addEventListener('rtc-layout-changed', ({ detail }) => changes.push(`${detail.layout}:${detail.pinned}`));
    const grid = layoutOf(room) as RtcGrid;
    const bob = grid.shadowRoot!.querySelector<HTMLElement>('rtc-participant-video[participant="bob"]')!;
    await (bob as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const pin = bob.shadowRoot!.querySelector<HTMLButtonElement>('[part="pin-button"]')!;
    expect(pin.textContent!.trim()).to.equal('Pin bob');
    expect(pin.getAttribute('aria-pressed')).to.equal('false');
    pin.focus();
    await sendKeys({ press: 'Space' });
    const layout = await settle(room);
    expect(room.getAttribute('layout')).to.equal('speaker');
    expect(room.getAttribute('pinned')).to.equal('bob');
    expect(changes).to.deep.equal(['speaker:bob']);
    expect(at(stageOf(layout))).to.equal('bob/camera');
    expect(stageOf(layout)!.hasAttribute('pinned')).to.equal(true);

    let focused: Element | null = null;
    await waitUntil(() => {
      focused = document.activeElement;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
      return focused?.getAttribute('part') === 'pin-button';
    }, 'focus lands on a pin button, not the page');
    expect(((focused!.getRootNode() as ShadowRoot).host as HTMLElement).getAttribute('participant'), 'bob’s').to.equal('bob');

    await sendKeys({ press: 'Space' });
    await settle(room);
    expect(room.pinned, 'unpinned').to.equal('');
    expect(changes.at(-1)).to.equal('speaker:');
  });

  it('moves focus to the tile that takes the place of a focused tile sent to another page', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob', 'carol'));
    const room = await roomWith(session);
    room.pageSize = 3;
    await room.updateComplete;
    const grid = layoutOf(room) as RtcGrid;
    await grid.updateComplete;
    const alice = grid.shadowRoot!.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('rtc-participant-video[participant="alice"]')!;
    await alice.updateComplete;
    alice.shadowRoot!.querySelector<HTMLButtonElement>('[part="pin-button"]')!.focus();
    // carol, on page 2, speaks: she swaps places with page 1's longest-silent tile, alice.
    session.setParticipants([participant('me', { isLocal: true }), participant('alice'), participant('bob'), participant('carol', { isSpeaking: true })]);
    await grid.updateComplete;
    expect(grid.shown.map((tile) => tile.participant)).to.deep.equal(['local', 'carol', 'bob']);
    const carol = grid.shadowRoot!.querySelector<HTMLElement>('rtc-participant-video[participant="carol"]')!;
    await waitUntil(() => carol.shadowRoot?.activeElement?.getAttribute('part') === 'pin-button', 'focus moves to carol’s pin button, not to the page');
  });

  it('unpins when the page goes back to the grid, in one change', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const room = await roomWith(session);
    const changes: string[] = [];
    room.addEventListener('rtc-layout-changed', ({ detail }) => changes.push(`${detail.layout}:${detail.pinned}`));
    room.pinned = 'bob';
    room.layout = 'grid';
    await room.updateComplete;
    expect([room.layout, room.pinned, room.getAttribute('pinned')]).to.deep.equal(['grid', '', '']);
    expect(changes).to.deep.equal(['speaker:bob', 'grid:']);
  });

  it('clears the pin when the pinned participant leaves', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice', 'bob'));
    const room = await roomWith(session);
    room.layoutControl.pin('bob');
    let layout = await settle(room);
    expect(at(stageOf(layout))).to.equal('bob/camera');
    session.setParticipants(people('alice'));
    session.emit('participant-left', { identity: 'bob', name: 'bob' });
    layout = await settle(room);
    expect(room.pinned).to.equal('');
    expect(at(stageOf(layout))).to.equal('alice/camera');
  });
});

describe('rtc-layout-toggle', () => {
  it('switches the room between grid and speaker, its words and icon naming the other layout, unpinning on the way back; Chinese too', async () => {
    const session = new FakeSession();
    session.setParticipants(people('alice'));
    const room = await roomWith(session, html`<rtc-layout-toggle></rtc-layout-toggle>`, { lang: 'zh-CN' });
    const toggle = room.querySelector<RtcLayoutToggle>('rtc-layout-toggle')!;
    await toggle.updateComplete;
    const button = toggle.shadowRoot!.querySelector('button')!;
    // Its words and its icon both name where a press goes; the words changing, it is no toggle (no aria-pressed).
    const words = () => toggle.shadowRoot!.querySelector('[part="label"]')!.textContent;
    const icon = () => toggle.shadowRoot!.querySelector('[part="icon"] svg')!.innerHTML;
    expect(words()).to.equal('演讲者视图');
    expect(button.hasAttribute('aria-pressed')).to.equal(false);
    const speakerIcon = icon();
    const changed = oneEvent(room, 'rtc-layout-changed');
    button.click();
    expect((await changed).detail).to.deep.equal({ layout: 'speaker', pinned: '' });
    await toggle.updateComplete;
    expect(words()).to.equal('宫格视图');
    expect(icon(), 'the grid icon with the grid’s words').to.not.equal(speakerIcon);
    room.pinned = 'alice';
    await room.updateComplete;
    button.click();
    await room.updateComplete;
    expect(room.layout).to.equal('grid');
    expect(room.pinned).to.equal('');
    await expect(toggle).to.be.accessible();
  });

  it('is disabled outside a room', async () => {
    const toggle = await fixture<RtcLayoutToggle>(html`<rtc-layout-toggle></rtc-layout-toggle>`);
    expect(toggle.shadowRoot!.querySelector('button')!.disabled).to.equal(true);
  });
});

describe('rtc-grid with screen shares', () => {
  it('shows a screen share as a tile of its own after its sharer, whole, named as a screen', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true }), participant('alice', { name: 'Alice', tracks: [track('camera'), track('screen')] }), participant('bob')]);
    const room = await roomWith(session);
    const grid = layoutOf(room) as RtcGrid;
    await grid.updateComplete;
    const tiles = [...grid.shadowRoot!.querySelectorAll('rtc-participant-video')];
    expect(tiles.map(at)).to.deep.equal(['local/camera', 'alice/camera', 'alice/screen', 'bob/camera']);
    const screen = tiles[2] as HTMLElement & { updateComplete: Promise<unknown> };
    await screen.updateComplete;
    expect(screen.getAttribute('part')).to.equal('tile screen-tile');
    expect(screen.getAttribute('fit')).to.equal('contain');
    expect(screen.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice’s screen');
    session.setParticipants([participant('me', { isLocal: true, tracks: [track('screen')] }), participant('alice', { name: 'Alice', tracks: [track('camera')] }), participant('bob')]);
    await grid.updateComplete;
    expect([...grid.shadowRoot!.querySelectorAll('rtc-participant-video')].map(at), 'a share started later goes after its sharer too').to.deep.equal([
      'local/camera',
      'local/screen',
      'alice/camera',
      'bob/camera',
    ]);
  });
});
