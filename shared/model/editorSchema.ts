/**
 * What a language's text may hold: the element names, attributes and marks of the editor's
 * ProseMirror schema as y-tiptap stores them in a `text:<lang>` fragment (an element per node,
 * a `Y.XmlText` per run of text, a mark as a format attribute). The server refuses anything else
 * before it is applied, because every browser's editor deletes what its schema cannot render
 * (and a column it may not write would then be refused). One source of truth: the client's
 * schema is tested against it (client/editor/editorSchema.test.ts).
 */

/** Element (node) names with the attributes each carries. `doc` is the fragment itself; text is `Y.XmlText`. */
export const TEXT_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  // counterpartOf: a paragraph typed into an empty slot names the row it belongs in (counterparts.ts).
  paragraph: ['pid', 'counterpartOf'],
  heading: ['pid', 'level', 'counterpartOf'],
  listItem: ['pid', 'counterpartOf'],
  bulletList: [],
  orderedList: ['start', 'type'],
  hardBreak: [],
};

/** Mark names with their attributes. */
export const TEXT_MARKS: Readonly<Record<string, readonly string[]>> = {
  bold: [],
  italic: [],
  strike: [],
  underline: [],
  // French ordinals and centuries: 12es Assises, 1er, XXIe siècle.
  superscript: [],
  link: ['href', 'target', 'rel', 'class', 'title'],
  bracket: ['id', 'options'],
};

/**
 * How many elements may nest in a text. The schema allows lists within list items without
 * limit, but a declaration uses two or three levels (article, point, sub-point: list + item per
 * level, plus the paragraph), and every browser's editor renders nesting recursively: 32 leaves
 * room for fifteen levels of lists and keeps every walk over the text cheap and shallow.
 */
export const MAX_TEXT_DEPTH = 32;

/** y-tiptap stores a mark that may overlap itself as `<name>--<hash>`. */
const HASHED_MARK = /^(.+)--[A-Za-z0-9+/=_-]+$/;

/** The mark a format attribute of a `Y.XmlText` stands for. */
export function markNameOf(formatKey: string): string {
  return HASHED_MARK.exec(formatKey)?.[1] ?? formatKey;
}

export function isTextElement(name: string): boolean {
  return Object.hasOwn(TEXT_ELEMENTS, name);
}

export function isElementAttribute(element: string, attribute: string): boolean {
  return isTextElement(element) && TEXT_ELEMENTS[element]!.includes(attribute);
}

/** Whether a format attribute (key and value, as y-tiptap writes it) is a mark of the schema. */
export function isSchemaMark(formatKey: string, value: unknown): boolean {
  const name = markNameOf(formatKey);
  if (!Object.hasOwn(TEXT_MARKS, name)) return false;
  if (value === null) return true; // the end of a formatted run
  if (typeof value !== 'object' || Array.isArray(value)) return value === true && TEXT_MARKS[name]!.length === 0;
  return Object.keys(value).every((k) => TEXT_MARKS[name]!.includes(k));
}
