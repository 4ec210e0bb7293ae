import {
  CreateRoomRequest,
  DataPacket,
  DataPacket_Kind,
  DeleteRoomRequest,
  DeleteRoomResponse,
  DisconnectReason,
  ListParticipantsRequest,
  ListParticipantsResponse,
  ListRoomsRequest,
  ListRoomsResponse,
  MuteRoomTrackRequest,
  MuteRoomTrackResponse,
  RemoveParticipantResponse,
  RoomParticipantIdentity,
  SendDataRequest,
  SendDataResponse,
  UpdateParticipantRequest,
  UpdateRoomMetadataRequest,
  UpdateSubscriptionsRequest,
  UpdateSubscriptionsResponse,
  UserPacket,
} from '@livekit/protocol';
import type { VideoGrant } from 'livekit-server-sdk';
import type { ApiKeys } from './auth.js';
import type { Logger } from './log.js';
import { TwirpError, twirpHandler, type TwirpMethod } from './twirp.js';
import type { Participant, Room, RoomRegistry } from './rooms.js';

/**
 * The server API as livekit-server-sdk's RoomServiceClient calls it: Twirp JSON over POST
 * `/twirp/livekit.RoomService/<Method>`, with the caller's token checked for `roomAdmin` on that room
 * (`roomList` / `roomCreate` for listing, creating and deleting rooms).
 */
export function roomServiceApi(rooms: RoomRegistry, keys: ApiKeys, log: Logger) {
  const roomFor = (name: string, grant: VideoGrant): Room => {
    // As livekit-server: the grant names this very room; roomAdmin alone is admin of no room.
    if (!grant.roomAdmin || grant.room !== name) throw new TwirpError(403, 'permission_denied', `roomAdmin for room "${name}" is required`);
    const room = rooms.rooms.get(name);
    if (!room) throw new TwirpError(404, 'not_found', `room "${name}" does not exist`);
    return room;
  };
  const participantIn = (room: Room, identity: string): Participant => {
    const participant = room.participants.get(identity);
    if (!participant) throw new TwirpError(404, 'not_found', `participant "${identity}" is not in room "${room.name}"`);
    return participant;
  };

  const handlers: Record<string, TwirpMethod> = {
    ListRooms(body, grant) {
      if (!grant.roomList) throw new TwirpError(403, 'permission_denied', 'roomList is required');
      const { names } = ListRoomsRequest.fromJson(body, { ignoreUnknownFields: true });
      const list = [...rooms.rooms.values()].filter((room) => !names.length || names.includes(room.name));
      return new ListRoomsResponse({ rooms: list.map((room) => room.info()) }).toJson();
    },
    CreateRoom(body, grant) {
      if (!grant.roomCreate) throw new TwirpError(403, 'permission_denied', 'roomCreate is required');
      const request = CreateRoomRequest.fromJson(body, { ignoreUnknownFields: true });
      if (!request.name) throw new TwirpError(400, 'invalid_argument', 'a room name is required');
      const room = rooms.create(request.name);
      if (request.metadata) room.metadata = request.metadata;
      return room.info().toJson();
    },
    DeleteRoom(body, grant) {
      if (!grant.roomCreate) throw new TwirpError(403, 'permission_denied', 'roomCreate is required');
      const { room: name } = DeleteRoomRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = rooms.rooms.get(name);
      if (room) {
        for (const participant of [...room.participants.values()]) participant.link.close(DisconnectReason.ROOM_DELETED);
        room.activity.stop();
        rooms.rooms.delete(name);
        log.info(`room ${name} deleted through the API`);
      }
      return new DeleteRoomResponse().toJson();
    },
    ListParticipants(body, grant) {
      const room = roomFor(ListParticipantsRequest.fromJson(body, { ignoreUnknownFields: true }).room, grant);
      return new ListParticipantsResponse({ participants: [...room.participants.values()].map((p) => p.info()) }).toJson();
    },
    GetParticipant(body, grant) {
      const { room: name, identity } = RoomParticipantIdentity.fromJson(body, { ignoreUnknownFields: true });
      return participantIn(roomFor(name, grant), identity).info().toJson();
    },
    RemoveParticipant(body, grant) {
      const { room: name, identity } = RoomParticipantIdentity.fromJson(body, { ignoreUnknownFields: true });
      const participant = participantIn(roomFor(name, grant), identity);
      log.info(`remove ${name}: ${identity}, through the API`);
      participant.link.close(DisconnectReason.PARTICIPANT_REMOVED);
      return new RemoveParticipantResponse().toJson();
    },
    MutePublishedTrack(body, grant) {
      const request = MuteRoomTrackRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = roomFor(request.room, grant);
      const participant = participantIn(room, request.identity);
      const track = participant.tracks.get(request.trackSid);
      if (!track) throw new TwirpError(404, 'not_found', `track "${request.trackSid}" is not published by "${request.identity}"`);
      track.info.muted = request.muted;
      participant.version++;
      participant.link.sendMute(track.info.sid, request.muted);
      room.announce(participant);
      return new MuteRoomTrackResponse({ track: track.info }).toJson();
    },
    UpdateParticipant(body, grant) {
      const request = UpdateParticipantRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = roomFor(request.room, grant);
      const participant = participantIn(room, request.identity);
      participant.update(request);
      participant.link.sendParticipantUpdate([participant.info()]);
      room.announce(participant);
      return participant.info().toJson();
    },
    UpdateSubscriptions(body, grant) {
      const request = UpdateSubscriptionsRequest.fromJson(body, { ignoreUnknownFields: true });
      const participant = participantIn(roomFor(request.room, grant), request.identity);
      participant.link.updateSubscription(request);
      return new UpdateSubscriptionsResponse().toJson();
    },
    UpdateRoomMetadata(body, grant) {
      const request = UpdateRoomMetadataRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = roomFor(request.room, grant);
      room.metadata = request.metadata;
      const info = room.info();
      for (const participant of room.participants.values()) participant.link.sendRoomUpdate(info);
      return info.toJson();
    },
    SendData(body, grant) {
      const request = SendDataRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = roomFor(request.room, grant);
      const reliable = request.kind !== DataPacket_Kind.LOSSY;
      const packet = new DataPacket({
        kind: request.kind,
        destinationIdentities: request.destinationIdentities,
        value: {
          case: 'user',
          value: new UserPacket({ payload: request.data, topic: request.topic, destinationIdentities: request.destinationIdentities }),
        },
      }).toBinary();
      for (const participant of room.participants.values()) {
        if (request.destinationIdentities.length && !request.destinationIdentities.includes(participant.identity)) continue;
        participant.link.sendData(reliable, packet);
      }
      return new SendDataResponse().toJson();
    },
  };

  return twirpHandler('RoomService', handlers, keys, log);
}
