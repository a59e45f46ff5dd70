import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageCode } from '../../shared/model/ids.js';
import { importDeclaration } from '../importing/importDeclaration.js';
import type { Logger } from '../log.js';
import { findProjectRoot } from '../projectRoot.js';
import type { Catalog } from '../storage/catalog.js';
import type { DocumentStore } from '../storage/documentStore.js';

// From the project root: the compiled server runs from dist/node, not from beside these texts.
const read = (name: string) => readFileSync(join(findProjectRoot(), 'server', 'demo', name), 'utf8');

/**
 * On a first start (no declaration yet) creates the 12th Assises final declaration, French and
 * Vietnamese, aligned, so that a new user sees Accord working at once. The texts ship here.
 */
export async function createDemoIfEmpty(deps: { catalog: Catalog; documents: DocumentStore }, log: Logger): Promise<void> {
  if ((await deps.catalog.listDeclarations()).length > 0) return;
  const created = await importDeclaration(
    deps,
    { title: 'Déclaration finale — 12es Assises de la coopération décentralisée franco-vietnamienne (démo)', languages: ['fr', 'vi'] as LanguageCode[] },
    [
      { lang: 'fr', fileName: 'assises-12.fr.txt', text: read('./assises-12.fr.txt') },
      { lang: 'vi', fileName: 'assises-12.vi.txt', text: read('./assises-12.vi.txt') },
    ],
    null,
  );
  if (created.ok) log.info('demo.created', { declaration: created.value.id });
  else log.error('demo.failed', { reason: created.reason });
}
