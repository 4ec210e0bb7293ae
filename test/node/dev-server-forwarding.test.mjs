// The dev server's forwarding logic without a network: which simulcast layer a subscriber gets, where a
// keyframe starts, and the sequence numbers and timestamps a subscriber sees across a layer switch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RtpHeader, RtpPacket } from 'werift';
import { DownTrack, chooseLayer, DEFAULT_TRACK_SETTINGS } from '../../dist/server/dev-server/media/down-track.js';
import { findsKeyframes, isKeyframeStart } from '../../dist/server/dev-server/media/keyframes.js';

const LOW = 0;
const MEDIUM = 1;
const HIGH = 2;
const layers = [
  { key: 'q', mimeType: 'video/VP8', quality: LOW, width: 320, height: 180 },
  { key: 'h', mimeType: 'video/VP8', quality: MEDIUM, width: 640, height: 360 },
  { key: 'f', mimeType: 'video/VP8', quality: HIGH, width: 1280, height: 720 },
];
const settings = (change) => ({ ...DEFAULT_TRACK_SETTINGS, ...change });

test('a subscriber gets the best layer at or below its quality, or the smallest covering its size', () => {
  assert.equal(chooseLayer(layers, settings({})).key, 'f', 'high by default');
  assert.equal(chooseLayer(layers, settings({ quality: MEDIUM })).key, 'h');
  assert.equal(chooseLayer(layers, settings({ quality: LOW })).key, 'q');
  assert.equal(chooseLayer(layers, settings({ width: 300, height: 169 })).key, 'q');
  assert.equal(chooseLayer(layers, settings({ width: 321, height: 181 })).key, 'h');
  assert.equal(chooseLayer(layers, settings({ width: 4000, height: 3000 })).key, 'f', 'bigger than all: the biggest');
  assert.equal(chooseLayer(layers, settings({ disabled: true })), undefined, 'disabled: nothing');
  assert.equal(chooseLayer(layers.slice(0, 2), settings({})).key, 'h', 'the top layer paused: the next one');
  assert.equal(chooseLayer(layers.slice(1), settings({ quality: LOW })).key, 'h', 'nothing low enough: the lowest there is');
  assert.equal(chooseLayer([], settings({})), undefined);
});

test('keyframes are found in VP8, H.264, VP9 and AV1 payloads', () => {
  const vp8 = (...bytes) => Uint8Array.from(bytes);
  assert.equal(isKeyframeStart('video/VP8', vp8(0x10, 0x00)), true, 'start of partition 0, P bit clear');
  assert.equal(isKeyframeStart('video/VP8', vp8(0x10, 0x01)), false, 'an interframe');
  assert.equal(isKeyframeStart('video/VP8', vp8(0x00, 0x00)), false, 'not the start of a partition');
  // X, then I with a 15-bit picture id (M set), L and T: the VP8 header is at byte 6.
  assert.equal(isKeyframeStart('video/VP8', vp8(0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 0x00)), true);
  assert.equal(isKeyframeStart('video/VP8', vp8(0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 0x01)), false);
  assert.equal(isKeyframeStart('video/VP8', vp8(0x90, 0x80)), false, 'cut short');
  assert.equal(isKeyframeStart('video/H264', vp8(0x65)), true, 'an IDR unit');
  assert.equal(isKeyframeStart('video/H264', vp8(0x41)), false, 'a non-IDR slice');
  assert.equal(isKeyframeStart('video/H264', vp8(0x78, 0x00, 0x02, 0x09, 0x10, 0x00, 0x03, 0x67, 0x42, 0x00)), true, 'SPS inside STAP-A');
  assert.equal(isKeyframeStart('video/H264', vp8(0x7c, 0x85)), true, 'first FU-A fragment of an IDR');
  assert.equal(isKeyframeStart('video/H264', vp8(0x7c, 0x05)), false, 'a later fragment');
  // VP9: B set and P clear starts a keyframe; with layer indices (L), only in the base spatial layer.
  assert.equal(isKeyframeStart('video/VP9', vp8(0x08)), true, 'start of a frame, not predicted');
  assert.equal(isKeyframeStart('video/VP9', vp8(0x48)), false, 'predicted from an earlier picture');
  assert.equal(isKeyframeStart('video/VP9', vp8(0x00)), false, 'not the start of a frame');
  assert.equal(isKeyframeStart('video/VP9', vp8(0xa8, 0x81, 0x23, 0x00)), true, '15-bit picture id, spatial layer 0');
  assert.equal(isKeyframeStart('video/VP9', vp8(0xa8, 0x81, 0x23, 0x02)), false, 'spatial layer 1 of the same picture');
  assert.equal(isKeyframeStart('video/VP9', vp8(0xa8, 0x05, 0x00)), true, '7-bit picture id, spatial layer 0');
  // AV1: the aggregation header's N bit starts a coded video sequence; Z says the packet continues an OBU.
  assert.equal(isKeyframeStart('video/AV1', vp8(0x18)), true, 'N set');
  assert.equal(isKeyframeStart('video/AV1', vp8(0x10)), false, 'N clear');
  assert.equal(isKeyframeStart('video/AV1', vp8(0x88)), false, 'a continuation');
  assert.equal(findsKeyframes('video/VP9') && findsKeyframes('video/AV1') && findsKeyframes('video/h264'), true);
  assert.equal(findsKeyframes('video/H265'), false, 'a codec it cannot read');
  assert.equal(isKeyframeStart('video/H265', vp8(0x00)), false);
});

