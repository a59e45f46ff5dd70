import type * as Y from 'yjs';
import { canonicalText } from '../../shared/model/canonicalText';
import type { DeclarationSummary } from '../../shared/model/declaration';

/** Each paragraph's row number (1-based, reading order), as the gutter shows it. */
export function rowNumbersByPid(doc: Y.Doc, declaration: DeclarationSummary): Map<string, number> {
  const out = new Map<string, number>();
  canonicalText(doc, declaration.title, declaration.languages).rows.forEach((row, i) => {
    for (const cells of Object.values(row.cells)) for (const cell of cells) out.set(cell.pid, i + 1);
  });
  return out;
}
