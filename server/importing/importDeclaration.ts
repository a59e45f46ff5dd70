import * as Y from 'yjs';
import { newDeclarationId } from '../declarationIds.js';
import {
  parseImport,
  splitByLanguage,
  detectLanguage,
  importFailure,
  validateDocxSize,
  type ImportResult,
  type ImportedBlock,
} from '../../shared/import/index.js';
import { parseDocxIsolated } from '../docxReading/isolatedDocx.js';
import { textFragmentName, type DeclarationSummary, type NewDeclaration } from '../../shared/model/declaration.js';
import { appendImportedBlocks } from '../../shared/model/documentText.js';
import { ensureParagraphIds, textFragmentNames } from '../../shared/model/paragraphIds.js';
import { updateAutomaticAlignment } from '../../shared/model/autoAlign.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import type { Catalog } from '../storage/catalog.js';
import type { DocumentStore } from '../storage/documentStore.js';

/** One draft to import: for one language (`lang`), or holding several one after the other (no `lang`). */
export interface ImportSource {
  readonly lang?: string;
  readonly fileName?: string;
  readonly text?: string;
  /** A .docx file, base64-encoded (JSON cannot carry bytes). */
  readonly docxBase64?: string;
}

const IMPORT_ORIGIN = Symbol('import');

/** Where an import has got to: a 5 MB draft takes seconds, and whoever waits is told which step it is at. */
export type ImportProgress =
  | { readonly step: 'read'; readonly paragraphs: Readonly<Record<string, number>> }
  | { readonly step: 'align' }
  | { readonly step: 'store'; readonly bytes: number };

/** Reads every source into blocks per language of the declaration; any bad source fails the whole import. */
export async function readSources(
  sources: readonly ImportSource[],
  languages: readonly LanguageCode[],
): Promise<ImportResult<Record<string, ImportedBlock[]>>> {
  if (sources.length === 0) return importFailure('empty', 'nothing to import');
  const byLang: Record<string, ImportedBlock[]> = {};
  for (const source of sources) {
    const parsed = await readSource(source);
    if (!parsed.ok) return parsed;
    if (source.lang === undefined) {
      const split = splitByLanguage(parsed.value, [...languages]);
      if (!split.ok) return importFailure('wrong-language', split.reason);
      for (const [lang, blocks] of Object.entries(split.value)) (byLang[lang] ??= []).push(...blocks);
      continue;
    }
    if (!languages.includes(source.lang as LanguageCode)) {
      return importFailure('wrong-language', `this declaration has no "${source.lang}" text (it has ${languages.join(', ')})`);
    }
    const guess = detectLanguage(parsed.value.map((b) => b.text).join('\n'));
    if (guess.lang !== 'unknown' && guess.lang !== source.lang && guess.confidence >= 0.8) {
      return importFailure('wrong-language', `the text given for "${source.lang}" looks like "${guess.lang}"`);
    }
    (byLang[source.lang] ??= []).push(...parsed.value);
  }
  return { ok: true, value: byLang };
}

async function readSource(source: ImportSource): Promise<ImportResult<ImportedBlock[]>> {
  if (source.docxBase64 !== undefined) {
    const bytes = Buffer.from(source.docxBase64, 'base64');
    const size = validateDocxSize(bytes.byteLength);
    if (!size.ok) return size;
    // Off the main thread, bounded: a hostile file must not stall or crash the server.
    const doc = await parseDocxIsolated(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return doc.ok ? { ok: true, value: [...doc.value.blocks] } : doc;
  }
  if (source.text === undefined) return importFailure('empty', 'the file is empty');
  const parsed = parseImport({ text: source.text, ...(source.fileName ? { fileName: source.fileName } : {}) });
  return parsed.ok ? { ok: true, value: [...parsed.value.blocks] } : parsed;
}

/** The first state of an imported declaration: every language's blocks, ids given, rows aligned. */
export function buildImportedDocument(byLang: Readonly<Record<string, readonly ImportedBlock[]>>, languages: readonly LanguageCode[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const lang of languages) appendImportedBlocks(doc.getXmlFragment(textFragmentName(lang)), byLang[lang] ?? []);
  }, IMPORT_ORIGIN);
  ensureParagraphIds(doc, textFragmentNames(doc), IMPORT_ORIGIN);
  updateAutomaticAlignment(doc, languages, IMPORT_ORIGIN);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Creates a declaration from drafts: everything is read and checked first, so a bad file
 * creates nothing; then the document is stored before the declaration is listed.
 */
export async function importDeclaration(
  deps: { catalog: Catalog; documents: DocumentStore },
  declaration: NewDeclaration,
  sources: readonly ImportSource[],
  author: string | null,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult<DeclarationSummary>> {
  const byLang = await readSources(sources, declaration.languages);
  if (!byLang.ok) return byLang;
  if (declaration.languages.every((l) => (byLang.value[l] ?? []).length === 0)) return importFailure('empty', 'no paragraph was found');
  onProgress?.({ step: 'read', paragraphs: Object.fromEntries(declaration.languages.map((l) => [l, byLang.value[l]?.length ?? 0])) });
  onProgress?.({ step: 'align' });
  const update = buildImportedDocument(byLang.value, declaration.languages);
  onProgress?.({ step: 'store', bytes: update.byteLength });
  const id = newDeclarationId();
  await deps.documents.appendUpdate(id, update, { accessId: author });
  return { ok: true, value: await deps.catalog.createDeclaration(declaration, id) };
}
