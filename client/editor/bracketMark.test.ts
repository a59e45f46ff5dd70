import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { BracketMark, bracketClosingTexts } from './bracketMark';

const schema = getSchema([StarterKit, BracketMark]);
const bracket = (id: string, options: string[]) => schema.marks.bracket!.create({ id, options });
const paragraph = (...parts: (string | [string, ReturnType<typeof bracket>])[]) =>
  schema.nodes.paragraph!.create(
    null,
    parts.map((p) => (typeof p === 'string' ? schema.text(p) : schema.text(p[0], [p[1]]))),
  );

describe('bracket options in the editor', () => {
  it('shows every option in full inside the brackets: [A / B], not "/ …"', () => {
    const b = bracket('b1', ['renforcerons', 'développerons']);
    const doc = schema.nodes.doc!.create(null, [paragraph('Nous ', ['renforcerons', b], ' la coopération.')]);
    const closings = bracketClosingTexts(doc, schema.marks.bracket!);
    expect(closings).toEqual([{ id: 'b1', pos: 1 + 'Nous renforcerons'.length, text: ' / développerons]' }]);
  });

  it('lists options that differ from the text, after the last piece of a bracket that other text interrupts', () => {
    const b = bracket('b2', ['un', 'deux', 'trois']);
    const doc = schema.nodes.doc!.create(null, [paragraph(['un', b], ' milieu ', ['deux', b])]);
    const texts = bracketClosingTexts(doc, schema.marks.bracket!).map((c) => c.text);
    expect(texts).toEqual([']', ' / un / deux / trois]']);
  });

  it('leaves plain brackets to the mark itself', () => {
    const doc = schema.nodes.doc!.create(null, [paragraph('a ', ['b', bracket('b3', [])], ' c')]);
    expect(bracketClosingTexts(doc, schema.marks.bracket!)).toEqual([]);
  });
});
