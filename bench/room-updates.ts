import '../src/define.js';
import { ScriptedSession, participantView, trackView, type RtcRoom } from '../src/index.js';

// Each measurement runs the kit and a baseline doing the same visible work with hand-written DOM, in the
// same page, so the reported ratio does not depend on how fast this machine is today.
const TILES = 16;
const ROUNDS = 300;
const ROOMS = 30;

const people = (speaker: number) =>
  Array.from({ length: TILES }, (_, i) =>
    participantView(`p${i}`, { name: `Person ${i}`, isSpeaking: i === speaker, tracks: [trackView('microphone', { muted: i % 3 === 0 })] }),
  );

async function mountRoom(): Promise<{ room: RtcRoom; session: ScriptedSession }> {
  const session = new ScriptedSession({ room: 'bench' });
  session.setParticipants(people(-1));
  session.setState('connected');
  const room = document.createElement('rtc-room');
  room.manual = true;
  room.session = session;
  document.body.append(room);
  await settle(room);
  return { room, session };
}

async function settle(room: RtcRoom): Promise<void> {
  await room.updateComplete;
  await Promise.all([...room.shadowRoot!.querySelectorAll('rtc-participant-video')].map((tile) => tile.updateComplete));
}

/** The same tiles by hand: a figure with a caption per participant, a speaking attribute toggled. */
function mountBaseline(): HTMLElement {
  const grid = document.createElement('div');
  grid.innerHTML = people(-1)
    .map((p) => `<figure data-id="${p.identity}"><video muted playsinline></video><figcaption>${p.name}</figcaption></figure>`)
    .join('');
  document.body.append(grid);
  return grid;
}

async function speakingUpdates(): Promise<{ kit: number; baseline: number }> {
  const { room, session } = await mountRoom();
  let start = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    session.setParticipants(people(round % TILES));
    await settle(room);
  }
  const kit = performance.now() - start;
  room.remove();

  const grid = mountBaseline();
  const figures = [...grid.children] as HTMLElement[];
  start = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const list = people(round % TILES);
    figures.forEach((figure, i) => figure.toggleAttribute('speaking', list[i]!.isSpeaking));
    await Promise.resolve();
  }
  const baseline = performance.now() - start;
  grid.remove();
  return { kit, baseline };
}

const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
const collect = async () => {
  for (let i = 0; i < 3; i++) {
    (globalThis as unknown as { gc: () => void }).gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Heap still held after mounting and removing rooms: what a page that joins and leaves repeatedly leaks. */
async function retainedAfterRemoval(): Promise<{ kit: number; baseline: number; perRoomKit: number }> {
  const cycleRooms = async () => {
    for (let i = 0; i < ROOMS; i++) {
      const { room } = await mountRoom();
      room.remove();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  // The first rooms pay once for code, template caches and JIT; only what later rooms keep is a leak.
  await cycleRooms();
  await collect();
  let before = heap();
  await cycleRooms();
  await collect();
  const kit = heap() - before;
  for (let i = 0; i < ROOMS; i++) mountBaseline().remove();
  await collect();
  before = heap();
  for (let i = 0; i < ROOMS; i++) mountBaseline().remove();
  await collect();
  const baseline = heap() - before;
  return { kit, baseline, perRoomKit: kit / ROOMS };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

(window as unknown as { benchResult: Promise<unknown> }).benchResult = (async () => {
  await speakingUpdates(); // warm-up: JIT and first-render costs out of the measurement
  // Five alternating runs and their medians: a 2-core machine running other work jitters single runs.
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await speakingUpdates());
  const updates = { kit: median(runs.map((r) => r.kit)), baseline: median(runs.map((r) => r.baseline)) };
  const memory = await retainedAfterRemoval();
  return { tiles: TILES, rounds: ROUNDS, rooms: ROOMS, updates, memory };
})();
