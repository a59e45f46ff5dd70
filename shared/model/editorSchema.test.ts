import { describe, expect, it } from 'vitest';
import { isSchemaMark, markNameOf } from './editorSchema.js';

describe('the marks a text may hold', () => {
  it('accepts superscript (12es, 1er, XXIe siècle) as y-tiptap writes it: set, hashed and ended', () => {
    expect(isSchemaMark('superscript', {})).toBe(true);
    expect(isSchemaMark('superscript', null)).toBe(true);
    expect(isSchemaMark('superscript--a1B2', {})).toBe(true);
    expect(markNameOf('superscript--a1B2')).toBe('superscript');
  });

  it('still refuses marks the editor does not know, and attributes a mark does not carry', () => {
    expect(isSchemaMark('subscript', {})).toBe(false);
    expect(isSchemaMark('sup', {})).toBe(false);
    expect(isSchemaMark('blink--x', {})).toBe(false);
    expect(isSchemaMark('superscript', { style: 'color:red' })).toBe(false);
    expect(isSchemaMark('superscript', 'yes')).toBe(false);
  });
});
