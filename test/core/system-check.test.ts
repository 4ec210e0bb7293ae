import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { checkSystemRequirements, type SystemCheckId, type SystemEnvironment, type SystemReport } from '../../src/core/system-check.js';
import type { TokenRequest } from '../../src/core/token.js';

// The check in the real Chromium of the tests (fake camera and microphone, page on localhost), and with parts of
// the browser replaced to show how other browsers and pages fare.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; apiSecret?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;

const line = (report: SystemReport, id: SystemCheckId) => {
  const found = report.items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in the report`);
  return found;
};

/** The real camera and microphone, with every getUserMedia call and the streams it gave kept. */
function watchedMediaDevices(getUserMedia = (constraints?: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(constraints)) {
  const calls: (MediaStreamConstraints | undefined)[] = [];
  const streams: MediaStream[] = [];
  const mediaDevices: SystemEnvironment['mediaDevices'] = {
    enumerateDevices: () => navigator.mediaDevices.enumerateDevices(),
    getDisplayMedia: navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices),
    getUserMedia: async (constraints) => {
      calls.push(constraints);
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    },
  };
  return { mediaDevices, calls, streams };
}

/** A browser whose permission API answers `state` for every name, as a first visit's does with 'prompt'. */
const permissionsSaying = (states: Partial<Record<'camera' | 'microphone', PermissionState>>): SystemEnvironment['permissions'] => ({
  query: async ({ name }) => ({ state: states[name as 'camera' | 'microphone'] ?? 'prompt' }) as PermissionStatus,
});

describe('checkSystemRequirements: this browser', () => {
  it('finds WebRTC, a secure page, getUserMedia, the fake camera and microphone, VP8 and Opus both ways', async () => {
    const report = await checkSystemRequirements();
    expect(report.ok).to.equal(true);
    for (const id of ['webrtc', 'secure-context', 'get-user-media', 'camera', 'microphone', 'screen-share', 'audio-output'] as const) {
      expect(line(report, id).status, id).to.equal('pass');
    }
    expect(line(report, 'camera').count).to.be.greaterThan(0);
    expect(line(report, 'microphone').count).to.be.greaterThan(0);
    expect(line(report, 'codec-vp8')).to.include({ status: 'pass', send: true, receive: true, codec: 'VP8' });
    expect(line(report, 'codec-opus')).to.include({ status: 'pass', send: true, receive: true, codec: 'Opus' });
    expect(report.items.map((item) => item.id)).to.deep.equal([
      'webrtc',
      'secure-context',
      'get-user-media',
      'camera',
      'microphone',
      'camera-permission',
      'microphone-permission',
      'screen-share',
      'audio-output',
      'codec-vp8',
      'codec-h264',
      'codec-vp9',
      'codec-av1',
      'codec-h265',
      'codec-opus',
    ]);
    expect(report.items.filter((item) => item.required).map((item) => item.id)).to.deep.equal(['webrtc', 'secure-context', 'get-user-media']);
    expect(report.browser.name).to.equal('Chrome');
    expect(report.browser.userAgent).to.equal(navigator.userAgent);
    // Plain data, so a page can log it or send it to its support desk.
    expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
  });

  it('starts no camera unless asked; probing starts it once, stops it at once, and learns the permission', async () => {
    const firstVisit = permissionsSaying({ camera: 'prompt', microphone: 'prompt' });
    const silent = watchedMediaDevices();
    const unprobed = await checkSystemRequirements({ environment: { mediaDevices: silent.mediaDevices, permissions: firstVisit } });
    expect(silent.calls).to.deep.equal([]);
    expect(line(unprobed, 'camera-permission')).to.include({ status: 'warn', permission: 'prompt' });
    expect(line(unprobed, 'camera-permission')).to.include({ advice: 'prompt' });
    expect(line(unprobed, 'camera-permission').remedy).to.match(/Allow/);

    const probing = watchedMediaDevices();
    const probed = await checkSystemRequirements({ probeDevices: true, environment: { mediaDevices: probing.mediaDevices, permissions: firstVisit } });
    expect(probing.calls).to.deep.equal([{ audio: true, video: true }]);
    expect(probing.streams[0]!.getTracks().map((track) => [track.kind, track.readyState]).sort()).to.deep.equal([
      ['audio', 'ended'],
      ['video', 'ended'],
    ]);
    expect(line(probed, 'camera-permission')).to.include({ status: 'pass', permission: 'granted' });
    expect(line(probed, 'microphone-permission')).to.include({ status: 'pass', permission: 'granted' });
  });
});

describe('checkSystemRequirements: other browsers and pages', () => {
  it('an insecure page fails with insecure-context and says to use HTTPS or localhost', async () => {
    const report = await checkSystemRequirements({ environment: { isSecureContext: false, mediaDevices: undefined } });
    expect(report.ok).to.equal(false);
    const secure = line(report, 'secure-context');
    expect(secure).to.include({ status: 'fail', code: 'insecure-context', required: true });
    expect(secure.remedy).to.include('HTTPS').and.include('localhost').and.include('camera');
    // What breaks is the page, not the browser: getUserMedia is withheld, and devices are not listed.
    expect(line(report, 'get-user-media')).to.include({ status: 'fail', code: 'insecure-context' });
    expect(line(report, 'camera').status).to.equal('unknown');
    expect(line(report, 'screen-share').status).to.equal('warn');
  });

  it('a refused probe fails the permission with permission-denied, but only for what was not granted', async () => {
    const refusing = watchedMediaDevices(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    const report = await checkSystemRequirements({
      probeDevices: true,
      environment: { mediaDevices: refusing.mediaDevices, permissions: permissionsSaying({ camera: 'prompt', microphone: 'granted' }) },
    });
    expect(line(report, 'camera-permission')).to.include({ status: 'fail', code: 'permission-denied', permission: 'denied' });
    expect(line(report, 'camera-permission').remedy).to.match(/site settings/);
    expect(line(report, 'microphone-permission')).to.include({ status: 'pass', permission: 'granted' });
    // Calls without a camera still work: permissions are not required.
    expect(report.ok).to.equal(true);
  });

  it('a camera that will not start is a warning with device-in-use', async () => {
    const busy = watchedMediaDevices(() => Promise.reject(new DOMException('Could not start video source', 'NotReadableError')));
    const report = await checkSystemRequirements({ probeDevices: true, environment: { mediaDevices: busy.mediaDevices } });
    expect(line(report, 'camera')).to.include({ status: 'warn', code: 'device-in-use' });
    expect(line(report, 'camera').remedy).to.match(/Close other apps/);
  });

  it('no camera or microphone: device-not-found, with what to do', async () => {
    const report = await checkSystemRequirements({
      environment: { mediaDevices: { getUserMedia: () => Promise.reject(new Error('unused')), enumerateDevices: async () => [] } },
    });
    expect(line(report, 'camera')).to.include({ status: 'fail', code: 'device-not-found' });
    expect(line(report, 'camera').remedy).to.match(/Connect a camera/);
    expect(line(report, 'microphone')).to.include({ status: 'fail', code: 'device-not-found' });
    expect(line(report, 'microphone').remedy).to.match(/Connect a microphone/);
    expect(line(report, 'screen-share').status, 'no getDisplayMedia in that mediaDevices').to.equal('warn');
  });

  it('no WebRTC: fails the required check with media-unsupported', async () => {
    const report = await checkSystemRequirements({ environment: { RTCPeerConnection: undefined } });
    expect(line(report, 'webrtc')).to.include({ status: 'fail', code: 'media-unsupported' });
    expect(report.ok).to.equal(false);
  });

  it('tells sending from receiving per codec; a missing baseline codec fails, a missing newer one warns', async () => {
    const capabilities = (...mimeTypes: string[]) => ({
      getCapabilities: (kind: string) => ({ codecs: mimeTypes.filter((mime) => mime.startsWith(kind)).map((mimeType) => ({ mimeType, clockRate: 90000 })), headerExtensions: [] }),
    });
    const report = await checkSystemRequirements({
      environment: { RTCRtpSender: capabilities('video/VP8', 'video/VP9', 'audio/opus'), RTCRtpReceiver: capabilities('video/VP8', 'video/AV1', 'audio/opus') },
    });
    expect(line(report, 'codec-vp8')).to.include({ status: 'pass', send: true, receive: true });
    expect(line(report, 'codec-vp9')).to.include({ status: 'warn', send: true, receive: false });
    expect(line(report, 'codec-av1')).to.include({ status: 'warn', send: false, receive: true });
    expect(line(report, 'codec-h264')).to.include({ status: 'fail', code: 'media-unsupported', send: false, receive: false });
    expect(line(report, 'codec-h265')).to.include({ status: 'warn', send: false, receive: false });
  });

  it('never throws: what breaks or hangs becomes unknown, in bounded time', async () => {
    const started = performance.now();
    const report = await checkSystemRequirements({
      environment: {
        mediaDevices: { getUserMedia: () => Promise.reject(new Error('unused')), enumerateDevices: () => new Promise<MediaDeviceInfo[]>(() => undefined) },
        permissions: { query: () => Promise.reject(new TypeError("'camera' is not a valid value for enumeration PermissionName.")) },
        RTCRtpSender: {
          getCapabilities: () => {
            throw new Error('broken');
          },
        },
      },
    });
    expect(performance.now() - started).to.be.lessThan(6000);
    expect(line(report, 'camera')).to.include({ status: 'unknown', code: 'unknown' });
    expect(line(report, 'camera-permission').status).to.equal('unknown');
    expect(line(report, 'codec-vp8').status).to.equal('unknown');
    expect(line(report, 'webrtc').status).to.equal('pass');
    expect(report.ok).to.equal(true);
  });
});

describe('checkSystemRequirements: the connection test', () => {
  it('connects to the dev server and says how long it took', async () => {
    const url = await serverUrl();
    const report = await checkSystemRequirements({ connection: { serverUrl: url, token: await token({ room: 'system-check', identity: 'checker' }) } });
    const connection = line(report, 'connection');
    expect(connection).to.include({ status: 'pass', required: true });
    expect(connection.durationMs).to.be.a('number').and.be.greaterThan(0).and.lessThan(10_000);
    expect(report.ok).to.equal(true);
    // It left again: a second check with the same identity is not a duplicate.
    const again = await checkSystemRequirements({ connection: { serverUrl: url, token: await token({ room: 'system-check', identity: 'checker' }) } });
    expect(line(again, 'connection').status).to.equal('pass');
  });

  it('gets its token from a provider, for room system-check, and uses the server the grant names', async () => {
    const url = await serverUrl();
    const asked: TokenRequest[] = [];
    const report = await checkSystemRequirements({
      connection: {
        token: async (request) => {
          asked.push(request);
          return { token: await token({ room: request.room!, identity: request.identity! }), serverUrl: url };
        },
      },
    });
    expect(line(report, 'connection').status).to.equal('pass');
    expect(asked).to.have.length(1);
    expect(asked[0]!.room).to.equal('system-check');
    expect(asked[0]!.identity).to.match(/^system-check-/);
  });

  it('a forged or garbage token fails with unauthorized, and the page is not ok', async () => {
    const url = await serverUrl();
    const forged = await token({ room: 'system-check', identity: 'forger', apiSecret: 'not-the-secret' });
    for (const bad of [forged, 'garbage']) {
      const report = await checkSystemRequirements({ connection: { serverUrl: url, token: bad } });
      expect(line(report, 'connection'), bad).to.include({ status: 'fail', code: 'unauthorized' });
      expect(line(report, 'connection').remedy).to.match(/token/);
      expect(report.ok).to.equal(false);
    }
  });

  it('a server nobody listens on fails quickly with server-unreachable', async () => {
    const started = performance.now();
    const report = await checkSystemRequirements({ connection: { serverUrl: 'ws://127.0.0.1:9', token: await token({ room: 'system-check', identity: 'x' }) } });
    expect(line(report, 'connection')).to.include({ status: 'fail', code: 'server-unreachable' });
    expect(performance.now() - started).to.be.lessThan(5000);
  });

  it('gives up after the timeout with connection-timeout', async () => {
    const report = await checkSystemRequirements({
      connection: { serverUrl: await serverUrl(), token: await token({ room: 'system-check', identity: 'slow' }), timeoutMs: 1 },
    });
    expect(line(report, 'connection')).to.include({ status: 'fail', code: 'connection-timeout' });
  });

  it('a missing address or token is a set-up failure, not a network one', async () => {
    const noUrl = await checkSystemRequirements({ connection: { token: 'x' } });
    expect(line(noUrl, 'connection')).to.include({ status: 'fail', code: 'invalid-url' });
    const noToken = await checkSystemRequirements({ connection: { serverUrl: await serverUrl(), token: '' } });
    expect(line(noToken, 'connection')).to.include({ status: 'fail', code: 'missing-token' });
  });
});
