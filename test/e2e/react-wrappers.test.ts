import { expect, waitUntil } from '@open-wc/testing';
import type { RtcBarrage, RtcLocalPreview, RtcRoom } from '../../src/index.js';

// The React wrappers (rtc-elements/react) when React creates the elements itself, in StrictMode (React's
// development build runs effects and ref callbacks twice). The page is test/fixtures/react-wrappers, built by
// `npm run build`; examples/next covers the wrappers after server rendering and hydration.
describe('React wrappers, created by React in StrictMode', () => {
  let frame: HTMLIFrameElement;
  const page = () => frame.contentDocument!;
  const log = () => (frame.contentWindow as unknown as { wrapperLog: string[] }).wrapperLog;
  const click = (id: string) => (page().querySelector(`#${id}`) as HTMLButtonElement).click();

  beforeEach(async () => {
    frame = document.createElement('iframe');
    frame.src = '/test/fixtures/react-wrappers/dist/index.html';
    document.body.append(frame);
    await waitUntil(() => frame.contentDocument?.querySelector('rtc-room')?.shadowRoot, 'React renders the room', { timeout: 10000 });
  });
  afterEach(() => frame.remove());

  it('gives each element real booleans, numbers and objects, false included', async () => {
    const room = page().querySelector('rtc-room') as RtcRoom;
    expect(room.manual).to.equal(true);
    expect(room.pageSize).to.equal(9);
    expect(room.layout).to.equal('speaker');
    expect(room.participantAttributes).to.deep.equal({ role: 'guest' });
    expect(room.getAttribute('connection-state'), 'manual: it did not join on its own').to.equal('idle');
    const barrage = page().querySelector('rtc-barrage') as RtcBarrage;
    expect(barrage.lanes).to.equal(3);
    const preview = page().querySelector('rtc-local-preview') as RtcLocalPreview;
    expect(preview.mirrored, 'false reaches the element').to.equal(false);
    expect(preview.audio).to.equal(false);

    click('promote');
    await waitUntil(() => room.participantAttributes?.role === 'host', 'a new object reaches the room');
  });

  it('does not undo what the element changed itself when the page renders again', async () => {
    const room = page().querySelector('rtc-room') as RtcRoom;
    room.layout = 'grid'; // as the room's own layout button does
    click('rerender');
    await waitUntil(() => page().querySelector('#rerender')!.textContent!.includes('(1)'), 'the page rendered again');
    expect(room.layout).to.equal('grid');
  });

  it('calls the handler once per event, and lets go of the element and the ref when unmounted', async () => {
    const room = page().querySelector('rtc-room') as RtcRoom;
    expect(log().filter((entry) => entry.startsWith('ref')).at(-1)).to.equal('ref');
    room.dispatchEvent(new CustomEvent('rtc-layout-changed', { detail: { layout: 'grid' } }));
    expect(log().filter((entry) => entry.startsWith('event:'))).to.deep.equal(['event:rtc-layout-changed']);

    click('unmount');
    await waitUntil(() => !page().querySelector('rtc-room'), 'the room is gone');
    expect(log().at(-1), 'the ref callback’s own cleanup ran').to.equal('ref:cleanup');
    room.dispatchEvent(new CustomEvent('rtc-layout-changed', { detail: { layout: 'speaker' } }));
    expect(log().filter((entry) => entry.startsWith('event:'))).to.have.length(1);
  });
});
