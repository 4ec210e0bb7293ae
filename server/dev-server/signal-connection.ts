import {
  ClientConfiguration,
  DataPacket,
  DisconnectReason,
  JoinResponse,
  LeaveRequest,
  LeaveRequest_Action,
  ParticipantInfo,
  ParticipantUpdate,
  Pong,
  RequestResponse,
  RequestResponse_Reason,
  ServerInfo,
  ServerInfo_Edition,
  SessionDescription,
  SignalRequest,
  SignalResponse,
  SignalTarget,
  TrickleRequest,
  TrackPublishedResponse,
  MuteTrackRequest,
  ReconnectResponse,
  RoomUpdate,
  SubscriptionPermissionUpdate,
  ConnectionQualityUpdate,
  SpeakersChanged,
  TrackSubscribed,
  SubscribedCodec,
  SubscribedQuality,
  SubscribedQualityUpdate,
  VideoQuality,
  MediaSectionsRequirement,
  Codec,
  type Room as RoomInfo,
  type AddTrackRequest,
  type ConnectionQualityInfo,
  type SpeakerInfo,
  type SubscriptionPermission,
  type SyncState,
  type UpdateParticipantMetadata,
  type UpdateSubscription,
  type UpdateTrackSettings,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import type { WebSocket } from 'ws';
import type { Admission } from './auth.js';
import type { Logger } from './log.js';
import { LOOPBACK_NETWORK, MediaPeer, type CandidateInit, type MediaNetwork } from './media/media-peer.js';
import { PublishedTrack } from './media/published-track.js';
import { VIDEO_CODECS, codecName, preferCodec } from './media/codecs.js';
import type { WantedQualities } from './media/dynacast.js';
import { SubscriberPeer } from './media/subscriber-peer.js';
import { SinglePeerDownlink } from './media/single-peer-downlink.js';
import type { Downlink } from './media/downlink.js';
import type { TrackSettings } from './media/down-track.js';
import type { Participant, ParticipantLink, Room, RoomRegistry } from './rooms.js';

/**
 * The version reported to clients. livekit-client refuses RPC below 1.8.0 and LiveKit Meet adds a legacy
 * chat duplicate unless the server is newer than 1.8.2.
 */
export const SERVER_VERSION = '1.9.0';
const PROTOCOL_VERSION = 16;
/** Seconds, as JoinResponse carries them. */
const PING_INTERVAL = 5;
const PING_TIMEOUT = 15;
/** What a client may publish in: Opus, and every video codec the server forwards. */
const ENABLED_PUBLISH_CODECS = [new Codec({ mime: 'audio/opus' }), ...Object.values(VIDEO_CODECS).map((mime) => new Codec({ mime }))];
/** A signal frame larger than this is not a signal: the socket is closed. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** How long a participant whose signal socket dropped stays in the room, waiting for the client to resume. */
const RESUME_WINDOW_MS = 10_000;
/** Messages kept for a client while its socket is away, replayed when it resumes. */
const MAX_MISSED_MESSAGES = 1000;

export interface JoinOptions {
  /** livekit-client's `auto_subscribe`: receive every track without asking (default true). */
  autoSubscribe: boolean;
  /** livekit-client's `client_protocol`, told to the others so their RPC picks the transport this client reads. */
  clientProtocol?: number;
  /**
   * The single-connection protocol (`/rtc/v1`): one connection for sending and receiving, always offered by the
   * client. Otherwise the two-connection protocol (`/rtc`), where the server offers what the client receives.
   */
  single?: boolean;
  /** With `single`, the client's first offer, sent with its join request. */
  offer?: SessionDescription;
}

/** One participant's signal WebSocket: decodes requests, answers, and keeps the room informed. */
export class SignalConnection implements ParticipantLink {
  #socket: WebSocket;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  #room: Room | undefined;
  #participant: Participant | undefined;
  #publisher: MediaPeer | undefined;
  /** What the participant receives, on the two-connection protocol. */
  #subscriber: SubscriberPeer | undefined;
  /** What the participant receives, on the single-connection protocol. */
  #single: SinglePeerDownlink | undefined;
  #singleConnection = false;
  /** Tracks announced with addTrack whose media has not arrived yet, by the client's track id (cid). */
  readonly #pendingTracks = new Map<string, PublishedTrack>();
  /** Which track id each m-line of the publisher's offers carries (`a=msid`), by mid: the cid, usually. */
  readonly #cidByMid = new Map<string, string>();
  /** The track id a published track's section carries, where it is not its cid. */
  readonly #sdpTrackIds = new WeakMap<PublishedTrack, string>();
  #audioLevelExtensionId: number | undefined;
  #publisherQueue: Promise<void> = Promise.resolve();
  #offerId = 0;
  #closed = false;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Set while the signal socket is gone and the client may still resume: what it misses waits here. */
  #missed: SignalResponse['message'][] | undefined;
  #resumeTimer: ReturnType<typeof setTimeout> | undefined;
  #autoSubscribe = true;
  /** Tracks this participant asked for (true) or declined (false), overriding auto-subscribe. */
  readonly #wanted = new Map<string, boolean>();
  /** What this participant asked of each track it receives (size, quality, paused). */
  readonly #settings = new Map<string, Partial<TrackSettings>>();
  /** Tracks this participant wants but their publisher does not allow, so it hears when that changes. */
  readonly #denied = new Set<string>();
  /** The last reliable data packet relayed from this participant: a resuming client resends what came after. */
  #lastReliableSequence = 0;
  /** The publisher's candidates wait while an answer is being made, so they never reach the client before it. */
  #heldPublisherCandidates: CandidateInit[] | undefined;

  constructor(
    socket: WebSocket,
    registry: RoomRegistry,
    log: Logger,
    readonly network: MediaNetwork = LOOPBACK_NETWORK,
    readonly onEnd: () => void = () => undefined,
  ) {
    this.#socket = socket;
    this.#registry = registry;
    this.#log = log;
  }

  /**
   * Answers a resume attempt (`reconnect=1`) that has no session to resume: the client is asked for a full
   * reconnect, which livekit-client then makes with a fresh join.
   */
  static refuseResume(socket: WebSocket): void {
    const leave = new LeaveRequest({ canReconnect: true, reason: DisconnectReason.STATE_MISMATCH, action: LeaveRequest_Action.RECONNECT });
    socket.send(new SignalResponse({ message: { case: 'leave', value: leave } }).toBinary());
    socket.close();
  }

  /**
   * A client resumes on a new socket (`reconnect=1&sid=…`): the participant keeps its tracks, subscriptions and
   * place in the room. It hears what it missed, and restarts ICE with a new publisher offer; the subscriber
   * connection is offered again with an ICE restart. False when there is nothing to resume (the caller then
   * asks for a full reconnect).
   */
  resume(socket: WebSocket, sid: string | null): boolean {
    const participant = this.#participant;
    if (this.#closed || !participant || !this.#room || (sid && sid !== participant.sid)) return false;
    const previous = this.#socket;
    this.#socket = socket;
    if (previous !== socket) previous.terminate();
    clearTimeout(this.#resumeTimer);
    const missed = this.#missed ?? [];
    this.#missed = undefined;
    this.#log.info(`resume ${this.#room.name}: ${participant.identity} (${missed.length} messages replayed)`);
    this.#send({
      case: 'reconnect',
      value: new ReconnectResponse({
        iceServers: [],
        clientConfiguration: new ClientConfiguration(),
        serverInfo: serverInfo(),
        lastMessageSeq: this.#lastReliableSequence,
      }),
    });
    for (const message of missed) this.#send(message);
    // As livekit-server does: everyone's info (this participant's too) and the room's. rtc-node takes anyone
    // missing from this update as gone ("synthesizing disconnect for absent participant").
    this.sendParticipantUpdate([participant, ...this.#room.others(participant)].map((p) => p.info()));
    this.sendRoomUpdate(this.#room.info());
    this.#listen(socket);
    // On the single connection the client restarts ICE itself, with an offer.
    void this.#subscriber?.negotiate({ iceRestart: true });
    return true;
  }

  /** Joins the token's room and starts serving the socket. */
  start(admission: Admission, options: JoinOptions = { autoSubscribe: true }): void {
    this.#autoSubscribe = options.autoSubscribe;
    this.#singleConnection = !!options.single;
    const { room, participant } = this.#registry.join(
      admission,
      this,
      (previous) => previous.link.close(DisconnectReason.DUPLICATE_IDENTITY),
      options.clientProtocol,
    );
    this.#room = room;
    this.#participant = participant;
    this.#log.info(
      `join ${room.name}: ${participant.identity} (${participant.sid}), ${room.participants.size} in the room, ${this.#singleConnection ? 'one connection (/rtc/v1)' : 'two connections (/rtc)'}`,
    );
    this.#send({
      case: 'join',
      value: new JoinResponse({
        room: room.info(),
        participant: participant.info(),
        otherParticipants: room.others(participant).map((p) => p.info()),
        serverVersion: SERVER_VERSION,
        serverInfo: serverInfo(),
        iceServers: [],
        subscriberPrimary: false,
        pingInterval: PING_INTERVAL,
        pingTimeout: PING_TIMEOUT,
        clientConfiguration: new ClientConfiguration(),
        enabledPublishCodecs: ENABLED_PUBLISH_CODECS,
      }),
    });
    // The client's offer is coming (sent with the join, or right after it): tracks go into its answer.
    if (this.#singleConnection) this.#ensureDownlink();
    this.#single?.expectOffer();
    // Everything already published in the room starts flowing to the newcomer.
    for (const other of room.others(participant)) {
      for (const track of other.tracks.values()) this.forward(track, other);
    }
    const offer = options.offer;
    if (offer?.sdp) void this.#publisherTask(() => this.#answerPublisher(offer));
    this.#listen(this.#socket);
  }

  #listen(socket: WebSocket): void {
    socket.on('message', (data, isBinary) => {
      if (socket === this.#socket) this.#onFrame(data as Buffer, isBinary);
    });
    socket.on('close', () => this.#onSocketClosed(socket));
    socket.on('error', (error) => this.#log.verbose(`socket error for ${this.#participant?.identity}: ${error.message}`));
    this.#armWatchdog();
  }

  /** A socket that closes without a leave is a network failure: the participant waits a while for a resume. */
  #onSocketClosed(socket: WebSocket): void {
    if (socket !== this.#socket || this.#closed || this.#missed) return;
    clearTimeout(this.#watchdog);
    this.#missed = [];
    this.#log.info(`signal lost: ${this.#participant?.identity} in ${this.#room?.name}; waiting ${RESUME_WINDOW_MS / 1000} s for a resume`);
    this.#resumeTimer = setTimeout(() => {
      this.#log.info(`no resume from ${this.#participant?.identity}: they left ${this.#room?.name}`);
      this.#end();
    }, RESUME_WINDOW_MS);
  }

  sendParticipantUpdate(participants: ParticipantInfo[]): void {
    this.#send({ case: 'update', value: new ParticipantUpdate({ participants }) });
  }

  /** Where this participant's tracks go: the subscriber connection, or on the single connection, its publisher's. */
  #ensureDownlink(): Downlink {
    if (!this.#singleConnection) return this.#ensureSubscriber();
    this.#single ??= new SinglePeerDownlink(
      this.#ensurePublisher(),
      (numAudios, numVideos) => this.#send({ case: 'mediaSectionsRequirement', value: new MediaSectionsRequirement({ numAudios, numVideos }) }),
      (message) => this.#log.info(`connection of ${this.#participant?.identity}: ${message}`),
    );
    return this.#single;
  }

  /** The receiving side the participant has, if any. */
  get #downlink(): Downlink | undefined {
    return this.#single ?? this.#subscriber;
  }

  #ensureSubscriber(): SubscriberPeer {
    this.#subscriber ??= new SubscriberPeer(
      (sdp) => this.#send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp, id: ++this.#offerId }) }),
      (candidate) =>
        this.#send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate), target: SignalTarget.SUBSCRIBER }) }),
      (message) => this.#log.info(`subscriber connection of ${this.#participant?.identity}: ${message}`),
      this.network,
    );
    return this.#subscriber;
  }

  forward(track: PublishedTrack, owner: Participant): void {
    const me = this.#participant;
    const sid = track.info.sid;
    if (this.#closed || !me?.admission.canSubscribe || !(this.#wanted.get(sid) ?? this.#autoSubscribe)) return;
    if (!owner.allows(me, sid)) {
      this.#deny(owner, sid);
      return;
    }
    if (this.#denied.delete(sid)) {
      this.#send({ case: 'subscriptionPermissionUpdate', value: new SubscriptionPermissionUpdate({ participantSid: owner.sid, trackSid: sid, allowed: true }) });
    }
    const down = this.#ensureDownlink().add(track, owner.sid);
    down.update(this.#settings.get(sid) ?? {});
    if (!owner.subscribedTracks.has(sid)) {
      owner.subscribedTracks.add(sid);
      owner.link.sendTrackSubscribed(sid);
    }
  }

  #deny(owner: Participant, trackSid: string): void {
    if (this.#denied.has(trackSid)) return;
    this.#denied.add(trackSid);
    this.#log.verbose(`${owner.identity} does not let ${this.#participant?.identity} receive ${trackSid}`);
    this.#send({ case: 'subscriptionPermissionUpdate', value: new SubscriptionPermissionUpdate({ participantSid: owner.sid, trackSid, allowed: false }) });
  }

  refreshSubscriptions(): void {
    const me = this.#participant;
    const room = this.#room;
    if (!me || !room || this.#closed) return;
    for (const owner of room.recipients(me)) {
      for (const track of owner.tracks.values()) {
        const sid = track.info.sid;
        const wanted = me.admission.canSubscribe && (this.#wanted.get(sid) ?? this.#autoSubscribe);
        const receiving = !!this.#downlink?.downTrack(sid);
        if (wanted && owner.allows(me, sid)) {
          if (!receiving) this.forward(track, owner);
          continue;
        }
        if (receiving) this.stopForwarding(sid);
        if (wanted) this.#deny(owner, sid);
        else this.#denied.delete(sid);
      }
    }
  }

  /** UpdateSubscription, from the client or the server API: tracks to start or stop receiving. */
  updateSubscription(update: Pick<UpdateSubscription, 'trackSids' | 'subscribe' | 'participantTracks'>): void {
    const sids = new Set([...update.trackSids, ...update.participantTracks.flatMap((p) => p.trackSids)]);
    for (const sid of sids) this.#wanted.set(sid, update.subscribe);
    this.refreshSubscriptions();
  }

  #updateTrackSettings(update: UpdateTrackSettings): void {
    const settings: Partial<TrackSettings> = { disabled: update.disabled, quality: update.quality, width: update.width, height: update.height };
    for (const sid of update.trackSids) {
      this.#settings.set(sid, settings);
      this.#downlink?.downTrack(sid)?.update(settings);
    }
  }

  #updateSubscriptionPermission(permission: SubscriptionPermission): void {
    const participant = this.#participant;
    const room = this.#room;
    if (!participant || !room) return;
    participant.subscriptionPermission = permission;
    for (const other of room.recipients(participant)) other.link.refreshSubscriptions();
  }

  /** After a resume, the client says what it has: subscriptions and paused tracks are taken from it. */
  #syncState(state: SyncState): void {
    if (state.subscription) this.updateSubscription(state.subscription);
    for (const [sid, settings] of this.#settings) if (settings.disabled && !state.trackSidsDisabled.includes(sid)) this.#settings.set(sid, { ...settings, disabled: false });
    for (const sid of state.trackSidsDisabled) this.#settings.set(sid, { ...this.#settings.get(sid), disabled: true });
    for (const [sid, settings] of this.#settings) this.#downlink?.downTrack(sid)?.update(settings);
  }

  /**
   * Dynacast: the publisher keeps sending the layers of each codec up to what someone wants, and pauses the
   * rest; a backup codec someone wants and the publisher does not send yet, it starts publishing.
   */
  #sendWantedQuality(track: PublishedTrack, wanted: WantedQualities): void {
    const qualitiesUpTo = (best: VideoQuality | undefined) =>
      [VideoQuality.LOW, VideoQuality.MEDIUM, VideoQuality.HIGH].map((quality) => new SubscribedQuality({ quality, enabled: best !== undefined && quality <= best }));
    const [primary] = track.codecs;
    const said = [...wanted].map(([codec, quality]) => `${codecName(codec)} up to ${VideoQuality[quality]}`).join(', ');
    this.#log.verbose(`${this.#participant?.identity} ${track.info.sid}: ${said || 'nothing'} wanted`);
    this.#send({
      case: 'subscribedQualityUpdate',
      value: new SubscribedQualityUpdate({
        trackSid: track.info.sid,
        subscribedQualities: qualitiesUpTo(primary ? wanted.get(primary) : undefined),
        subscribedCodecs: track.codecs.map((codec) => new SubscribedCodec({ codec: codecName(codec), qualities: qualitiesUpTo(wanted.get(codec)) })),
      }),
    });
  }

  sendTrackSubscribed(trackSid: string): void {
    this.#send({ case: 'trackSubscribed', value: new TrackSubscribed({ trackSid }) });
  }

  sendSpeakers(speakers: SpeakerInfo[]): void {
    this.#send({ case: 'speakersChanged', value: new SpeakersChanged({ speakers }) });
  }

  sendConnectionQuality(updates: ConnectionQualityInfo[]): void {
    this.#send({ case: 'connectionQuality', value: new ConnectionQualityUpdate({ updates }) });
  }

  sendRoomUpdate(room: RoomInfo): void {
    this.#send({ case: 'roomUpdate', value: new RoomUpdate({ room }) });
  }

  sendMute(trackSid: string, muted: boolean): void {
    this.#send({ case: 'mute', value: new MuteTrackRequest({ sid: trackSid, muted }) });
  }

  sendData(reliable: boolean, bytes: Uint8Array): void {
    if (!this.#closed) this.#downlink?.sendData(reliable, bytes);
  }

  /**
   * Relays a data packet from this participant: stamped with who sent it (never what the sender claims),
   * to the identities it names (in the packet or, as livekit-client 2.23 puts them, in its user packet) or
   * to everyone else in the room when it names none. Never to another room.
   */
  #relayData(label: string, bytes: Uint8Array): void {
    const participant = this.#participant;
    const room = this.#room;
    if (!participant || !room) return;
    if (!participant.admission.canPublishData) {
      this.#log.verbose(`${participant.identity} may not publish data: packet dropped`);
      return;
    }
    let packet: DataPacket;
    try {
      packet = DataPacket.fromBinary(bytes);
    } catch {
      this.#log.info(`malformed data packet from ${participant.identity}: dropped`);
      return;
    }
    if (label === '_reliable' && packet.sequence > this.#lastReliableSequence) this.#lastReliableSequence = packet.sequence;
    packet.participantIdentity = participant.identity;
    packet.participantSid = participant.sid;
    const destinations = new Set(packet.destinationIdentities);
    if (packet.value.case === 'user') {
      const user = packet.value.value;
      user.participantIdentity = participant.identity;
      user.participantSid = participant.sid;
      for (const identity of user.destinationIdentities) destinations.add(identity);
    }
    const stamped = packet.toBinary();
    const reliable = label !== '_lossy';
    for (const other of room.recipients(participant)) {
      if (destinations.size && !destinations.has(other.identity)) continue;
      other.link.sendData(reliable, stamped);
    }
  }

  stall(trackSid: string): boolean {
    const down = this.#downlink?.downTrack(trackSid);
    if (down) down.stalled = true;
    return !!down;
  }

  stopForwarding(trackSid: string): void {
    this.#downlink?.remove(trackSid);
  }

  /** Cuts the signal socket without a word, as a network failure would; the client may resume unless told not. */
  drop({ resumable }: { resumable: boolean }): void {
    this.#socket.terminate();
    if (!resumable) this.#end();
  }

  /** Tells the client why it is being disconnected, then closes. */
  close(reason: DisconnectReason): void {
    if (this.#closed) return;
    this.#send({ case: 'leave', value: new LeaveRequest({ canReconnect: false, reason, action: LeaveRequest_Action.DISCONNECT }) });
    this.#end();
    this.#socket.close();
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    // Frames still arriving during the close handshake belong to a participant who is gone.
    if (this.#closed) return;
    this.#armWatchdog();
    let request: SignalRequest;
    try {
      if (!isBinary) throw new Error('text frame');
      request = SignalRequest.fromBinary(new Uint8Array(data));
    } catch (error) {
      // A malformed frame costs its sender the connection, never the server or anyone else.
      this.#log.info(`malformed signal frame from ${this.#participant?.identity}: ${(error as Error).message}; closing that socket`);
      this.#socket.terminate();
      this.#end();
      return;
    }
    this.#handle(request).catch((error: Error) => this.#log.info(`${request.message.case} from ${this.#participant?.identity} failed: ${error.message}`));
  }

  async #handle(request: SignalRequest): Promise<void> {
    const message = request.message;
    switch (message.case) {
      case 'offer':
        return this.#publisherTask(() => this.#answerPublisher(message.value));
      case 'answer':
        return this.#subscriber?.accept(message.value.sdp);
      case 'trickle':
        return this.#addCandidate(message.value);
      case 'addTrack':
        return this.#addTrack(message.value);
      case 'mute':
        return this.#mute(message.value);
      case 'ping':
        return this.#send({ case: 'pong', value: BigInt(Date.now()) });
      case 'pingReq':
        return this.#send({ case: 'pongResp', value: new Pong({ lastPingTimestamp: message.value.timestamp, timestamp: BigInt(Date.now()) }) });
      case 'leave':
        this.#log.info(`leave ${this.#room?.name}: ${this.#participant?.identity}`);
        this.#end();
        this.#socket.close();
        return;
      case 'updateLayers':
        return;
      case 'updateMetadata':
        return this.#updateMetadata(message.value);
      case 'subscription':
        return this.updateSubscription(message.value);
      case 'trackSetting':
        return this.#updateTrackSettings(message.value);
      case 'subscriptionPermission':
        return this.#updateSubscriptionPermission(message.value);
      case 'syncState':
        return this.#syncState(message.value);
      default:
        this.#log.verbose(`not handled yet: ${message.case ?? 'empty'} from ${this.#participant?.identity}`);
    }
  }

  #addTrack(request: AddTrackRequest): void {
    if (!this.#participant?.admission.canPublish) {
      this.#log.info(`${this.#participant?.identity} may not publish: addTrack refused`);
      this.#send({
        case: 'requestResponse',
        value: new RequestResponse({ reason: RequestResponse_Reason.NOT_ALLOWED, message: 'the token does not grant canPublish', request: { case: 'addTrack', value: request } }),
      });
      return;
    }
    if (request.sid) return this.#addBackupCodec(request);
    const track = new PublishedTrack(request.cid, request);
    this.#pendingTracks.set(request.cid, track);
    this.#send({ case: 'trackPublished', value: new TrackPublishedResponse({ cid: request.cid, track: track.info }) });
  }

  /** A request naming a published track's sid: the client adds the backup codec it was asked for, to that track. */
  #addBackupCodec(request: AddTrackRequest): void {
    const track = this.#participant?.tracks.get(request.sid);
    if (!track?.addBackup(request)) {
      this.#log.info(`${this.#participant?.identity} sent a second codec for ${request.sid}, which is not a published track with a backup codec`);
      this.#send({ case: 'requestResponse', value: new RequestResponse({ reason: RequestResponse_Reason.NOT_FOUND, request: { case: 'addTrack', value: request } }) });
      return;
    }
    this.#log.info(`backup codec ${this.#room?.name}: ${this.#participant?.identity} ${track.info.sid} also in ${request.simulcastCodecs[0]?.codec}`);
    this.#send({ case: 'trackPublished', value: new TrackPublishedResponse({ cid: request.cid, track: track.info }) });
  }

  #mute(request: MuteTrackRequest): void {
    const participant = this.#participant;
    const track = participant?.tracks.get(request.sid) ?? [...this.#pendingTracks.values()].find((t) => t.info.sid === request.sid);
    if (!participant || !track || track.info.muted === request.muted) return;
    track.info.muted = request.muted;
    participant.version++;
    this.#room?.announce(participant);
  }

  /** Media of an announced track arrived: publish it to the room. */
  #onPublisherTrack(track: MediaStreamTrack): void {
    const participant = this.#participant;
    const room = this.#room;
    const transceiver = this.#publisher?.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track));
    const sdpTrackId = transceiver?.mid ? this.#cidByMid.get(transceiver.mid) : undefined;
    const published = sdpTrackId
      ? (this.#pendingTracks.get(sdpTrackId) ??
        [...(participant?.tracks.values() ?? [])].find((t) => t.hasCid(sdpTrackId) || this.#sdpTrackIds.get(t) === sdpTrackId) ??
        // A track sent again on a new section may carry another id there than the one it was announced with
        // (livekit-client's /rtc/v1 republishing): the announced track of its kind still waiting for media.
        [...this.#pendingTracks.values()].find((t) => t.kind === track.kind))
      : undefined;
    if (!participant || !room || !transceiver || !published) {
      this.#log.verbose(`media from ${participant?.identity} on mid ${transceiver?.mid} matches no announced track`);
      return;
    }
    const isNew = !published.receiving;
    const backup = !!sdpTrackId && sdpTrackId !== published.cid && published.hasCid(sdpTrackId);
    if (!backup) {
      published.info.mid = transceiver.mid ?? '';
      if (sdpTrackId) this.#sdpTrackIds.set(published, sdpTrackId);
    }
    // werift reports a simulcast track once, with its first layer; the receiver has one track per layer.
    for (const layer of new Set([track, ...transceiver.receiver.tracks])) published.addLayer(layer, transceiver, sdpTrackId);
    if (!isNew) return;
    this.#pendingTracks.delete(published.cid);
    participant.tracks.set(published.info.sid, published);
    participant.version++;
    if (published.kind === 'video') {
      published.onWantedQualityChange = (wanted) => this.#sendWantedQuality(published, wanted);
      published.wantsChanged();
    }
    if (published.kind === 'audio') {
      published.audioLevelExtensionId = this.#audioLevelExtensionId;
      published.onAudioLevel = (level) => room.activity.hear(participant, level);
    }
    const codecs = published.codecs.join(' with backup ') || transceiver.codecs[0]?.mimeType || published.kind;
    this.#log.info(`publish ${room.name}: ${participant.identity} ${codecs} ${published.info.sid}`);
    this.sendParticipantUpdate([participant.info()]);
    room.announce(participant);
    for (const other of room.recipients(participant)) other.link.forward(published, participant);
  }

  /**
   * livekit-client unpublishes by renegotiating: the track's m-line goes inactive and loses its msid. Tracks
   * whose m-line no longer sends them are unpublished for everyone.
   */
  #unpublishMissing(sections: Map<string, MediaSection>): void {
    const participant = this.#participant;
    const room = this.#room;
    if (!participant || !room) return;
    for (const track of [...participant.tracks.values()]) {
      const section = sections.get(track.info.mid);
      const sending =
        section &&
        (section.trackId === track.cid || section.trackId === this.#sdpTrackIds.get(track)) &&
        (section.direction === 'sendonly' || section.direction === 'sendrecv');
      if (sending) continue;
      participant.tracks.delete(track.info.sid);
      track.close();
      for (const other of room.recipients(participant)) other.link.stopForwarding(track.info.sid);
      participant.version++;
      // The client took it away itself: it needs no word of it (livekit-client warns of an unknown track).
      this.#log.info(`unpublish ${room.name}: ${participant.identity} ${track.kind} ${track.info.sid}`);
      room.announce(participant);
    }
  }

  /** Each section the client sends a track on answers with that track's announced codec first, which it then uses. */
  #preferAnnouncedCodecs(sections: Map<string, MediaSection>): void {
    const tracks = [...this.#pendingTracks.values(), ...(this.#participant?.tracks.values() ?? [])];
    for (const transceiver of this.#publisher?.pc.getTransceivers() ?? []) {
      const trackId = transceiver.mid ? sections.get(transceiver.mid)?.trackId : undefined;
      const mimeType = trackId && tracks.find((track) => track.hasCid(trackId))?.codecSentAs(trackId);
      if (mimeType) preferCodec(transceiver, mimeType);
    }
  }

  /** The connection the client sends on (and, on the single connection, receives on too). */
  #ensurePublisher(): MediaPeer {
    if (this.#publisher) return this.#publisher;
    const publisher = new MediaPeer((candidate) => {
      if (this.#heldPublisherCandidates) this.#heldPublisherCandidates.push(candidate);
      else this.#sendPublisherCandidate(candidate);
    }, this.network);
    this.#publisher = publisher;
    publisher.pc.onTrack.subscribe((track) => this.#onPublisherTrack(track));
    publisher.pc.onDataChannel.subscribe((channel) => {
      // Only LiveKit's packet channels are relayed (data tracks have a framing of their own).
      if (channel.label !== '_reliable' && channel.label !== '_lossy') return;
      this.#single?.adoptChannel(channel);
      channel.onMessage.subscribe((message) => {
        // werift calls this from a promise nobody awaits: a throw here would end the process.
        try {
          if (typeof message !== 'string') this.#relayData(channel.label, new Uint8Array(message));
        } catch (error) {
          this.#log.info(`relaying data from ${this.#participant?.identity} failed: ${(error as Error).message}`);
        }
      });
    });
    return publisher;
  }

  async #answerPublisher(offer: SessionDescription): Promise<void> {
    if (this.#closed) return;
    const publisher = this.#ensurePublisher();
    // werift reports tracks while setting the offer: know which m-line carries which track before that.
    const sections = mediaSections(offer.sdp);
    for (const [mid, { trackId }] of sections) if (trackId) this.#cidByMid.set(mid, trackId);
    this.#audioLevelExtensionId ??= audioLevelExtensionId(offer.sdp);
    this.#unpublishMissing(sections);
    // An ICE restart gathers new candidates while answering: they must not reach the client before the answer.
    this.#heldPublisherCandidates ??= [];
    try {
      const single = this.#single;
      const sdp = await publisher.answer(offer.sdp, () => {
        this.#preferAnnouncedCodecs(sections);
        single?.prepareAnswer();
      });
      this.#send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp, id: offer.id, midToTrackId: single?.midToTrackId() ?? {} }) });
      publisher.descriptionSent();
    } finally {
      const held = this.#heldPublisherCandidates ?? [];
      this.#heldPublisherCandidates = undefined;
      for (const candidate of held) this.#sendPublisherCandidate(candidate);
    }
  }

  #sendPublisherCandidate(candidate: CandidateInit): void {
    this.#send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate), target: SignalTarget.PUBLISHER }) });
  }

  /** Publisher offers and candidates are handled in order: a candidate must not overtake the offer it belongs to. */
  #publisherTask(task: () => Promise<void>): Promise<void> {
    const run = this.#publisherQueue.then(task);
    this.#publisherQueue = run.catch(() => undefined);
    return run;
  }

  async #addCandidate(trickle: TrickleRequest): Promise<void> {
    if (trickle.target !== SignalTarget.SUBSCRIBER) return this.#publisherTask(() => this.#addCandidateTo(this.#publisher, trickle));
    return this.#addCandidateTo(this.#subscriber, trickle);
  }

  async #addCandidateTo(peer: MediaPeer | SubscriberPeer | undefined, trickle: TrickleRequest): Promise<void> {
    let candidate: CandidateInit;
    try {
      candidate = JSON.parse(trickle.candidateInit) as CandidateInit;
    } catch {
      this.#log.info(`malformed candidate from ${this.#participant?.identity}: ignored`);
      return;
    }
    await peer?.addCandidate(candidate);
  }

  #updateMetadata(update: UpdateParticipantMetadata): void {
    const participant = this.#participant;
    const room = this.#room;
    if (!participant || !room) return;
    if (!participant.admission.canUpdateOwnMetadata) {
      this.#send({
        case: 'requestResponse',
        value: new RequestResponse({ requestId: update.requestId, reason: RequestResponse_Reason.NOT_ALLOWED, message: 'the token does not grant canUpdateOwnMetadata' }),
      });
      return;
    }
    participant.update(update);
    this.sendParticipantUpdate([participant.info()]);
    room.announce(participant);
    this.#send({ case: 'requestResponse', value: new RequestResponse({ requestId: update.requestId, reason: RequestResponse_Reason.OK }) });
  }

  /** A client that sends nothing (not even its ping) for the ping timeout is gone. */
  #armWatchdog(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      this.#log.info(`no word from ${this.#participant?.identity} for ${PING_TIMEOUT} s: dropping them`);
      this.#socket.terminate();
      this.#end();
    }, PING_TIMEOUT * 1000);
  }

  #end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#missed = undefined;
    clearTimeout(this.#watchdog);
    clearTimeout(this.#resumeTimer);
    this.onEnd();
    this.#publisher?.close();
    this.#subscriber?.close();
    this.#single?.close();
    if (this.#room && this.#participant) this.#registry.leave(this.#room, this.#participant);
  }

  #send(message: SignalResponse['message']): void {
    if (this.#missed) {
      if (this.#missed.length < MAX_MISSED_MESSAGES) this.#missed.push(message);
      return;
    }
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(new SignalResponse({ message }).toBinary());
  }
}

interface MediaSection {
  /** The track id of `a=msid:<stream> <track>`, when the section carries a track. */
  trackId: string | undefined;
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

/** Each m-line of an SDP by mid: which track it carries and in which direction. */
export function mediaSections(sdp: string): Map<string, MediaSection> {
  const map = new Map<string, MediaSection>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
    if (!mid) continue;
    const direction = (/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(section)?.[1] ?? 'sendrecv') as MediaSection['direction'];
    map.set(mid, { trackId: /^a=msid:\S+ (\S+)/m.exec(section)?.[1], direction });
  }
  return map;
}

/** The id the publisher's offer gives the audio-level header extension (RFC 6464), if it offers it. */
export function audioLevelExtensionId(sdp: string): number | undefined {
  const id = /^a=extmap:(\d+)(?:\/\w+)? urn:ietf:params:rtp-hdrext:ssrc-audio-level/m.exec(sdp)?.[1];
  return id === undefined ? undefined : Number(id);
}

function serverInfo(): ServerInfo {
  return new ServerInfo({ edition: ServerInfo_Edition.Standard, version: SERVER_VERSION, protocol: PROTOCOL_VERSION, nodeId: 'rtc-elements-dev' });
}
