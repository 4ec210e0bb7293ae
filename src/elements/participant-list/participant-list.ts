import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RtcSession } from '../../core/session.js';
import { findTrack, type ConnectionQuality, type ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { cameraIcon, microphoneIcon } from '../../styles/icons.js';
import { participantListStyles } from './participant-list.styles.js';

const BARS: Record<ConnectionQuality, number> = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 };

/**
 * @summary Everyone in the room as a list: who speaks, who is muted or has the camera off, and how good each connection is.
 *
 * @tag rtc-participant-list
 *
 * Inside `<rtc-room>`. You first, then everyone in the order they joined. Each state is shown as an icon and
 * said in words for screen readers, in the page's language. The connection quality comes from the server
 * (LiveKit's, or the dev server's from the packets lost on the way in).
 *
 * @csspart heading - "Participants (4)".
 * @csspart list - The list.
 * @csspart item - One participant.
 * @csspart name - Their name.
 * @csspart agent-badge - "AI agent", beside an agent's or bot's name.
 * @csspart quality - Their connection quality bars.
 *
 * @cssprop --rtc-participant-list-speaking-color - The dot before someone speaking.
 */
export class RtcParticipantList extends LitElement {
  static override styles = [hostStyles, participantListStyles];

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);

  #renderItem(participant: ParticipantView) {
    const t = this.#localize.t.bind(this.#localize);
    const microphone = findTrack(participant, 'microphone');
    const camera = findTrack(participant, 'camera');
    const muted = !microphone || microphone.muted;
    const cameraOff = !camera || camera.muted;
    const name = participant.isLocal ? (participant.name ? t('nameYou', { name: participant.name }) : t('you')) : participant.name || participant.identity;
    return html`<li part="item" ?data-speaking=${participant.isSpeaking}>
      ${participant.isSpeaking ? html`<span class="speaking" aria-hidden="true"></span>` : nothing}
      <span part="name" class="name">${name}</span>
      ${participant.kind === 'agent' ? html`<span part="agent-badge" class="agent">${t('agent')}</span>` : nothing}
      ${participant.isSpeaking ? html`<span class="visually-hidden">${t('speaking')}</span>` : nothing}
      <span class="states">
        ${muted ? html`${microphoneIcon(false)}<span class="visually-hidden">${t('microphoneMuted')}</span>` : nothing}
        ${cameraOff ? html`${cameraIcon(false)}<span class="visually-hidden">${t('cameraOff')}</span>` : nothing}
      </span>
      <span part="quality" class="quality" data-bars=${BARS[participant.connectionQuality]} title=${t(`quality.${participant.connectionQuality}`)}>
        <span></span><span></span><span></span><span class="visually-hidden">${t(`quality.${participant.connectionQuality}`)}</span>
      </span>
    </li>`;
  }

  protected override render() {
    const participants = this.#participants.value;
    const heading = this.#localize.t('participantCount', { count: participants.length });
    return html`<h2 part="heading" id="heading">${heading}</h2>
      <ul part="list" aria-labelledby="heading">
        ${repeat(
          participants,
          (participant) => (participant.isLocal ? 'local' : participant.identity),
          (participant) => this.#renderItem(participant),
        )}
      </ul>`;
  }
}
