import type { Row } from '../../shared/model/rows';

/** Where an empty cell's labelled slot goes in a column, and how tall it is. */
export interface SlotPlacement {
  readonly key: string;
  /** The unit it follows in that column; null: the top of the column. */
  readonly afterPid: string | null;
  readonly height: number;
  /** A paragraph of the row in another language: what text typed into the slot is the counterpart of. */
  readonly counterpart: string | null;
}

export interface ColumnSpacing {
  /** Extra space below the last unit of each cell, so that the next row starts level. */
  readonly extra: ReadonlyMap<string, number>;
  readonly slots: readonly SlotPlacement[];
}

export interface Layout {
  readonly columns: ReadonlyMap<string, ColumnSpacing>;
  /** Each row's top, from the top of the columns. */
  readonly rowTops: ReadonlyMap<string, number>;
  /** Each row's height (its tallest cell, or a slot). */
  readonly rowHeights: ReadonlyMap<string, number>;
}

/**
 * Lays rows out so that every row starts at the same height in every column: each cell is
 * padded to the row's tallest cell, and an empty cell becomes a slot that tall. `heights`
 * are the units' natural heights (without the spacing this computes), `gap` the space every
 * unit has below it anyway.
 */
export function layoutRows(
  rows: readonly Row[],
  langs: readonly string[],
  heights: ReadonlyMap<string, ReadonlyMap<string, number>>,
  gap: number,
  slotHeight: number,
): Layout {
  const extra = new Map(langs.map((l) => [l, new Map<string, number>()]));
  const slots = new Map(langs.map((l) => [l, [] as SlotPlacement[]]));
  const last = new Map<string, string | null>(langs.map((l) => [l, null]));
  const rowTops = new Map<string, number>();
  const rowHeights = new Map<string, number>();
  let top = 0;
  for (const row of rows) {
    const cellHeights = langs.map((lang) => {
      const pids = row.cells[lang] ?? [];
      if (pids.length === 0) return null;
      const h = heights.get(lang);
      return pids.reduce((sum, pid) => sum + (h?.get(pid) ?? 0), 0) + gap * (pids.length - 1);
    });
    const filled = cellHeights.filter((h): h is number => h !== null);
    const rowHeight = Math.max(slotHeight * (filled.length < langs.length ? 1 : 0), ...filled, 0);
    langs.forEach((lang, i) => {
      const pids = row.cells[lang] ?? [];
      if (pids.length === 0) {
        const counterpart = langs.map((l) => row.cells[l]?.[0]).find((p) => p !== undefined) ?? null;
        slots.get(lang)!.push({ key: row.key, afterPid: last.get(lang)!, height: rowHeight, counterpart });
      } else {
        extra.get(lang)!.set(pids[pids.length - 1]!, Math.max(0, rowHeight - cellHeights[i]!));
        last.set(lang, pids[pids.length - 1]!);
      }
    });
    rowTops.set(row.key, top);
    rowHeights.set(row.key, rowHeight);
    top += rowHeight + gap;
  }
  const columns = new Map(langs.map((l) => [l, { extra: extra.get(l)!, slots: slots.get(l)! }]));
  return { columns, rowTops, rowHeights };
}

/** Whether two spacings would render the same (to skip a needless editor update). */
export function sameSpacing(a: ColumnSpacing | undefined, b: ColumnSpacing): boolean {
  if (!a || a.extra.size !== b.extra.size || a.slots.length !== b.slots.length) return false;
  for (const [pid, px] of b.extra) if (Math.abs((a.extra.get(pid) ?? -1) - px) > 0.5) return false;
  return a.slots.every((s, i) => {
    const t = b.slots[i]!;
    return s.key === t.key && s.afterPid === t.afterPid && Math.abs(s.height - t.height) <= 0.5;
  });
}
