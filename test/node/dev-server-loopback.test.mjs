// The dev server's WebRTC must stay on 127.0.0.1: this workplace (and a developer's network) gets no STUN
// lookups, no mDNS queries and no connectivity checks from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoopbackPeer, isLoopback, loopbackCandidatesOnly } from '../../dist/server/dev-server/media/loopback-peer.js';

test('gathers a single host candidate on 127.0.0.1 and uses no STUN server', async () => {
  const candidates = [];
  const peer = new LoopbackPeer((candidate) => candidates.push(candidate.candidate));
  peer.pc.createDataChannel('probe');
  await peer.pc.setLocalDescription(await peer.pc.createOffer());
  peer.descriptionSent();
  const deadline = Date.now() + 5000;
  while (peer.pc.iceGatheringState !== 'complete' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(peer.pc.iceGatheringState, 'complete');
  assert.ok(candidates.length > 0, 'a candidate was gathered');
  for (const candidate of candidates) assert.match(candidate, / 127\.0\.0\.1 \d+ typ host/);
  for (const transport of peer.pc.iceTransports) assert.equal(transport.connection.stunServer, undefined, 'no STUN fallback');
  peer.close();
});

test('keeps only UDP loopback candidates from a remote description', () => {
  const sdp = [
    'v=0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    'a=candidate:2 1 udp 2122260223 3f2a-1b.local 50001 typ host',
    'a=candidate:3 1 udp 2122260223 127.evil.example 50002 typ host',
    'a=candidate:4 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active',
    'a=candidate:5 1 udp 2122260223 10.0.0.7 50003 typ host',
    'a=mid:0',
  ].join('\r\n');
  const kept = loopbackCandidatesOnly(sdp).split('\r\n').filter((line) => line.startsWith('a=candidate:'));
  assert.deepEqual(kept, ['a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host']);
  assert.equal(isLoopback('127.0.0.1'), true);
  assert.equal(isLoopback('127.evil.example'), false);
  assert.equal(isLoopback('10.0.0.7'), false);
});
