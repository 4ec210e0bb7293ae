import { ConnectionError, RoomEvent, type LocalTrack, type Room } from 'livekit-client';

interface FakePublication {
  trackSid: string;
  source: string;
  kind: string;
  isMuted: boolean;
  isSubscribed: boolean;
  track?: { mediaStreamTrack: MediaStreamTrack };
  setSubscribed?: (subscribed: boolean) => void;
}

export class FakeRemoteParticipant {
  name: string;
  metadata = '';
  isSpeaking = false;
  connectionQuality = 'good';
  readonly trackPublications = new Map<string, FakePublication>();

  constructor(
    readonly identity: string,
    name = identity,
  ) {
    this.name = name;
  }

  getTrackPublication(source: string): FakePublication | undefined {
    return [...this.trackPublications.values()].find((p) => p.source === source);
  }
}

/**
 * Stands in for livekit-client's Room in unit tests of the session's state machine: it emits the same
 * RoomEvents with the same arguments, and records what the session asks of it.
 */
export class FakeLivekitRoom {
  name = '';
  metadata: string | undefined;
  readonly remoteParticipants = new Map<string, FakeRemoteParticipant>();
  readonly published: { track: LocalTrack; source: unknown }[] = [];
  readonly unpublished: LocalTrack[] = [];
  connectCalls: { url: string; token: string; options: unknown }[] = [];
  disconnectCalls = 0;
  /** Replace to make connect fail or hang. */
  connectImpl: () => Promise<void> = async () => undefined;
  readonly #handlers = new Map<string, Set<(...args: unknown[]) => void>>();

  readonly localParticipant = {
    identity: 'me',
    name: 'Me',
    metadata: '',
    isSpeaking: false,
    connectionQuality: 'excellent',
    getTrackPublication: (source: string) => {
      const entry = this.published.find((p) => p.source === source);
      return entry ? { trackSid: `TR_local_${source}` } : undefined;
    },
    publishTrack: async (track: LocalTrack, options: { source: unknown }) => {
      this.published.push({ track, source: options.source });
    },
    // Like livekit-client: unpublishing stops the track unless told not to.
    unpublishTrack: async (track: LocalTrack, stopOnUnpublish = true) => {
      this.unpublished.push(track);
      const index = this.published.findIndex((p) => p.track === track);
      if (index >= 0) this.published.splice(index, 1);
      if (stopOnUnpublish) track.stop();
    },
  };

  on(event: string, handler: (...args: unknown[]) => void): this {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  off(event: string, handler: (...args: unknown[]) => void): this {
    this.#handlers.get(event)?.delete(handler);
    return this;
  }

  emit(event: RoomEvent, ...args: unknown[]): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) handler(...args);
  }

  listenerCount(): number {
    return [...this.#handlers.values()].reduce((sum, set) => sum + set.size, 0);
  }

  #cancelConnect: ((error: Error) => void) | undefined;
  connected = false;

  async connect(url: string, token: string, options: unknown): Promise<void> {
    this.connectCalls.push({ url, token, options });
    // Like livekit-client: disconnecting while connecting rejects the connect as cancelled.
    await new Promise<void>((resolve, reject) => {
      this.#cancelConnect = reject;
      this.connectImpl().then(resolve, reject);
    }).finally(() => (this.#cancelConnect = undefined));
    this.connected = true;
    if (!this.name) this.name = 'fake-room';
  }

  /** Text stream handlers by topic, as the session registers them (the message hub's chat). */
  readonly textStreamHandlers = new Map<string, unknown>();

  registerTextStreamHandler(topic: string, handler: unknown): void {
    if (this.textStreamHandlers.has(topic)) throw new Error(`A text stream handler for topic "${topic}" has already been set.`);
    this.textStreamHandlers.set(topic, handler);
  }

  unregisterTextStreamHandler(topic: string): void {
    this.textStreamHandlers.delete(topic);
  }

  /** How long disconnect() takes (livekit waits for the socket to close). */
  disconnectDelayMs = 0;
  /** Whether disconnect() cancels a pending connect(), as livekit does; off to stage the race where both finish. */
  cancelConnectOnDisconnect = true;

  /** Like livekit-client: stops every published track unless `stopTracks` is false. */
  async disconnect(stopTracks = true): Promise<void> {
    this.disconnectCalls++;
    this.connected = false;
    if (this.cancelConnectOnDisconnect) this.#cancelConnect?.(ConnectionError.cancelled('Client initiated disconnect'));
    if (this.disconnectDelayMs) await new Promise((resolve) => setTimeout(resolve, this.disconnectDelayMs));
    if (stopTracks) this.published.forEach((p) => p.track.stop());
    this.published.splice(0);
    this.emit(RoomEvent.Disconnected, 1 /* CLIENT_INITIATED */);
  }

  addRemote(identity: string, name = identity): FakeRemoteParticipant {
    const participant = new FakeRemoteParticipant(identity, name);
    this.remoteParticipants.set(identity, participant);
    this.emit(RoomEvent.ParticipantConnected, participant);
    return participant;
  }

  removeRemote(identity: string): void {
    const participant = this.remoteParticipants.get(identity);
    if (!participant) return;
    this.remoteParticipants.delete(identity);
    this.emit(RoomEvent.ParticipantDisconnected, participant);
  }

  asRoom(): Room {
    return this as unknown as Room;
  }
}

/** A syntactically valid, unsigned LiveKit-style JWT; the fake room does not verify it. */
export function fakeToken(claims: Record<string, unknown> = {}): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'me', video: { room: 'fake-room', roomJoin: true }, exp: Math.floor(Date.now() / 1000) + 600, ...claims })}.signature`;
}