/** A published track as a down track sees it: two layers, packets pushed by the test. */
function fakePublished() {
  let subscriber;
  const requested = [];
  const wanted = [];
  return {
    requested,
    wanted,
    kind: 'video',
    switchable: () => true,
    info: { sid: 'TR_test' },
    codecFor: () => 'video/VP8',
    codecOf: () => ({ mimeType: 'video/VP8' }),
    dependencyDescriptor: (packet) => packet.header.extensions.find((extension) => extension.id === 9)?.payload,
    availableLayers: () => layers.slice(0, 2),
    announcedLayers: () => layers,
    wantsChanged: () => wanted.push(subscriber?.wanted()?.quality),
    startsKeyframe: (packet) => packet.payload[0] === 0x10 && packet.payload[1] === 0x00,
    requestKeyframe: (rid) => requested.push(rid),
    subscribe(layerSubscriber) {
      subscriber = layerSubscriber;
      return () => (subscriber = undefined);
    },
    subscriberPacket: (packet, key) => subscriber?.onPacket(packet, key),
    push: (rid, sequenceNumber, timestamp, keyframe = false) =>
      subscriber?.onPacket(new RtpPacket(new RtpHeader({ sequenceNumber, timestamp, ssrc: rid === 'q' ? 1 : 2 }), Buffer.from([0x10, keyframe ? 0x00 : 0x01])), rid),
  };
}

test('a layer switch waits for a keyframe, and the subscriber sees one continuous stream', () => {
  const published = fakePublished();
  const sent = [];
  const output = { track: { writeRtp: (packet) => sent.push([packet.header.sequenceNumber, packet.header.timestamp]) } };
  const down = new DownTrack(published, output);
  assert.deepEqual(published.requested, ['h'], 'a keyframe of the best layer is asked for at once');

  published.push('h', 100, 9000);
  assert.deepEqual(sent, [], 'nothing before a keyframe');
  published.push('h', 101, 9000, true);
  published.push('q', 500, 70000, true);
  published.push('h', 102, 12000);
  assert.deepEqual(sent, [[101, 9000], [102, 12000]], 'only the chosen layer, from its keyframe on');
  assert.equal(down.forwardedLayer, 'h');

  down.update({ quality: LOW });
  assert.equal(published.requested.at(-1), 'q');
  assert.deepEqual(published.wanted, [LOW], 'the publisher hears the quality wanted (dynacast)');
  published.push('q', 501, 73000);
  published.push('h', 103, 15000);
  assert.equal(down.forwardedLayer, 'h', 'the old layer goes on until the new one has a keyframe');
  published.push('q', 502, 76000, true);
  published.push('h', 104, 18000);
  published.push('q', 503, 79000);
  assert.equal(down.forwardedLayer, 'q');
  const last = sent.slice(-3);
  assert.deepEqual(
    last.map(([sequenceNumber]) => sequenceNumber),
    [103, 104, 105],
    'sequence numbers run on across the switch',
  );
  assert.ok(last[1][1] > last[0][1], 'the timestamp moves forward across the switch');
  assert.equal(last[2][1] - last[1][1], 3000, 'and then advances as the new layer does');

  down.update({ disabled: true });
  published.push('q', 504, 82000, true);
  assert.equal(sent.length, 5, 'nothing while disabled');
  assert.deepEqual(published.wanted, [LOW, undefined], 'and no layer is wanted');
  down.close();
});

