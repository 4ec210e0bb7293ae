import type { MessageTransport, ScriptedSession } from '../../src/index.js';

/** A transport that sends nowhere and always succeeds: a scripted session's chat for stories. */
export function loopbackTransport(identity: string, names: Record<string, string>): MessageTransport {
  let count = 0;
  return {
    identity,
    canPublishData: true,
    legacyChatIgnored: true,
    nameOf: (who) => names[who] ?? who,
    sendText: async () => ({ id: `story-${++count}`, timestamp: Date.now() }),
    publishData: async () => undefined,
  };
}

/** A short conversation in `session`'s chat: two from others, one of yours; with `failed`, one of yours did not go. */
export async function conversation(session: ScriptedSession, options: { failed?: boolean } = {}): Promise<ScriptedSession> {
  const names = { ming: 'Ming', alice: 'Alice', wangfang: '王芳' };
  const hub = session.messages;
  hub.connected(loopbackTransport('ming', names));
  hub.receiveChat('alice', 'Morning! Shall we start with the roadmap?', { id: 'a1', timestamp: Date.now() - 120_000 });
  hub.receiveChat('wangfang', '好的，我先分享屏幕。', { id: 'w1', timestamp: Date.now() - 60_000 });
  await hub.sendChat('Sounds good, go ahead.');
  if (options.failed) {
    hub.waiting();
    const waiting = hub.sendChat('Can everyone hear me?').catch(() => undefined);
    hub.closed();
    await waiting;
  }
  return session;
}
