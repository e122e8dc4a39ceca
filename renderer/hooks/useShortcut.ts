/** Keyboard shortcuts on the window, active while the component is mounted and `enabled` is true. */
import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** KeyboardEvent.key, compared case-insensitively ("Enter", "n", "PageDown", "+"). */
  key: string;
  ctrl?: boolean;
  alt?: boolean;
  /** Also fire while the focus is in a text field (off by default so typing "+" in a note never zooms). */
  inFields?: boolean;
  run: (event: KeyboardEvent) => void;
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function useShortcuts(shortcuts: Shortcut[], enabled = true): void {
  // The latest handlers without re-subscribing on every render.
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      for (const s of current.current) {
        if (event.key.toLowerCase() !== s.key.toLowerCase()) continue;
        if (Boolean(s.ctrl) !== (event.ctrlKey || event.metaKey) || Boolean(s.alt) !== event.altKey) continue;
        if (!s.inFields && isTextField(event.target)) continue;
        event.preventDefault();
        s.run(event);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
