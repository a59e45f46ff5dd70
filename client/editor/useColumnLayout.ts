import { type MutableRefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { readAlignment, rowsFromAlignment } from '../../shared/model/alignment';
import { applyCounterpartHints, presentParagraphs, readCounterpartHints } from '../../shared/model/counterparts';
import type { LanguageCode } from '../../shared/model/ids';
import type { RowSource } from '../../shared/model/rows';
import { LayoutController, type LayoutSnapshot } from './layoutController';

export interface ColumnLayout {
  /** The editors of the columns mounted so far. */
  readonly editors: ReadonlyMap<LanguageCode, Editor>;
  /** What a column calls when its editor comes or goes. */
  readonly onEditor: (lang: LanguageCode, editor: Editor | null) => void;
  /** The rows and where they sit, once every column has its editor. */
  readonly layout: LayoutSnapshot | null;
  /** The controller keeping rows level (null until every column has its editor): ask it to lay out again after a change. */
  readonly controller: MutableRefObject<LayoutController | null>;
}

/**
 * The columns' editors and the controller that keeps their rows level, with an empty labelled
 * slot where a counterpart is missing.
 */
export function useColumnLayout(doc: Y.Doc, langs: readonly LanguageCode[], slotLabel: string): ColumnLayout {
  const [editors, setEditors] = useState<ReadonlyMap<LanguageCode, Editor>>(new Map());
  const [layout, setLayout] = useState<LayoutSnapshot | null>(null);
  const controller = useRef<LayoutController | null>(null);

  // Rows come from the alignment the server maintains in the document (and hand-made rows); a
  // paragraph typed into a slot stands in its row at once, before the server has stored it there.
  const rowSource = useMemo<RowSource>(
    () => (columns) => {
      const hints = readCounterpartHints(doc, langs);
      const stored = readAlignment(doc);
      return rowsFromAlignment(hints.length ? applyCounterpartHints(stored, hints, presentParagraphs(doc, langs)) : stored, columns);
    },
    [doc, langs],
  );

  const onEditor = useCallback((lang: LanguageCode, editor: Editor | null) => {
    setEditors((prev) => {
      const next = new Map(prev);
      if (editor) next.set(lang, editor);
      else next.delete(lang);
      return next;
    });
  }, []);

  useEffect(() => {
    if (editors.size !== langs.length) return;
    const c = new LayoutController(editors, langs, rowSource, setLayout);
    controller.current = c;
    return () => {
      c.destroy();
      controller.current = null;
    };
  }, [editors, langs, rowSource]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new editors come with a new controller, which needs the label too
  useEffect(() => {
    controller.current?.setSlotLabel(slotLabel);
  }, [slotLabel, editors]);

  return { editors, onEditor, layout, controller };
}
