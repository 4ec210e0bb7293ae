import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/local-preview/rtc-local-preview.js';
import type { RtcLocalPreview } from '../../src/elements/local-preview/local-preview.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;

// Runs in the `permissions` browser group: no fake permission UI, so camera and microphone start denied.
describe('<rtc-local-preview> with permission denied', () => {
  afterEach(() => executeServerCommand('reset-permissions'));

  it('shows why, dispatches permission-denied, and recovers once allowed', async () => {
    const element = document.createElement('rtc-local-preview');
    element.setAttribute('video', '');
    element.toggleAttribute('audio', true);
    const error = oneEvent(element, 'rtc-error');
    const el = await fixture<RtcLocalPreview>(element);
    expect((await error).detail.code).to.equal('permission-denied');
    await waitUntil(() => el.status === 'failed', 'capture failed');
    await el.updateComplete;
    expect(el.getAttribute('error-code')).to.equal('permission-denied');
    expect(part(el, 'message').textContent).to.contain('access was denied');
    expect(part(el, 'message').getAttribute('aria-live')).to.equal('polite');
    expect(part(el, 'placeholder').textContent).to.contain('You can still join');

    await executeServerCommand('set-permission', { name: 'camera', setting: 'granted' });
    await executeServerCommand('set-permission', { name: 'microphone', setting: 'granted' });
    await el.start();
    await waitUntil(() => el.status === 'ready', 'capture works after permission is given');
    await el.updateComplete;
    expect(el.hasAttribute('error-code')).to.equal(false);
    expect(part(el, 'message').textContent!.trim()).to.equal('');
    el.stop();
  });

  it('says it in Chinese on a Chinese page', async () => {
    const wrapper = await fixture(html`<div lang="zh-CN"><rtc-local-preview video></rtc-local-preview></div>`);
    const el = wrapper.querySelector('rtc-local-preview')!;
    await waitUntil(() => el.status === 'failed', 'capture failed');
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.contain('权限被拒绝');
  });
});
