// What a React app writes with the wrappers of `rtc-elements/react`, checked by tsc against the built package
// (test/node/framework-types.test.mjs). Each `@ts-expect-error` must be an error.
import { createRef } from 'react';
import type { RtcErrorCode, RtcRoom as RoomElement } from 'rtc-elements';
import { RtcParticipantVideo, RtcRoom } from 'rtc-elements/react';

const room = createRef<RoomElement>();

export const app = (
  <RtcRoom
    ref={room}
    serverUrl="wss://example.livekit.cloud"
    tokenEndpoint="/token"
    room="daily-standup"
    layout="speaker"
    pageSize={9}
    participantAttributes={{ role: 'host' }}
    className="conference"
    style={{ height: 400 }}
    onRtcParticipantJoined={(event) => console.log(event.detail.identity, event.detail.name)}
    onRtcError={(event) => {
      const code: RtcErrorCode = event.detail.code;
      console.log(code);
    }}
  >
    <RtcParticipantVideo participant="bob" session={room.current?.session} noPin />
  </RtcRoom>
);

export const wrong = [
  // @ts-expect-error a layout the room does not have
  <RtcRoom layout="mosaic" />,
  // @ts-expect-error a property of the wrong type (a number for the attributes object)
  <RtcRoom participantAttributes={42} />,
  // @ts-expect-error a detail field the event does not carry
  <RtcRoom onRtcParticipantJoined={(event) => event.detail.nope} />,
  // @ts-expect-error a property name misspelt
  <RtcRoom serverURL="wss://example.livekit.cloud" />,
  // @ts-expect-error a ref to another element's class
  <RtcParticipantVideo ref={room} />,
];
