import { CloseCode } from '../../shared/protocol/closeCodes';
import { decodeRefusal } from '../../shared/protocol/refusals';
import type { Refusal } from '../collab/collabSession';
import type { MessageKey } from './messages';

/** The one place that turns the server's refusals into words for the user. */
export function describeRefusal(
  refusal: Refusal,
  t: (key: MessageKey, params?: Record<string, string>) => string,
  languageName: (code: string) => string,
): string {
  if (refusal.accessStatus !== undefined) return describeAccessFailure(refusal.accessStatus, t);
  if (refusal.code === CloseCode.Unauthorized) return t('accessRevoked');
  const { topic, words } = decodeRefusal(refusal.reason);
  if (refusal.code === CloseCode.Forbidden && topic.kind === 'frozen') return t('frozenRefused');
  if (refusal.code === CloseCode.Forbidden && topic.kind === 'column') return t('cannotEdit', { language: languageName(topic.lang) });
  return t('refused', { reason: words });
}

/** Whether the page should open a fresh copy after this refusal (not when access itself is gone). */
export function shouldReload(refusal: Refusal): boolean {
  return refusal.accessStatus === undefined && refusal.code !== CloseCode.Unauthorized;
}

/**
 * Why a declaration cannot be opened, from the HTTP status the API answered: one sentence that
 * says what to do, never the status itself. `null` for a status that is not an access refusal.
 */
export function describeAccessFailure(status: number, t: (key: MessageKey) => string): string {
  if (status === 401) return t('accessRevoked');
  if (status === 403) return t('notInvited');
  if (status === 404) return t('notFound');
  return t('refused').replace('{reason}', `HTTP ${status}`);
}
