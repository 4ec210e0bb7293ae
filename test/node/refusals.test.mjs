// The servers' refusals are answers: a body over the limit gets a 413 with a JSON error and the connection
// closes (before, the reader destroyed the request and the client saw a reset), and a roomAdmin grant is admin
// of the room it names only, as livekit-server checks it. Through the published entry, as an app imports it.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { EncodedFileOutput } from '@livekit/protocol';
import { AccessToken } from 'livekit-server-sdk';
import { DEV_API_KEY, DEV_API_SECRET, createCastHandler, createToken, startDevServer } from 'rtc-elements/server';

let devServer;
let castServer;
let httpUrl;
let castUrl;

before(async () => {
  devServer = await startDevServer({ host: '127.0.0.1', port: 0, devTokens: true });
  httpUrl = devServer.url.replace(/^ws/, 'http');
  const handle = createCastHandler({
    serverUrl: devServer.url,
    apiKey: DEV_API_KEY,
    apiSecret: DEV_API_SECRET,
    layoutUrl: 'http://127.0.0.1/cast-view.html',
    outputs: { file: new EncodedFileOutput({ filepath: 'cast.webm' }) },
  });
  castServer = createServer((request, response) => void handle(request, response));
  await new Promise((resolve) => castServer.listen(0, '127.0.0.1', resolve));
  castUrl = `http://127.0.0.1:${castServer.address().port}/cast`;
});

after(async () => {
  castServer?.close();
  await devServer?.close();
});

async function adminToken(grant) {
  const token = new AccessToken(DEV_API_KEY, DEV_API_SECRET, { identity: 'api' });
  token.addGrant(grant);
  return token.toJwt();
}

async function post(url, body, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, connection: response.headers.get('connection'), json: await response.json() };
}

const padded = (bytes) => JSON.stringify({ room: 'r', pad: 'x'.repeat(bytes) });

test('a body over the limit is a 413 with a JSON error, then the connection closes: cast handler, server API, dev tokens', async () => {
  const castToken = await createToken({ room: 'r', identity: 'host', grants: { roomAdmin: true } });
  for (const bytes of [20 * 1024, 1024 * 1024]) {
    const answer = await post(castUrl, padded(bytes), { authorization: `Bearer ${castToken}` });
    assert.equal(answer.status, 413, `cast handler, ${bytes} bytes`);
    assert.equal(answer.json.error.code, 'bad-request');
    assert.match(answer.json.error.message, /over 16384 bytes/);
    assert.equal(answer.connection, 'close');
  }
  const api = await post(`${httpUrl}/twirp/livekit.RoomService/ListRooms`, padded(300 * 1024), {
    authorization: `Bearer ${await adminToken({ roomList: true })}`,
  });
  assert.equal(api.status, 413, 'server API over 256 KiB');
  assert.equal(api.json.code, 'invalid_argument');
  assert.equal(api.connection, 'close');
  const token = await post(`${httpUrl}/token`, padded(64 * 1024));
  assert.equal(token.status, 413, 'dev token endpoint');
  // The same requests under the limit are answered as before.
  assert.equal((await post(`${httpUrl}/twirp/livekit.RoomService/ListRooms`, '{}', { authorization: `Bearer ${await adminToken({ roomList: true })}` })).status, 200);
  assert.equal((await post(`${httpUrl}/token`, JSON.stringify({ room: 'r', identity: 'ann' }))).status, 200);
});

test('roomAdmin is admin of the room the token names only; without a room it is admin of none', async () => {
  const room = `grants-${Date.now()}`;
  const listParticipants = async (grant) =>
    post(`${httpUrl}/twirp/livekit.RoomService/ListParticipants`, JSON.stringify({ room }), { authorization: `Bearer ${await adminToken(grant)}` });
  const roomless = await listParticipants({ roomAdmin: true });
  assert.equal(roomless.status, 403, 'roomAdmin naming no room');
  assert.equal(roomless.json.code, 'permission_denied');
  assert.equal((await listParticipants({ roomAdmin: true, room: 'another-room' })).status, 403, 'roomAdmin of another room');
  // The right room passes the grant check (and finds no such room open yet).
  const own = await listParticipants({ roomAdmin: true, room });
  assert.equal(own.status, 404);
  assert.equal(own.json.code, 'not_found');
});
