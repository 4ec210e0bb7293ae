import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/elements/system-check/rtc-system-check.js';
import type { RtcSystemCheck } from '../../src/elements/system-check/system-check.js';
import type { SystemEnvironment, SystemReport } from '../../src/core/system-check.js';
import type { RtcErrorDetail } from '../../src/events/error.js';

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;

interface Rendered {
  el: RtcSystemCheck;
  reports: SystemReport[];
  errors: RtcErrorDetail[];
}

/** Renders the check and waits for its first report, keeping every report and error it dispatched. */
async function checked(template: TemplateResult, lang = 'en'): Promise<Rendered> {
  const reports: SystemReport[] = [];
  const errors: RtcErrorDetail[] = [];
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang} @rtc-system-check-complete=${(event: CustomEvent<SystemReport>) => reports.push(event.detail)} @rtc-error=${(event: CustomEvent<RtcErrorDetail>) => errors.push(event.detail)}>
      ${template}
    </div>`,
  );
  const el = wrapper.querySelector('rtc-system-check')!;
  if (!reports.length) await oneEvent(el, 'rtc-system-check-complete');
  await el.updateComplete;
  return { el, reports, errors };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const summary = (el: RtcSystemCheck) => el.shadowRoot!.querySelector('[part="summary"]')!;
const items = (el: RtcSystemCheck) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('ul[part="list"] > li')];
const itemFor = (el: RtcSystemCheck, id: string) => el.shadowRoot!.querySelector<HTMLLIElement>(`li[data-check="${id}"]`)!;
const partOf = (li: Element, part: string) => text(li.querySelector(`[part="${part}"]`));
const shown = (node: Element) => {
  const box = node.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== 'hidden';
};

/** A first visit: the browser has not been asked yet. */
const firstVisit: Partial<SystemEnvironment> = {
  permissions: { query: async () => ({ state: 'prompt' }) as PermissionStatus },
};

describe('rtc-system-check', () => {
  it('checks on connect and lists every check with a visible status word, then reflects ok', async () => {
    const { el, reports } = await checked(html`<rtc-system-check></rtc-system-check>`);
    expect(reports).to.have.length(1);
    const report = reports[0]!;
    expect(report.ok).to.equal(true);
    expect(el.report, 'the report the event carried').to.equal(report);
    expect(el.getAttribute('status')).to.equal('ok');

    const lines = items(el);
    expect(lines).to.have.length(report.items.length);
    const words = { pass: 'Passed', fail: 'Failed', warn: 'Warning', unknown: 'Unknown' };
    lines.forEach((li, index) => {
      const status = li.querySelector('[part="status"]')!;
      expect(text(status)).to.equal(words[report.items[index]!.status]);
      expect(shown(status), `${li.dataset.check} status shown`).to.equal(true);
      expect(partOf(li, 'label')).to.not.equal('');
      expect(partOf(li, 'detail')).to.not.equal('');
    });
    expect([partOf(itemFor(el, 'webrtc'), 'label'), partOf(itemFor(el, 'webrtc'), 'status')]).to.deep.equal(['WebRTC', 'Passed']);
    expect(text(itemFor(el, 'secure-context'))).to.equal('Secure page Passed The page is secure (HTTPS or localhost).');
    expect(text(itemFor(el, 'camera'))).to.match(/^Camera Passed Connected: \d+\.$/);
    expect(text(itemFor(el, 'codec-vp8'))).to.equal('Video codec VP8 Passed Sends and receives.');
    expect(text(itemFor(el, 'codec-opus'))).to.equal('Audio codec Opus Passed Sends and receives.');
    expect(itemFor(el, 'codec-vp8').getAttribute('part')).to.equal('item pass');
    // Only failures and warnings say what to do.
    expect(itemFor(el, 'webrtc').querySelector('[part="remedy"]')).to.equal(null);

    const notes = report.items.filter((item) => item.status === 'fail' || item.status === 'warn').length;
    expect(text(summary(el))).to.equal(notes ? `This browser is ready for calls. Items to look at: ${notes}.` : 'This browser is ready for calls.');
    expect(summary(el).getAttribute('role')).to.equal('status');
    expect(summary(el).getAttribute('aria-live')).to.equal('polite');
    expect(text(el.shadowRoot!.querySelector('[part="browser"]'))).to.match(/^Browser: Chrome \d+/);
  });

  it('is accessible', async () => {
    const { el } = await checked(html`<rtc-system-check></rtc-system-check>`);
    await expect(el).to.be.accessible();
  });

  it('"Check again" runs the check again and reports again', async () => {
    const { el, reports } = await checked(html`<rtc-system-check></rtc-system-check>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="rerun"]')!;
    expect(text(button)).to.equal('Check again');
    const again = oneEvent(el, 'rtc-system-check-complete');
    button.click();
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('checking');
    expect(text(summary(el))).to.equal('Checking this browser…');
    await again;
    await el.updateComplete;
    expect(reports).to.have.length(2);
    expect(el.getAttribute('status')).to.equal('ok');
  });

  it('speaks Chinese with lang="zh-CN"', async () => {
    const { el } = await checked(html`<rtc-system-check></rtc-system-check>`, 'zh-CN');
    expect(text(summary(el))).to.match(/^此浏览器可以进行通话。/);
    expect(text(itemFor(el, 'secure-context'))).to.equal('安全页面 通过 页面是安全的（HTTPS 或 localhost）。');
    expect(partOf(itemFor(el, 'camera'), 'label')).to.equal('摄像头');
    expect(partOf(itemFor(el, 'codec-vp8'), 'label')).to.equal('视频编码 VP8');
    expect(text(el.shadowRoot!.querySelector('[part="rerun"]'))).to.equal('重新检测');
    expect(el.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('系统检测');
  });

  it('on an insecure page: fails, dispatches rtc-error insecure-context, and shows what to do', async () => {
    const { el, reports, errors } = await checked(
      html`<rtc-system-check .environment=${{ isSecureContext: false, mediaDevices: undefined }}></rtc-system-check>`,
    );
    expect(el.getAttribute('status')).to.equal('failed');
    expect(reports[0]!.ok).to.equal(false);
    expect(errors.map((error) => error.code)).to.deep.equal(['insecure-context']);
    const secure = itemFor(el, 'secure-context');
    expect(secure.getAttribute('part')).to.equal('item fail');
    expect(partOf(secure, 'status')).to.equal('Failed');
    expect(partOf(secure, 'detail')).to.equal('The page is not secure, so the browser keeps the camera and microphone from it.');
    const remedy = secure.querySelector('[part="remedy"]')!;
    expect(text(remedy)).to.equal('Open the page over HTTPS, or on localhost: browsers give the camera and microphone only to secure pages.');
    expect(shown(remedy)).to.equal(true);
    // getUserMedia fails for the same reason; the advice is not repeated.
    expect(partOf(itemFor(el, 'get-user-media'), 'status')).to.equal('Failed');
    expect(itemFor(el, 'get-user-media').querySelector('[part="remedy"]')).to.equal(null);
    expect(partOf(itemFor(el, 'camera'), 'detail')).to.equal('The browser does not list devices on this page.');
    expect(text(summary(el))).to.equal('This browser is not ready for calls. Failed checks: 2.');
    await expect(el).to.be.accessible();
  });

  it('without probe-devices a first visit warns that the browser will ask; with it, the permission passes', async () => {
    const quiet = await checked(html`<rtc-system-check .environment=${firstVisit}></rtc-system-check>`);
    const waiting = itemFor(quiet.el, 'camera-permission');
    expect([partOf(waiting, 'status'), partOf(waiting, 'detail'), partOf(waiting, 'remedy')]).to.deep.equal([
      'Warning',
      'Not allowed yet: the browser will ask.',
      'Choose “Allow” when the browser asks.',
    ]);

    const probing = await checked(html`<rtc-system-check probe-devices .environment=${firstVisit}></rtc-system-check>`);
    const allowed = itemFor(probing.el, 'camera-permission');
    expect([partOf(allowed, 'status'), partOf(allowed, 'detail')]).to.deep.equal(['Passed', 'Allowed.']);
  });

  it('tests the connection with a token from token-endpoint', async () => {
    const url = await serverUrl();
    const endpoint = `${url.replace(/^ws/, 'http')}/token`;
    const { el } = await checked(html`<rtc-system-check server-url=${url} token-endpoint=${endpoint}></rtc-system-check>`);
    const connection = itemFor(el, 'connection');
    expect(partOf(connection, 'label')).to.equal('Connection to the server');
    expect(partOf(connection, 'status')).to.equal('Passed');
    expect(partOf(connection, 'detail')).to.match(/^Connected in \d+ ms\.$/);
    expect(el.getAttribute('status')).to.equal('ok');
  });

  it('shows a refused token as a failed connection, with the reason and what to do', async () => {
    const { el, reports } = await checked(html`<rtc-system-check server-url=${await serverUrl()} token="garbage"></rtc-system-check>`);
    expect(reports[0]!.items.find((item) => item.id === 'connection')!.code).to.equal('unauthorized');
    const connection = itemFor(el, 'connection');
    expect(partOf(connection, 'status')).to.equal('Failed');
    expect(partOf(connection, 'detail')).to.equal('The server refused the access token (invalid or expired).');
    expect(partOf(connection, 'remedy')).to.equal('The access token was refused: open a fresh meeting link, or sign in again.');
    expect(el.getAttribute('status')).to.equal('failed');
  });
});
