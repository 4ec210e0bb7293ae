import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { RtcStoryLive } from '../stories/support/live.js';
import { waitForFrames } from './support/media.js';
import * as audioUnlock from '../stories/rtc-audio-unlock.stories.js';
import * as castControls from '../stories/rtc-cast-controls.stories.js';
import * as castView from '../stories/rtc-cast-view.stories.js';
import * as chat from '../stories/rtc-chat.stories.js';
import * as barrage from '../stories/rtc-barrage.stories.js';
import * as callButton from '../stories/rtc-call-button.stories.js';
import * as callCenter from '../stories/rtc-call-center.stories.js';
import * as incomingCall from '../stories/rtc-incoming-call.stories.js';
import * as statsPanel from '../stories/rtc-stats-panel.stories.js';
import * as systemCheck from '../stories/rtc-system-check.stories.js';
import * as connectionStatus from '../stories/rtc-connection-status.stories.js';
import * as controlBar from '../stories/rtc-control-bar.stories.js';
import * as deviceSelect from '../stories/rtc-device-select.stories.js';
import * as grid from '../stories/rtc-grid.stories.js';
import * as layoutToggle from '../stories/rtc-layout-toggle.stories.js';
import * as participantList from '../stories/rtc-participant-list.stories.js';
import * as leaveButton from '../stories/rtc-leave-button.stories.js';
import * as mediaToggle from '../stories/rtc-media-toggle.stories.js';
import * as localPreview from '../stories/rtc-local-preview.stories.js';
import * as participantVideo from '../stories/rtc-participant-video.stories.js';
import * as room from '../stories/rtc-room.stories.js';
import * as conference from '../stories/rtc-conference.stories.js';
import * as prejoin from '../stories/rtc-prejoin.stories.js';
import * as speakerLayout from '../stories/rtc-speaker-layout.stories.js';
import { deepQuery } from './support/deep.js';

type StoryModule = Record<string, unknown> & {
  default: { component: string; args?: object; render?: (args: never, context: never) => TemplateResult };
};
type Story = { args?: object; render?: (args: never, context: never) => TemplateResult };

// Every story renders, upgrades its element, and passes axe: a story that breaks fails the build, not the demo.
for (const [file, module] of Object.entries({ room, conference, prejoin, participantVideo, localPreview, castControls, connectionStatus, controlBar, mediaToggle, leaveButton, audioUnlock, grid, participantList, deviceSelect, layoutToggle, speakerLayout, castView, chat, barrage, callButton, callCenter, incomingCall, statsPanel, systemCheck }) as [string, StoryModule][]) {
  describe(`stories of ${module.default.component} (${file})`, () => {
    for (const [name, story] of Object.entries(module).filter(([key]) => key !== 'default') as [string, Story][]) {
      it(`${name} renders and is accessible`, async () => {
        const render = story.render ?? module.default.render!;
        const args = { ...module.default.args, ...story.args } as never;
        const wrapper = await fixture<HTMLElement>(render(args, {} as never));
        // A live story joins a room on the dev server (the test server answers POST /token, as Storybook's does).
        if (wrapper instanceof RtcStoryLive) {
          expect(await wrapper.ready, 'the live story found the dev server').to.equal(true);
          await wrapper.updateComplete;
        }
        const host = wrapper.localName === module.default.component ? wrapper : wrapper.querySelector(module.default.component);
        const element = (host ?? wrapper.shadowRoot?.querySelector(module.default.component)) as HTMLElement & { updateComplete?: Promise<unknown> };
        expect(element, `${module.default.component} is rendered`).to.exist;
        expect(customElements.get(module.default.component)).to.exist;
        await element.updateComplete;
        // An element with nothing to show (an unlock button while audio plays) may render nothing.
        if (!(module.default.component === 'rtc-audio-unlock' && !element.hasAttribute('blocked'))) expect(element.shadowRoot!.childElementCount).to.be.greaterThan(0);
        if (module.default.component === 'rtc-local-preview' || module.default.component === 'rtc-prejoin') {
          const preview = element.localName === 'rtc-prejoin' ? element.shadowRoot!.querySelector('rtc-local-preview')! : element;
          await waitUntil(() => ['ready', 'failed'].includes(preview.getAttribute('status') ?? ''), 'capture settles', { timeout: 10000 });
        }
        await expect(wrapper).to.be.accessible();
        (element as { stop?: () => void }).stop?.();
      });
    }
  });
}

describe('live stories', () => {
  const mount = async (story: Story, module: StoryModule) => {
    const render = story.render ?? module.default.render!;
    const live = await fixture<RtcStoryLive>(render({ ...module.default.args, ...story.args } as never, {} as never));
    expect(await live.ready).to.equal(true);
    await live.updateComplete;
    return live;
  };

  it('the room story shows the synthetic guest’s camera, received from the dev server', async () => {
    const live = await mount(room.RealRoom as Story, room as StoryModule);
    const roomElement = live.shadowRoot!.querySelector('rtc-room')!;
    await waitUntil(() => roomElement.getAttribute('connection-state') === 'connected', 'the story joins', { timeout: 15000 });
    const tile = () =>
      [...roomElement.shadowRoot!.querySelectorAll('rtc-participant-video')].find((element) => element.getAttribute('participant') === live.guestIdentity) ??
      deepQuery(roomElement, 'rtc-grid, rtc-speaker-layout')?.shadowRoot?.querySelector(`rtc-participant-video[participant="${live.guestIdentity}"]`);
    await waitUntil(() => tile(), 'the guest’s tile', { timeout: 15000 });
    await waitForFrames(tile()!.shadowRoot!.querySelector('video')!, 'the guest’s frames');
    live.remove();
  });

  it('the chat story shows the synthetic guest’s greeting, and its answer to what you write', async () => {
    const live = await mount(chat.RealRoom as Story, chat as StoryModule);
    const chatElement = live.shadowRoot!.querySelector('rtc-chat')!;
    await waitUntil(() => chatElement.shadowRoot!.textContent!.includes('I am the synthetic guest'), 'the greeting', { timeout: 15000 }).catch((error) => {
      throw new Error(`${error.message}; the chat shows: ${chatElement.shadowRoot!.textContent!.replace(/\s+/g, ' ')}`);
    });
    const input = chatElement.shadowRoot!.querySelector('textarea, input') as HTMLTextAreaElement;
    input.value = 'ni hao';
    input.dispatchEvent(new Event('input'));
    (chatElement.shadowRoot!.querySelector('form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => chatElement.shadowRoot!.textContent!.includes('You said “ni hao”'), 'the answer', { timeout: 15000 });
    live.remove();
  });

  it('without a dev server, a live story says how to get one', async () => {
    const live = await fixture<RtcStoryLive>(html`<rtc-story-live token-endpoint="/no-such-token-endpoint" .content=${() => html`<rtc-room></rtc-room>`}></rtc-story-live>`);
    expect(await live.ready).to.equal(false);
    await live.updateComplete;
    expect(live.shadowRoot!.querySelector('rtc-room')).to.equal(null);
    expect(live.shadowRoot!.textContent).to.include('npm run storybook');
    await expect(live).to.be.accessible();
  });
});
