import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * Between ProseMirror positions inside a unit and offsets in the unit's plain text, as the
 * shared model counts them (shared/negotiation/commentAnchors.ts `anchorText`): text runs, one
 * `\n` per hard break, one space between the paragraphs of a list item.
 */
interface Piece {
  /** Plain offset of the piece's first character. */
  readonly plain: number;
  /** Document position of the piece's first character (null for a separator, which has none). */
  readonly pos: number | null;
  readonly length: number;
}

function piecesOf(unit: PMNode, unitPos: number): Piece[] {
  const pieces: Piece[] = [];
  let plain = 0;
  const walk = (node: PMNode, pos: number): void => {
    if (node.isText) {
      pieces.push({ plain, pos, length: node.text!.length });
      plain += node.text!.length;
      return;
    }
    if (node.type.name === 'hardBreak') {
      pieces.push({ plain, pos, length: 1 });
      plain += 1;
      return;
    }
    let spaced = false;
    node.forEach((child) => {
      if (child.type.name === 'paragraph') spaced = true;
    });
    node.forEach((child, offset, index) => {
      if (index > 0 && spaced) {
        pieces.push({ plain, pos: null, length: 1 });
        plain += 1;
      }
      walk(child, pos + 1 + offset);
    });
  };
  walk(unit, unitPos);
  return pieces;
}

/** The plain offset of document position `pos` inside the unit at `unitPos`. */
export function plainOffsetAt(unit: PMNode, unitPos: number, pos: number): number {
  let offset = 0;
  for (const piece of piecesOf(unit, unitPos)) {
    if (piece.pos === null) {
      offset = piece.plain + piece.length;
      continue;
    }
    if (pos < piece.pos) return piece.plain;
    if (pos <= piece.pos + piece.length) return piece.plain + (pos - piece.pos);
    offset = piece.plain + piece.length;
  }
  return offset;
}

/** The document position of plain offset `offset` inside the unit, or null past its end. */
export function positionOfPlain(unit: PMNode, unitPos: number, offset: number): number | null {
  const pieces = piecesOf(unit, unitPos);
  for (const piece of pieces) {
    if (piece.pos !== null && offset >= piece.plain && offset <= piece.plain + piece.length) return piece.pos + (offset - piece.plain);
  }
  if (offset === 0) {
    // A unit with no text yet: inside its first textblock.
    let first: number | null = null;
    unit.descendants((node, pos) => {
      if (first === null && node.isTextblock) first = unitPos + 1 + pos + 1;
      return first === null;
    });
    return first;
  }
  return null;
}
