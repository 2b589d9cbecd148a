import { useEffect } from 'react';

/** Whether a key press belongs to what the person is typing rather than to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts (no modifier, not while typing): `handlers` by key (`l`, `/`, `j`). `g` then a key goes to
 * a page (`goTo` by key). Returns nothing; listens while mounted.
 */
export function useShortcuts(handlers: Record<string, () => void>, goTo: Record<string, () => void> = {}) {
  useEffect(() => {
    let pendingG = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]') && event.key !== 'Escape') return;
      if (pendingG) {
        pendingG = false;
        clearTimeout(timer);
        const go = goTo[event.key];
        if (go) {
          event.preventDefault();
          go();
        }
        return;
      }
      if (event.key === 'g' && Object.keys(goTo).length > 0) {
        pendingG = true;
        timer = setTimeout(() => (pendingG = false), 1500);
        return;
      }
      const handler = handlers[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, [handlers, goTo]);
}
