import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { BackupCodecPolicy, Room, Track, VideoPresets, type RemoteTrackPublication, type RemoteVideoTrack, type RoomOptions } from 'livekit-client';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RoomSession } from '../../src/core/room-session.js';
import { deepQuery } from '../support/deep.js';
import { waitForFrames } from '../support/media.js';

// Codecs other than livekit-client's default VP8, against the dev server: LiveKit Meet's settings (VP9 with a VP8
// backup, two lower layers, adaptive stream, dynacast), H.264 and AV1, and a subscriber that cannot decode VP9.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let roomCounter = 0;
const uniqueRoom = () => `codecs-${Date.now()}-${roomCounter++}`;

/** LiveKit Meet's room options (PageClientImpl, `hq` off), with the codec it is opened with. */
const meetOptions = (videoCodec: 'vp9' | 'h264' | 'av1', backupCodecPolicy?: BackupCodecPolicy): RoomOptions => ({
  videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
  publishDefaults: { dtx: false, videoSimulcastLayers: [VideoPresets.h540, VideoPresets.h216], red: true, videoCodec, ...(backupCodecPolicy === undefined ? {} : { backupCodecPolicy }) },
  adaptiveStream: true,
  dynacast: true,
});

const rooms: Room[] = [];
const elements: Element[] = [];
/** What livekit-client warned or erred about while a test ran. */
let complaints: string[] = [];
const { warn, error } = console;

beforeEach(() => {
  complaints = [];
  console.warn = (...args: unknown[]) => {
    complaints.push(args.map(String).join(' '));
    warn.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    complaints.push(args.map(String).join(' '));
    error.apply(console, args);
  };
});

afterEach(async () => {
  console.warn = warn;
  console.error = error;
  elements.splice(0).forEach((element) => element.remove());
  await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
});

async function connect(room: string, identity: string, options: RoomOptions = {}): Promise<Room> {
  const client = new Room(options);
  rooms.push(client);
  await client.connect(await serverUrl(), await token({ room, identity }));
  return client;
}

/** An <rtc-room> that receives only (our elements, as a viewer sees the call). */
async function viewer(room: string, identity: string): Promise<RtcRoom> {
  const element = document.createElement('rtc-room');
  element.serverUrl = await serverUrl();
  element.token = await token({ room, identity, name: identity });
  element.video = false;
  element.audio = false;
  document.body.append(element);
  elements.push(element);
  return element;
}

/** The video element of the tile showing `identity`'s camera in an <rtc-room>. */
const tileVideo = (element: Element, identity: string) =>
  deepQuery(element, 'rtc-grid')?.shadowRoot?.querySelector(`rtc-participant-video[participant="${identity}"]`)?.shadowRoot?.querySelector('video') ?? undefined;

/** The codec a received video arrives in, from the receiver's statistics. */
async function receivedCodec(publication: RemoteTrackPublication | undefined): Promise<string | undefined> {
  const stats = await (publication?.videoTrack as RemoteVideoTrack | undefined)?.receiver?.getStats();
  if (!stats) return undefined;
  const inbound = [...stats.values()].find((entry) => entry.type === 'inbound-rtp' && entry.kind === 'video' && entry.framesDecoded > 0);
  return inbound?.codecId ? stats.get(inbound.codecId)?.mimeType : undefined;
}

const cameraAt = (client: Room, identity: string) => [...(client.remoteParticipants.get(identity)?.videoTrackPublications.values() ?? [])];

/** The connection a two-connection (/rtc) client receives on. */
const subscriberConnection = (client: Room) => (client.engine.pcManager!.subscriber as unknown as { pc: RTCPeerConnection }).pc;

/** Removes codecs from a connection's answers, as a device that cannot decode them would answer. */
function refuseCodecs(pc: RTCPeerConnection, names: string[]): void {
  const createAnswer = pc.createAnswer.bind(pc);
  pc.createAnswer = (async (options?: RTCAnswerOptions) => {
    const answer = await createAnswer(options);
    return { type: answer.type, sdp: withoutCodecs(answer.sdp ?? '', names) };
  }) as typeof pc.createAnswer;
}

