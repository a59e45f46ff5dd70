import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, looksLikePdfPaste, parseImport } from './format.js';
import { MAX_TEXT_BYTES, utf8ByteLength, validateText } from './limits.js';

const PDF_PASTE = readFileSync(new URL('../../test/fixtures/assises-12/final-declaration.pdf-paste.txt', import.meta.url), 'utf8');
const CLEAN_TEXT = readFileSync(new URL('../../test/fixtures/assises-12/final-declaration.fr.txt', import.meta.url), 'utf8');

describe('detectFormat', () => {
  it('goes by the file extension first', () => {
    expect(detectFormat('Déclaration.DOCX')).toEqual({ ok: true, value: 'docx' });
    expect(detectFormat('notes.md', 'plain words')).toEqual({ ok: true, value: 'markdown' });
    expect(detectFormat('notes.txt', 'plain words')).toEqual({ ok: true, value: 'text' });
  });

  it('recognises a .txt laid out like a PDF paste', () => {
    expect(detectFormat('declaration.txt', PDF_PASTE)).toEqual({ ok: true, value: 'pdf-paste' });
  });

  it('reads a .txt of one paragraph per block as plain text', () => {
    expect(detectFormat('declaration.fr.txt', CLEAN_TEXT)).toEqual({ ok: true, value: 'text' });
  });

  it('recognises a PDF paste from page numbers and lines broken mid-sentence', () => {
    const paste = 'Nous, collectivités territoriales\nréunies à Hanoï du 13 au\n16 avril 2023, affirmons\n\n2\n\nque la coopération est\nun moteur.';
    expect(looksLikePdfPaste(paste)).toBe(true);
    expect(looksLikePdfPaste('Un paragraphe.\n\nUn autre paragraphe.')).toBe(false);
  });

  it('recognises pasted Markdown by its syntax, but not numbered paragraphs alone', () => {
    expect(detectFormat(undefined, '# Titre\n\nTexte')).toEqual({ ok: true, value: 'markdown' });
    expect(detectFormat(undefined, 'Le **thème** retenu')).toEqual({ ok: true, value: 'markdown' });
    expect(detectFormat(undefined, '1. Nous, collectivités.\n\n2. Tenues dans le cadre.')).toEqual({ ok: true, value: 'text' });
  });

  it('fails with "unsupported" on other file types, with a hint for PDF', () => {
    expect(detectFormat('declaration.pdf')).toMatchObject({ ok: false, code: 'unsupported', reason: expect.stringMatching(/paste/) });
    expect(detectFormat('photo.jpg')).toMatchObject({ ok: false, code: 'unsupported' });
  });
});

describe('parseImport', () => {
  it('reads a .txt PDF paste as a PDF paste', () => {
    const result = parseImport({ fileName: 'declaration.txt', text: PDF_PASTE });
    expect(result.ok && result.value.format).toBe('pdf-paste');
    expect(result.ok && result.value.blocks).toHaveLength(34);
  });

  it('follows the hint over detection', () => {
    const result = parseImport({ text: '# pas un titre', hint: 'text' });
    expect(result).toEqual({ ok: true, value: { format: 'text', blocks: [{ text: '# pas un titre', kind: 'paragraph' }], warnings: [] } });
  });

  it('reads Markdown files', () => {
    const result = parseImport({ fileName: 'd.md', text: '## Préambule\n\n- *un*' });
    expect(result.ok && result.value.blocks).toEqual([
      { text: 'Préambule', kind: 'heading', level: 2 },
      { text: 'un', kind: 'listItem', marks: [{ from: 0, to: 2, mark: 'italic' }] },
    ]);
  });

  it('turns NFD input into NFC in every format', () => {
    const nfd = 'Hội nghị hợp tác'.normalize('NFD');
    for (const hint of ['text', 'markdown', 'pdf-paste'] as const) {
      const result = parseImport({ text: nfd, hint });
      expect(result.ok && result.value.blocks[0]?.text).toBe('Hội nghị hợp tác'.normalize('NFC'));
    }
  });

  it('fails with "empty" on an empty file', () => {
    expect(parseImport({ fileName: 'vide.txt', text: '' })).toEqual({ ok: false, code: 'empty', reason: 'the file is empty' });
    expect(parseImport({ fileName: 'vide.md', text: '  \n\n' })).toMatchObject({ ok: false, code: 'empty' });
  });

  it('fails with "too-large" above 5 MB of text', () => {
    const huge = 'é'.repeat(MAX_TEXT_BYTES / 2 + 1);
    expect(huge.length).toBeLessThan(MAX_TEXT_BYTES);
    expect(parseImport({ fileName: 'gros.txt', text: huge })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('fails with "unsupported" on a .pdf and on a .docx handed over as text', () => {
    expect(parseImport({ fileName: 'declaration.pdf', text: '%PDF-1.7' })).toMatchObject({ ok: false, code: 'unsupported' });
    expect(parseImport({ fileName: 'declaration.docx', text: 'PK' })).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('fails with "unreadable" on binary content', () => {
    expect(parseImport({ fileName: 'x.txt', text: 'PK\u0003\u0004\u0000\u0000\u0014\u0000binary' })).toMatchObject({ ok: false, code: 'unreadable' });
  });
});

describe('limits', () => {
  it('counts UTF-8 bytes like an encoder does', () => {
    for (const text of ['', 'abc', 'é', 'Hội', '私', '😀', 'a😀é']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('accepts text of exactly the limit', () => {
    expect(validateText('a'.repeat(MAX_TEXT_BYTES)).ok).toBe(true);
  });
});
