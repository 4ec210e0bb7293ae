import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { audioPlaybackContext, type AudioPlayback } from '../../context/audio-playback-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { audioUnlockStyles } from './audio-unlock.styles.js';

/**
 * @summary The one button that starts everyone's audio when the browser blocked it until a click.
 *
 * @tag rtc-audio-unlock
 *
 * Browsers refuse to play sound on a page the person has not interacted with yet (Safari and Chrome on a
 * fresh tab, for instance). Inside `<rtc-room>` this shows a "Play audio" button only while that is so, and one
 * click starts every remote participant's audio; anyone who joins later is heard without asking again. Put
 * it where your layout wants it; without one, the room shows its own.
 *
 * @csspart button - The button.
 *
 * @cssprop --rtc-audio-unlock-background - The button's background (the accent colour by default).
 * @cssprop --rtc-audio-unlock-color - The button's text colour.
 */
export class RtcAudioUnlock extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, audioUnlockStyles];

  /** The room's audio playback; given by the enclosing `<rtc-room>`. */
  @consume({ context: audioPlaybackContext, subscribe: true })
  @property({ attribute: false })
  playback: AudioPlayback | undefined;

  /** Reflected: the browser is blocking the room's audio, and the button shows. @readonly */
  @property({ type: Boolean, reflect: true }) blocked = false;

  readonly #localize = new LocalizeController(this);
  readonly #blocked = new ReadableController<boolean>(this, () => this.playback?.blocked, false);

  protected override willUpdate(): void {
    this.blocked = this.#blocked.value;
  }

  protected override render() {
    if (!this.blocked) return nothing;
    return html`<button part="button" class="control" type="button" @click=${() => this.playback?.resume()}>
      ${this.#localize.t('playAudio')}
    </button>`;
  }
}
