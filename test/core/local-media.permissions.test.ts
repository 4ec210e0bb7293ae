import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { RtcError } from '../../src/core/errors.js';
import { LocalMedia } from '../../src/core/local-media.js';
import { countCaptures } from '../support/media.js';

// Runs in the `permissions` browser group: no fake permission UI, so every request starts denied.
describe('LocalMedia without permission', () => {
  let media: LocalMedia;
  afterEach(async () => {
    media?.stop();
    await executeServerCommand('reset-permissions');
  });

  it('rejects with permission-denied, captures nothing, and does not ask again', async () => {
    media = new LocalMedia();
    let failure: RtcError | undefined;
    const requests = await countCaptures(async () => {
      failure = (await media.start({ video: true, audio: true }).catch((e: unknown) => e)) as RtcError;
    });
    expect(requests, 'one prompt, not three').to.equal(1);
    failure = failure!;
    expect(failure.code).to.equal('permission-denied');
    expect(media.status.get()).to.equal('failed');
    expect(media.camera.get()).to.equal(undefined);
  });

  it('keeps the microphone when only the camera is denied, from one request for both', async () => {
    await executeServerCommand('set-permission', { name: 'microphone', setting: 'granted' });
    media = new LocalMedia();
    await media.start({ video: true, audio: true });
    expect(media.microphone.get()!.mediaStreamTrack.readyState).to.equal('live');
    expect(media.camera.get()).to.equal(undefined);
    expect(media.error.get()?.code).to.equal('permission-denied');
    expect(media.status.get()).to.equal('ready');
  });
});
