/**
 * The elements that hold focus over the screen, topmost first: a doctor calling, a medication
 * reminder (pharmacy/reminders: it waits while a call rings or is on), else a dialog.
 * The one list: the app root scopes focus and voice guidance to the top one, the call screen
 * leaves keys to them.
 */
export const OVERLAY_TAGS = ['dah-incoming-call', 'dah-medication-reminder', 'dah-dialog'] as const;

/** The overlay on top in a root, or null. */
export function topOverlay(root: ParentNode): Element | null {
  for (const tag of OVERLAY_TAGS) {
    const found = root.querySelector(tag);
    if (found) return found;
  }
  return null;
}

/** Whether an element sits inside an overlay, looking through shadow roots. */
export function insideOverlay(element: Element | null): boolean {
  const tags: readonly string[] = OVERLAY_TAGS;
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && tags.includes(node.localName)) return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}
