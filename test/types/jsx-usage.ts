// What an app writes with `rtc-elements/jsx`, checked by tsc against the built package (test/node/framework-types.test.mjs).
// Each `@ts-expect-error` must be an error: tsc fails on one that is not, so the types cannot quietly loosen.
import type { CustomElements } from 'rtc-elements/jsx';
import type { RtcErrorCode } from 'rtc-elements';

type Props<Tag extends keyof CustomElements> = CustomElements[Tag];

export const room: Props<'rtc-room'> = {
  'server-url': 'wss://example.livekit.cloud',
  'token-endpoint': '/token',
  room: 'daily-standup',
  layout: 'speaker',
  'page-size': 9,
  participantAttributes: { role: 'host' },
  token: async () => ({ token: 'jwt' }),
  'onrtc-participant-joined': (event) => console.log(event.detail.identity, event.detail.name),
  'onrtc-connection-state-changed': (event) => console.log(event.detail.state, event.detail.reason),
  'onrtc-error': (event) => {
    const code: RtcErrorCode = event.detail.code;
    console.log(code);
  },
  'onrtc-stats': (event) => console.log(event.detail.tracks[0]?.bitrate),
};

export const call: Props<'rtc-call-button'> = { user: 'bob', 'audio-only': true, timeout: 20 };

export const wrong: Props<'rtc-room'>[] = [
  // @ts-expect-error a layout the room does not have
  { layout: 'mosaic' },
  // @ts-expect-error a property of the wrong type (a number for the attributes object)
  { participantAttributes: 42 },
  // @ts-expect-error a detail field the event does not carry
  { 'onrtc-participant-joined': (event) => event.detail.nope },
  // @ts-expect-error an event handler that does not take an event
  { 'onrtc-error': (code: number) => code },
];

// @ts-expect-error no such element
export const missing: Props<'rtc-nothing'> = {};
