import {
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  Room as RoomInfo,
  type ConnectionQualityInfo,
  type DisconnectReason,
  type SpeakerInfo,
  type SubscriptionPermission,
  type UpdateSubscription,
} from '@livekit/protocol';
import type { WebSocket } from 'ws';
import type { Admission } from './auth.js';
import type { PublishedTrack } from './media/published-track.js';
import { RoomActivity } from './room-activity.js';
import { newSid } from './sid.js';

/** What a room needs of a participant's connection to keep everyone informed. */
export interface ParticipantLink {
  sendParticipantUpdate(participants: ParticipantInfo[]): void;
  /** Another participant's track is there to receive: starts sending it if this one wants it and may have it. */
  forward(track: PublishedTrack, owner: Participant): void;
  /** Who may receive what changed: starts and stops tracks to match. */
  refreshSubscriptions(): void;
  /** Tracks to start or stop receiving, asked by the client or through the server API. */
  updateSubscription(update: Pick<UpdateSubscription, 'trackSids' | 'subscribe' | 'participantTracks'>): void;
  /** Someone started receiving one of this participant's tracks (the first subscriber). */
  sendTrackSubscribed(trackSid: string): void;
  sendSpeakers(speakers: SpeakerInfo[]): void;
  sendConnectionQuality(updates: ConnectionQualityInfo[]): void;
  /** Stops sending a track (its owner unpublished it or left). */
  stopForwarding(trackSid: string): void;
  /** Sends a data packet, already stamped with its sender, to this participant. */
  sendData(reliable: boolean, bytes: Uint8Array): void;
  /** The room's info changed (metadata, say). */
  sendRoomUpdate(room: RoomInfo): void;
  /** The server muted or unmuted one of this participant's tracks. */
  sendMute(trackSid: string, muted: boolean): void;
  /** Cuts the signal connection as a network failure would (for tests of reconnection); see DevServer.dropSignal. */
  drop(options: { resumable: boolean }): void;
  /** Stops sending one track to this participant, without a word (for tests of stalls); see DevServer.stall. */
  stall(trackSid: string): boolean;
  /** Takes over a new signal socket of a client that resumes; false when there is nothing to resume. */
  resume(socket: WebSocket, sid: string | null): boolean;
  close(reason: DisconnectReason): void;
}

export class Participant {
  readonly sid = newSid('PA');
  readonly joinedAtMs = Date.now();
  state = ParticipantInfo_State.JOINED;
  name: string;
  metadata: string;
  attributes: Record<string, string>;
  /** Bumped on every change, so clients keep the newest of two updates. */
  version = 1;
  /** Tracks whose media arrives, by track sid. */
  readonly tracks = new Map<string, PublishedTrack>();
  /** The client's data protocol (`client_protocol` on join): 1 and up take RPC over data streams. */
  clientProtocol = 0;
  /** Who may receive this participant's tracks; everyone while unset (livekit-client's default). */
  subscriptionPermission: SubscriptionPermission | undefined;
  /** Tracks someone has received, so the publisher hears of its first subscriber once. */
  readonly subscribedTracks = new Set<string>();

  constructor(
    readonly admission: Admission,
    readonly link: ParticipantLink,
  ) {
    this.name = admission.name;
    this.metadata = admission.metadata;
    this.attributes = { ...admission.attributes };
  }

  get identity(): string {
    return this.admission.identity;
  }

  /** Applies a name, metadata and attributes update; an attribute set to '' is removed, as on LiveKit. */
  update(change: { name?: string; metadata?: string; attributes?: Record<string, string> }): void {
    if (change.name) this.name = change.name;
    if (change.metadata) this.metadata = change.metadata;
    for (const [key, value] of Object.entries(change.attributes ?? {})) {
      if (value === '') delete this.attributes[key];
      else this.attributes[key] = value;
    }
    this.version++;
  }

  /** Whether `subscriber` may receive this participant's track `trackSid`. */
  allows(subscriber: Participant, trackSid: string): boolean {
    const permission = this.subscriptionPermission;
    if (!permission || permission.allParticipants) return true;
    return permission.trackPermissions.some(
      (granted) =>
        (granted.participantIdentity === subscriber.identity || granted.participantSid === subscriber.sid) &&
        (granted.allTracks || granted.trackSids.includes(trackSid)),
    );
  }

