// The dev server's command line, run from the built package as `npx rtc-elements-dev-server` would run it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DisconnectReason, SignalResponse } from '@livekit/protocol';
import { createToken } from 'rtc-elements/server';
import { WebSocket } from 'ws';

const cli = fileURLToPath(new URL('../../dist/server/dev-server/cli.js', import.meta.url));

function run(args) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  exited.finally(() => clearTimeout(timer));
  return { child, exited, output: () => output };
}

async function waitFor(pattern, read, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${pattern} in:\n${read()}`);
}

test('--help explains the options, and a bad option says what is wrong', async () => {
  const help = run(['--help']);
  assert.equal(await help.exited, 0);
  assert.match(help.output(), /--port <number>/);
  assert.match(help.output(), /--media <network>\s+where media flows \(default machine\)/);
  assert.match(help.output(), /loopback\s+127\.0\.0\.1 only/);
  const bad = run(['--port', 'seventy']);
  assert.equal(await bad.exited, 2);
  assert.match(bad.output(), /--port must be a whole number, not "seventy"/);
  const badMedia = run(['--media', 'lan']);
  assert.equal(await badMedia.exited, 2);
  assert.match(badMedia.output(), /--media must be machine or loopback, not "lan"/);
});

// Always --media loopback here: machine-mode media is only exercised in a private network namespace
// (dev-server-machine-media.test.mjs), never on this machine's real addresses.
test('serves on a free port, checks tokens, and stops cleanly on SIGTERM', async () => {
  const server = run(['--port', '0', '--media', 'loopback', '--api-key', 'clikey', '--api-secret', 'a-cli-secret-of-some-length']);
  const [, port] = await waitFor(/dev server on ws:\/\/127\.0\.0\.1:(\d+)/, server.output);
  await waitFor(/media \(--media loopback\) on 127\.0\.0\.1\n/, server.output);
  const base = `http://127.0.0.1:${port}`;
  assert.equal((await fetch(`${base}/`)).status, 200);

  // Requests Node's parser accepts but URL cannot read, plain and as upgrades: answered, not fatal.
  for (const request of ['GET //[ HTTP/1.1\r\nHost: x\r\n\r\n', 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n']) {
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.end(request);
    const [answer] = await once(socket, 'data');
    assert.match(String(answer), /^HTTP\/1\.1 400 /);
    socket.destroy();
  }
  assert.equal((await fetch(`${base}/`)).status, 200, 'still serving');

  const forged = await createToken({ apiKey: 'clikey', apiSecret: 'not-the-secret', room: 'r', identity: 'mallory' });
  const refused = await fetch(`${base}/rtc/validate?access_token=${forged}`);
  assert.equal(refused.status, 401);
  assert.match(await refused.text(), /signature/);

  const valid = await createToken({ apiKey: 'clikey', apiSecret: 'a-cli-secret-of-some-length', room: 'r', identity: 'alice' });
  assert.equal((await fetch(`${base}/rtc/validate?access_token=${valid}`)).status, 200);
  assert.equal((await fetch(`${base}/token?room=r&identity=eve`)).status, 404, 'no tokens for anyone without --dev');

  // A joined client hears why it is disconnected before the server goes.
  const socket = new WebSocket(`ws://127.0.0.1:${port}/rtc?access_token=${valid}`);
  socket.binaryType = 'arraybuffer';
  const messages = [];
  socket.on('message', (data) => messages.push(SignalResponse.fromBinary(new Uint8Array(data)).message));
  await waitFor(/join r: alice/, server.output);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.match(server.output(), /SIGTERM: telling clients the server is shutting down[\s\S]*stopped/);
  assert.equal(messages[0]?.case, 'join');
  assert.equal(messages.at(-1)?.case, 'leave', 'the last word is a leave');
  assert.equal(messages.at(-1).value.reason, DisconnectReason.SERVER_SHUTDOWN, 'saying the server shut down');
});

test('--dev hands out tokens signed with the server key, by GET or by the POST rtc-room sends; SIGINT stops it', async () => {
  const server = run(['--port', '0', '--media', 'loopback', '--dev', '--api-key', 'clikey', '--api-secret', 'a-cli-secret-of-some-length']);
  const [, port] = await waitFor(/dev server on ws:\/\/127\.0\.0\.1:(\d+).*tokens for anyone/, server.output);
  const base = `http://127.0.0.1:${port}`;

  const byGet = await fetch(`${base}/token?room=standup&identity=alice&name=Alice`);
  assert.equal(byGet.status, 200);
  const granted = await byGet.json();
  assert.equal(granted.serverUrl, `ws://127.0.0.1:${port}`);
  assert.equal((await fetch(`${base}/rtc/validate?access_token=${granted.token}`)).status, 200, 'the server accepts its own token');
  const claims = JSON.parse(Buffer.from(granted.token.split('.')[1], 'base64url').toString());
  assert.deepEqual([claims.sub, claims.name, claims.video.room], ['alice', 'Alice', 'standup']);

  const byPost = await fetch(`${base}/token`, { method: 'POST', body: JSON.stringify({ room_name: 'standup', participant_identity: 'bob' }) });
  assert.equal(byPost.status, 200);
  assert.equal(JSON.parse(Buffer.from((await byPost.json()).participant_token.split('.')[1], 'base64url').toString()).sub, 'bob');

  assert.equal((await fetch(`${base}/token?identity=eve`)).status, 400, 'a room is required');
  assert.equal((await fetch(`${base}/token`, { method: 'POST', body: '[1,2' })).status, 400, 'malformed JSON is refused');

  server.child.kill('SIGINT');
  assert.equal(await server.exited, 0);
  assert.match(server.output(), /SIGINT: telling clients the server is shutting down[\s\S]*stopped/);
});
