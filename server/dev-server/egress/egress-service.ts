import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EgressInfo,
  EgressSourceType,
  EgressStatus,
  FileInfo,
  ListEgressRequest,
  ListEgressResponse,
  RoomCompositeEgressRequest,
  StopEgressRequest,
  StreamInfo,
  StreamInfo_Status,
  UpdateLayoutRequest,
  UpdateStreamRequest,
} from '@livekit/protocol';
import type { VideoGrant } from 'livekit-server-sdk';
import type { Logger } from '../log.js';
import type { RoomRegistry } from '../rooms.js';
import { newSid } from '../sid.js';
import { TwirpError, twirpHandler, type TwirpMethod } from '../twirp.js';
import type { ApiKeys } from '../auth.js';
import { castIdentityOf, castIdentityOfEgress } from '../../cast.js';
import { CastRecorder } from './cast-recorder.js';

/** LiveKit's layout page signals its start within 5 s even without video (the participant may have no camera). */
const START_FALLBACK_MS = 5000;

const ACTIVE = new Set([EgressStatus.EGRESS_STARTING, EgressStatus.EGRESS_ACTIVE, EgressStatus.EGRESS_ENDING]);
const nowNs = () => BigInt(Date.now()) * 1_000_000n;

interface Egress {
  readonly info: EgressInfo;
  readonly recorder: CastRecorder;
  readonly path: string;
}

export interface EgressServiceOptions {
  /** Where recordings are written; a folder in the system's temporary directory by default. */
  directory?: string;
}

/**
 * LiveKit's Egress API (`/twirp/livekit.Egress/<Method>`, as livekit-server-sdk's EgressClient calls it) for
 * one kind of egress: a RoomComposite whose layout is `rtc-cast:<identity>`, which is how the kit's cast
 * handler broadcasts one participant. The dev server does not render the layout page: it records that
 * participant's camera and microphone into one WebM, follows `UpdateLayout` without a break, and serves the
 * file at `/dev/egress/<egressId>.webm` while it grows. Stream (RTMP, SRT) and segment (HLS) outputs are
 * accepted and reported, but their bytes go to that file: nothing leaves the machine.
 */
