import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A fixture file's text. */
export function fixtureText(path: string): string {
  return readFileSync(dir + path, 'utf8');
}

/** Paragraphs of a plain-text fixture: blocks separated by blank lines. */
export function fixtureParagraphs(path: string): string[] {
  return fixtureText(path)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
