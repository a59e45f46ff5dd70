import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { canWriteRoot } from '../../shared/model/access';
import { textFragmentName } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import { useI18n } from '../i18n/i18n';
import { colourFor, delegationOf, usePresence, type PresenceUser } from '../collab/presence';
import { useCollabSession, useSessionState } from '../collab/useSession';
import { BilingualEditor } from '../editor/BilingualEditor';
import { ApiFailure, type Api, type Me } from './api';
import { StatusBar } from './StatusBar';
import { InvitationsPanel } from './InvitationsPanel';
import { DeclarationTools } from './DeclarationTools';
import { VersionsPanel } from '../versions/VersionsPanel';
import { PlenaryMode } from '../negotiation/PlenaryMode';
import { CirculationBanner } from '../negotiation/CirculationBanner';
import { commentAuthorFor } from '../../shared/negotiation/commentRules';
import { Notifications } from '../negotiation/Notifications';
import { ReopenRow } from '../negotiation/ReopenRow';
import { SuggestionsPanel } from '../negotiation/SuggestionsPanel';
import { META_MAP } from '../../shared/model/declaration';
import { ParagraphInfo } from './ParagraphInfo';
import { describeAccessFailure, describeRefusal, shouldReload } from '../i18n/refusals';
import { PublicationPanel } from '../publish/PublicationPanel';
import { useFrozen } from '../publish/useFrozen';
import { HistoryDamageBanner, useHistoryDamage } from './HistoryDamageBanner';
import { RowNavigationContext, RowNavigator } from '../editor/rowNavigation';
import { publishPlenaryPosition, usePlenaryPosition } from '../negotiation/plenaryFollow';
import { CIRCULATION_MAP, openCirculation } from '../../shared/negotiation/circulation';

interface Props {
  readonly id: string;
  readonly api: Api;
  readonly me: Me;
  readonly navigate: (path: string) => void;
  /** The interface language picker, shown at the end of the toolbar. */
  readonly languagePicker?: ReactNode;
}

