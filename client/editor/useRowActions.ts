import { type MutableRefObject, useState } from 'react';
import type * as Y from 'yjs';
import type { RowStatus } from '../../shared/model/alignment';
import type { LanguageCode } from '../../shared/model/ids';
import { confirmRow, mergeRows, releaseRow, setRowStatus, splitRow } from '../../shared/model/rowActions';
import { type AgreedDespite, recordAgreedDespite } from '../../shared/negotiation/adoption';
import { bracketedPids } from '../../shared/negotiation/brackets';
import type { Objection } from '../../shared/negotiation/circulation';
import type { LayoutController } from './layoutController';
import type { RowInfo } from './rowInfo';

/** Origin of the row changes made from this page. */
const ROW_EDIT_ORIGIN = Symbol('row-edit');

export interface RowActions {
  /** The row whose "agree despite open issues" question is showing, if any. */
  readonly confirmingAgree: string | null;
  readonly cancelAgree: () => void;
  /**
   * Sets a row's status. Agreeing a row with an open bracket or a pending objection first asks
   * (`confirmingAgree`); `despite` agrees anyway and records what was left open.
   */
  readonly setStatus: (info: RowInfo, status: RowStatus, despite?: boolean) => void;
  readonly confirm: (info: RowInfo) => void;
  readonly mergeWithNext: (info: RowInfo, next: RowInfo) => void;
  readonly split: (info: RowInfo) => void;
  readonly release: (info: RowInfo) => void;
}

/** The secretariat's changes to rows (status, confirmation, merge, split), each laid out again at once. */
export function useRowActions(
  doc: Y.Doc,
  langs: readonly LanguageCode[],
  userName: string,
  objectionsOfRow: ReadonlyMap<string, readonly Objection[]>,
  controller: MutableRefObject<LayoutController | null>,
): RowActions {
  const [confirmingAgree, setConfirmAgree] = useState<string | null>(null);
  const act = (fn: () => void) => {
    fn();
    controller.current?.schedule();
  };
  const openIssues = (info: RowInfo): AgreedDespite[] => {
    const marked = bracketedPids(doc, langs);
    const issues: AgreedDespite[] = [];
    if (info.state.status === 'bracketed' || Object.values(info.row.cells).some((ps) => ps.some((p) => marked.has(p)))) issues.push('open-bracket');
    if ((objectionsOfRow.get(info.row.key) ?? []).length > 0) issues.push('pending-objection');
    return issues;
  };
  const hasOpenIssue = (info: RowInfo) => openIssues(info).length > 0;
  const setStatus = (info: RowInfo, status: RowStatus, despite = false) => {
    if (status === 'agreed' && !despite && hasOpenIssue(info)) {
      setConfirmAgree(info.row.key);
      return;
    }
    setConfirmAgree(null);
    act(() => {
      setRowStatus(doc, info.row, status, info.texts, userName, ROW_EDIT_ORIGIN);
      if (despite) recordAgreedDespite(doc, info.row, openIssues(info), userName, Date.now(), ROW_EDIT_ORIGIN);
    });
  };
  return {
    confirmingAgree,
    cancelAgree: () => setConfirmAgree(null),
    setStatus,
    confirm: (info) => act(() => confirmRow(doc, info.row, info.texts, userName, ROW_EDIT_ORIGIN)),
    mergeWithNext: (info, next) => act(() => mergeRows(doc, info.row, next.row, ROW_EDIT_ORIGIN)),
    split: (info) => act(() => splitRow(doc, info.row, ROW_EDIT_ORIGIN)),
    release: (info) => act(() => releaseRow(doc, info.row, ROW_EDIT_ORIGIN)),
  };
}
