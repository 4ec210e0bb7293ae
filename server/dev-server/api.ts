import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { TokenVerifier, type VideoGrant } from 'livekit-server-sdk';
import type { ApiKeys } from './auth.js';
import type { Logger } from './log.js';
import type { Participant, Room, RoomRegistry } from './rooms.js';

const MAX_BODY_BYTES = 256 * 1024;

type JsonValue = Parameters<typeof ListRoomsRequest.fromJson>[0];

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (body: JsonValue, grant: VideoGrant) => JsonValue;

/**
 * The server API as livekit-server-sdk's RoomServiceClient calls it: Twirp JSON over POST
 * `/twirp/livekit.RoomService/<Method>`, with the caller's token checked for `roomAdmin` on that room
 * (`roomList` / `roomCreate` for listing, creating and deleting rooms).
 */
export function roomServiceApi(rooms: RoomRegistry, keys: ApiKeys, log: Logger) {
  const roomFor = (name: string, grant: VideoGrant): Room => {
    if (!grant.roomAdmin || (grant.room && grant.room !== name)) throw new TwirpError(403, 'permission_denied', `roomAdmin for room "${name}" is required`);
    const room = rooms.rooms.get(name);
    if (!room) throw new TwirpError(404, 'not_found', `room "${name}" does not exist`);
    return room;
  };
  const participantIn = (room: Room, identity: string): Participant => {
    const participant = room.participants.get(identity);
    if (!participant) throw new TwirpError(404, 'not_found', `participant "${identity}" is not in room "${room.name}"`);
    return participant;
  };

  const handlers: Record<string, Handler> = {
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

  return async function handle(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify(body));
    };
    try {
      const handler = handlers[method];
      if (!handler) throw new TwirpError(501, 'unimplemented', `RoomService.${method} is not implemented by the dev server`);
      const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) throw new TwirpError(401, 'unauthenticated', 'an authorization bearer token is required');
      const grant = await new TokenVerifier(keys.apiKey, keys.apiSecret)
        .verify(token, 5)
        .then((claims) => claims.video ?? {})
        .catch((error: Error) => {
          throw new TwirpError(401, 'unauthenticated', `invalid token: ${error.message}`);
        });
      const body = await readJson(request);
      reply(200, handler(body, grant));
    } catch (error) {
      if (error instanceof TwirpError) return reply(error.status, { code: error.code, msg: error.message });
      log.info(`RoomService.${method} failed: ${(error as Error).message}`);
      reply(400, { code: 'invalid_argument', msg: (error as Error).message });
    }
  };
}

function readJson(request: IncomingMessage): Promise<JsonValue> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TwirpError(413, 'invalid_argument', 'request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as JsonValue) : {});
      } catch {
        reject(new TwirpError(400, 'malformed', 'the body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}
