import type * as Y from 'yjs';
import { readAlignment, readRowStates, rowsFromAlignment, staleLanguages, type RowState } from '../../shared/model/alignment.js';
import { readUnits } from '../../shared/model/documentText.js';
import { readFrozen } from '../../shared/model/freeze.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { textFragmentNames } from '../../shared/model/paragraphIds.js';
import { reconfirmLanguage } from '../../shared/model/rowActions.js';
import type { Row } from '../../shared/model/rows.js';
import type { CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { SUGGESTION_VOTES_MAP, SUGGESTIONS_MAP, type Suggestion } from '../../shared/negotiation/suggestionModel.js';
import { applySuggestion } from '../../shared/negotiation/suggestions.js';
import { readSuggestion, readSuggestions } from '../../shared/negotiation/suggestionState.js';
import { type Room, SERVER_ORIGIN } from '../collab/room.js';
import type { Logger } from '../log.js';

const isAgreed = (state: RowState | undefined): state is RowState => state?.status === 'agreed' || state?.status === 'agreed-ad-referendum';

/** The row holding `pid` in `lang`, with each language's plain text as agreement reads it (canonicalText.ts). */
function rowOf(doc: Y.Doc, lang: string, pid: string): { row: Row; texts: Record<string, string[]> } | null {
  const languages = textFragmentNames(doc).map((name) => name.slice('text:'.length) as LanguageCode);
  const units = new Map(languages.map((l) => [l as string, readUnits(doc.getXmlFragment(`text:${l}`))]));
  const textOf = new Map<string, string>();
  for (const list of units.values()) for (const u of list) textOf.set(u.pid, u.text);
  const rows = rowsFromAlignment(
    readAlignment(doc),
    languages.map((l) => ({ lang: l, pids: units.get(l)!.map((u) => u.pid) })),
  );
  const row = rows.find((r) => (r.cells[lang] ?? []).includes(pid as never));
  if (!row) return null;
  return { row, texts: Object.fromEntries(languages.map((l) => [l, (row.cells[l] ?? []).map((p) => textOf.get(p) ?? '')])) };
}

/** Who the server applies a consent suggestion for: the side whose acceptance completed it (the latest). */
function lastAcceptor(s: Suggestion): CommentAuthor {
  const accepted = s.votes.filter((v) => v.decision === 'accept').sort((a, b) => b.at - a.at);
  return accepted[0]?.by ?? s.author;
}

/**
 * Applies every consent suggestion whose consents are all there (`readyToApply`), as the
 * server: the text changes, the applied mark is written, and a row that was agreed and read as
 * agreed (no language stale) has the changed language's fingerprint and agreed text follow, so
 * it stays agreed without being flagged stale. A row already stale stays stale: the consent
 * covers these words, not what changed before. Nothing is applied once the declaration is
 * frozen. Idempotent: an applied suggestion is no longer pending. Returns the ids applied.
 */
export function applyConsentSuggestions(doc: Y.Doc, at: number, origin: unknown): string[] {
  if (readFrozen(doc)) return [];
  const applied: string[] = [];
  for (const ready of readSuggestions(doc).filter((s) => s.readyToApply)) {
    // One applied before may have moved or outdated this one: read it afresh.
    const s = readSuggestion(doc, ready.id);
    if (!s?.readyToApply || !s.place) continue;
    const before = rowOf(doc, s.lang, s.place.pid);
    const state = before ? readRowStates(doc).get(before.row.key) : undefined;
    const keepAgreed = before !== null && isAgreed(state) && state.confirmed !== null && staleLanguages(state, before.texts).length === 0;
    const by = lastAcceptor(s);
    if (!applySuggestion(doc, s.id, by, at, origin).ok) continue;
    applied.push(s.id);
    if (keepAgreed) {
      const after = rowOf(doc, s.lang, s.place.pid);
      if (after && after.row.key === before.row.key) reconfirmLanguage(doc, after.row.key, s.lang, after.texts[s.lang] ?? [], by.name, at, origin);
    }
  }
  return applied;
}

/**
 * Applies consent suggestions as soon as their last consent arrives (applyConsentSuggestions),
 * through the room's change path, so the edit is stored and sent like any of the server's. A
 * room checks once when it loads too: a consent that arrived just before a restart is applied.
 */
export class ConsentApplier {
  constructor(private readonly log: Logger) {}

  attach(room: Room): void {
    let scheduled = false;
    const run = async () => {
      scheduled = false;
      if (room.isClosed || !room.leads || !room.peek((doc) => readSuggestions(doc).some((s) => s.readyToApply))) return;
      let applied: string[] = [];
      await room.change(
        (doc) => {
          applied = applyConsentSuggestions(doc, Date.now(), SERVER_ORIGIN);
        },
        { textChanged: true },
      );
      if (applied.length > 0) this.log.info('suggestions.consent_applied', { declaration: room.id, suggestions: applied.length });
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void run().catch((error) => this.log.error('suggestions.consent_failed', { declaration: room.id, error: String(error) })));
    };
    room.hooks.onWrite((roots) => {
      if (roots === null || roots.has(SUGGESTION_VOTES_MAP) || roots.has(SUGGESTIONS_MAP)) schedule();
    });
    schedule();
  }
}
