import '../src/define.js';
import { LogLevel, setLogLevel } from 'livekit-client';
import { translate, type IncomingCall, type RtcCallCenter, type RtcConference, type RtcErrorCode, type RtcPrejoin, type RtcRoom } from '../src/index.js';
import { LANGUAGES, say, supported, translatePage } from './strings.js';

// livekit-client tells every step of every connection at "info": the demo's console keeps warnings and errors.
setLogLevel(LogLevel.warn);

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const lobby = $<HTMLElement>('#lobby');
const prejoin = $<RtcPrejoin>('#prejoin');
const roomField = $<HTMLInputElement>('#room-name');
const lobbyStatus = $<HTMLElement>('#lobby-status');
const room = $<RtcRoom>('#call');
const conference = $<RtcConference>('rtc-conference');
const calls = $<RtcCallCenter>('#calls');
const language = $<HTMLSelectElement>('#language');

// The address says which room and which language: an invite link opens the same room, in the same language.
const params = new URLSearchParams(location.search);
document.documentElement.lang = supported(params.get('lang') ?? navigator.language);
roomField.value = params.get('room') || 'daily-standup';
prejoin.name = params.get('name') || `Guest ${Math.floor(Math.random() * 900) + 100}`;
conference.languages = LANGUAGES.join(' ');

function address(withRoom: string | undefined): URL {
  const url = new URL(location.pathname, location.origin);
  if (withRoom) url.searchParams.set('room', withRoom);
  url.searchParams.set('lang', document.documentElement.lang);
  return url;
}

function showLanguage(): void {
  translatePage();
  language.value = supported(document.documentElement.lang);
  history.replaceState(null, '', address(room.room || params.get('room') || undefined));
  if (room.room) conference.inviteLink = address(room.room).href;
}
showLanguage();
// The lobby's list and the conference's menu both change the document's language; everything follows it.
new MutationObserver(showLanguage).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
language.addEventListener('change', () => (document.documentElement.lang = language.value));

// The server is the one the token endpoint names (the dev server npm start runs, or RTC_SERVER_URL): nothing
// to type, nothing to get wrong. Its recordings page exists only on the dev server.
void fetch('/config')
  .then((response) => response.json() as Promise<{ serverUrl: string; devServer: boolean }>)
  .then(({ serverUrl, devServer }) => {
    const recordings = $<HTMLAnchorElement>('#recordings');
    recordings.href = `${serverUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/dev/egress/`;
    recordings.hidden = !devServer;
  })
  .catch(() => undefined);

// The browser check connects to the server only when someone opens it.
$<HTMLDetailsElement>('#system-check').addEventListener('toggle', (event) => {
  const details = event.currentTarget as HTMLDetailsElement;
  if (details.open && !details.querySelector('rtc-system-check')) {
    details.append(Object.assign(document.createElement('rtc-system-check'), { tokenEndpoint: '/token' }));
  }
});

// Join: the prejoin hands its name, camera, microphone and speaker to the room (its `for`); the room's name
// goes into the address, and the invite link is that address.
prejoin.addEventListener('rtc-join-request', (event) => {
  const name = roomField.value.trim();
  if (!name) {
    event.preventDefault();
    roomField.focus();
    return;
  }
  room.room = name;
  conference.inviteLink = address(name).href;
  history.pushState(null, '', address(name));
  lobbyStatus.textContent = '';
  goOnline(event.detail.name);
});

function showRoom(inRoom: boolean): void {
  room.hidden = !inRoom;
  lobby.hidden = inRoom;
  if (inRoom) return;
  // Back in the lobby: why is said at the top, where focus goes.
  scrollTo(0, 0);
  if (lobbyStatus.textContent) lobbyStatus.focus();
}

room.addEventListener('rtc-connection-state-changed', ({ detail }) => {
  const lang = document.documentElement.lang;
  if (detail.state === 'connecting' || detail.state === 'connected') showRoom(true);
  if (detail.state === 'failed' || detail.state === 'disconnected' || detail.state === 'kicked') {
    lobbyStatus.textContent = detail.reason && detail.reason !== 'kicked'
      ? `${translate(lang, `state.${detail.state}`)}: ${translate(lang, `error.${detail.reason}`)}`
      : translate(lang, `state.${detail.state}`);
    showRoom(false);
    history.replaceState(null, '', address(room.room));
  }
});
// Back from the room with the browser's Back: leave it.
addEventListener('popstate', () => {
  if (!room.hidden) void room.leave();
});

