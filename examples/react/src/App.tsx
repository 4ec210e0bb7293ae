import { useRef, useState } from 'react';
import type { LocalMedia, ParticipantEventDetail, RtcLocalPreview, RtcRoom } from 'rtc-elements';

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? 'ws://localhost:7880';

/** The dev server's own token endpoint (dev mode); a real app points this at its backend. */
const tokenEndpoint = new URL('/token', server.replace(/^ws/, 'http')).href;

export function App() {
  const preview = useRef<RtcLocalPreview>(null);
  const room = useRef<RtcRoom>(null);
  const [joined, setJoined] = useState(false);
  const [others, setOthers] = useState<ParticipantEventDetail[]>([]);
  const [log, setLog] = useState('');

  const join = async () => {
    const media: LocalMedia | undefined = preview.current?.media;
    if (media) room.current?.session.useLocalMedia(media);
    setJoined(true);
    await room.current?.connect();
  };

  return (
    <main>
      <h1>Stand-up</h1>
      <rtc-local-preview ref={preview} video="low" audio />
      <button type="button" onClick={join} disabled={joined}>
        Join
      </button>
      <rtc-room
        ref={room}
        manual
        hidden={!joined}
        server-url={server}
        room={params.get('room') ?? 'daily-standup'}
        name={params.get('name') ?? 'Guest'}
        token-endpoint={tokenEndpoint}
        participantAttributes={{ role: 'guest' }}
        style={{ display: 'block', height: 420 }}
        onrtc-participant-joined={(event) => {
          setOthers((list) => [...list, event.detail]);
          setLog(`${event.detail.name} joined`);
        }}
        onrtc-participant-left={(event) => {
          setOthers((list) => list.filter((other) => other.identity !== event.detail.identity));
          setLog(`${event.detail.name} left`);
        }}
      />
      <h2>Everyone else</h2>
      <div className="people" style={{ display: 'flex', gap: 8 }}>
        {others.map((other) => (
          <rtc-participant-video
            key={other.identity}
            id={`tile-${other.identity}`}
            participant={other.identity}
            session={room.current?.session}
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
