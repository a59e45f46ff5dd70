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

interface Props {
  readonly id: string;
  readonly api: Api;
  readonly me: Me;
  readonly token: string;
}

export function DeclarationPage({ id, api, me, token }: Props) {
  const { t } = useI18n();
  const [declaration, setDeclaration] = useState<DeclarationSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const session = useCollabSession(id, token, generation);
  const state = useSessionState(session);
  const people = usePresence(session?.provider ?? null);
  const user = useMemo<PresenceUser | null>(
    () => (declaration ? { name: me.name, color: colourFor(me.role, declaration.languages), delegation: delegationOf(me.role) } : null),
    [me, declaration],
  );

  useEffect(() => {
    api.getDeclaration(id).then(setDeclaration, (e: unknown) =>
      setError(e instanceof ApiFailure && (e.status === 404 || e.status === 403) ? t('notFound') : String(e)),
    );
  }, [api, id, t]);

  useEffect(() => {
    if (user) session?.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!state.refusal || !session) return;
    // The refused edit exists only in our copy: say why, drop that copy, open a fresh one.
    setNotice(t('refused', { reason: state.refusal }));
    void session.discardLocalCopy().finally(() => setGeneration((g) => g + 1));
  }, [state.refusal, session, t]);

  if (error) return <p role="alert">{error}</p>;
  if (!declaration || !session || !user) return <p>{t('loading')}</p>;
  return (
    <section className="declaration">
      <h1>{declaration.title}</h1>
      <StatusBar state={state} people={people} languages={declaration.languages} />
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      <p className="keyboard-help">{t('keyboardHelp')}</p>
      <BilingualEditor
        key={generation}
        session={session}
        declaration={declaration}
        user={user}
        people={people}
        writable={(lang: LanguageCode) => canWriteRoot(me.role, textFragmentName(lang))}
      />
    </section>
  );
}
