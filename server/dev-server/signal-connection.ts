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
  TrackUnpublishedResponse,
  MuteTrackRequest,
  RoomUpdate,
  type Room as RoomInfo,
  type AddTrackRequest,
  type UpdateParticipantMetadata,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import type { WebSocket } from 'ws';
import type { Admission } from './auth.js';
import type { Logger } from './log.js';
import { LOOPBACK_NETWORK, LoopbackPeer, type CandidateInit, type MediaNetwork } from './media/loopback-peer.js';
import { PublishedTrack } from './media/published-track.js';
import { SubscriberPeer } from './media/subscriber-peer.js';
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
/** A signal frame larger than this is not a signal: the socket is closed. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** One participant's signal WebSocket: decodes requests, answers, and keeps the room informed. */
export class SignalConnection implements ParticipantLink {
  readonly #socket: WebSocket;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  #room: Room | undefined;
  #participant: Participant | undefined;
  #publisher: LoopbackPeer | undefined;
  #subscriber: SubscriberPeer | undefined;
  /** Tracks announced with addTrack whose media has not arrived yet, by the client's track id (cid). */
  readonly #pendingTracks = new Map<string, PublishedTrack>();
  /** Which cid each m-line of the publisher's offers carries, by mid. */
  readonly #cidByMid = new Map<string, string>();
  #offerId = 0;
  #closed = false;
  #watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    socket: WebSocket,
    registry: RoomRegistry,
    log: Logger,
    readonly network: MediaNetwork = LOOPBACK_NETWORK,
  ) {
    this.#socket = socket;
    this.#registry = registry;
    this.#log = log;
  }

  /**
   * Answers a resume attempt (`reconnect=1`): this server keeps no session to resume, so it asks the client
   * for a full reconnect, which livekit-client then makes with a fresh join.
   */
  refuseResume(): void {
    this.#closed = true;
    this.#send({ case: 'leave', value: new LeaveRequest({ canReconnect: true, reason: DisconnectReason.STATE_MISMATCH, action: LeaveRequest_Action.RECONNECT }) });
    this.#socket.close();
  }

  /** Joins the token's room and starts serving the socket. */
  start(admission: Admission): void {
    const { room, participant } = this.#registry.join(admission, this, (previous) =>
      previous.link.close(DisconnectReason.DUPLICATE_IDENTITY),
    );
    this.#room = room;
    this.#participant = participant;
    this.#log.info(`join ${room.name}: ${participant.identity} (${participant.sid}), ${room.participants.size} in the room`);
    this.#send({
      case: 'join',
      value: new JoinResponse({
        room: room.info(),
        participant: participant.info(),
        otherParticipants: room.others(participant).map((p) => p.info()),
        serverVersion: SERVER_VERSION,
        serverInfo: new ServerInfo({ edition: ServerInfo_Edition.Standard, version: SERVER_VERSION, protocol: PROTOCOL_VERSION, nodeId: 'rtc-elements-dev' }),
        iceServers: [],
        subscriberPrimary: false,
        pingInterval: PING_INTERVAL,
        pingTimeout: PING_TIMEOUT,
        clientConfiguration: new ClientConfiguration(),
      }),
    });
    this.#ensureSubscriber();
    // Everything already published in the room starts flowing to the newcomer.
    for (const other of room.others(participant)) {
      for (const track of other.tracks.values()) this.forward(track, other);
    }
    this.#socket.on('message', (data, isBinary) => this.#onFrame(data as Buffer, isBinary));
    this.#socket.on('close', () => this.#end());
    this.#socket.on('error', (error) => this.#log.verbose(`socket error for ${participant.identity}: ${error.message}`));
    this.#armWatchdog();
  }

  sendParticipantUpdate(participants: ParticipantInfo[]): void {
    this.#send({ case: 'update', value: new ParticipantUpdate({ participants }) });
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
    if (this.#closed || !this.#participant?.admission.canSubscribe) return;
    this.#ensureSubscriber().add(track, owner.sid);
  }

  sendRoomUpdate(room: RoomInfo): void {
    this.#send({ case: 'roomUpdate', value: new RoomUpdate({ room }) });
  }

  sendMute(trackSid: string, muted: boolean): void {
    this.#send({ case: 'mute', value: new MuteTrackRequest({ sid: trackSid, muted }) });
  }

  sendData(reliable: boolean, bytes: Uint8Array): void {
    if (!this.#closed) this.#subscriber?.sendData(reliable, bytes);
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

  stopForwarding(trackSid: string): void {
    this.#subscriber?.remove(trackSid);
  }

  /** Cuts the signal socket without a word, as a network failure would. */
  drop(): void {
    this.#socket.terminate();
    this.#end();
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
        return this.#answerPublisher(message.value);
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
      case 'updateMetadata':
        return this.#updateMetadata(message.value);
      default:
        this.#log.verbose(`not handled yet: ${message.case ?? 'empty'} from ${this.#participant?.identity}`);
    }
  }

  #addTrack(request: AddTrackRequest): void {
    if (!this.#participant?.admission.canPublish) {
      this.#log.info(`${this.#participant?.identity} may not publish: addTrack ignored`);
      return;
    }
    const track = new PublishedTrack(request.cid, request);
    this.#pendingTracks.set(request.cid, track);
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

  /** Media of an announced track arrived (one call per simulcast layer): publish it to the room. */
  #onPublisherTrack(track: MediaStreamTrack): void {
    const participant = this.#participant;
    const room = this.#room;
    const transceiver = this.#publisher?.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track));
    const cid = transceiver?.mid ? this.#cidByMid.get(transceiver.mid) : undefined;
    const published = cid ? this.#pendingTracks.get(cid) ?? [...(participant?.tracks.values() ?? [])].find((t) => t.cid === cid) : undefined;
    if (!participant || !room || !transceiver || !published) {
      this.#log.verbose(`media from ${participant?.identity} on mid ${transceiver?.mid} matches no announced track`);
      return;
    }
    const isNew = !published.receiving;
    published.info.mid = transceiver.mid ?? '';
    published.addLayer(track, transceiver.receiver);
    if (!isNew) return;
    this.#pendingTracks.delete(published.cid);
    participant.tracks.set(published.info.sid, published);
    participant.version++;
    this.#log.info(`publish ${room.name}: ${participant.identity} ${published.kind} ${published.info.sid}`);
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
      const sending = section && section.trackId === track.cid && (section.direction === 'sendonly' || section.direction === 'sendrecv');
      if (sending) continue;
      participant.tracks.delete(track.info.sid);
      track.close();
      for (const other of room.recipients(participant)) other.link.stopForwarding(track.info.sid);
      participant.version++;
      this.#log.info(`unpublish ${room.name}: ${participant.identity} ${track.kind} ${track.info.sid}`);
      this.#send({ case: 'trackUnpublished', value: new TrackUnpublishedResponse({ trackSid: track.info.sid }) });
      room.announce(participant);
    }
  }

  async #answerPublisher(offer: SessionDescription): Promise<void> {
    if (this.#closed) return;
    if (!this.#publisher) {
      this.#publisher = new LoopbackPeer(
        (candidate) =>
          this.#send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate), target: SignalTarget.PUBLISHER }) }),
        this.network,
      );
      this.#publisher.pc.onTrack.subscribe((track) => this.#onPublisherTrack(track));
      this.#publisher.pc.onDataChannel.subscribe((channel) => {
        // Only LiveKit's packet channels are relayed (data tracks have a framing of their own).
        if (channel.label !== '_reliable' && channel.label !== '_lossy') return;
        channel.onMessage.subscribe((message) => {
          // werift calls this from a promise nobody awaits: a throw here would end the process.
          try {
            if (typeof message !== 'string') this.#relayData(channel.label, new Uint8Array(message));
          } catch (error) {
            this.#log.info(`relaying data from ${this.#participant?.identity} failed: ${(error as Error).message}`);
          }
        });
      });
    }
    // werift reports tracks while setting the offer: know which m-line carries which track before that.
    const sections = mediaSections(offer.sdp);
    for (const [mid, { trackId }] of sections) if (trackId) this.#cidByMid.set(mid, trackId);
    this.#unpublishMissing(sections);
    const sdp = await this.#publisher.answer(offer.sdp);
    this.#send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp, id: offer.id }) });
    this.#publisher.descriptionSent();
  }

  async #addCandidate(trickle: TrickleRequest): Promise<void> {
    const peer = trickle.target === SignalTarget.SUBSCRIBER ? this.#subscriber : this.#publisher;
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
    clearTimeout(this.#watchdog);
    this.#publisher?.close();
    this.#subscriber?.close();
    if (this.#room && this.#participant) this.#registry.leave(this.#room, this.#participant);
  }

  #send(message: SignalResponse['message']): void {
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
