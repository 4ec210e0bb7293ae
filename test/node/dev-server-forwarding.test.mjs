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
  { rid: 'q', quality: LOW, width: 320, height: 180 },
  { rid: 'h', quality: MEDIUM, width: 640, height: 360 },
  { rid: 'f', quality: HIGH, width: 1280, height: 720 },
];
const settings = (change) => ({ ...DEFAULT_TRACK_SETTINGS, ...change });

test('a subscriber gets the best layer at or below its quality, or the smallest covering its size', () => {
  assert.equal(chooseLayer(layers, settings({})).rid, 'f', 'high by default');
  assert.equal(chooseLayer(layers, settings({ quality: MEDIUM })).rid, 'h');
  assert.equal(chooseLayer(layers, settings({ quality: LOW })).rid, 'q');
  assert.equal(chooseLayer(layers, settings({ width: 300, height: 169 })).rid, 'q');
  assert.equal(chooseLayer(layers, settings({ width: 321, height: 181 })).rid, 'h');
  assert.equal(chooseLayer(layers, settings({ width: 4000, height: 3000 })).rid, 'f', 'bigger than all: the biggest');
  assert.equal(chooseLayer(layers, settings({ disabled: true })), undefined, 'disabled: nothing');
  assert.equal(chooseLayer(layers.slice(0, 2), settings({})).rid, 'h', 'the top layer paused: the next one');
  assert.equal(chooseLayer(layers.slice(1), settings({ quality: LOW })).rid, 'h', 'nothing low enough: the lowest there is');
  assert.equal(chooseLayer([], settings({})), undefined);
});

test('keyframes are found in VP8 and H.264 payloads', () => {
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
  assert.equal(findsKeyframes('video/VP9'), false);
  assert.equal(isKeyframeStart('video/VP9', vp8(0x00)), false);
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
    switchable: true,
    info: { sid: 'TR_test' },
    availableLayers: () => layers.slice(0, 2),
    announcedLayers: () => layers,
    wantsChanged: () => wanted.push(subscriber?.wantedQuality()),
    startsKeyframe: (packet) => packet.payload[0] === 0x10 && packet.payload[1] === 0x00,
    requestKeyframe: (rid) => requested.push(rid),
    subscribe(layerSubscriber) {
      subscriber = layerSubscriber;
      return () => (subscriber = undefined);
    },
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

test('dynacast: the publisher hears a raise at once and a fall only if it holds', async () => {
  const { AddTrackRequest, TrackType, VideoLayer } = await import('@livekit/protocol');
  const { PublishedTrack } = await import('../../dist/server/dev-server/media/published-track.js');
  const track = new PublishedTrack(
    'camera',
    new AddTrackRequest({ type: TrackType.VIDEO, layers: layers.map(({ quality, width, height }) => new VideoLayer({ quality, width, height })) }),
  );
  const told = [];
  track.onWantedQualityChange = (quality) => told.push(quality);
  const subscriber = (quality) => ({ onPacket() {}, onAvailabilityChange() {}, wantedQuality: () => quality.value });
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
