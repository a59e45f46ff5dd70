import * as Y from 'yjs';
import { compareTexts, type Comparison } from '../../shared/compare/compare.js';
import type { CanonicalText } from '../../shared/compare/canonical.js';
import { canonicalText } from '../../shared/model/canonicalText.js';
import { overlaySuggestions } from '../../shared/compare/suggestionOverlay.js';
import { trackSuggestions, tracksByCell } from '../../shared/negotiation/suggestionTracks.js';
import { textFragmentName, type DeclarationSummary } from '../../shared/model/declaration.js';
import type { DeclarationId, LanguageCode } from '../../shared/model/ids.js';
import { fail, ok, type Result } from '../../shared/model/result.js';
import type { RoomRegistry } from '../collab/roomRegistry.js';
import { SERVER_ORIGIN, type Room } from '../collab/room.js';
import { refreshRows } from '../../shared/model/rowRefresh.js';
import { FROZEN_REFUSAL, readFrozen } from '../../shared/model/freeze.js';
import { countOpenBrackets } from '../../shared/negotiation/brackets.js';
import type { VersionSummary } from '../../shared/protocol/api.js';
import type { Logger } from '../log.js';
import type { StoredVersion, VersionKind, VersionMeta, VersionStore } from '../storage/versionStore.js';

/** `live` or a version number. */
export type VersionRef = number | 'live';

/** Names, opens, compares and restores versions of declarations. */
export class VersionService {
  constructor(
    private readonly versions: VersionStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
  ) {}

  /** Stores the current state as a new, immutable version (with what changed since the previous one). */
  async create(declaration: DeclarationSummary, input: { kind: VersionKind; label: string; note: string; by: string }): Promise<number> {
    return this.rooms.using(declaration.id, (room) => this.createIn(room, declaration, input));
  }

  /** As `create`, for a room already held (the checkpoint service). */
  async createIn(room: Room, declaration: DeclarationSummary, input: { kind: VersionKind; label: string; note: string; by: string }): Promise<number> {
    const { state, canonical, openBrackets } = await this.snapshot(room, declaration);
    const previous = await this.versions.latest(declaration.id);
    const changeSummary: VersionSummary = {
      changes: previous ? compareTexts(JSON.parse(previous.canonical) as CanonicalText, canonical).summary : null,
      openBrackets,
    };
    const version = await this.versions.add(declaration.id, {
      kind: input.kind,
      label: input.label,
      note: input.note,
      at: Date.now(),
      by: input.by,
      state,
      canonical: JSON.stringify(canonical),
      changeSummary,
    });
    this.log.info('version.created', { declaration: declaration.id, version, kind: input.kind });
    return version;
  }

  /** The room's state and canonical text, with the rows as the aligner would have them now (not as of its last run). */
  private async snapshot(
    room: Room,
    declaration: DeclarationSummary,
  ): Promise<{ state: Uint8Array; canonical: CanonicalText; openBrackets: Record<string, number> }> {
    await room.change((doc) => void refreshRows(doc, declaration.languages, SERVER_ORIGIN));
    return room.read((doc) => ({
      state: Y.encodeStateAsUpdate(doc),
      canonical: canonicalText(doc, declaration.title, declaration.languages),
      openBrackets: countOpenBrackets(doc, declaration.languages),
    }));
  }

  /** A stored version with its full state, or null. */
  stored(id: DeclarationId, version: number): Promise<StoredVersion | null> {
    return this.versions.get(id, version);
  }

  list(id: DeclarationId): Promise<VersionMeta[]> {
    return this.versions.list(id);
  }

  /** The canonical text of a version, or of the live document. */
  async read(declaration: DeclarationSummary, ref: VersionRef): Promise<Result<{ meta: VersionMeta | null; text: CanonicalText }>> {
    if (ref === 'live') {
      const text = await this.rooms.using(declaration.id, async (room) => (await this.snapshot(room, declaration)).canonical);
      return ok({ meta: null, text });
    }
    const stored = await this.versions.get(declaration.id, ref);
    if (!stored) return fail(`there is no version ${ref}`, 'not_found');
    return ok({ meta: stripState(stored), text: JSON.parse(stored.canonical) as CanonicalText });
  }

  /** Compares two states of a declaration, or of two declarations that share languages. */
  async compare(
    declaration: DeclarationSummary,
    from: VersionRef,
    to: VersionRef,
    toDeclaration: DeclarationSummary = declaration,
    options: { withSuggestions?: boolean } = {},
  ): Promise<Result<Comparison>> {
    const a = await this.read(declaration, from);
    if (!a.ok) return a;
    if (options.withSuggestions && to === 'live') {
      // The text and its suggestions read in one task, so the suggestions sit on that very text.
      const { text, tracks } = await this.rooms.using(toDeclaration.id, async (room) => {
        await room.change((doc) => void refreshRows(doc, toDeclaration.languages, SERVER_ORIGIN));
        return room.read((doc) => ({
          text: canonicalText(doc, toDeclaration.title, toDeclaration.languages),
          tracks: trackSuggestions(doc, toDeclaration.languages),
        }));
      });
      return ok(overlaySuggestions(compareTexts(a.value.text, text), text, tracksByCell(text, tracks)));
    }
    const b = await this.read(toDeclaration, to);
    if (!b.ok) return b;
    return ok(compareTexts(a.value.text, b.value.text));
  }

  /**
   * Brings back the text of the chosen languages as it was in a version, as a new change on top
   * of the live document: history is never rewritten, and the paragraphs keep their ids.
   */
  async restore(declaration: DeclarationSummary, version: number, languages: readonly LanguageCode[]): Promise<Result<void>> {
    const stored = await this.versions.get(declaration.id, version);
    if (!stored) return fail(`there is no version ${version}`, 'not_found');
    const unknown = languages.filter((l) => !declaration.languages.includes(l));
    if (unknown.length > 0 || languages.length === 0) return fail(`choose languages of this declaration (${declaration.languages.join(', ')})`);
    const old = new Y.Doc();
    Y.applyUpdate(old, stored.state);
    let frozen = false;
    await this.rooms.using(declaration.id, (room) =>
      room.change(
        (doc) => {
          // The server's own changes pass the write policy: a frozen text is guarded here too.
          if ((frozen = readFrozen(doc) !== null)) return;
          for (const lang of languages) {
            const live = doc.getXmlFragment(textFragmentName(lang));
            const source = old.getXmlFragment(textFragmentName(lang));
            live.delete(0, live.length);
            live.insert(
              0,
              source.toArray().map((node) => node.clone() as Y.XmlElement),
            );
          }
        },
        { textChanged: true },
      ),
    );
    if (frozen) return fail(FROZEN_REFUSAL, 'conflict');
    this.log.info('version.restored', { declaration: declaration.id, version, languages });
    return ok(undefined);
  }
}

function stripState(v: StoredVersion): VersionMeta {
  const { state: _state, canonical: _canonical, ...meta } = v;
  return meta;
}
