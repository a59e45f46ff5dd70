import { describe, expect, it } from 'vitest';
import type { ParagraphId } from '../../shared/model/ids';
import type { Row } from '../../shared/model/rows';
import { layoutRows, sameSpacing } from './rowGeometry';

const pid = (s: string) => s as ParagraphId;
const row = (key: string, cells: Record<string, string[]>): Row => ({
  key,
  cells: Object.fromEntries(Object.entries(cells).map(([l, ps]) => [l, ps.map(pid)])),
});
const heights = (entries: Record<string, Record<string, number>>) => new Map(Object.entries(entries).map(([l, hs]) => [l, new Map(Object.entries(hs))]));

describe('rows laid out side by side', () => {
  const rows = [row('r1', { fr: ['f1'], vi: ['v1'] }), row('r2', { fr: ['f2', 'f3'], vi: ['v2'] }), row('r3', { fr: ['f4'], vi: [] })];
  const layout = layoutRows(rows, ['fr', 'vi'], heights({ fr: { f1: 40, f2: 20, f3: 30, f4: 25 }, vi: { v1: 60, v2: 30 } }), 10, 48);

  it('starts every row at the same height in every column, padding the shorter cell', () => {
    expect(layout.rowTops).toEqual(
      new Map([
        ['r1', 0],
        ['r2', 70],
        ['r3', 140],
      ]),
    );
    // Row 1: French 40 against Vietnamese 60; row 2: two French paragraphs (20 + 10 + 30) against 30.
    expect(layout.columns.get('fr')!.extra.get('f1')).toBe(20);
    expect(layout.columns.get('vi')!.extra.get('v2')).toBe(30);
    expect(layout.columns.get('fr')!.extra.get('f3')).toBe(0);
  });

  it('gives an empty cell a slot as tall as its row, after the column’s last paragraph, pointing at a counterpart', () => {
    expect(layout.columns.get('vi')!.slots).toEqual([{ key: 'r3', afterPid: 'v2', height: 48, counterpart: 'f4' }]);
    expect(layout.rowHeights.get('r3')).toBe(48);
    expect(layout.columns.get('fr')!.slots).toEqual([]);
  });

  it('puts a slot at the top of a column with nothing before it', () => {
    const first = layoutRows([row('r0', { fr: ['f0'], vi: [] })], ['fr', 'vi'], heights({ fr: { f0: 20 } }), 8, 30);
    expect(first.columns.get('vi')!.slots[0]).toMatchObject({ afterPid: null, height: 30 });
  });

  it('tells equal spacings apart from changed ones, within half a pixel', () => {
    const fr = layout.columns.get('fr')!;
    expect(sameSpacing(fr, { extra: new Map([...fr.extra].map(([k, v]) => [k, v + 0.4])), slots: fr.slots })).toBe(true);
    expect(sameSpacing(fr, { extra: new Map([...fr.extra].map(([k, v]) => [k, v + 2])), slots: fr.slots })).toBe(false);
    expect(sameSpacing(undefined, fr)).toBe(false);
  });
});