const videoLayers = async () => {
  const { VideoLayer } = await import('@livekit/protocol');
  return layers.map(({ quality, width, height }) => new VideoLayer({ quality, width, height }));
};

/** A subscriber as a published track sees it, wanting `want.value` of `mimeType` (undefined: nothing). */
const subscriber = (want, mimeType = 'video/VP8') => ({
  onPacket() {},
  onAvailabilityChange() {},
  wanted: () => (want.value === undefined ? undefined : { mimeType, quality: want.value }),
});

test('of the publisher’s header extensions only the dependency descriptor goes on, under the subscriber’s id for it', () => {
  const published = fakePublished();
  const sent = [];
  const output = { track: { writeRtp: (packet) => sent.push(packet.header.extensions) }, dependencyDescriptorId: () => 4 };
  const down = new DownTrack(published, output);
  const packet = new RtpPacket(
    new RtpHeader({ sequenceNumber: 1, timestamp: 1, ssrc: 2, extension: true, extensions: [{ id: 3, payload: Buffer.from('mid') }, { id: 9, payload: Buffer.from([0x80, 0x01]) }] }),
    Buffer.from([0x10, 0x00]),
  );
  published.push('h', 1, 1, true);
  published.subscriberPacket(packet, 'h');
  assert.deepEqual(sent.at(-1), [{ id: 4, payload: Buffer.from([0x80, 0x01]) }]);
  output.dependencyDescriptorId = () => undefined;
  published.subscriberPacket(packet, 'h');
  assert.deepEqual(sent.at(-1), [], 'a subscriber that did not negotiate it gets none');
  down.close();
});

test('dynacast: the publisher hears a raise at once and a fall only if it holds', async () => {
  const { AddTrackRequest, TrackType } = await import('@livekit/protocol');
  const { PublishedTrack } = await import('../../dist/server/dev-server/media/published-track.js');
  const track = new PublishedTrack(
    'camera',
    new AddTrackRequest({ type: TrackType.VIDEO, layers: await videoLayers(), simulcastCodecs: [{ codec: 'vp8', cid: 'camera' }] }),
  );
  const told = [];
  track.onWantedQualityChange = (wanted) => told.push(wanted.get('video/VP8'));
  const bob = { value: LOW };
  const stopBob = track.subscribe(subscriber(bob));
  assert.deepEqual(told, [], 'a fall (from every layer to the low one) waits');
  const carol = { value: HIGH };
  const stopCarol = track.subscribe(subscriber(carol));
  assert.deepEqual(told, [], 'high is what the publisher sends already');
  stopCarol();
  await new Promise((resolve) => setTimeout(resolve, 2200));
  assert.deepEqual(told, [LOW], 'carol gone: the high layers pause, a little later');
  bob.value = MEDIUM;
  track.wantsChanged();
  assert.deepEqual(told, [LOW, MEDIUM], 'a raise is told at once');
  stopBob();
  await new Promise((resolve) => setTimeout(resolve, 2200));
  assert.deepEqual(told, [LOW, MEDIUM, undefined], 'nobody left: nothing is wanted');
  track.close();
});

