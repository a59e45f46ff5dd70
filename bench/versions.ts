/** Opening a version of a 300-row bilingual declaration: read from SQLite and parse, no history replayed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { synthesiseDeclaration } from './compare.js';
import { openSqliteDatabase } from '../server/storage/sqlite/sqliteDatabase.js';
import { SqliteVersionStore } from '../server/storage/sqlite/sqliteVersionStore.js';
import type { DeclarationId } from '../shared/model/ids.js';
import { appendBlocks } from '../shared/model/documentText.js';
import { median, round } from './measure.js';

export async function benchVersions(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const db = openSqliteDatabase(dir);
  try {
    const store = new SqliteVersionStore(db);
    const text = synthesiseDeclaration(300);
    const doc = new Y.Doc();
    for (const lang of text.languages)
      appendBlocks(
        doc.getXmlFragment(`text:${lang}`),
        text.rows.flatMap((r) => (r.cells[lang] ?? []).map((c) => ({ text: c.text }))),
      );
    const id = 'benchdeclaration' as DeclarationId;
    for (let i = 0; i < 20; i++) {
      await store.add(id, {
        kind: 'named',
        label: `Rev.${i}`,
        note: '',
        at: Date.now(),
        by: 'bench',
        state: Y.encodeStateAsUpdate(doc),
        canonical: JSON.stringify(text),
        changeSummary: null,
      });
    }
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const v = await store.get(id, 1 + (i % 20));
      JSON.parse(v!.canonical);
      times.push(performance.now() - started);
    }
    return [
      { name: 'open a version of a 300-row declaration (median of 50)', value: round(median(times), 2), unit: 'ms', target: 'a small fraction of a second' },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
