// Machine-mode media (the dev server's CLI default) with real Chromium that was NOT started with
// --allow-loopback-in-peer-connection: two tabs of an everyday browser get each other's camera. No traffic
// may go to this machine's real addresses, so it runs in a private network namespace (test/netns/) whose
// "machine" has loopback and 10.77.0.1 only; the same namespace shows a loopback-mode server connecting no
// media for that browser. Runs against the built package (dist/), like the other Node tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const script = fileURLToPath(new URL('../netns/machine-media.mjs', import.meta.url));
const LIMIT_MS = 120_000;

/** Runs the namespace script; resolves with its output and exit code, killing everything it started at the limit. */
function runInNamespace() {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-rn', process.execPath, script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, RTC_PARENT_NETNS: readlinkSync('/proc/self/ns/net') },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${LIMIT_MS / 1000} s)`;
      process.kill(-child.pid, 'SIGKILL');
    }, LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const connected = (record) => record.states.includes('connected');

test('everyday Chromium gets media from a machine-mode server, and none from a loopback-mode one', { timeout: LIMIT_MS + 10_000 }, async () => {
  const probe = spawnSync('unshare', ['-rn', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    assert.fail(
      `machine-mode media is only tested in a private network namespace, and "unshare -rn" failed here (${(probe.error?.message ?? probe.stderr).trim()}): ` +
        'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, and on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0) or run the tests as root',
    );
  }

  const { code, output } = await runInNamespace();
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(code === 0 && line, `the namespace run failed (exit ${code}):\n${output}`);
  const { addresses, machine, loopback, demo } = JSON.parse(line.slice('RESULT '.length));
  assert.deepEqual([...addresses].sort(), ['10.77.0.1', '127.0.0.1']);

  // Machine mode, the CLI's default: media on the namespace machine's own addresses.
  assert.equal(machine.log, 'media (--media machine) on 127.0.0.1, 10.77.0.1');
  const direct = { local: '10.77.0.1', remote: '10.77.0.1', localType: 'host', remoteType: 'host' };
  assert.deepEqual(machine.publisher.pair, direct, 'the camera goes up by 10.77.0.1, not loopback');
  assert.deepEqual(machine.subscriber.pair, direct, 'and comes down by 10.77.0.1');
  assert.ok(machine.subscriber.videoWidth > 0, 'the other tab shows the camera');
  assert.ok(machine.subscriber.framesDecoded[1] > machine.subscriber.framesDecoded[0], 'with frames still coming');

  // A watching tab that signals only mDNS names, which the server drops: media still flows, so the server
  // took its address from its checks (peer-reflexive), an address of ours.
  const watcherCandidates = machine.watcherConnections.flatMap((record) => record.candidates);
  assert.ok(watcherCandidates.length > 0, 'the watching browser signalled candidates');
  for (const candidate of watcherCandidates) assert.match(candidate, / [\w-]+\.local \d+ typ host/, 'only mDNS names');
  assert.ok(machine.watcher.videoWidth > 0 && machine.watcher.framesDecoded[1] > machine.watcher.framesDecoded[0], 'the watcher shows the camera');
  assert.ok(['127.0.0.1', '10.77.0.1'].includes(machine.watcher.pair.remote), `by one of our addresses: ${machine.watcher.pair.remote}`);

  // Loopback mode, same namespace, same browser: signalling works, media never connects.
  assert.equal(loopback.log, 'media (--media loopback) on 127.0.0.1');
  assert.match(loopback.serverLog, /join loopback: alice[\s\S]*join loopback: bob|join loopback: bob[\s\S]*join loopback: alice/, 'both joined');
  assert.ok(loopback.watch.error, `no camera frames: ${JSON.stringify(loopback.watch)}`);
  assert.match(loopback.watch.error, /no decoded camera frames/);
  assert.ok(loopback.connections.length > 0, 'the browser tried');
  assert.deepEqual(loopback.connections.filter(connected), [], 'no peer connection connected');
  const offered = loopback.connections.flatMap((record) => record.candidates).filter((c) => / udp /.test(c));
  assert.ok(offered.length > 0 && offered.every((c) => / 10\.77\.0\.1 /.test(c)), 'the browser offered 10.77.0.1 and no loopback candidate');

  // npm start, as a person uses it: two tabs of the demo, the second opened from the first's link.
  assert.match(demo.link, /\?room=standup&lang=en$/, 'the invite link: the room and the language');
  assert.ok(demo.atFirst.width > 0, `the first tab shows ${demo.secondName}'s camera`);
  assert.ok(demo.atSecond.width > 0, "the second tab shows Alice's camera");
  // MeetingCast in the demo: start, switch and stop from the first tab; the dev server recorded it.
  assert.deepEqual(demo.cast.states.filter((status) => status.startsWith('live') || status === 'idle'), ['live:other', 'live:Alice', 'idle'], JSON.stringify(demo.cast));
  assert.ok(demo.cast.recordingBytes > 20_000, `the recording is served (${demo.cast.recordingBytes} bytes)`);
  assert.equal(demo.chatRead, true, "the second tab reads the first tab's chat message");
  assert.equal(demo.barrageSeen, true, "barrage thrown in the first tab flies over the second tab's video");
  // A 1:1 call in the demo: the first tab rings the second, which accepts; each left the meeting first, when
  // asked; both show the other's camera.
  assert.ok(demo.call.atFirst > 0 && demo.call.atSecond > 0, `both tabs see each other in the call: ${JSON.stringify(demo.call)}`);
  assert.deepEqual(demo.call.meetingLeft, ['disconnected', 'disconnected'], 'neither publishes into the meeting any more');
});
