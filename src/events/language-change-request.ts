export interface LanguageChangeDetail {
  /** The language chosen, as a `lang` attribute takes it (`en`, `zh-CN`). */
  lang: string;
}

/**
 * The person chose another language in the conference's menu. Cancelable: unless a listener prevents it, the
 * document's `lang` becomes `lang`, which every element follows.
 */
export class RtcLanguageChangeRequestEvent extends CustomEvent<LanguageChangeDetail> {
  static readonly eventName = 'rtc-language-change-request';

  constructor(detail: LanguageChangeDetail) {
    super(RtcLanguageChangeRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-language-change-request': RtcLanguageChangeRequestEvent;
  }
}
