import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** A card in the rail, wanted beside its row (`top`, from the top of the columns). */
export interface RailCard {
  readonly key: string;
  readonly top: number;
  /** The card of the row being worked on: it sits exactly beside its row, the others make room. */
  readonly anchored: boolean;
  readonly content: ReactNode;
}

const GAP = 6;

/**
 * The margin beside the text (Google Docs' comment margin): each card next to its row; cards
 * that would overlap are pushed apart, the anchored one staying beside its row. Cards are
 * absolutely placed, so nothing here ever moves the text.
 */
export function RowRail({ cards, label }: { cards: readonly RailCard[]; label: string }) {
  const refs = useRef(new Map<string, HTMLDivElement>());
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(new Map());
  const measure = useRef<() => void>(() => {});
  measure.current = () => {
    const next = new Map<string, number>();
    let changed = false;
    for (const card of cards) {
      const h = refs.current.get(card.key)?.offsetHeight ?? 0;
      next.set(card.key, h);
      if (Math.abs((heights.get(card.key) ?? -1) - h) > 0.5) changed = true;
    }
    if (changed || next.size !== heights.size) setHeights(next);
  };
  useLayoutEffect(() => measure.current());
  // A card also grows by itself (a part of it loads, a details element opens): measure again then.
  const [observer] = useState(() => (typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => measure.current())));
  useEffect(() => () => observer?.disconnect(), [observer]);
  const tops = placeCards(cards, heights);
  return (
    <aside className="row-rail" aria-label={label}>
      {cards.map((card) => (
        <div
          key={card.key}
          ref={(el) => {
            const before = refs.current.get(card.key);
            if (before && before !== el) observer?.unobserve(before);
            if (el) {
              refs.current.set(card.key, el);
              observer?.observe(el);
            } else refs.current.delete(card.key);
          }}
          className={card.anchored ? 'rail-card anchored' : 'rail-card'}
          style={{ top: tops.get(card.key) ?? card.top }}
          data-rail-row={card.key}
        >
          {card.content}
        </div>
      ))}
    </aside>
  );
}

/** Each card's top: in row order, pushed down below the previous one, and up above the anchored one. */
export function placeCards(cards: readonly RailCard[], heights: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...cards].sort((a, b) => a.top - b.top);
  const tops = new Map<string, number>();
  const anchor = sorted.findIndex((c) => c.anchored);
  const h = (c: RailCard) => heights.get(c.key) ?? 0;
  if (anchor < 0) {
    let bottom = -Infinity;
    for (const c of sorted) {
      const top = Math.max(c.top, bottom + GAP);
      tops.set(c.key, top);
      bottom = top + h(c);
    }
    return tops;
  }
  const a = sorted[anchor]!;
  tops.set(a.key, a.top);
  let bottom = a.top + h(a);
  for (const c of sorted.slice(anchor + 1)) {
    const top = Math.max(c.top, bottom + GAP);
    tops.set(c.key, top);
    bottom = top + h(c);
  }
  let ceiling = a.top;
  for (const c of sorted.slice(0, anchor).reverse()) {
    const top = Math.min(c.top, ceiling - GAP - h(c));
    tops.set(c.key, top);
    ceiling = top;
  }
  return tops;
}
