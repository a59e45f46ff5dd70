import { useEffect, useMemo, useState } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { useI18n } from '../i18n/i18n';
import { colorFor, usePresence } from '../collab/presence';
import { useCollabSession, useSessionState } from '../collab/useSession';
import { LanguageEditor } from '../editor/LanguageEditor';
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
  const user = useMemo(() => ({ name: me.name, color: colorFor(me.name) }), [me.name]);

  useEffect(() => {
    api.getDeclaration(id).then(setDeclaration, (e: unknown) =>
      setError(e instanceof ApiFailure && (e.status === 404 || e.status === 403) ? t('notFound') : String(e)),
    );
  }, [api, id, t]);

  useEffect(() => {
    session?.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!state.refusal) return;
    // The refused edit exists only in our copy: show why, then open a fresh copy from the server.
    setNotice(t('refused', { reason: state.refusal }));
    setGeneration((g) => g + 1);
  }, [state.refusal, t]);

  if (error) return <p role="alert">{error}</p>;
  if (!declaration || !session) return <p>{t('loading')}</p>;
  const first = declaration.languages[0]!;
  return (
    <section className="declaration">
      <h1>{declaration.title}</h1>
      <StatusBar state={state} people={people} />
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      <LanguageEditor
        key={`${generation}-${first}`}
        doc={session.doc}
        provider={session.provider}
        lang={first}
        user={user}
        editable={me.role.kind !== 'observer'}
        label={`${declaration.title} (${first})`}
      />
    </section>
  );
}
