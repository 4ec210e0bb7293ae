/**
 * Live stories: a real room on the kit's dev server, with a synthetic guest in it, so someone browsing the
 * components sees them work for real. `npm run storybook` starts the dev server and answers `POST /token`
 * (the demo's own endpoint, `demo/token-endpoint.ts`); a static Storybook has neither, and says so in the story.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalMedia } from '../../src/core/local-media.js';
import { RoomSession } from '../../src/core/room-session.js';
import { syntheticVideo } from './synthetic-media.js';

export interface LiveRoom {
  /** A room of this story's own, so two open stories never meet. */
  room: string;
  /** Where the story's elements ask for their token. */
  tokenEndpoint: string;
}

export const GUEST_NAME = 'Synthetic guest';

interface Credentials {
  token: string;
  serverUrl: string;
}

async function credentials(tokenEndpoint: string, room: string, identity: string, name: string): Promise<Credentials> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ room, identity, name }),
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`${tokenEndpoint} answered ${response.status}`);
  const body = (await response.json()) as Partial<Credentials>;
  if (typeof body.token !== 'string' || typeof body.serverUrl !== 'string') throw new Error(`${tokenEndpoint} sent no token`);
  return body as Credentials;
}

/**
 * Joins a room of its own with a synthetic guest (a drawn camera; it answers chat), then shows the story's
 * content in that room; without a dev server it shows how to get one instead.
 */
@customElement('rtc-story-live')
export class RtcStoryLive extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .notice {
      padding: 12px 16px;
      border: 1px dashed #888;
      border-radius: 8px;
      font: 14px/1.5 system-ui, sans-serif;
    }
  `;

  /** What the story shows once its room is live. */
  @property({ attribute: false }) content?: (live: LiveRoom) => TemplateResult;
  /** The token endpoint, which also names the server (`{ token, serverUrl }`). */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '/token';
  /** Whether the synthetic guest joins too. */
  @property({ type: Boolean, attribute: 'no-guest' }) noGuest = false;
  @state() private status: 'checking' | 'live' | 'offline' = 'checking';

  readonly room = `story-${Math.random().toString(36).slice(2, 8)}`;
  /** The synthetic guest's identity in this story's room. */
  readonly guestIdentity = `guest-${this.room}`;
  #guest?: RoomSession;
  #guestMedia?: LocalMedia;
  #ready?: (live: boolean) => void;
  /** Settles once the story knows whether it is live: true, with the guest in the room, or false. */
  readonly ready = new Promise<boolean>((resolve) => (this.#ready = resolve));

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.#guest?.leave();
    void this.#guestMedia?.stop();
    this.#guest = undefined;
  }

  async #start(): Promise<void> {
    let credentialsOk = false;
    try {
      const { token, serverUrl } = await credentials(this.tokenEndpoint, this.room, this.guestIdentity, GUEST_NAME);
      credentialsOk = true;
      if (!this.noGuest && this.isConnected) await this.#startGuest(serverUrl, token);
    } catch (error) {
      // A server that gives tokens is live, even if the guest could not join; only a missing server is offline.
      if (credentialsOk) console.warn('The synthetic guest could not join:', error);
    }
    this.status = credentialsOk ? 'live' : 'offline';
    this.#ready?.(credentialsOk);
  }

  async #startGuest(serverUrl: string, token: string): Promise<void> {
    const guest = (this.#guest = new RoomSession());
    const media = (this.#guestMedia = new LocalMedia());
    // The story may be gone by the time each step is done (someone moved on): then the guest must not stay.
    const gone = () => {
      if (this.#guest === guest) return false;
      void guest.leave();
      void media.stop();
      return true;
    };
    await media.useCustomTrack('video', syntheticVideo(GUEST_NAME, 150));
    if (gone()) return;
    guest.useLocalMedia(media);
    guest.messages.on('received', (message) => {
      if (message.kind === 'chat' && !message.own) void guest.messages.sendChat(`You said “${message.text}”. Hello from the dev server!`).catch(() => undefined);
    });
    // Chat has no history, so the greeting waits for someone to greet: sent the moment they arrive, it reaches them.
    const greet = () => void guest.messages.sendChat('Hi, I am the synthetic guest: write something and I answer.').catch(() => undefined);
    guest.on('participant-joined', ({ initial }) => !initial && greet());
    await guest.connect({ serverUrl, token });
    gone();
  }

  override render() {
    if (this.status === 'live') return this.content?.({ room: this.room, tokenEndpoint: this.tokenEndpoint });
    if (this.status === 'checking') return html`<p class="notice" role="status">Looking for the kit’s dev server…</p>`;
    return html`<p class="notice" role="status">
      This story is live: it joins a real room on the kit’s dev server, with a synthetic guest. There is none here
      (a static Storybook has no server). Run <code>npm run storybook</code>, which starts one, or <code>npm start</code>
      beside this page, then reload.
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rtc-story-live': RtcStoryLive;
  }
}

/** A live story: `content` runs in a room of its own on the dev server, with the synthetic guest in it. */
export const live = (content: (live: LiveRoom) => TemplateResult, options: { guest?: boolean } = {}) =>
  html`<rtc-story-live .content=${content} ?no-guest=${options.guest === false}></rtc-story-live>`;

/** Said in every live story's docs. */
export const LIVE_NOTE = 'Live: joins a real room on the kit’s dev server with a synthetic guest (`npm run storybook` starts the server; a static build shows how to get one).';
