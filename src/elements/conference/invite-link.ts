import { html, type ReactiveController, type ReactiveElement } from 'lit';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { linkIcon } from '../../styles/icons.js';

/** How long "Link copied" shows before the button says "Copy invite link" again. */
const COPIED_MS = 2500;

/**
 * The invite link with its copy button. The link is also shown in a read-only field, so it can be copied by
 * hand where the browser refuses the clipboard (an insecure page, a denied permission).
 */
export class InviteLink implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #localize: LocalizeController;
  #copied = false;
  #failed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    this.#localize = new LocalizeController(host);
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#copied = false;
  }

  async copy(link: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.#copied = true;
      this.#failed = false;
    } catch {
      this.#failed = true;
    }
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#copied = false;
      this.#host.requestUpdate();
    }, COPIED_MS);
  }

  render(link: string) {
    const t = this.#localize.t.bind(this.#localize);
    return html`<div class="invite">
      <input class="text-field invite-link" readonly .value=${link} aria-label=${t('inviteLink')} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
      <button part="invite" class="control" type="button" @click=${() => this.copy(link)}>
        ${linkIcon()}<span>${this.#copied ? t('linkCopied') : t('copyInviteLink')}</span>
      </button>
      <span class="visually-hidden" role="status">${this.#copied ? t('linkCopied') : this.#failed ? t('copyFailed') : ''}</span>
    </div>`;
  }
}