export function egressService(rooms: RoomRegistry, keys: ApiKeys, log: Logger, options: EgressServiceOptions = {}) {
  const directory = options.directory ?? join(tmpdir(), 'rtc-elements-egress');
  const egresses = new Map<string, Egress>();

  const requireRecord = (grant: VideoGrant) => {
    if (!grant.roomRecord) throw new TwirpError(403, 'permission_denied', 'roomRecord is required');
  };
  const castIdentity = (layout: string): string => {
    const identity = castIdentityOf(layout);
    if (!identity) throw new TwirpError(400, 'invalid_argument', `the dev server records only layouts "rtc-cast:<identity>", not "${layout}"`);
    return identity;
  };
  const find = (egressId: string): Egress => {
    const egress = egresses.get(egressId);
    if (!egress) throw new TwirpError(404, 'not_found', `egress ${egressId} does not exist`);
    return egress;
  };
  const touch = (info: EgressInfo, status?: EgressStatus) => {
    if (status !== undefined) info.status = status;
    info.updatedAt = nowNs();
  };

  async function finish(egress: Egress): Promise<void> {
    // The recording ends now; writing out the file's last bytes takes a moment more.
    const endedAt = nowNs();
    await egress.recorder.stop();
    const { info } = egress;
    const size = await stat(egress.path).then((file) => BigInt(file.size), () => 0n);
    const duration = info.startedAt ? endedAt - info.startedAt : 0n;
    info.endedAt = endedAt;
    info.fileResults = [new FileInfo({ filename: egress.path, startedAt: info.startedAt, endedAt, duration, size, location: `/dev/egress/${info.egressId}.webm` })];
    for (const stream of info.streamResults) {
      stream.status = StreamInfo_Status.FINISHED;
      stream.endedAt = endedAt;
      stream.duration = duration;
    }
    if (info.status === EgressStatus.EGRESS_ENDING) {
      info.details ||= 'End reason: StopEgress API';
      touch(info, EgressStatus.EGRESS_COMPLETE);
    }
    log.info(`egress ${info.egressId} ${EgressStatus[info.status]}: ${egress.path} (${size} bytes)`);
  }

  const handlers: Record<string, TwirpMethod> = {
    async StartRoomCompositeEgress(body, grant) {
      requireRecord(grant);
      const request = RoomCompositeEgressRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = rooms.rooms.get(request.roomName);
      if (!room) throw new TwirpError(404, 'not_found', `room "${request.roomName}" does not exist`);
      const identity = castIdentity(request.layout);
      await mkdir(directory, { recursive: true });
      const egressId = newSid('EG');
      const path = join(directory, `${egressId}.webm`);
      const urls = request.streamOutputs.flatMap((output) => output.urls);
      const info = new EgressInfo({
        egressId,
        roomId: room.sid,
        roomName: room.name,
        sourceType: EgressSourceType.WEB,
        status: EgressStatus.EGRESS_STARTING,
        updatedAt: nowNs(),
        request: { case: 'roomComposite', value: request },
        streamResults: urls.map((url) => new StreamInfo({ url, status: StreamInfo_Status.ACTIVE })),
      });
      // The recorder follows this room; once it closes (everyone left), the egress ends, as LiveKit's does.
      const recorder = new CastRecorder(identity, { path, find: (who) => (rooms.rooms.get(room.name) === room ? room.participants.get(who) : undefined) });
      const egress: Egress = { info, recorder, path };
      egresses.set(egressId, egress);
      const roomWatch = setInterval(() => {
        if (!ACTIVE.has(info.status)) return clearInterval(roomWatch);
        if (rooms.rooms.get(room.name) === room) return;
        clearInterval(roomWatch);
        info.details = 'End reason: Source closed';
        touch(info, info.status === EgressStatus.EGRESS_STARTING ? EgressStatus.EGRESS_ABORTED : EgressStatus.EGRESS_ENDING);
        void finish(egress).catch(() => undefined);
      }, 1000);
      roomWatch.unref?.();
      const goLive = () => {
        if (info.status !== EgressStatus.EGRESS_STARTING) return;
        // No picture yet (a camera off): the recording starts anyway, with the sound.
        recorder.begin();
        info.startedAt = nowNs();
        for (const stream of info.streamResults) stream.startedAt = info.startedAt;
        touch(info, EgressStatus.EGRESS_ACTIVE);
        log.info(`egress ${egressId} active: ${room.name}, showing ${recorder.identity}`);
      };
      void recorder.firstFrame.then(goLive);
      setTimeout(goLive, START_FALLBACK_MS).unref?.();
      log.info(`egress ${egressId} starting: ${room.name}, ${request.layout}, file ${path}`);
      return info.toJson();
    },
    UpdateLayout(body, grant) {
      requireRecord(grant);
      const request = UpdateLayoutRequest.fromJson(body, { ignoreUnknownFields: true });
      const egress = find(request.egressId);
      if (!ACTIVE.has(egress.info.status) || egress.info.status === EgressStatus.EGRESS_ENDING) {
        throw new TwirpError(412, 'failed_precondition', `egress ${request.egressId} is not active`);
      }
      egress.recorder.show(castIdentity(request.layout));
      const composite = egress.info.request.case === 'roomComposite' ? egress.info.request.value : undefined;
      if (composite) composite.layout = request.layout;
      touch(egress.info);
      log.info(`egress ${request.egressId} layout ${request.layout}`);
      return egress.info.toJson();
    },
    UpdateStream(body, grant) {
      requireRecord(grant);
      const request = UpdateStreamRequest.fromJson(body, { ignoreUnknownFields: true });
      const egress = find(request.egressId);
      const { info } = egress;
      for (const stream of info.streamResults) {
        if (request.removeOutputUrls.includes(stream.url) && stream.status === StreamInfo_Status.ACTIVE) {
          stream.status = StreamInfo_Status.FINISHED;
          stream.endedAt = nowNs();
        }
      }
      for (const url of request.addOutputUrls) info.streamResults.push(new StreamInfo({ url, status: StreamInfo_Status.ACTIVE, startedAt: nowNs() }));
      touch(info);
      return info.toJson();
    },
    ListEgress(body, grant) {
      requireRecord(grant);
      const request = ListEgressRequest.fromJson(body, { ignoreUnknownFields: true });
      const items = [...egresses.values()]
        .map((egress) => egress.info)
        .filter((info) => (!request.roomName || info.roomName === request.roomName) && (!request.egressId || info.egressId === request.egressId))
        .filter((info) => !request.active || ACTIVE.has(info.status));
      return new ListEgressResponse({ items }).toJson();
    },
    StopEgress(body, grant) {
      requireRecord(grant);
      const request = StopEgressRequest.fromJson(body, { ignoreUnknownFields: true });
      const egress = find(request.egressId);
      const { info } = egress;
      if (info.status === EgressStatus.EGRESS_STARTING) {
        info.error = 'Stop called before pipeline could start';
        info.errorCode = 412;
        touch(info, EgressStatus.EGRESS_ABORTED);
      } else if (info.status === EgressStatus.EGRESS_ACTIVE) {
        touch(info, EgressStatus.EGRESS_ENDING);
      } else {
        throw new TwirpError(412, 'failed_precondition', `egress ${request.egressId} is not active`);
      }
      void finish(egress).catch((error: Error) => {
        info.error = error.message;
        touch(info, EgressStatus.EGRESS_FAILED);
      });
      return info.toJson();
    },
  };

  return {
    handle: twirpHandler('Egress', handlers, keys, log),

    /** `GET /dev/egress/<egressId>.webm`: the recording as it is now (it grows while the egress runs). */
    async serveRecording(egressId: string, response: ServerResponse): Promise<void> {
      const egress = egresses.get(egressId);
      const size = egress ? await stat(egress.path).then((file) => file.size, () => undefined) : undefined;
      if (!egress || size === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
        response.end('no such recording');
        return;
      }
      response.writeHead(200, { 'content-type': 'video/webm', 'content-length': size, 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      createReadStream(egress.path, { start: 0, end: Math.max(0, size - 1) })
        .on('error', () => response.destroy()) // removed meanwhile (a temporary-files cleanup): end this answer only
        .pipe(response);
    },

    /** `GET /dev/egress/`: the recordings, newest first, each a link a browser plays. */
    listRecordings(response: ServerResponse): void {
      const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      const rows = [...egresses.values()]
        .reverse()
        .map(({ info }) => {
          const shown = castIdentityOfEgress(info) ?? '';
          return `<li><a href="/dev/egress/${info.egressId}.webm">${escape(info.egressId)}</a> room ${escape(info.roomName)}, showing ${escape(shown)}, ${EgressStatus[info.status]}</li>`;
        })
        .join('\n');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Broadcasts recorded by the dev server</title><h1>Broadcasts recorded by the dev server</h1>` +
          `<p>On LiveKit these would go to your RTMP, SRT or HLS outputs; here every broadcast is recorded to a WebM file.</p><ul>${rows || '<li>None yet.</li>'}</ul></html>`,
      );
    },

    async close(): Promise<void> {
      await Promise.all([...egresses.values()].map((egress) => egress.recorder.stop().catch(() => undefined)));
    },
  };
}