function withoutCodecs(sdp: string, names: string[]): string {
  const sections = sdp.split(/\r\n(?=m=)/);
  return sections
    .map((section) => {
      if (!section.startsWith('m=video')) return section;
      const lines = section.split('\r\n');
      const refused = lines.flatMap((line) => {
        const match = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
        return match && names.includes(match[2]!.toUpperCase()) ? [match[1]!] : [];
      });
      // A retransmission format of a refused codec goes with it.
      for (const line of lines) {
        const rtx = /^a=fmtp:(\d+) apt=(\d+)/.exec(line);
        if (rtx && refused.includes(rtx[2]!)) refused.push(rtx[1]!);
      }
      return lines
        .filter((line) => !refused.some((pt) => new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt}[ \\s]`).test(line)))
        .map((line) => (line.startsWith('m=video') ? line.split(' ').filter((part, index) => index < 3 || !refused.includes(part)).join(' ') : line))
        .join('\r\n');
    })
    .join('\r\n');
}

describe('codecs: LiveKit Meet’s settings and the codecs browsers publish', () => {
  it('Meet’s VP9 with a VP8 backup, adaptive stream and dynacast: one camera track, shown in VP9 in our tiles', async function () {
    this.timeout(60000);
    const room = uniqueRoom();
    const watching = await viewer(room, 'viewer');
    const meet = await connect(room, 'meet', meetOptions('vp9'));
    await meet.localParticipant.setCameraEnabled(true);
    await meet.localParticipant.setMicrophoneEnabled(true);

    await waitUntil(() => tileVideo(watching, 'meet'), 'our room shows a tile for the Meet participant', { timeout: 15000 });
    await waitForFrames(tileVideo(watching, 'meet')!, 'the tile shows the Meet camera');
    const session = (watching.session as RoomSession).room!;
    const [camera, ...more] = cameraAt(session, 'meet');
    expect(more, 'one camera track, not one per codec').to.be.empty;
    expect(camera!.mimeType).to.equal('video/VP9');
    await waitUntil(async () => (await receivedCodec(camera)) === 'video/VP9', 'the picture arrives in VP9', { timeout: 10000 });
    expect(meet.localParticipant.videoTrackPublications.size, 'the publisher has one video publication').to.equal(1);
    // VP9 goes out as SVC in one stream; the layers are still announced, as livekit-server announces them.
    expect(camera!.trackInfo?.codecs.map((codec) => codec.mimeType)).to.deep.equal(['video/VP9', 'video/VP8']);
    expect(complaints.filter((line) => /track publication|unknown track|failed/i.test(line))).to.deep.equal([]);
  });

  /**
   * A device that decodes neither VP9 nor AV1 (on the two-connection path, /rtc, which still works beside
   * /rtc/v1), a modern one, and Meet publishing VP9 with a VP8 backup.
   */
  async function oldDeviceModernAndMeet(policy?: BackupCodecPolicy) {
    const room = uniqueRoom();
    const old = await connect(room, 'old-device', { singlePeerConnection: false });
    refuseCodecs(subscriberConnection(old), ['VP9', 'AV1']);
    const modern = await connect(room, 'modern');
    const meet = await connect(room, 'meet', meetOptions('vp9', policy));
    await meet.localParticipant.setCameraEnabled(true);
    return { old, modern, meet };
  }

  it('a subscriber that cannot decode VP9 gets the VP8 backup, the same track; everyone else follows it there (regression)', async function () {
    this.timeout(60000);
    const { old, modern, meet } = await oldDeviceModernAndMeet();

    for (const [client, name] of [[old, 'old-device'], [modern, 'modern']] as const) {
      await waitUntil(async () => (await receivedCodec(cameraAt(client, 'meet')[0])) === 'video/VP8', `${name} shows the camera in VP8`, { timeout: 20000 });
      expect(cameraAt(client, 'meet')).to.have.length(1);
    }
    expect(meet.localParticipant.videoTrackPublications.size, 'the backup is no second track').to.equal(1);
    expect(complaints.filter((line) => /track publication|unknown track/i.test(line))).to.deep.equal([]);
  });

  it('backupCodecPolicy SIMULCAST: each subscriber gets the codec it decodes, VP9 or VP8', async function () {
    this.timeout(60000);
    const { old, modern } = await oldDeviceModernAndMeet(BackupCodecPolicy.SIMULCAST);
    await waitUntil(async () => (await receivedCodec(cameraAt(old, 'meet')[0])) === 'video/VP8', 'the old device gets VP8', { timeout: 20000 });
    await waitUntil(async () => (await receivedCodec(cameraAt(modern, 'meet')[0])) === 'video/VP9', 'the modern one keeps VP9', { timeout: 10000 });
  });

  for (const codec of ['h264', 'av1'] as const) {
    it(`a camera published in ${codec.toUpperCase()} reaches our tiles in it`, async function () {
      this.timeout(60000);
      const room = uniqueRoom();
      const watching = await viewer(room, 'viewer');
      const publisher = await connect(room, 'publisher', { publishDefaults: { videoCodec: codec } });
      await publisher.localParticipant.setCameraEnabled(true, { resolution: VideoPresets.h360.resolution });
      await waitUntil(() => tileVideo(watching, 'publisher'), 'a tile for the publisher', { timeout: 15000 });
      await waitForFrames(tileVideo(watching, 'publisher')!, `the tile shows ${codec} frames`);
      const [camera] = cameraAt((watching.session as RoomSession).room!, 'publisher');
      await waitUntil(async () => (await receivedCodec(camera))?.toLowerCase() === `video/${codec}`, `the picture arrives in ${codec}`, { timeout: 10000 });
      expect([...publisher.localParticipant.videoTrackPublications.values()][0]?.track?.source).to.equal(Track.Source.Camera);
    });
  }
});
