import { useEffect, useRef } from 'react';

export interface Shortcuts {
  /** Ctrl/Cmd+A outside a text field. */
  onSelectAll?: () => void;
  /** Delete (or Backspace on a Mac) outside a text field. */
  onDelete?: () => void;
  /** Ctrl/Cmd+F anywhere, instead of the browser's find bar. */
  onFind?: () => void;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/**
 * The screen-level keyboard shortcuts of a desktop file manager. They stand down while a dialog
 * is open (Esc and Tab belong to it) and while the user types in a field (Ctrl+A selects text).
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const { onSelectAll, onDelete, onFind } = ref.current;
      if (mod && event.key.toLowerCase() === 'f' && onFind) {
        event.preventDefault();
        onFind();
        return;
      }
      if (isTextField(event.target)) return;
      if (mod && event.key.toLowerCase() === 'a' && onSelectAll) {
        event.preventDefault();
        onSelectAll();
      } else if ((event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) && onDelete) {
        event.preventDefault();
        onDelete();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
