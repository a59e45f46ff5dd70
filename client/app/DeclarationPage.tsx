import { useEffect, useMemo, useState } from 'react';
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
import { META_MAP } from '../../shared/model/declaration';
import { ParagraphInfo } from './ParagraphInfo';
import { describeAccessFailure, describeRefusal, shouldReload } from '../i18n/refusals';
import { PublicationPanel } from '../publish/PublicationPanel';
import { useFrozen } from '../publish/useFrozen';
import { HistoryDamageBanner, useHistoryDamage } from './HistoryDamageBanner';

interface Props {
  readonly id: string;
  readonly api: Api;
  readonly me: Me;
  readonly navigate: (path: string) => void;
}

export function DeclarationPage({ id, api, me, navigate }: Props) {
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
    api.getDeclaration(id).then(setDeclaration, (e: unknown) =>
      setError(e instanceof ApiFailure && [401, 403, 404].includes(e.status) ? describeAccessFailure(e.status, t) : String(e)),
    );
  }, [api, id, t, me.declarationId]);

  useEffect(() => {
    if (user) session?.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  // A language column added by the secretariat appears at once on every open page.
  useEffect(() => {
    if (!session) return;
    const meta = session.doc.getMap(META_MAP);
    const follow = () => {
      const languages = meta.get('languages');
      if (Array.isArray(languages)) setDeclaration((d) => (d && d.languages.join() !== languages.join() ? { ...d, languages: languages as LanguageCode[] } : d));
    };
    meta.observe(follow);
    follow();
    return () => meta.unobserve(follow);
  }, [session, declaration?.id]);

  const [notice, setNotice] = useState<string | null>(null);
  const [plenary, setPlenary] = useState(false);
  useEffect(() => {
    if (!state.refusal || !session) return;
    const names = new Intl.DisplayNames([uiLang], { type: 'language' });
    setNotice(describeRefusal(state.refusal, t, (code) => names.of(code) ?? code));
    // A refused edit exists only in our copy: drop that copy and open a fresh one from the server.
    // Not while the stored history is damaged: this copy may hold what the server lost.
    if (shouldReload(state.refusal) && !damage) void session.discardLocalCopy().finally(() => setGeneration((g) => g + 1));
  }, [state.refusal, session, t, uiLang, damage]);
  const myRow = people.find((p) => p.self)?.row ?? null;

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
  return (
    <section className="declaration">
      <h1>{declaration.title}</h1>
      <StatusBar state={state} people={people} languages={declaration.languages} />
      {damage && <HistoryDamageBanner damage={damage} api={api} id={id} session={session} />}
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      <Notifications
        api={api}
        session={session}
        declaration={declaration}
        lang={me.role.kind === 'delegation' || me.role.kind === 'signatory' ? me.role.lang : null}
      />
      <CirculationBanner
        api={api}
        session={session}
        declaration={declaration}
        me={{ canObject: me.role.kind === 'delegation' || me.role.kind === 'signatory' }}
        currentPid={myRow}
      />
      {me.role.kind === 'secretariat' && <InvitationsPanel api={api} declaration={declaration} />}
      {me.role.kind === 'secretariat' && <DeclarationTools api={api} declaration={declaration} session={session} />}
      {frozen && (
        <p className="frozen-banner" role="status" data-testid="frozen-banner">
          {t('frozenBanner', { date: new Intl.DateTimeFormat(uiLang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(frozen.at)) })}
        </p>
      )}
      <PublicationPanel api={api} declaration={declaration} me={me} frozen={frozen} navigate={navigate} />
      <VersionsPanel api={api} declaration={declaration} canEdit={me.role.kind === 'secretariat'} navigate={navigate} />
      {me.role.kind === 'secretariat' && (
        <p>
          <button type="button" onClick={() => setPlenary(true)}>
            {t('plenary')}
          </button>
        </p>
      )}
      {plenary && <PlenaryMode session={session} declaration={declaration} by={me.name} onClose={() => setPlenary(false)} />}
      <p className="keyboard-help">{t('keyboardHelp')}</p>
      <ParagraphInfo api={api} declarationId={declaration.id} pid={myRow} />
      <BilingualEditor
        key={generation}
        session={session}
        declaration={declaration}
        user={user}
        people={people}
        canEditRows={me.role.kind === 'secretariat' && !frozen}
        canComment={me.role.kind !== 'observer'}
        commentAuthor={commentAuthorFor(me.role, me.name)}
        writable={(lang: LanguageCode) => !frozen && canWriteRoot(me.role, textFragmentName(lang))}
      />
    </section>
  );
}
