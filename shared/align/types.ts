/** One paragraph as the aligner sees it: a stable id and its text. */
export interface Para {
  readonly id: string;
  readonly text: string;
}

/** How many paragraphs each side of a link holds, source first. */
export type LinkKind = '1:1' | '1:2' | '2:1' | '2:2' | '1:3' | '3:1' | '1:0' | '0:1';

/** One reason for (or against) a link, for the person who reviews it. */
export interface Evidence {
  readonly kind: 'numbering' | 'anchor' | 'length' | 'fixed' | 'lead-in';
  readonly detail: string;
}

/**
 * Paragraphs of the source that render against paragraphs of the target. Indices are 0-based,
 * consecutive and ascending; one side is empty when a paragraph has no counterpart.
 */
export interface Link {
  readonly source: readonly number[];
  readonly target: readonly number[];
  /** Confidence in [0, 1]: higher means more evidence for this link than for leaving it apart. */
  readonly score: number;
  readonly evidence: readonly Evidence[];
}

/** Both columns of a declaration, plus links a person confirmed or drew by hand. */
export interface AlignInput {
  readonly source: readonly Para[];
  readonly target: readonly Para[];
  /** Kept as they are; the engine aligns only the paragraphs between them. */
  readonly fixed?: readonly Link[];
}

/** Names the shape of a link, e.g. `2:1` for two source paragraphs against one target paragraph. */
export function nameLinkKind(link: Pick<Link, 'source' | 'target'>): string {
  return `${link.source.length}:${link.target.length}`;
}
