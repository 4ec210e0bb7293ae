// The dev server's WebRTC keeps to its media network: 127.0.0.1 by default, this machine's own addresses in
// machine mode. It makes no STUN lookups and no mDNS queries, and checks or answers no other address. Here
// only loopback is ever used: real traffic on machine addresses is tested in a private namespace
// (dev-server-machine-media.test.mjs).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { networkInterfaces } from 'node:os';
import { test } from 'node:test';
import {
  LOOPBACK_NETWORK,
  MediaPeer,
  acceptsCandidate,
  keepAcceptedCandidates,
  machineAddresses,
  machineNetwork,
  mediaPeerConfig,
  namedMediaNetwork,
} from '../../dist/server/dev-server/media/media-peer.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

/** Gathers a peer's candidates for a data channel offer; resolves with them once gathering is complete. */
async function gather(network) {
  const candidates = [];
  const peer = new MediaPeer((candidate) => candidates.push(candidate.candidate), network);
  peer.pc.createDataChannel('probe');
  await peer.offer();
  peer.descriptionSent();
  await until(() => peer.pc.iceGatheringState === 'complete', 'gathering');
  return { peer, candidates };
}

/** The host each of a peer's sockets is bound to, as the operating system has it. */
const boundHosts = (peer) =>
  peer.pc.iceTransports.flatMap((transport) => transport.connection.protocols.map((protocol) => protocol.transport.socket.address().address));

test('gathers a single host candidate on 127.0.0.1 and uses no STUN server', async () => {
  const candidates = [];
  const peer = new MediaPeer((candidate) => candidates.push(candidate.candidate));
  peer.pc.createDataChannel('probe');
  await peer.pc.setLocalDescription(await peer.pc.createOffer());
  peer.descriptionSent();
  await until(() => peer.pc.iceGatheringState === 'complete', 'gathering');
  assert.ok(candidates.length > 0, 'a candidate was gathered');
  for (const candidate of candidates) assert.match(candidate, / 127\.0\.0\.1 \d+ typ host/);
  for (const transport of peer.pc.iceTransports) assert.equal(transport.connection.stunServer, undefined, 'no STUN fallback');
  assert.deepEqual(boundHosts(peer), ['127.0.0.1'], 'listening on 127.0.0.1 only');
  peer.close();
});

test('gathers one host candidate on each address of its network, each socket bound to that address', async () => {
  const { peer, candidates } = await gather({ addresses: ['127.0.0.1', '127.0.0.2'] });
  const hosts = candidates.map((candidate) => candidate.split(' ')[4]).sort();
  assert.deepEqual(hosts, ['127.0.0.1', '127.0.0.2']);
  assert.deepEqual(boundHosts(peer).sort(), ['127.0.0.1', '127.0.0.2'], 'not the wildcard address');
  peer.close();
});

test('connects only between the same address on both sides', async () => {
  // Two werift peers on loopback: b offers on two addresses, a answers on one. They meet on the shared one.
  const a = new MediaPeer((candidate) => void b.addCandidate(candidate), { addresses: ['127.0.0.2'] });
  const b = new MediaPeer((candidate) => void a.addCandidate(candidate), { addresses: ['127.0.0.1', '127.0.0.2'] });
  try {
    b.pc.createDataChannel('probe');
    const offer = await b.offer();
    b.descriptionSent();
    const answer = await a.answer(offer);
    a.descriptionSent();
    await b.accept(answer);
    await until(() => a.pc.connectionState === 'connected' && b.pc.connectionState === 'connected', 'connected', 10_000);
    for (const peer of [a, b]) {
      const { nominated } = peer.pc.iceTransports[0].connection;
      assert.deepEqual([nominated.localCandidate.host, nominated.remoteCandidate.host], ['127.0.0.2', '127.0.0.2']);
    }
  } finally {
    a.close();
    b.close();
  }
});

test('drops every datagram that does not come from the socket\'s own address, before werift answers it', async () => {
  // werift would answer this request (an Allocate, not a Binding) with an error whoever sent it.
  const { peer, candidates } = await gather({ addresses: ['127.0.0.2'] });
  const port = Number(candidates[0].split(' ')[5]);
  const answerTo = async (from) => {
    const socket = createSocket('udp4');
    try {
      socket.bind(0, from);
      await once(socket, 'listening');
      const request = Buffer.alloc(20);
      request.writeUInt16BE(0x0003, 0);
      request.writeUInt32BE(0x2112a442, 4);
      randomBytes(12).copy(request, 8);
      socket.send(request, port, '127.0.0.2');
      const reply = once(socket, 'message').then(([message]) => message.readUInt16BE(0));
      return await Promise.race([reply, sleep(500).then(() => 'none')]);
    } finally {
      socket.close();
    }
  };
  try {
    assert.equal(await answerTo('127.0.0.1'), 'none', 'another address gets nothing');
    assert.equal(await answerTo('127.0.0.2'), 0x0113, 'its own address gets werift\'s error response');
  } finally {
    peer.close();
  }
});

const network = { addresses: ['127.0.0.1', '10.0.0.7'] };

