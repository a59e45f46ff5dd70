import type { Editor } from '@tiptap/core';
import type { Column, Row, RowSource } from '../../shared/model/rows';
import type { LanguageCode } from '../../shared/model/ids';
import { layoutRows, sameSpacing, type ColumnSpacing } from './rowGeometry';
import { rowSpacingKey, type SpacingMeta } from './rowSpacing';
import { pmUnits } from './units';

export interface LayoutSnapshot {
  readonly rows: readonly Row[];
  readonly rowTops: ReadonlyMap<string, number>;
  readonly rowHeights: ReadonlyMap<string, number>;
}

/**
 * Keeps the columns' rows level: after any change of content or size it measures each unit's
 * natural height, lays the rows out, and hands each editor its spacing. Runs at most once a
 * frame; converges in one pass because the spacing it adds never changes what it measures.
 */
export class LayoutController {
  private frame = 0;
  private readonly observer: ResizeObserver;
  private readonly applied = new Map<string, ColumnSpacing>();
  private label = '';

  constructor(
    private readonly editors: ReadonlyMap<LanguageCode, Editor>,
    private readonly langs: readonly LanguageCode[],
    private readonly rowSource: RowSource,
    private readonly onLayout: (snapshot: LayoutSnapshot) => void,
  ) {
    this.observer = new ResizeObserver(() => this.schedule());
    for (const editor of editors.values()) {
      this.observer.observe(editor.view.dom);
      editor.on('update', this.schedule);
      editor.on('transaction', this.scheduleOnDocChange);
    }
    void document.fonts?.ready.then(() => this.schedule());
    this.schedule();
  }

  setSlotLabel(label: string): void {
    if (label === this.label) return;
    this.label = label;
    this.applied.clear();
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.observer.disconnect();
    for (const editor of this.editors.values()) {
      editor.off('update', this.schedule);
      editor.off('transaction', this.scheduleOnDocChange);
    }
  }

  private readonly scheduleOnDocChange = ({ transaction }: { transaction: { docChanged: boolean } }) => {
    if (transaction.docChanged) this.schedule();
  };

  readonly schedule = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.run();
    });
  };

  /** Measures, lays out and applies now (tests and the keyboard navigation call it too). */
  run(): LayoutSnapshot {
    const columns: Column[] = [];
    const heights = new Map<string, Map<string, number>>();
    let gap = 0;
    for (const lang of this.langs) {
      const editor = this.editors.get(lang);
      if (!editor || editor.isDestroyed) continue;
      const units = pmUnits(editor.state.doc);
      columns.push({ lang, pids: units.map((u) => u.pid) });
      const h = new Map<string, number>();
      for (const unit of units) {
        const dom = editor.view.nodeDOM(unit.pos);
        if (dom instanceof HTMLElement) h.set(unit.pid, dom.getBoundingClientRect().height);
      }
      heights.set(lang, h);
      gap = parseFloat(getComputedStyle(editor.view.dom).getPropertyValue('--row-gap')) || 0;
    }
    const rows = this.rowSource(columns);
    const layout = layoutRows(rows, this.langs, heights, gap, 40);
    for (const [lang, spacing] of layout.columns) {
      const editor = this.editors.get(lang as LanguageCode);
      if (!editor || editor.isDestroyed || sameSpacing(this.applied.get(lang), spacing)) continue;
      this.applied.set(lang, spacing);
      const meta: SpacingMeta = { spacing, slotLabel: this.label };
      editor.view.dispatch(editor.state.tr.setMeta(rowSpacingKey, meta).setMeta('addToHistory', false));
    }
    const snapshot = { rows, rowTops: layout.rowTops, rowHeights: layout.rowHeights };
    this.onLayout(snapshot);
    return snapshot;
  }
}
