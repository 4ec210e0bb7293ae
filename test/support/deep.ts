/** Every element matching `selector` under `root`, looking into each open shadow root on the way, in document order. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element as T);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}

/** The first element matching `selector` under `root`, shadow roots included. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  return deepQueryAll<T>(root, selector)[0] ?? null;
}

/** The element that has focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits for every Lit element under `root` (shadow roots included) to finish updating, twice over. */
export async function settled(root: Element): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const hosts = [root, ...deepQueryAll(root, '*')].filter((element): element is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in element);
    await Promise.all(hosts.map((host) => host.updateComplete));
  }
}
