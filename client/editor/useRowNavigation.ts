import { useCallback, useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { LanguageCode } from '../../shared/model/ids';
import { focusUnit, unitElement } from './editorCaret';
import { rowMatches, type RowFilter, type RowMarks, stepInFilter } from './rowFilter';
import type { RowInfo } from './rowInfo';
import type { RowNavigator, RowTarget } from './rowNavigation';

/** How long a row flashes after a jump to it. */
const FLASH_MS = 1600;

export interface RowNavigationInput {
  readonly langs: readonly LanguageCode[];
  readonly writable: (lang: LanguageCode) => boolean;
  readonly editors: ReadonlyMap<LanguageCode, Editor>;
  readonly infos: readonly RowInfo[];
  readonly rowOfPid: ReadonlyMap<string, RowInfo>;
  /** The row being worked on, if any. */
  readonly current: RowInfo | undefined;
  readonly filter: RowFilter;
  readonly marksOf: (key: string) => RowMarks;
  readonly navigator: RowNavigator;
  /** Makes a paragraph's row the current row. */
  readonly setCurrentPid: (pid: string) => void;
  /** The row the plenary is on (a paragraph id of it) while this page follows the plenary. */
  readonly plenaryPid: string | null | undefined;
}

export interface RowNavigation {
  /** The row flashing after a jump (`n` tells one jump from the next to the same row). */
  readonly flash: { readonly key: string; readonly n: number } | null;
  /** Scrolls a row into the middle of the window, makes it the current row, flashes it. */
  readonly goTo: (info: RowInfo, options?: { focus: boolean }) => void;
  /** The next (1) or previous (-1) row the filter shows. */
  readonly step: (direction: 1 | -1) => void;
  /** The key of the row the plenary is on, kept in view. */
  readonly plenaryKey: string | null;
}

/** Moving between rows: jumps asked by other parts of the page, stepping through the filter, following the plenary. */
export function useRowNavigation(input: RowNavigationInput): RowNavigation {
  const { langs, writable, editors, infos, rowOfPid, current, filter, marksOf, navigator, setCurrentPid } = input;
  const [flash, setFlash] = useState<{ key: string; n: number } | null>(null);
  const flashRow = useCallback((key: string) => setFlash((f) => ({ key, n: (f?.n ?? 0) + 1 })), []);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const goTo = useCallback(
    (info: RowInfo, options: { focus: boolean } = { focus: true }) => {
      const lang = langs.find((l) => writable(l) && (info.row.cells[l] ?? []).length > 0) ?? langs.find((l) => (info.row.cells[l] ?? []).length > 0);
      if (!lang) return;
      const pid = info.row.cells[lang]![0]!;
      setCurrentPid(pid);
      const editor = editors.get(lang);
      if (editor && options.focus) focusUnit(editor, pid);
      const el = editor ? unitElement(editor, pid) : null;
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      flashRow(info.row.key);
    },
    [langs, writable, editors, flashRow, setCurrentPid],
  );

  useEffect(() => {
    const detach = navigator.attach((target: RowTarget) => {
      const info = 'pid' in target ? rowOfPid.get(target.pid) : infos.find((i) => i.row.key === target.rowKey);
      if (!info) return false;
      goTo(info);
      return true;
    });
    navigator.retry();
    return detach;
  }, [navigator, rowOfPid, infos, goTo]);

  const step = useCallback(
    (direction: 1 | -1) => {
      if (infos.length === 0) return;
      const from = current ? current.index : direction === 1 ? -1 : infos.length;
      const next = stepInFilter(infos, from, direction, (info) => rowMatches(filter, info, marksOf(info.row.key)));
      if (next) goTo(next);
    },
    [infos, current, filter, marksOf, goTo],
  );

  // Plenary: the followed row is highlighted and kept in view.
  const plenaryInfo = input.plenaryPid ? rowOfPid.get(input.plenaryPid) : undefined;
  const plenaryKey = plenaryInfo?.row.key ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the chair moves to another row, not at every edit of the text
  useEffect(() => {
    if (!plenaryKey) return;
    const info = infos.find((i) => i.row.key === plenaryKey);
    if (!info) return;
    const lang = langs.find((l) => (info.row.cells[l] ?? []).length > 0);
    const editor = lang ? editors.get(lang) : undefined;
    if (editor && lang) unitElement(editor, info.row.cells[lang]![0]!)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [plenaryKey]);

  return { flash, goTo, step, plenaryKey };
}
