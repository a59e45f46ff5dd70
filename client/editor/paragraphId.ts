import { Extension } from '@tiptap/core';
import { PID_ATTRIBUTE, PID_NODE_NAMES, isParagraphId } from '../../shared/model/paragraphIds';
import { COUNTERPART_ATTRIBUTE } from '../../shared/model/counterparts';

/**
 * Carries each block's `pid` as a node attribute (stored by Yjs) and renders it as `data-pid`.
 * A split does not copy it: the new half arrives without one and is given a fresh id by
 * `ensureParagraphIds`, which also renames pasted copies.
 */
export const ParagraphIdExtension = Extension.create({
  name: 'paragraphId',
  addGlobalAttributes() {
    return [
      {
        types: [...PID_NODE_NAMES],
        attributes: {
          [PID_ATTRIBUTE]: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element: HTMLElement) => {
              const value = element.getAttribute('data-pid');
              return isParagraphId(value) ? value : null;
            },
            renderHTML: (attributes: Record<string, unknown>) => (isParagraphId(attributes[PID_ATTRIBUTE]) ? { 'data-pid': attributes[PID_ATTRIBUTE] } : {}),
          },
          // Set on a paragraph typed into an empty slot (rowSpacing.ts); never copied by a split or a paste.
          [COUNTERPART_ATTRIBUTE]: {
            default: null,
            keepOnSplit: false,
            parseHTML: () => null,
            renderHTML: () => ({}),
          },
        },
      },
    ];
  },
});
