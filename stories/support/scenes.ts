import { ScriptedSession, participantView, trackView, type ConnectionState, type ParticipantView } from '../../src/index.js';
import { stillVideo, syntheticScreen, syntheticVideo } from './synthetic-media.js';

/** A small meeting: you (Ming), Alice speaking, Bob with his camera off, 王芳 muted. */
export function meetingParticipants(): ParticipantView[] {
  return [
    participantView('ming', {
      name: 'Ming',
      isLocal: true,
      tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('Ming', 200) }), trackView('microphone')],
    }),
    participantView('alice', {
      name: 'Alice',
      isSpeaking: true,
      tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('Alice', 20) }), trackView('microphone')],
    }),
    participantView('bob', { name: 'Bob Li', tracks: [trackView('camera', { muted: true }), trackView('microphone')] }),
    participantView('wangfang', {
      name: '王芳',
      tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('王芳', 140) }), trackView('microphone', { muted: true })],
    }),
  ];
}

/** A session already in `state`, with the small meeting in it. */
export function scriptedMeeting(state: Parameters<ScriptedSession['setState']>[0] = 'connected', reason?: Parameters<ScriptedSession['setState']>[1]): ScriptedSession {
  const session = new ScriptedSession({ room: 'daily-standup' });
  session.setParticipants(meetingParticipants());
  if (state !== 'idle') session.setState(state, reason);
  return session;
}

/** `session` with an AI agent joined (a LiveKit Agent taking notes): its tile and list entry say so. */
export function withAgent(session: ScriptedSession): ScriptedSession {
  const agent = participantView('agent-notes', {
    name: 'Note taker',
    kind: 'agent',
    tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('Note taker', 280) }), trackView('microphone')],
  });
  session.setParticipants([...session.participants.get(), agent]);
  return session;
}

/** `session` with `identity` sharing a screen (a drawn slide); `''` leaves it as it is. */
export function sharingScreen(session: ScriptedSession, identity: string): ScriptedSession {
  if (!identity) return session;
  session.setParticipants(
    session.participants.get().map((p) =>
      p.identity === identity ? { ...p, tracks: [...p.tracks, trackView('screen', { mediaStreamTrack: syntheticScreen(`${p.name}: Q3 roadmap`, 160) })] } : p,
    ),
  );
  return session;
}

/** You, in a call in the given state, with your microphone and camera (and screen share) on or off: for the controls' stories. */
export function myCall({ state, microphone, camera, screen = false }: { state: ConnectionState; microphone: boolean; camera: boolean; screen?: boolean }): ScriptedSession {
  const session = new ScriptedSession({ room: 'daily-standup' });
  const tracks = [trackView('microphone', { muted: !microphone }), trackView('camera', { muted: !camera })];
  session.setParticipants([participantView('me', { isLocal: true, name: 'Me', tracks: screen ? [...tracks, trackView('screen')] : tracks })]);
  session.setState(state);
  return session;
}

/** Names for the three-person scene, in English and Chinese. */
const THREE = {
  en: { you: 'Ming Li', alice: 'Alice Wang', bob: 'Bob Chen' },
  'zh-CN': { you: '李明', alice: '王芳', bob: '陈波' },
};

/**
 * Three people, still pictures: you, Bob with his camera off (his initials show), Alice speaking. The scene of
 * the screenshot tests and the README's picture.
 */
export function threePeople(lang: 'en' | 'zh-CN' = 'en', state: ConnectionState = 'connected'): ScriptedSession {
  const names = THREE[lang];
  const session = new ScriptedSession({ room: 'daily-standup' });
  session.setParticipants([
    participantView('ming', { name: names.you, isLocal: true, tracks: [trackView('camera', { mediaStreamTrack: stillVideo('ming', 200) }), trackView('microphone')] }),
    participantView('bob', { name: names.bob, tracks: [trackView('camera', { muted: true }), trackView('microphone', { muted: true })] }),
    participantView('alice', { name: names.alice, isSpeaking: true, tracks: [trackView('camera', { mediaStreamTrack: stillVideo('alice', 20) }), trackView('microphone')] }),
  ]);
  if (state !== 'idle') session.setState(state);
  return session;
}
