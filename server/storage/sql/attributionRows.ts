import type { ParagraphEdit } from '../attribution.js';
import type { ColumnsOf } from '../schema/tables.js';

/** A `paragraph_edits` row as the attribution logs read it (schema/tables.ts). */
export interface ParagraphEditRow {
  grant_id: string;
  name: string;
  at: number;
}

/** A paragraph's edits, newest first (the same statement on both drivers). */
export const PARAGRAPH_HISTORY = 'SELECT grant_id, name, at FROM paragraph_edits WHERE doc_id = ? AND pid = ? ORDER BY at DESC, id DESC LIMIT ?';

/** The last edit of one paragraph, which the next one by the same person may merge into. */
export const LAST_PARAGRAPH_EDIT = 'SELECT id, grant_id, at FROM paragraph_edits WHERE doc_id = ? AND pid = ? ORDER BY at DESC, id DESC LIMIT 1';

export const TOUCH_PARAGRAPH_EDIT = 'UPDATE paragraph_edits SET at = ? WHERE id = ?';

export const INSERT_PARAGRAPH_EDIT = 'INSERT INTO paragraph_edits (doc_id, pid, grant_id, name, at) VALUES (?, ?, ?, ?, ?)';

export function toParagraphEdit(r: ParagraphEditRow): ParagraphEdit {
  return { grantId: r.grant_id, name: r.name, at: r.at };
}

export function toChangedParagraph(r: ParagraphEditRow & { pid: string }): ParagraphEdit & { pid: string } {
  return { pid: r.pid, ...toParagraphEdit(r) };
}

/** Compiles only while this row type names columns the schema has. */
export type RowChecks = ColumnsOf<'paragraph_edits', ParagraphEditRow>;
