'use client';

import { useRef, useState } from 'react';
import type { ParticipantEventDetail, RtcLocalPreview as Preview, RtcRoom as Room } from 'rtc-elements';
import { RtcLocalPreview, RtcParticipantVideo, RtcRoom } from 'rtc-elements/react';

// React 19 does not set custom-element properties or listeners when it hydrates server HTML, so a server-rendered
// page uses the kit's wrappers: their props and onRtc… handlers work after hydration too.
export function Conference({ server, room, name }: { server: string; room: string; name: string }) {
  const preview = useRef<Preview>(null);
  const roomElement = useRef<Room>(null);
  const [joined, setJoined] = useState(false);
  const [others, setOthers] = useState<ParticipantEventDetail[]>([]);
  const [log, setLog] = useState('');

  const join = async () => {
    const media = preview.current?.media;
    if (media) roomElement.current?.session.useLocalMedia(media);
    setJoined(true);
    await roomElement.current?.connect();
  };

  return (
    <main>
      <h1>Stand-up</h1>
      <RtcLocalPreview ref={preview} video="low" audio style={{ display: 'block', width: 320 }} />
      <button type="button" onClick={join} disabled={joined}>
        Join
      </button>
      <RtcRoom
        ref={roomElement}
        manual
        hidden={!joined}
        serverUrl={server}
        room={room}
        name={name}
        tokenEndpoint={new URL('/token', server.replace(/^ws/, 'http')).href}
        participantAttributes={{ role: 'guest' }}
        style={{ display: 'block', height: 420 }}
        onRtcParticipantJoined={(event) => {
          setOthers((list) => [...list, event.detail]);
          setLog(`${event.detail.name} joined`);
        }}
        onRtcParticipantLeft={(event) => {
          setOthers((list) => list.filter((other) => other.identity !== event.detail.identity));
          setLog(`${event.detail.name} left`);
        }}
      />
      <h2>Everyone else</h2>
      <div style={{ display: 'flex', gap: 8 }}>
        {others.map((other) => (
          <RtcParticipantVideo
            key={other.identity}
            id={`tile-${other.identity}`}
            participant={other.identity}
            session={roomElement.current?.session}
            noPin
            style={{ width: 200 }}
          />
        ))}
      </div>
      <p id="log" role="status">
        {log}
      </p>
    </main>
  );
}
