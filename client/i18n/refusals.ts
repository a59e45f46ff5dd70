import { FROZEN_REFUSAL } from '../../shared/model/freeze';
import { CloseCode } from '../../shared/protocol/closeCodes';
import type { Refusal } from '../collab/collabSession';
import type { MessageKey } from './messages';

/** The one place that turns the server's refusals into words for the user. */
export function describeRefusal(
  refusal: Refusal,
  t: (key: MessageKey, params?: Record<string, string>) => string,
  languageName: (code: string) => string,
): string {
  if (refusal.code === CloseCode.Unauthorized) return t('accessRevoked');
  if (refusal.code === CloseCode.Forbidden && refusal.reason.includes(FROZEN_REFUSAL)) return t('frozenRefused');
  const fragment = /"text:([^"]+)"/.exec(refusal.reason);
  if (refusal.code === CloseCode.Forbidden && fragment) return t('cannotEdit', { language: languageName(fragment[1]!) });
  return t('refused', { reason: refusal.reason });
}

/** Whether the page should open a fresh copy after this refusal (not when access itself is gone). */
export function shouldReload(refusal: Refusal): boolean {
  return refusal.code !== CloseCode.Unauthorized;
}
