import type { Step } from './dp.js';
import { UNMATCHED_COST, type LinkCoster } from './linkCost.js';
import { MAX_GROUP } from './pairTable.js';

/**
 * A link's score turns its margin into [0, 1]: how many nats cheaper the chosen reading is
 * than the nearest reading without it. A 1:1 link that only lengths support earns about
 * 6.5 nats (0.85), a matching number 4 more (0.97); 3 nats is a coin toss (0.5).
 */
export function scoreFromMargin(margin: number): number {
  return 1 / (1 + Math.exp(-(margin - 1) / 1.5));
}

/** Nothing on the other side at all: the paragraph cannot be anything but unmatched. */
const CERTAIN_MARGIN = 12;
/** Unmatched between fixed links, with no neighbour to join: likely, not certain. */
const NO_NEIGHBOUR_MARGIN = 6;

/** Margins of a region's steps, each against the alternative a reviewer would consider first. */
export function measureMargins(steps: readonly Step[], coster: LinkCoster, rows: number, columns: number): number[] {
  return steps.map((step, k) => {
    if (step.forced >= 0) return Infinity;
    if (step.a > 0 && step.b > 0) return (step.a + step.b) * UNMATCHED_COST - coster.cost(step.p, step.a, step.q, step.b);
    return measureUnmatchedMargin(steps, k, coster, rows, columns);
  });
}

// An unmatched paragraph could instead pair with an unmatched neighbour of the other side,
// or join the link before or after it; the margin is to the best of those.
function measureUnmatchedMargin(steps: readonly Step[], k: number, coster: LinkCoster, rows: number, columns: number): number {
  const step = steps[k]!;
  const other = step.a > 0 ? columns : rows;
  if (other === 0) return CERTAIN_MARGIN;
  const alternatives: number[] = [];
  for (const near of [steps[k - 1], steps[k + 1]]) {
    if (!near || near.forced >= 0) continue;
    const p = Math.min(step.p, near.p);
    const q = Math.min(step.q, near.q);
    const a = step.a + near.a;
    const b = step.b + near.b;
    if (a > MAX_GROUP || b > MAX_GROUP || a === 0 || b === 0) continue;
    const nearCost = near.a > 0 && near.b > 0 ? coster.cost(near.p, near.a, near.q, near.b) : UNMATCHED_COST;
    alternatives.push(coster.cost(p, a, q, b) - nearCost - UNMATCHED_COST);
  }
  return alternatives.length > 0 ? Math.min(...alternatives) : NO_NEIGHBOUR_MARGIN;
}