  info(): ParticipantInfo {
    const { admission } = this;
    return new ParticipantInfo({
      sid: this.sid,
      identity: this.identity,
      name: this.name,
      metadata: this.metadata,
      attributes: this.attributes,
      state: this.state,
      joinedAt: BigInt(Math.floor(this.joinedAtMs / 1000)),
      joinedAtMs: BigInt(this.joinedAtMs),
      version: this.version,
      clientProtocol: this.clientProtocol,
      kind: admission.kind,
      kindDetails: admission.kindDetails,
      tracks: [...this.tracks.values()].map((track) => track.info),
      isPublisher: this.tracks.size > 0,
      permission: new ParticipantPermission({
        canPublish: admission.canPublish,
        canSubscribe: admission.canSubscribe,
        canPublishData: admission.canPublishData,
        canUpdateMetadata: admission.canUpdateOwnMetadata,
        hidden: admission.hidden,
        agent: admission.agent,
      }),
    });
  }
}

/** One room: who is in it, in join order. Nothing here crosses into another room. */
export class Room {
  readonly sid = newSid('RM');
  readonly createdAtMs = Date.now();
  metadata = '';
  readonly participants = new Map<string, Participant>();
  /** Who speaks and how well everyone's media arrives, told to everyone. */
  readonly activity = new RoomActivity(this);

  constructor(readonly name: string) {}

  info(): RoomInfo {
    return new RoomInfo({
      sid: this.sid,
      name: this.name,
      metadata: this.metadata,
      creationTime: BigInt(Math.floor(this.createdAtMs / 1000)),
      creationTimeMs: BigInt(this.createdAtMs),
      numParticipants: this.participants.size,
      emptyTimeout: 300,
    });
  }

  /** Everyone else a participant can see (hidden participants, such as recorders, are not shown). */
  others(participant: Participant): Participant[] {
    return [...this.participants.values()].filter((p) => p !== participant && !p.admission.hidden);
  }

  /** Everyone else who receives a participant's media and data, hidden participants included. */
  recipients(participant: Participant): Participant[] {
    return [...this.participants.values()].filter((p) => p !== participant);
  }

  /** Tells everyone but `about` (who knows) that `about` changed; hidden participants (recorders) hear it too. */
  announce(about: Participant): void {
    if (about.admission.hidden) return;
    const info = about.info();
    for (const other of this.recipients(about)) other.link.sendParticipantUpdate([info]);
  }
}

export interface RoomRegistryOptions {
  /** Most participants a room admits; 0 for no limit. */
  maxParticipants: number;
}

export class RoomFullError extends Error {
  override readonly name = 'RoomFullError';
}

/** Every room of the server, created on first join and dropped when the last participant leaves. */
export class RoomRegistry {
  readonly rooms = new Map<string, Room>();

  constructor(readonly options: RoomRegistryOptions) {}

  /** The room of that name, created if it does not exist. */
  create(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = new Room(name)));
    return room;
  }

  /**
   * Admits a participant to their token's room (creating it). Someone already there with the same identity
   * is replaced, as on LiveKit: the old connection is told why it was dropped.
   */
  /** Why the token's room cannot take this participant now, or undefined when it can. */
  refusal(admission: Admission): string | undefined {
    const { maxParticipants } = this.options;
    const room = this.rooms.get(admission.room);
    if (!maxParticipants || !room || room.participants.has(admission.identity)) return undefined;
    return room.participants.size >= maxParticipants ? `room ${room.name} is full (${maxParticipants} participants)` : undefined;
  }

  join(
    admission: Admission,
    link: ParticipantLink,
    onDuplicate: (previous: Participant) => void,
    clientProtocol = 0,
  ): { room: Room; participant: Participant } {
    let room = this.create(admission.room);
    const previous = room.participants.get(admission.identity);
    if (previous) {
      this.leave(room, previous);
      onDuplicate(previous);
      // Leaving may have dropped the room (the previous connection was alone): join the one now registered.
      room = this.create(admission.room);
    }
    const { maxParticipants } = this.options;
    if (maxParticipants && room.participants.size >= maxParticipants) {
      if (!room.participants.size) this.rooms.delete(room.name);
      throw new RoomFullError(`room ${room.name} is full (${maxParticipants} participants)`);
    }
    const participant = new Participant(admission, link);
    participant.clientProtocol = clientProtocol;
    room.participants.set(participant.identity, participant);
    room.activity.start();
    room.announce(participant);
    return { room, participant };
  }

  leave(room: Room, participant: Participant): void {
    if (room.participants.get(participant.identity) !== participant) return;
    room.participants.delete(participant.identity);
    for (const track of participant.tracks.values()) {
      track.close();
      for (const other of room.participants.values()) other.link.stopForwarding(track.info.sid);
    }
    participant.state = ParticipantInfo_State.DISCONNECTED;
    participant.version++;
    room.announce(participant);
    if (!room.participants.size) {
      room.activity.stop();
      this.rooms.delete(room.name);
    }
  }
}