export function DeclarationPage({ id, api, me, navigate, languagePicker }: Props) {
  const { t, lang: uiLang } = useI18n();
  const [declaration, setDeclaration] = useState<DeclarationSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // The live document opens once the API has confirmed access: a refused socket would be retried in vain.
  const session = useCollabSession(declaration ? id : null, generation, me.role);
  const state = useSessionState(session);
  const people = usePresence(session?.provider ?? null);
  const frozen = useFrozen(session);
  const damage = useHistoryDamage(api, id, session, me.role.kind === 'secretariat');
  const user = useMemo<PresenceUser | null>(
    () => (declaration ? { name: me.name, color: colourFor(me.role, declaration.languages), delegation: delegationOf(me.role) } : null),
    [me, declaration],
  );

  useEffect(() => {
    // An invitation opens one declaration: another one is refused without asking the server.
    if (me.declarationId && me.declarationId !== id) {
      setError(describeAccessFailure(403, t));
      return;
    }
    api
      .getDeclaration(id)
      .then(setDeclaration, (e: unknown) =>
        setError(e instanceof ApiFailure && [401, 403, 404].includes(e.status) ? describeAccessFailure(e.status, t) : String(e)),
      );
  }, [api, id, t, me.declarationId]);

  useEffect(() => {
    if (user) session?.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  // A language column added by the secretariat appears at once on every open page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again once the declaration has loaded, so that `follow` finds it
  useEffect(() => {
    if (!session) return;
    const meta = session.doc.getMap(META_MAP);
    const follow = () => {
      const languages = meta.get('languages');
      if (Array.isArray(languages))
        setDeclaration((d) => (d && d.languages.join() !== languages.join() ? { ...d, languages: languages as LanguageCode[] } : d));
    };
    meta.observe(follow);
    follow();
    return () => meta.unobserve(follow);
  }, [session, declaration?.id]);

  const [notice, setNotice] = useState<string | null>(null);
  const [plenary, setPlenary] = useState(false);
  const [toolsOpen, setToolsOpen] = useState(false);
  const navigator = useMemo(() => new RowNavigator(), []);
  navigator.onJump = () => setToolsOpen(false);
  const chair = usePlenaryPosition(session?.provider ?? null);
  const [following, setFollowing] = useState(true);
  const circulating = useCirculating(session);
  useEffect(() => {
    if (!state.refusal || !session) return;
    const names = new Intl.DisplayNames([uiLang], { type: 'language' });
    setNotice(describeRefusal(state.refusal, t, (code) => names.of(code) ?? code));
    // A refused edit exists only in our copy: drop that copy and open a fresh one from the server.
    // Not while the stored history is damaged: this copy may hold what the server lost.
    if (shouldReload(state.refusal) && !damage) void session.discardLocalCopy().finally(() => setGeneration((g) => g + 1));
  }, [state.refusal, session, t, uiLang, damage]);
  // A link to a row (`#row=<key>` or `#pid=<id>`, from a comparison) jumps there once it is laid out.
  useEffect(() => {
    const hash = new URLSearchParams(location.hash.slice(1));
    const rowKey = hash.get('row');
    const pid = hash.get('pid');
    if (rowKey) navigator.jumpTo({ rowKey });
    else if (pid) navigator.jumpTo({ pid });
  }, [navigator]);
  // A new plenary (another chair's row) is followed again by default.
  useEffect(() => {
    if (!chair) setFollowing(true);
  }, [chair]);
  const myRow = people.find((p) => p.self)?.row ?? null;
  const closeTools = useCallback(() => setToolsOpen(false), []);
  const startPlenary = useCallback(() => {
    setPlenary(true);
    setToolsOpen(false);
  }, []);
  const onPlenaryRow = useCallback(
    (row: { pid: string; n: number } | null) => {
      if (session) publishPlenaryPosition(session.provider, row);
    },
    [session],
  );

  if (error)
    return (
      <>
        <p role="alert">{error}</p>
        {me.declarationId && me.declarationId !== id && (
          <p>
            <a href={`/d/${me.declarationId}`} onClick={(e) => (e.preventDefault(), navigate(`/d/${me.declarationId}`))}>
              {t('openYourDeclaration')}
            </a>
          </p>
        )}
      </>
    );
  if (!declaration || !session || !user) return <p>{t('loading')}</p>;
  const secretariat = me.role.kind === 'secretariat';
  const stage = frozen ? 'frozen' : circulating ? 'circulating' : 'drafting';
  const frozenText = frozen
    ? t('frozenBanner', { date: new Intl.DateTimeFormat(uiLang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(frozen.at)) })
    : null;
  const skipToText = () => {
    const editor = document.querySelector<HTMLElement>('.language-column[data-writable="true"] .ProseMirror') ?? document.getElementById('text');
    editor?.focus();
  };
  const followed = chair && following && !plenary ? chair : null;
  return (
    <RowNavigationContext.Provider value={navigator}>
      <section className="workspace">
        {/* biome-ignore lint/a11y/useValidAnchor: a real link to #text that works without script; the handler only puts the caret in the column the user may write */}
        <a
          className="skip-link"
          href="#text"
          onClick={(e) => {
            e.preventDefault();
            skipToText();
          }}
        >
          {t('skipToText')}
        </a>
        <header className="ws-header">
          <a
            className="home"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            {t('appName')}
          </a>
          <h1 title={declaration.title}>{declaration.title}</h1>
          <button
            type="button"
            tabIndex={-1}
            className={`stage stage-${stage}`}
            data-stage={stage}
            data-testid={frozen ? 'frozen-banner' : undefined}
            title={frozenText ?? undefined}
            onClick={() => setToolsOpen(true)}
          >
            <span className="sr-only">{t('stage')}: </span>
            {t(`stage_${stage}`)}
          </button>
          <StatusBar state={state} people={people} languages={declaration.languages} />
        </header>
        {damage && <HistoryDamageBanner damage={damage} api={api} id={id} session={session} />}
        {notice && (
          <p role="alert" className="notice toast">
            {notice}
            <button type="button" onClick={() => setNotice(null)} aria-label={t('closeTools')}>
              ×
            </button>
          </p>
        )}
        <BilingualEditor
          key={generation}
          session={session}
          declaration={declaration}
          user={user}
          people={people}
          canEditRows={secretariat && !frozen}
          canComment={me.role.kind !== 'observer'}
          commentAuthor={commentAuthorFor(me.role, me.name)}
          writable={(lang: LanguageCode) => !frozen && canWriteRoot(me.role, textFragmentName(lang))}
          navigator={navigator}
          plenaryPid={followed?.pid ?? null}
          rowExtras={(info) => (
            <>
              {secretariat && !frozen && <ReopenRow session={session} info={info} by={me.name} />}
              <ParagraphInfo
                api={api}
                declarationId={declaration.id}
                pid={info.row.cells[declaration.languages.find((l) => (info.row.cells[l] ?? []).length > 0)!]?.[0] ?? null}
              />
            </>
          )}
          toolbarExtras={
            <>
              {chair && !plenary && !following && (
                <button type="button" onClick={() => setFollowing(true)}>
                  {t('followPlenary', { n: String(chair.n) })}
                </button>
              )}
              <button type="button" className="tools-button" aria-expanded={toolsOpen} aria-controls="tools-sheet" onClick={() => setToolsOpen((o) => !o)}>
                ☰ {t('tools')}
              </button>
              {languagePicker}
            </>
          }
        />
        {followed && (
          <div className="plenary-follow" role="status" data-plenary-following={followed.n}>
            <strong>{t('plenaryFollowing', { n: String(followed.n) })}</strong>
            <button type="button" onClick={() => setFollowing(false)}>
              {t('stopFollowing')}
            </button>
          </div>
        )}
        <ToolsSheet
          open={toolsOpen}
          onClose={closeTools}
          onPlenary={startPlenary}
          api={api}
          session={session}
          declaration={declaration}
          me={me}
          frozen={frozen}
          frozenText={frozenText}
          navigate={navigate}
          myRow={myRow}
        />
        {plenary && (
          <PlenaryMode
            session={session}
            declaration={declaration}
            by={me.name}
            onRow={onPlenaryRow}
            onClose={() => {
              publishPlenaryPosition(session.provider, null);
              setPlenary(false);
            }}
          />
        )}
      </section>
    </RowNavigationContext.Provider>
  );
}

/** Whether a circulation (silence procedure) is open now; looked at again as its deadline passes. */
function useCirculating(session: ReturnType<typeof useCollabSession>): boolean {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!session) return;
    const map = session.doc.getMap(CIRCULATION_MAP);
    const look = () => setOpen(openCirculation(session.doc, Date.now()) !== null);
    map.observe(look);
    look();
    const timer = setInterval(look, 15_000);
    return () => {
      map.unobserve(look);
      clearInterval(timer);
    };
  }, [session]);
  return open;
}

