import '../src/define.js';
import { translate, type RtcCallCenter, type RtcErrorCode, type RtcLocalPreview, type RtcRoom } from '../src/index.js';

const language = document.querySelector<HTMLSelectElement>('#language')!;
const form = document.querySelector<HTMLFormElement>('#join')!;
const lobby = document.querySelector<HTMLElement>('#lobby')!;
const conference = document.querySelector<HTMLElement>('#conference')!;
const preview = document.querySelector<RtcLocalPreview>('#preview')!;
const log = document.querySelector<HTMLElement>('#log')!;
const another = document.querySelector<HTMLElement>('#another-participant')!;

// A link from another tab (?room=…&name=…) fills the form in.
const params = new URLSearchParams(location.search);
for (const field of ['serverUrl', 'room', 'name'] as const) {
  const value = params.get(field);
  const input = form.elements.namedItem(field) as HTMLInputElement | null;
  if (value && input) input.value = value;
}

/** Shows or hides the conference, with a link that opens the same room in a new tab as someone else. */
function showConference(roomName: string | undefined): void {
  lobby.hidden = !!roomName;
  conference.hidden = another.hidden = !roomName;
  if (!roomName) return;
  const link = new URL(location.href);
  link.search = new URLSearchParams({ room: roomName, name: `Guest ${Math.floor(Math.random() * 900) + 100}` }).toString();
  another.querySelector('a')!.href = link.href;
}

// Before joining, the device lists switch the preview's camera and microphone; the room keeps the choice.
for (const select of document.querySelectorAll('rtc-device-select')) select.media = preview.media;

// The browser check also tries the server the form names.
const systemCheck = document.querySelector('rtc-system-check')!;
const serverField = form.elements.namedItem('serverUrl') as HTMLInputElement;
systemCheck.serverUrl = serverField.value;
serverField.addEventListener('change', () => (systemCheck.serverUrl = serverField.value));

language.value = document.documentElement.lang;
language.addEventListener('change', () => (document.documentElement.lang = language.value));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const room = document.createElement('rtc-room') as RtcRoom;
  room.serverUrl = String(data.get('serverUrl'));
  room.room = String(data.get('room'));
  room.name = String(data.get('name'));
  room.tokenEndpoint = '/token';
  room.addEventListener('rtc-connection-state-changed', ({ detail }) => {
    const lang = document.documentElement.lang;
    log.textContent = detail.reason
      ? `${translate(lang, `state.${detail.state}`)}: ${translate(lang, `error.${detail.reason}`)}`
      : translate(lang, `state.${detail.state}`);
    if (detail.state === 'failed' || detail.state === 'disconnected' || detail.state === 'kicked') {
      room.remove();
      showConference(undefined);
    }
  });
  room.addEventListener('rtc-participant-joined', ({ detail }) => console.info(`${detail.name} joined`));
  // The room publishes the preview's camera and microphone: no second permission prompt, no flicker.
  room.session.useLocalMedia(preview.media);
  // MeetingCast under the conference: it uses the room's session, so the room keeps its default layout.
  const cast = document.createElement('rtc-cast-controls');
  cast.castEndpoint = '/cast';
  cast.session = room.session;
  const recordings = Object.assign(document.createElement('a'), {
    href: `${room.serverUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/dev/egress/`,
    target: '_blank',
    rel: 'noopener',
    textContent: 'Watch what was broadcast (recorded by the dev server)',
  });
  // The room's chat beside it, on the same session (LiveKit Meet users in the room read it too).
  const chat = document.createElement('rtc-chat');
  chat.session = room.session;
  // Barrage flies over the video: an overlay on the room, and a box to throw some.
  const stage = Object.assign(document.createElement('div'), { className: 'stage' });
  const barrage = document.createElement('rtc-barrage');
  barrage.session = room.session;
  stage.append(room, barrage);
  const throwBarrage = document.querySelector<HTMLTemplateElement>('#barrage-form')!.content.firstElementChild!.cloneNode(true) as HTMLFormElement;
  throwBarrage.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = throwBarrage.elements.namedItem('text') as HTMLInputElement;
    const status = throwBarrage.querySelector('output')!;
    room.session.messages.sendBarrage(input.value).then(
      () => ((input.value = ''), (status.textContent = '')),
      (error: { code: RtcErrorCode }) => (status.textContent = translate(document.documentElement.lang, `error.${error.code}`)),
    );
  });
  // Statistics only while the person looks: the panel samples while it is on the page.
  const statsToggle = document.querySelector<HTMLTemplateElement>('#stats-toggle')!.content.firstElementChild!.cloneNode(true) as HTMLDetailsElement;
  statsToggle.addEventListener('toggle', () => {
    statsToggle.querySelector('rtc-stats-panel')?.remove();
    if (!statsToggle.open) return;
    const panel = document.createElement('rtc-stats-panel');
    panel.session = room.session;
    statsToggle.append(panel);
  });
  conference.replaceChildren(stage, throwBarrage, statsToggle, chat, cast, recordings);
  showConference(room.room);
});

// 1:1 calls: go online under a user id, and everyone else online gets a call button.
const goOnline = document.querySelector<HTMLFormElement>('#go-online')!;
const callCenter = document.querySelector<RtcCallCenter>('#call-center')!;
const people = document.querySelector<HTMLUListElement>('#people')!;
const nobodyOnline = document.querySelector<HTMLElement>('#nobody-online')!;
(goOnline.elements.namedItem('userId') as HTMLInputElement).value = params.get('user') ?? `user-${Math.floor(Math.random() * 9000) + 1000}`;
if (params.get('name')) (goOnline.elements.namedItem('name') as HTMLInputElement).value = params.get('name')!;

goOnline.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(goOnline);
  callCenter.userId = String(data.get('userId'));
  callCenter.name = String(data.get('name'));
  callCenter.serverUrl = (form.elements.namedItem('serverUrl') as HTMLInputElement).value;
  callCenter.tokenEndpoint = '/token';
  callCenter.hidden = false;
  goOnline.hidden = true;
  const other = new URL(location.href);
  other.search = new URLSearchParams({ user: `user-${Math.floor(Math.random() * 9000) + 1000}`, name: `Guest ${Math.floor(Math.random() * 900) + 100}` }).toString();
  nobodyOnline.querySelector('a')!.href = other.href;
  callCenter.connect().catch(() => {
    callCenter.hidden = true;
    goOnline.hidden = false;
  });
});

callCenter.addEventListener('rtc-presence-changed', ({ detail }) => {
  nobodyOnline.hidden = detail.users.length > 0;
  // Keep the buttons of people still online, so a call in progress keeps its button.
  const buttons = new Map([...people.querySelectorAll('rtc-call-button')].map((button) => [button.user, button.closest('li')!]));
  people.replaceChildren(
    ...detail.users.map((user) => {
      const item = buttons.get(user.userId) ?? document.createElement('li');
      if (!item.firstChild) {
        const button = document.createElement('rtc-call-button');
        button.setAttribute('user', user.userId);
        item.append(button);
      }
      return item;
    }),
  );
});
// The call's room shows under the contact list: bring it into view (a tile out of view receives no video).
callCenter.addEventListener('rtc-call-state-changed', ({ detail }) => {
  if (detail.state === 'connecting') requestAnimationFrame(() => callCenter.scrollIntoView({ block: 'end' }));
});
callCenter.addEventListener('rtc-error', ({ detail }) => {
  log.textContent = translate(document.documentElement.lang, `error.${detail.code}`);
});
