import { html, nothing, type TemplateResult } from 'lit';
import { checkIcon } from '../../styles/icons.js';

/** One entry of the "More" menu: a command, or one of a group of choices (a language). */
export interface MenuItem {
  label: string;
  icon: TemplateResult;
  run: () => void;
  /** For a choice: whether it is the one chosen (a `menuitemradio`). */
  checked?: boolean;
  /** The item's own language, for a language's name written in it. */
  lang?: string;
}

/** Names of the languages the kit ships, each written in itself. */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', 'zh-cn': '简体中文', zh: '简体中文' };

/** A language's name in that language: `简体中文` for `zh-CN`. */
export function languageName(lang: string): string {
  const known = LANGUAGE_NAMES[lang.toLowerCase()];
  if (known) return known;
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** The menu's items, each group after a separator with its label. */
export function renderMenuItems(groups: { label?: string; items: MenuItem[] }[]) {
  return groups
    .filter((group) => group.items.length)
    .map(
      (group, index) => html`${index ? html`<div role="separator" class="separator"></div>` : nothing}
        <div role="group" aria-label=${group.label ?? nothing}>
          ${group.label ? html`<div class="group-label" aria-hidden="true">${group.label}</div>` : nothing}
          ${group.items.map(
            (item) => html`<button
              class="item"
              type="button"
              role=${item.checked === undefined ? 'menuitem' : 'menuitemradio'}
              aria-checked=${item.checked === undefined ? nothing : item.checked ? 'true' : 'false'}
              lang=${item.lang ?? nothing}
              tabindex="-1"
              @click=${item.run}
            >
              <span class="item-icon">${item.checked === undefined ? item.icon : item.checked ? checkIcon() : nothing}</span>
              <span>${item.label}</span>
            </button>`,
          )}
        </div>`,
    );
}

/** Arrow keys, Home and End move through a menu's items, as in any menu; Tab leaves it (and closes it). */
export function onMenuKeyDown(event: KeyboardEvent, close: () => void): void {
  const menu = event.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const current = items.indexOf(menu.getRootNode() instanceof ShadowRoot ? ((menu.getRootNode() as ShadowRoot).activeElement as HTMLElement) : (document.activeElement as HTMLElement));
  const move = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: items.length - 1 }[event.key];
  if (move !== undefined) {
    event.preventDefault();
    items[(move + items.length) % items.length]?.focus();
  } else if (event.key === 'Tab') {
    close();
  }
}

/** Focuses the first item of a menu that just opened. */
export function focusFirstItem(menu: HTMLElement | null): void {
  menu?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
}
