import type { ImportableMarkName } from '../model/documentText.js';

/** A span of inline formatting, as UTF-16 offsets into the block's (NFC) text; `to` is exclusive. */
export interface ImportedMark {
  readonly from: number;
  readonly to: number;
  readonly mark: ImportableMarkName;
}

/** One paragraph-level unit read from an imported draft. */
export interface ImportedBlock {
  readonly text: string;
  readonly kind: 'paragraph' | 'heading' | 'listItem';
  readonly level?: 1 | 2 | 3;
  readonly marks?: readonly ImportedMark[];
  readonly listNumber?: string;
  /** A photo caption (`Photo : …`): its own paragraph, marked so that it can be told from the text. */
  readonly caption?: true;
}

/** What every importer returns: the blocks in reading order, plus notes on what was dropped or guessed. */
export interface ImportedDocument {
  readonly blocks: readonly ImportedBlock[];
  readonly warnings: readonly string[];
}