interface SheetProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onPlenary: () => void;
  readonly api: Api;
  readonly session: NonNullable<ReturnType<typeof useCollabSession>>;
  readonly declaration: DeclarationSummary;
  readonly me: Me;
  readonly frozen: ReturnType<typeof useFrozen>;
  readonly frozenText: string | null;
  readonly navigate: (path: string) => void;
  readonly myRow: string | null;
}

/**
 * The declaration's stages and tools, shown when wanted. Memoised: presence changes with every
 * keystroke of every participant, and none of this depends on it.
 */
const ToolsSheet = memo(function ToolsSheet({ open, onClose, onPlenary, api, session, declaration, me, frozen, frozenText, navigate, myRow }: SheetProps) {
  const { t } = useI18n();
  return (
    <aside id="tools-sheet" className="tools-sheet" hidden={!open} aria-label={t('toolsFor')}>
      <header>
        <h2>{t('toolsFor')}</h2>
        <button type="button" onClick={onClose}>
          {t('closeTools')}
        </button>
      </header>
      {frozenText && <p className="frozen-note">{frozenText}</p>}
      <Notifications
        api={api}
        session={session}
        declaration={declaration}
        lang={me.role.kind === 'delegation' || me.role.kind === 'signatory' ? me.role.lang : null}
      />
      <SuggestionsPanel session={session} declaration={declaration} me={me} frozen={frozen !== null} />
      <CirculationBanner
        api={api}
        session={session}
        declaration={declaration}
        me={{ canObject: me.role.kind === 'delegation' || me.role.kind === 'signatory' }}
        currentPid={myRow}
      />
      {me.role.kind === 'secretariat' && (
        <p>
          <button type="button" onClick={onPlenary}>
            {t('plenary')}
          </button>
        </p>
      )}
      <PublicationPanel api={api} declaration={declaration} me={me} frozen={frozen} navigate={navigate} />
      <VersionsPanel api={api} declaration={declaration} canEdit={me.role.kind === 'secretariat'} navigate={navigate} />
      {me.role.kind === 'secretariat' && <InvitationsPanel api={api} declaration={declaration} />}
      {me.role.kind === 'secretariat' && <DeclarationTools api={api} declaration={declaration} session={session} />}
      <p className="keyboard-help">{t('shortcuts')}</p>
    </aside>
  );
});
