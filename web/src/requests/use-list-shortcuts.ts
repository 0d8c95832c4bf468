import { useEffect, useRef, useState } from 'react';

/** What the keys of a desk list do: `/` search, `j`/`k` move, Enter opens, `?` shows the keys. */
export interface ListShortcutsParams {
  /** Off on a phone (no keyboard) and while the page shows no list. */
  enabled: boolean;
  /** How many rows the list shows now. */
  count: number;
  /** Opens the row at this index (the order's page). */
  onOpen(index: number): void;
  /** Focuses the page's search box; absent where the page has none. */
  onSearch?(): void;
  /** The selection starts over when this changes (another page, tab or filter). */
  resetKey: string;
}

/** Keys typed into a field, with a modifier, or inside a dialog or a popup belong to them, not to the list. */
function ownedElsewhere(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return true;
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, .ant-select, .ant-picker, .ant-modal, .ant-drawer, .ant-popover, .ant-dropdown') !== null;
}

/**
 * Keyboard shortcuts for a list page at a desk: `/` puts the cursor in the search box, `j` and `k`
 * move the selected row down and up, Enter opens it, `?` opens and closes the help. Returns the
 * selected index (-1: none) and the help's state.
 */
export function useListShortcuts({ enabled, count, onOpen, onSearch, resetKey }: ListShortcutsParams) {
  const [selected, setSelected] = useState(-1);
  const [help, setHelp] = useState(false);
  // The handler is bound once per enable; it reads the latest values from here.
  const latest = useRef({ count, onOpen, onSearch, selected });
  latest.current = { count, onOpen, onSearch, selected };

  useEffect(() => setSelected(-1), [resetKey]);
  useEffect(() => {
    if (selected >= count) setSelected(count - 1);
  }, [selected, count]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (ownedElsewhere(e)) return;
      const now = latest.current;
      if (e.key === '/' && now.onSearch) {
        e.preventDefault();
        now.onSearch();
      } else if (e.key === 'j' && now.count > 0) {
        setSelected((s) => Math.min(now.count - 1, s + 1));
      } else if (e.key === 'k' && now.count > 0) {
        setSelected((s) => Math.max(0, s - 1));
      } else if (e.key === 'Enter' && now.selected >= 0 && now.selected < now.count) {
        // Enter on a focused link or button is theirs.
        if (e.target instanceof HTMLElement && e.target.closest('a, button')) return;
        e.preventDefault();
        now.onOpen(now.selected);
      } else if (e.key === '?') {
        setHelp((h) => !h);
      } else if (e.key === 'Escape') {
        setHelp(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);

  return { selected, help, setHelp };
}
