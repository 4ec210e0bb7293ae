/** The element with focus, looking into shadow roots; `null` when nothing has it. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement && active.shadowRoot.activeElement !== active) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `node` is inside `container`, through the shadow roots between them. */
export function containsDeep(container: Element, node: Node): boolean {
  for (let current: Node | undefined = node; current; current = (current.getRootNode() as ShadowRoot).host) {
    if (container.contains(current)) return true;
  }
  return false;
}