test('accepts remote candidates only as UDP on one of its addresses', () => {
  const sdp = [
    'v=0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    'a=candidate:2 1 udp 2122260223 3f2a-1b.local 50001 typ host',
    'a=candidate:3 1 udp 2122260223 127.evil.example 50002 typ host',
    'a=candidate:4 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active',
    'a=candidate:5 1 udp 2122260223 10.0.0.7 50003 typ host',
    'a=candidate:6 1 udp 2122260223 10.0.0.8 50004 typ host',
    'a=candidate:7 1 udp 2122260223 10.0.0.70 50005 typ host',
    'a=candidate:8 1 udp 2122260223 127.0.0.2 50006 typ host',
    'a=mid:0',
  ].join('\r\n');
  const kept = (net) => keepAcceptedCandidates(sdp, net).split('\r\n').filter((line) => line.startsWith('a=candidate:'));
  assert.deepEqual(kept(LOOPBACK_NETWORK), ['a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host']);
  assert.deepEqual(kept(network), ['a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'a=candidate:5 1 udp 2122260223 10.0.0.7 50003 typ host']);
  assert.ok(keepAcceptedCandidates(sdp, network).includes('a=mid:0'), 'other lines stay');

  // Trickled candidates, as livekit-client sends them.
  assert.equal(acceptsCandidate('candidate:5 1 udp 2122260223 10.0.0.7 50003 typ host generation 0', network), true);
  assert.equal(acceptsCandidate('candidate:5 1 UDP 2122260223 10.0.0.7 50003 typ host', network), true);
  assert.equal(acceptsCandidate('candidate:5 1 udp 2122260223 10.0.0.7 50003 typ host', LOOPBACK_NETWORK), false);
  assert.equal(acceptsCandidate('candidate:2 1 udp 2122260223 3f2a-1b.local 50001 typ host', network), false, 'no mDNS');
  assert.equal(acceptsCandidate('candidate:4 1 tcp 1518280447 10.0.0.7 9 typ host tcptype active', network), false, 'UDP only');
  assert.equal(acceptsCandidate('candidate:6 1 udp 2122260223 192.168.1.20 50004 typ host', network), false, 'another device');
  assert.equal(acceptsCandidate('', network), false);
  assert.equal(acceptsCandidate(undefined, network), false);
});

test('pairs and answers checks only between the same address of its network on both sides', () => {
  const config = mediaPeerConfig(network);
  assert.deepEqual(config.iceServers, [], 'no STUN server');
  assert.deepEqual(config.iceAdditionalHostAddresses, ['127.0.0.1', '10.0.0.7']);
  assert.equal(config.iceUseIpv4, false, 'no interface enumeration');
  assert.equal(config.iceUseIpv6, false);

  const pair = (local, remote) => config.iceFilterCandidatePair({ localCandidate: { host: local }, remoteCandidate: { host: remote } });
  assert.equal(pair('10.0.0.7', '10.0.0.7'), true);
  assert.equal(pair('127.0.0.1', '127.0.0.1'), true);
  assert.equal(pair('127.0.0.1', '10.0.0.7'), false, 'not across addresses');
  assert.equal(pair('10.0.0.7', '192.168.1.20'), false, 'not another device');
  assert.equal(pair('192.168.1.20', '192.168.1.20'), false, 'not an address outside the network');

  // A check from an address never signalled (peer-reflexive) is answered when it is the socket's own address.
  const answers = (from, socket) => config.iceFilterStunResponse({}, [from, 50000], { localCandidate: socket && { host: socket } });
  assert.equal(answers('10.0.0.7', '10.0.0.7'), true);
  assert.equal(answers('127.0.0.1', '127.0.0.1'), true);
  assert.equal(answers('127.0.0.1', '10.0.0.7'), false);
  assert.equal(answers('192.168.1.20', '10.0.0.7'), false);
  assert.equal(answers('10.0.0.7', undefined), false);

  const loopback = mediaPeerConfig(LOOPBACK_NETWORK);
  assert.equal(loopback.iceFilterStunResponse({}, ['10.0.0.7', 1], { localCandidate: { host: '127.0.0.1' } }), false);
  assert.deepEqual(loopback.iceAdditionalHostAddresses, ['127.0.0.1']);
  assert.deepEqual(mediaPeerConfig({ addresses: ['::1', 'example.com', '127.0.0.1'] }).iceAdditionalHostAddresses, ['127.0.0.1'], 'IPv4 only');
});

test('machine mode is this machine\'s own IPv4 addresses, read when each peer is made', () => {
  const expected = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry.family === 'IPv4')
    .map((entry) => entry.address);
  assert.deepEqual(machineAddresses().sort(), [...new Set(expected)].sort());
  assert.ok(machineAddresses().includes('127.0.0.1'), 'loopback included');
  assert.deepEqual(machineNetwork().addresses, machineAddresses());

  assert.equal(namedMediaNetwork('loopback'), LOOPBACK_NETWORK);
  assert.deepEqual(namedMediaNetwork('machine').addresses, machineAddresses());
  assert.equal(namedMediaNetwork('lan'), undefined);

  // A peer keeps the addresses it was made with (nothing is gathered here: no description is set).
  let reads = 0;
  const changing = {
    get addresses() {
      reads++;
      return reads === 1 ? ['127.0.0.1'] : ['127.0.0.1', '10.0.0.7'];
    },
  };
  const peer = new MediaPeer(() => undefined, changing);
  assert.deepEqual(peer.network.addresses, ['127.0.0.1']);
  assert.deepEqual(changing.addresses, ['127.0.0.1', '10.0.0.7']);
  peer.close();
});