// Barrage: sent from the chat panel, flying over the stage.
const barrageForm = $<HTMLFormElement>('#barrage-form');
barrageForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = barrageForm.elements.namedItem('text') as HTMLInputElement;
  const status = barrageForm.querySelector('output')!;
  room.session.messages.sendBarrage(input.value).then(
    () => ((input.value = ''), (status.textContent = '')),
    (error: { code: RtcErrorCode }) => (status.textContent = translate(document.documentElement.lang, `error.${error.code}`)),
  );
});

// 1:1 calls: online once you join (or open the list in the lobby), under an id this tab keeps.
function goOnline(name: string): void {
  if (calls.presence !== 'offline' && calls.presence !== 'failed') return;
  let userId = sessionStorage.getItem('rtc-demo-user');
  if (!userId) sessionStorage.setItem('rtc-demo-user', (userId = `user-${crypto.randomUUID().slice(0, 8)}`));
  calls.userId = userId;
  calls.name = name;
  calls.connect().catch(() => undefined);
}
$<HTMLDetailsElement>('#lobby-people').addEventListener('toggle', (event) => {
  if ((event.currentTarget as HTMLDetailsElement).open) goOnline(prejoin.name.trim() || 'Guest');
});

const lists = ['#lobby-people', '#people-panel'].map((selector) => {
  const list = $<HTMLTemplateElement>('#people-template').content.firstElementChild!.cloneNode(true) as HTMLElement;
  $(selector).append(list);
  return list;
});
translatePage();
calls.addEventListener('rtc-presence-changed', ({ detail }) => {
  for (const list of lists) {
    list.querySelector<HTMLElement>('.nobody')!.hidden = detail.users.length > 0;
    const items = list.querySelector('ul')!;
    // Keep the buttons of people still online, so a call in progress keeps its button.
    const kept = new Map([...items.querySelectorAll('rtc-call-button')].map((button) => [button.user, button.closest('li')!]));
    items.replaceChildren(
      ...detail.users.map((user) => {
        const item = kept.get(user.userId) ?? document.createElement('li');
        if (!item.firstChild) {
          const button = document.createElement('rtc-call-button');
          button.setAttribute('user', user.userId);
          item.append(button);
        }
        return item;
      }),
    );
  }
});

// Never into two rooms without knowing: in a meeting, calling or answering asks to leave it first.
const leaveForCall = $<HTMLDialogElement>('#leave-for-call');
function askToLeave(title: string, confirm: string): Promise<boolean> {
  leaveForCall.querySelector('h2')!.textContent = title;
  $<HTMLButtonElement>('#leave-for-call-confirm').textContent = confirm;
  leaveForCall.returnValue = '';
  leaveForCall.showModal();
  return new Promise((resolve) => leaveForCall.addEventListener('close', () => resolve(leaveForCall.returnValue === 'leave'), { once: true }));
}
const inMeeting = () => !room.hidden && ['connecting', 'connected', 'reconnecting', 'reconnected'].includes(room.connectionState);

calls.addEventListener('rtc-call-accept-request', async (event) => {
  if (!inMeeting()) return;
  event.preventDefault();
  const { callId } = event.detail;
  if (!(await askToLeave(say('leaveForCall'), say('leaveAndAnswer')))) return;
  await room.leave();
  const call = calls.client?.calls.get().find((candidate): candidate is IncomingCall => candidate.id === callId && candidate.direction === 'incoming');
  if (call?.state.get() === 'ringing') call.accept();
});
calls.addEventListener('rtc-call-request', async (event) => {
  if (!inMeeting()) return;
  event.preventDefault();
  const { user, media } = event.detail;
  const name = calls.client?.users.get().find((candidate) => candidate.userId === user)?.name ?? user;
  if (!(await askToLeave(say('callFromMeeting', { name }), say('leaveAndCall')))) return;
  await room.leave();
  calls.client?.invite(user, { media });
});
calls.addEventListener('rtc-error', ({ detail }) => {
  lobbyStatus.textContent = translate(document.documentElement.lang, `error.${detail.code}`);
});
