import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RoomSession } from '../../src/core/room-session.js';
import type { RtcCastView } from '../../src/elements/cast-view/cast-view.js';
import type { RtcRoom } from '../../src/elements/room/room.js';

// <rtc-cast-view> opened as LiveKit Egress opens a layout page: ?url=&token=&layout=rtc-cast:<identity>, a hidden
// recorder's token, console signals, and UpdateLayout arriving as the recorder's own metadata.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; grants?: Record<string, unknown> }) => executeServerCommand('dev-server-token', options) as Promise<string>;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function publisher(room: string, identity: string): Promise<RtcRoom> {
  const element = document.createElement('rtc-room');
  element.serverUrl = await serverUrl();
  element.token = await token({ room, identity });
  element.video = 'low';
  element.audio = true;
  element.append(document.createElement('span')); // a custom UI: no grid of its own
  document.body.append(element);
  cleanups.push(() => element.remove());
  await waitUntil(() => element.connectionState === 'connected', `${identity} joins`, { timeout: 10000 });
  return element;
}

/** The track a publisher sends for `source`, to tell which picture the view shows. */
const sentBy = (room: RtcRoom, source: 'camera' | 'microphone') =>
  (room.session as RoomSession).participants.get().find((p) => p.isLocal)?.tracks.find((t) => t.source === source)?.mediaStreamTrack;

describe('<rtc-cast-view>, as Egress opens it', () => {
  it('shows only the chosen participant, signals START_RECORDING after the first frame, switches without black, and signals the end', async function () {
    this.timeout(60000);
    const room = `cast-view-${Date.now()}`;
    const alice = await publisher(room, 'alice');
    const bob = await publisher(room, 'bob');
    const logged: { text: string; pictureUp: boolean }[] = [];
    const log = console.log;
    let view: RtcCastView | undefined;
    console.log = (...args: unknown[]) => {
      if (args[0] === 'START_RECORDING' || args[0] === 'END_RECORDING') {
        const front = view?.shadowRoot?.querySelector<HTMLVideoElement>('video.front');
        logged.push({ text: String(args[0]), pictureUp: !!front && front.videoWidth > 0 });
      } else log(...args);
    };
    cleanups.push(() => (console.log = log));

    // What Egress does: the page's address carries the server, a hidden recorder's token and the layout.
    const recorder = await token({ room, identity: 'EG_view', grants: { hidden: true, recorder: true, canPublish: false, canPublishData: false } });
    const address = new URL(location.href);
    const previous = address.href;
    address.search = new URLSearchParams({ url: await serverUrl(), token: recorder, layout: 'rtc-cast:alice' }).toString();
    history.replaceState(null, '', address.href);
    cleanups.push(() => history.replaceState(null, '', previous));
    view = document.createElement('rtc-cast-view');
    view.style.cssText = 'display: block; width: 320px; height: 240px';
    document.body.append(view);
    cleanups.push(() => view!.remove());

    const front = () => view!.shadowRoot!.querySelector<HTMLVideoElement>('video.front')!;
    const pictureOf = () => (front().srcObject as MediaStream | null)?.getVideoTracks()[0];
    const soundOf = () => (view!.shadowRoot!.querySelector('audio')!.srcObject as MediaStream | null)?.getAudioTracks()[0];
    await waitUntil(() => logged.some((entry) => entry.text === 'START_RECORDING'), 'START_RECORDING is logged', { timeout: 10000 });
    expect(logged[0], 'only once the first frame is up').to.deep.equal({ text: 'START_RECORDING', pictureUp: true });
    expect(view.participant).to.equal('alice');
    expect(view.hasAttribute('live')).to.equal(true);
    const aliceSession = alice.session as RoomSession;
    const received = (view.session as RoomSession).participants.get().find((p) => p.identity === 'alice')!;
    expect(pictureOf()).to.equal(received.tracks.find((t) => t.source === 'camera')!.mediaStreamTrack);
    expect(soundOf()).to.equal(received.tracks.find((t) => t.source === 'microphone')!.mediaStreamTrack);
    expect(aliceSession.participants.get().some((p) => p.identity === 'EG_view'), 'the recorder is hidden from the others').to.equal(false);
    expect(sentBy(bob, 'camera')).to.exist;

    // UpdateLayout on LiveKit sets the recorder's metadata to {"layout": …}: the dev server's API does the same here.
    let blackFrames = 0;
    const watch = setInterval(() => {
      if (front().videoWidth === 0 || !front().srcObject) blackFrames++;
    }, 10);
    cleanups.push(() => clearInterval(watch));
    const update = (await executeServerCommand('dev-server-api', { method: 'updateParticipant', args: [room, 'EG_view', { metadata: JSON.stringify({ layout: 'rtc-cast:bob' }) }] })) as {
      error?: string;
    };
    expect(update.error).to.equal(undefined);
    const bobReceived = () => (view!.session as RoomSession).participants.get().find((p) => p.identity === 'bob')!;
    await waitUntil(() => pictureOf() === bobReceived().tracks.find((t) => t.source === 'camera')!.mediaStreamTrack, 'bob is on screen', { timeout: 10000 });
    clearInterval(watch);
    expect(view.participant).to.equal('bob');
    expect(blackFrames, 'the old picture stayed up until the new one had a frame').to.equal(0);
    await waitUntil(() => {
      const microphone = bobReceived().tracks.find((t) => t.source === 'microphone')?.mediaStreamTrack;
      return microphone && soundOf() === microphone;
    }, 'bob is heard, and only bob', { timeout: 5000 }).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(bobReceived().tracks.map((t) => [t.source, t.muted, t.subscribed, !!t.mediaStreamTrack]))}, playing ${soundOf()?.id}; bob sends ${JSON.stringify((bob.session as RoomSession).participants.get().find((p) => p.isLocal)?.tracks.map((t) => [t.source, t.sid, t.muted]))}`);
    });
    expect(logged.filter((entry) => entry.text === 'START_RECORDING'), 'started once').to.have.length(1);

    view.remove();
    await waitUntil(() => logged.some((entry) => entry.text === 'END_RECORDING'), 'END_RECORDING is logged', { timeout: 5000 });
  });
});
