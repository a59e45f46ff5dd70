import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeAlignmentChanges, readAlignmentInput, applyAlignmentChanges } from '../../shared/model/autoAlign.js';
import { appendBlocks } from '../../shared/model/documentText.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { ensureParagraphIds } from '../../shared/model/paragraphIds.js';
import { AlignmentWorker } from './alignmentWorker.js';

const paragraphs = (file: string) =>
  readFileSync(new URL(`../../test/fixtures/assises-12/${file}`, import.meta.url), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const LANGS = ['fr', 'vi'] as LanguageCode[];

function declaration(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(
    doc.getXmlFragment('text:fr'),
    paragraphs('final-declaration.fr.txt').map((text) => ({ text })),
  );
  appendBlocks(
    doc.getXmlFragment('text:vi'),
    paragraphs('final-declaration.vi.txt').map((text) => ({ text })),
  );
  ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
  return doc;
}

/** What aligning the document here, on this thread, would write. */
const alignedHere = (doc: Y.Doc) => computeAlignmentChanges(readAlignmentInput(doc, LANGS)!);

const workers: AlignmentWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.close();
});

describe('alignment worker', () => {
  it('aligns its copy of a document kept up to date with every change, deletions included', async () => {
    const worker = new AlignmentWorker();
    workers.push(worker);
    const doc = declaration();
    const aligner = worker.attach(doc);
    const first = await aligner.align(LANGS);
    expect(first.version).toBe(aligner.version);
    expect(first.changes).toEqual(alignedHere(doc));
    applyAlignmentChanges(doc, first.changes!, null);
    // A paragraph removed (a deletion only: no new item, the state vector stays as it was) and one added.
    const vi = doc.getXmlFragment('text:vi');
    vi.delete(4, 1);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Một đoạn văn mới.')]);
    vi.insert(9, [p]);
    ensureParagraphIds(doc, ['text:vi'], null);
    const second = await aligner.align(LANGS);
    expect(second.version).toBe(aligner.version);
    expect(second.changes).toEqual(alignedHere(doc));
    expect(second.changes!.written.length + second.changes!.removed.length).toBeGreaterThan(0);
  });

  it('fails what a stopped thread was asked, and aligns in a fresh one next time', async () => {
    const worker = new AlignmentWorker();
    workers.push(worker);
    const doc = declaration();
    const aligner = worker.attach(doc);
    const failed = expect(aligner.align(LANGS)).rejects.toThrow(/closed/);
    await worker.close();
    await failed;
    doc.getXmlFragment('text:fr').delete(0, 1);
    const again = await aligner.align(LANGS);
    expect(again.changes).toEqual(alignedHere(doc));
  });

  it('has nothing to align in a document with one language', async () => {
    const worker = new AlignmentWorker();
    workers.push(worker);
    const aligned = await worker.attach(declaration()).align(['fr'] as LanguageCode[]);
    expect(aligned.changes).toBeNull();
  });
});