/** A werift layer and its section, as the publisher's connection hands them over; `send` pushes a packet. */
function fakeSection(mid, rid, codecs, headerExtensions = []) {
  let deliver;
  const track = { rid, ssrc: 7, onReceiveRtp: { subscribe: (handler) => (deliver = handler) } };
  const transceiver = { mid, receiver: { sendRtcpPLI: async () => {} }, codecs, headerExtensions };
  const packet = (payloadType, payload = [0x10, 0x00], extensions = []) =>
    new RtpPacket(new RtpHeader({ payloadType, sequenceNumber: 1, timestamp: 1, ssrc: 7, extension: extensions.length > 0, extensions }), Buffer.from(payload));
  const send = (payloadType, payload) => deliver(packet(payloadType, payload));
  return { track, transceiver, send, packet, deliver: (p) => deliver(p) };
}

test('the dependency descriptor is kept for AV1 only: simulcast VP8 numbers its frames per layer', async () => {
  const { AddTrackRequest, TrackType } = await import('@livekit/protocol');
  const { PublishedTrack } = await import('../../dist/server/dev-server/media/published-track.js');
  const { DEPENDENCY_DESCRIPTOR } = await import('../../dist/server/dev-server/media/codecs.js');
  const descriptor = [{ id: 5, payload: Buffer.from([0xc0, 0x01]) }];
  for (const [codec, mimeType, kept] of [['av1', 'video/AV1', true], ['vp8', 'video/VP8', false]]) {
    const track = new PublishedTrack('camera', new AddTrackRequest({ type: TrackType.VIDEO, layers: await videoLayers(), simulcastCodecs: [{ codec, cid: 'camera' }] }));
    const section = fakeSection('0', '', [{ payloadType: 45, mimeType }], [{ id: 5, uri: DEPENDENCY_DESCRIPTOR }]);
    track.addLayer(section.track, section.transceiver, 'camera');
    const packet = section.packet(45, [0x18], descriptor);
    section.deliver(packet);
    assert.deepEqual(track.dependencyDescriptor(packet, '0/'), kept ? descriptor[0].payload : undefined, mimeType);
    track.close();
  }
});

