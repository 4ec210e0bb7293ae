import { en, zhCN, type Strings } from './strings.js';

export type StringKey = keyof Strings;

const translations = new Map<string, Partial<Strings>>([
  ['en', en],
  ['zh-cn', zhCN],
  ['zh', zhCN],
  ['zh-hans', zhCN],
]);

/**
 * Adds or overrides strings for a language (`'ja'`, `'zh-TW'`, or `'en'` to reword). Missing keys fall back
 * to the base language (`zh` for `zh-TW`), then to English.
 */
export function registerTranslation(lang: string, strings: Partial<Strings>): void {
  const key = lang.toLowerCase();
  translations.set(key, { ...translations.get(key), ...strings });
}

/** The language that applies to `element`: its own or nearest `lang`, crossing shadow roots, then the document's. */
export function langOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'en';
}

export function translate(lang: string, key: StringKey, params: Record<string, string | number> = {}): string {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0]!;
  // An unknown key (a custom session's own reason code, say) shows as itself rather than breaking a render.
  const text = translations.get(tag)?.[key] ?? translations.get(base)?.[key] ?? en[key] ?? String(key);
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
