import type { MessageTransport, ScriptedSession } from '../../src/index.js';

/** A transport that sends nowhere and always succeeds: a scripted session's chat for stories. `present`: who else is in. */
export function loopbackTransport(identity: string, names: Record<string, string>, present: string[] = []): MessageTransport {
  let count = 0;
  return {
    identity,
    canPublishData: true,
    legacyChatIgnored: true,
    nameOf: (who) => names[who] ?? who,
    present: () => [...present],
    sendText: async () => ({ id: `story-${++count}`, timestamp: Date.now() }),
    publishData: async () => undefined,
  };
}

/**
 * A short conversation in `session`'s chat: two from others, one of yours; with `failed`, one of yours did not
 * go; with `undelivered`, one of yours did not reach 王芳, who dropped out and did not come back.
 */
export async function conversation(session: ScriptedSession, options: { failed?: boolean; undelivered?: boolean } = {}): Promise<ScriptedSession> {
  const names = { ming: 'Ming', alice: 'Alice', wangfang: '王芳' };
  const hub = session.messages;
  const present = ['alice', 'wangfang'];
  const transport = loopbackTransport('ming', names, present);
  hub.connected(transport);
  hub.receiveChat('alice', 'Morning! Shall we start with the roadmap?', { id: 'a1', timestamp: Date.now() - 120_000 });
  hub.receiveChat('wangfang', '好的，我先分享屏幕。', { id: 'w1', timestamp: Date.now() - 60_000 });
  await hub.sendChat('Sounds good, go ahead.');
  if (options.failed) {
    hub.waiting();
    const waiting = hub.sendChat('Can everyone hear me?').catch(() => undefined);
    hub.closed();
    await waiting;
  }
  if (options.undelivered) {
    present.splice(present.indexOf('wangfang'), 1);
    hub.participantLeft('wangfang');
    await hub.sendChat('Did everyone get the link?');
    // The room is left before 王芳 is back: she never got it.
    hub.closed();
    hub.connected(transport);
  }
  return session;
}
