// Node side of the package, tested through its published entry (`rtc-elements/server`) as an app would
// import it; the build suite runs first. Node 20 cannot run TypeScript tests without a loader, hence .mjs.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { DEV_API_KEY, DEV_API_SECRET, createToken } from 'rtc-elements/server';

const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

test('createToken signs a LiveKit token a server with the same secret accepts', async () => {
  const token = await createToken({ room: 'daily-standup', identity: 'alice', name: 'Alice', ttl: 600 });
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', DEV_API_SECRET).update(`${header}.${payload}`).digest('base64url');
  assert.equal(signature, expected, 'HS256 signature with the dev secret');
  const claims = decode(payload);
  assert.equal(claims.iss, DEV_API_KEY);
  assert.equal(claims.sub, 'alice');
  assert.equal(claims.name, 'Alice');
  assert.deepEqual(
    { room: claims.video.room, roomJoin: claims.video.roomJoin, canPublish: claims.video.canPublish, canSubscribe: claims.video.canSubscribe },
    { room: 'daily-standup', roomJoin: true, canPublish: true, canSubscribe: true },
  );
  const now = Math.floor(Date.now() / 1000);
  assert.ok(claims.exp > now + 590 && claims.exp <= now + 601, 'expires after the ttl');
});

test('createToken adds extra grants and uses a given key and secret', async () => {
  const token = await createToken({ apiKey: 'prodkey', apiSecret: 'a-long-production-secret', room: 'r', identity: 'host', grants: { roomAdmin: true } });
  const [header, payload, signature] = token.split('.');
  assert.equal(signature, createHmac('sha256', 'a-long-production-secret').update(`${header}.${payload}`).digest('base64url'));
  assert.equal(decode(payload).iss, 'prodkey');
  assert.equal(decode(payload).video.roomAdmin, true);
});
