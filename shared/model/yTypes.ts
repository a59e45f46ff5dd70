import type * as Y from 'yjs';

/** Any Yjs shared type: their event parameters differ, so `AbstractType<unknown>` fits none of them. */
// biome-ignore lint/suspicious/noExplicitAny: Yjs declares AbstractType over its event type, which no common supertype covers
export type AnyType = Y.AbstractType<any>;
