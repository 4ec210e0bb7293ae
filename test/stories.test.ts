import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
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
import * as speakerLayout from '../stories/rtc-speaker-layout.stories.js';

type StoryModule = Record<string, unknown> & {
  default: { component: string; args?: object; render?: (args: never, context: never) => TemplateResult };
};
type Story = { args?: object; render?: (args: never, context: never) => TemplateResult };

// Every story renders, upgrades its element, and passes axe: a story that breaks fails the build, not the demo.
for (const [file, module] of Object.entries({ room, participantVideo, localPreview, castControls, connectionStatus, controlBar, mediaToggle, leaveButton, audioUnlock, grid, participantList, deviceSelect, layoutToggle, speakerLayout, castView, chat, barrage, callButton, callCenter, incomingCall, statsPanel, systemCheck }) as [string, StoryModule][]) {
  describe(`stories of ${module.default.component} (${file})`, () => {
    for (const [name, story] of Object.entries(module).filter(([key]) => key !== 'default') as [string, Story][]) {
      it(`${name} renders and is accessible`, async () => {
        const render = story.render ?? module.default.render!;
        const args = { ...module.default.args, ...story.args } as never;
        const wrapper = await fixture<HTMLElement>(render(args, {} as never));
        const host = wrapper.localName === module.default.component ? wrapper : wrapper.querySelector(module.default.component);
        const element = (host ?? wrapper.shadowRoot?.querySelector(module.default.component)) as HTMLElement & { updateComplete?: Promise<unknown> };
        expect(element, `${module.default.component} is rendered`).to.exist;
        expect(customElements.get(module.default.component)).to.exist;
        await element.updateComplete;
        // An element with nothing to show (an unlock button while audio plays) may render nothing.
        if (!(module.default.component === 'rtc-audio-unlock' && !element.hasAttribute('blocked'))) expect(element.shadowRoot!.childElementCount).to.be.greaterThan(0);
        if (module.default.component === 'rtc-local-preview') {
          await waitUntil(() => ['ready', 'failed'].includes(element.getAttribute('status') ?? ''), 'capture settles', { timeout: 10000 });
        }
        await expect(wrapper).to.be.accessible();
        (element as { stop?: () => void }).stop?.();
      });
    }
  });
}
