import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { textSchemaExtensions } from './textExtensions';
import { CompositionGuard } from './compositionGuard';
import { NfcExtension } from './nfc';
import { RowSpacing } from './rowSpacing';
import { TEXT_ELEMENTS, TEXT_MARKS } from '../../shared/model/editorSchema';

describe('the text schema the server enforces', () => {
  it('is exactly the schema of a language column’s editor', () => {
    const schema = getSchema([...textSchemaExtensions(), CompositionGuard, NfcExtension, RowSpacing]);
    const nodes = Object.fromEntries(
      Object.entries(schema.nodes)
        .filter(([name]) => name !== 'doc' && name !== 'text')
        .map(([name, type]) => [name, Object.keys(type.spec.attrs ?? {}).sort()]),
    );
    const marks = Object.fromEntries(Object.entries(schema.marks).map(([name, type]) => [name, Object.keys(type.spec.attrs ?? {}).sort()]));
    const sorted = (r: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v].sort()]));
    expect(nodes).toEqual(sorted(TEXT_ELEMENTS));
    expect(marks).toEqual(sorted(TEXT_MARKS));
  });
});