test('a backup codec is the same track: who cannot decode the primary gets it, and it takes over unless the policy is SIMULCAST', async () => {
  const { AddTrackRequest, BackupCodecPolicy, TrackType } = await import('@livekit/protocol');
  const { PublishedTrack } = await import('../../dist/server/dev-server/media/published-track.js');
  const publish = async (backupCodecPolicy) => {
    const track = new PublishedTrack(
      'camera',
      new AddTrackRequest({ type: TrackType.VIDEO, layers: await videoLayers(), backupCodecPolicy, simulcastCodecs: [{ codec: 'vp9', cid: 'camera' }, { codec: 'vp8', cid: '' }] }),
    );
    assert.deepEqual(track.codecs, ['video/VP9', 'video/VP8']);
    assert.equal(track.info.simulcast, false, 'SVC in one stream, as livekit-server says of a VP9 primary');
    const primary = fakeSection('0', '', [{ payloadType: 98, mimeType: 'video/VP9', parameters: 'profile-id=0' }]);
    track.addLayer(primary.track, primary.transceiver, 'camera');
    primary.send(98, [0x08]);
    return track;
  };
  const vp8Only = (mimeType) => mimeType === 'video/VP8';

  const track = await publish(BackupCodecPolicy.PREFER_REGRESSION);
  assert.equal(track.codecFor(() => true), 'video/VP9', 'who decodes anything gets the primary');
  assert.equal(track.codecFor(vp8Only), 'video/VP8', 'who decodes VP8 only, the backup');
  assert.deepEqual(track.availableLayers().map((layer) => [layer.mimeType, layer.quality, layer.width]), [['video/VP9', HIGH, 1280]], 'the SVC stream is as big as its best layer');

  const told = [];
  track.onWantedQualityChange = (wanted) => told.push(Object.fromEntries(wanted));
  const everyone = track.subscribe(subscriber({ value: HIGH }, 'video/VP9'));
  const old = track.subscribe(subscriber({ value: MEDIUM }, 'video/VP8'));
  assert.deepEqual(told, [{ 'video/VP9': HIGH, 'video/VP8': MEDIUM }], 'the publisher is asked for the backup at once');

  assert.equal(track.hasCid('backup'), false);
  assert.equal(track.addBackup(new AddTrackRequest({ sid: track.info.sid, cid: 'backup', simulcastCodecs: [{ codec: 'h264', cid: 'backup' }] })), false, 'not its backup codec');
  assert.equal(track.addBackup(new AddTrackRequest({ sid: track.info.sid, cid: 'backup', simulcastCodecs: [{ codec: 'vp8', cid: 'backup' }] })), true);
  assert.equal(track.hasCid('backup'), true, 'the backup’s media is known as this track’s');
  const backup = fakeSection('2', 'q', [{ payloadType: 96, mimeType: 'video/VP8' }]);
  track.addLayer(backup.track, backup.transceiver, 'backup');
  assert.equal(track.codecFor(() => true), 'video/VP9', 'nothing of the backup yet: the primary');
  backup.send(96);
  assert.equal(track.codecFor(() => true), 'video/VP8', 'the backup arrives: everyone regresses to it');
  assert.equal(track.info.codecs[1].mid, '2');
  assert.equal(track.info.mimeType, 'video/VP9', 'the track is still announced in its primary codec');
  everyone();
  old();
  track.close();

  const simulcast = await publish(BackupCodecPolicy.SIMULCAST);
  simulcast.addBackup(new AddTrackRequest({ sid: simulcast.info.sid, cid: 'backup', simulcastCodecs: [{ codec: 'vp8', cid: 'backup' }] }));
  const second = fakeSection('2', 'q', [{ payloadType: 96, mimeType: 'video/VP8' }]);
  simulcast.addLayer(second.track, second.transceiver, 'backup');
  second.send(96);
  assert.equal(simulcast.codecFor(() => true), 'video/VP9', 'SIMULCAST: both go on, each to whoever decodes it');
  assert.equal(simulcast.codecFor(vp8Only), 'video/VP8');
  simulcast.close();
});

test('a forwarded packet goes out under the payload type its codec has on the subscriber’s connection', async () => {
  const { matchingCodec, sendAsCarried, carries } = await import('../../dist/server/dev-server/media/codecs.js');
  const negotiated = [
    { payloadType: 96, mimeType: 'video/VP8' },
    { payloadType: 98, mimeType: 'video/VP9', parameters: 'profile-id=2' },
    { payloadType: 100, mimeType: 'video/VP9', parameters: 'profile-id=0' },
    { payloadType: 102, mimeType: 'video/H264', parameters: 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f' },
    { payloadType: 104, mimeType: 'video/H264', parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f' },
  ];
  assert.equal(matchingCodec(negotiated, { mimeType: 'video/vp9', parameters: 'profile-id=0' }).payloadType, 100, 'the same VP9 profile');
  assert.equal(matchingCodec(negotiated, { mimeType: 'video/H264', parameters: 'packetization-mode=1' }).payloadType, 104, 'the same packetization');
  assert.equal(matchingCodec(negotiated, { mimeType: 'video/AV1' }), undefined);
  const transceiver = { codecs: negotiated, sender: { codec: negotiated[0] } };
  const output = {};
  sendAsCarried(transceiver, output);
  assert.equal(transceiver.sender.codec.payloadType, 96, 'nothing carried yet: the first negotiated');
  output.codec = { mimeType: 'video/VP9', parameters: 'profile-id=0' };
  assert.equal(transceiver.sender.codec.payloadType, 100);
  transceiver.sender.codec = negotiated[1];
  assert.equal(transceiver.sender.codec.payloadType, 100, 'a renegotiation does not undo it');
  assert.equal(carries(transceiver, 'video/AV1'), false);
  assert.equal(carries({ codecs: [] }, 'video/AV1'), true, 'nothing negotiated yet: anything');
});
