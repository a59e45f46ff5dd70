import type { DeclarationId } from '../../shared/model/ids.js';

/** One recorded change to a paragraph: who (the invitation's name) and when. */
export interface ParagraphEdit {
  readonly grantId: string;
  readonly name: string;
  readonly at: number;
}

/** Who changed which paragraph, recorded by the server as it applies each update. */
export interface AttributionLog {
  record(id: DeclarationId, pids: readonly string[], edit: ParagraphEdit): Promise<void>;
  /** A paragraph's edits, newest first. */
  history(id: DeclarationId, pid: string, limit: number): Promise<ParagraphEdit[]>;
  /** Paragraphs changed after `since` by anyone but `exceptGrant`, most recent change of each, newest first. */
  changedSince(id: DeclarationId, since: number, exceptGrant: string, limit: number): Promise<(ParagraphEdit & { pid: string })[]>;
}
