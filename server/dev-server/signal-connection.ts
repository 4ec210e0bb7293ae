import {
  ClientConfiguration,
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
  type UpdateParticipantMetadata,
} from '@livekit/protocol';
import type { WebSocket } from 'ws';
import type { Admission } from './auth.js';
import type { Logger } from './log.js';
import { LoopbackPeer, type CandidateInit } from './media/loopback-peer.js';
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
  #closed = false;
  #watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: WebSocket, registry: RoomRegistry, log: Logger) {
    this.#socket = socket;
    this.#registry = registry;
    this.#log = log;
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
    this.#socket.on('message', (data, isBinary) => this.#onFrame(data as Buffer, isBinary));
    this.#socket.on('close', () => this.#end());
    this.#socket.on('error', (error) => this.#log.verbose(`socket error for ${participant.identity}: ${error.message}`));
    this.#armWatchdog();
  }

  sendParticipantUpdate(participants: ParticipantInfo[]): void {
    this.#send({ case: 'update', value: new ParticipantUpdate({ participants }) });
  }

  /** Tells the client why it is being disconnected, then closes. */
  close(reason: DisconnectReason): void {
    if (this.#closed) return;
    this.#send({ case: 'leave', value: new LeaveRequest({ canReconnect: false, reason, action: LeaveRequest_Action.DISCONNECT }) });
    this.#end();
    this.#socket.close();
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
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
      case 'trickle':
        return this.#addCandidate(message.value);
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

  async #answerPublisher(offer: SessionDescription): Promise<void> {
    this.#publisher ??= new LoopbackPeer((candidate) =>
      this.#send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate), target: SignalTarget.PUBLISHER }) }),
    );
    const sdp = await this.#publisher.answer(offer.sdp);
    this.#send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp, id: offer.id }) });
    this.#publisher.answerSent();
  }

  async #addCandidate(trickle: TrickleRequest): Promise<void> {
    if (trickle.target !== SignalTarget.PUBLISHER || !this.#publisher) return;
    await this.#publisher.addCandidate(JSON.parse(trickle.candidateInit) as CandidateInit);
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
    if (update.name) participant.name = update.name;
    if (update.metadata) participant.metadata = update.metadata;
    for (const [key, value] of Object.entries(update.attributes)) {
      if (value === '') delete participant.attributes[key];
      else participant.attributes[key] = value;
    }
    participant.version++;
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
    if (this.#room && this.#participant) this.#registry.leave(this.#room, this.#participant);
  }

  #send(message: SignalResponse['message']): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(new SignalResponse({ message }).toBinary());
  }
}
