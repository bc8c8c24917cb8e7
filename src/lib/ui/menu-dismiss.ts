// How a popup menu closes: Escape closes it and returns focus to its toggle button, and focus
// leaving it closes it too. Listeners sit on the wrapper, not on the items.
export interface MenuDismissOptions {
  isOpen: () => boolean;
  close: () => void;
}

export function menuDismiss(node: HTMLElement, options: MenuDismissOptions) {
  let current = options;
  const onkeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !current.isOpen()) return;
    current.close();
    node.querySelector<HTMLButtonElement>('button.toggle')?.focus();
  };
  const onfocusout = (event: FocusEvent) => {
    // Also fires while Svelte removes the focused item from the DOM: only act on a real focus move,
    // after the update, so no state is written during it.
    if (!current.isOpen() || node.contains(event.relatedTarget as Node | null)) return;
    setTimeout(() => {
      if (!node.contains(document.activeElement)) current.close();
    });
  };
  node.addEventListener('keydown', onkeydown);
  node.addEventListener('focusout', onfocusout);
  return {
    update(next: MenuDismissOptions) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', onkeydown);
      node.removeEventListener('focusout', onfocusout);
    },
  };
}
