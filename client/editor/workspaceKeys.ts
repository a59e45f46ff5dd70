import { type KeyboardEvent, useEffect } from 'react';
import type { Editor } from '@tiptap/core';
import type { LanguageCode } from '../../shared/model/ids';
import { caretPosition, focusUnit } from './editorCaret';
import type { LayoutSnapshot } from './layoutController';
import { unitAt } from './units';

/** Keyboard, anywhere on the page: Alt+Page Up/Down walk the selection of rows; Ctrl+Alt+M comments the selected words. */
export function useWorkspaceShortcuts(step: (direction: 1 | -1) => void, startComment: () => void, canComment: boolean): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey && (event.key === 'PageDown' || event.key === 'PageUp')) {
        event.preventDefault();
        step(event.key === 'PageDown' ? 1 : -1);
      } else if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm' && canComment) {
        event.preventDefault();
        startComment();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, startComment, canComment]);
}

/** In the columns, Alt+←/→: the same row in the neighbouring column; Alt+↑/↓: the previous/next row. */
export function moveAcrossColumns(
  event: KeyboardEvent,
  layout: LayoutSnapshot | null,
  langs: readonly LanguageCode[],
  editors: ReadonlyMap<LanguageCode, Editor>,
): void {
  if (!event.altKey || !layout) return;
  const from = langs.find((l) => editors.get(l)?.isFocused);
  if (!from) return;
  const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
  if (!dir) return;
  const editor = editors.get(from)!;
  const unit = unitAt(editor.state.doc, caretPosition(editor));
  const rowIndex = unit ? layout.rows.findIndex((r) => r.cells[from]?.includes(unit.pid)) : -1;
  if (rowIndex < 0) return;
  event.preventDefault();
  const toLang = langs[(langs.indexOf(from) + dir[0]! + langs.length) % langs.length]!;
  // Find the nearest row in the target direction that has a paragraph in the target column.
  for (let r = rowIndex + dir[1]!; r >= 0 && r < layout.rows.length; r += dir[1] || 1) {
    const pid = layout.rows[r]!.cells[toLang]?.[0];
    if (pid && focusUnit(editors.get(toLang)!, pid)) return;
    if (dir[1] === 0 && r > rowIndex + 50) return;
  }
}
