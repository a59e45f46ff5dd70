import * as Y from 'yjs';
import { updateAutomaticAlignment } from '../../model/autoAlign.js';
import { appendBlocks, readUnits } from '../../model/documentText.js';
import type { LanguageCode } from '../../model/ids.js';
import { ensureParagraphIds } from '../../model/paragraphIds.js';
import type { CommentAuthor } from '../commentModel.js';
import { createSuggestion } from '../suggestions.js';

export const LANGS = ['fr', 'vi'] as LanguageCode[];
export const AMINA: CommentAuthor = { name: 'Amina', delegation: 'fr' };
export const VI = 'Các bên đồng ý hợp tác chặt chẽ.';

/**
 * A French–Vietnamese declaration in which the French delegation proposes, in the first
 * Vietnamese paragraph, "nhất trí" for "đồng ý" and a sentence at the end; nothing decided.
 */
export function declarationWithSuggestions(): { doc: Y.Doc; pid: string } {
  const doc = new Y.Doc();
  appendBlocks(doc.getXmlFragment('text:fr'), [{ text: 'Les parties conviennent de coopérer étroitement.' }, { text: 'Deux.' }]);
  appendBlocks(doc.getXmlFragment('text:vi'), [{ text: VI }, { text: 'Hai.' }]);
  ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
  updateAutomaticAlignment(doc, LANGS, null);
  const pid = readUnits(doc.getXmlFragment('text:vi'))[0]!.pid;
  const must = (r: { ok: true } | { ok: false; reason: string }) => {
    if (!r.ok) throw new Error(r.reason);
  };
  // Amina (French delegation) proposes "nhất trí" for "đồng ý", and adds words at the end.
  const from = VI.indexOf('đồng ý');
  must(
    createSuggestion(doc, {
      id: 'replace',
      lang: 'vi',
      pid,
      from,
      to: from + 'đồng ý'.length,
      text: 'nhất trí',
      author: AMINA,
      at: Date.UTC(2026, 11, 3, 6, 30),
    }),
  );
  must(
    createSuggestion(doc, {
      id: 'append',
      lang: 'vi',
      pid,
      from: VI.length,
      to: VI.length,
      text: ' Tiếp tục đối thoại.',
      author: AMINA,
      at: Date.UTC(2026, 11, 3, 6, 31),
    }),
  );
  return { doc, pid };
}
