import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { checkSystemRequirements } from '../../src/core/system-check.js';

// Runs in the `permissions` browser group: no fake permission UI, so the camera and microphone start denied,
// as on a page whose visitor said no.
describe('checkSystemRequirements without permission', () => {
  afterEach(() => executeServerCommand('reset-permissions'));

  it('reports the camera refused, with the code and a remedy, when the page is denied it', async () => {
    await executeServerCommand('set-permission', { name: 'microphone', setting: 'granted' });
    const report = await checkSystemRequirements({ probeDevices: true });
    const camera = report.items.find((item) => item.id === 'camera-permission')!;
    expect(camera.status).to.equal('fail');
    expect(camera.code).to.equal('permission-denied');
    expect(camera.remedy).to.be.a('string').and.not.equal('');
    expect(report.items.find((item) => item.id === 'microphone-permission')!.status).to.equal('pass');
  });
});
