import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import type { InviteSummary } from '../../shared/protocol/api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { Api } from './api';

const ROLE_LABEL: Record<string, MessageKey> = {
  secretariat: 'roleSecretariat',
  delegation: 'roleDelegation',
  signatory: 'roleSignatory',
  observer: 'roleObserver',
};

/** The secretariat's view of who has access: invite (link shown once), list, revoke. */
export function InvitationsPanel({ api, declaration }: { api: Api; declaration: DeclarationSummary }) {
  const { t, tn, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [list, setList] = useState<InviteSummary[]>([]);
  const [role, setRole] = useState('delegation');
  const [lang, setLang] = useState<string>(declaration.languages[0]!);
  const [name, setName] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.listInvites(declaration.id).then(setList, (e: unknown) => setError(String(e)));
  }, [api, declaration.id]);
  useEffect(refresh, [refresh]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const needsLang = role === 'delegation' || role === 'signatory';
      const created = await api.invite(declaration.id, { role, name, ...(needsLang ? { lang } : {}) });
      setLink(created.url);
      setName('');
      refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const roleText = (i: InviteSummary) => `${t(ROLE_LABEL[i.role.kind]!)}${'lang' in i.role ? ` — ${names.of(i.role.lang) ?? i.role.lang}` : ''}`;

  return (
    <details className="invitations">
      <summary>{t('invitations')}</summary>
      <form onSubmit={submit} className="invite-form">
        <label>
          {t('inviteName')} <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <label>
          {t('inviteRole')}{' '}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {Object.entries(ROLE_LABEL).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        {(role === 'delegation' || role === 'signatory') && (
          <label>
            {t('inviteLanguage')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value)}>
              {declaration.languages.map((l) => (
                <option key={l} value={l}>
                  {names.of(l) ?? l}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">{t('invite')}</button>
      </form>
      {link && (
        <p className="invite-link">
          {t('copyLink')} <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} aria-label={t('copyLink')} />
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <ul className="invite-list">
        {list.map((i) => (
          <li key={i.id} data-revoked={i.revoked}>
            <strong>{i.name}</strong> · {roleText(i)} · {tn('connectedNow', i.connected)}
            {i.revoked ? (
              <em> · {t('revoked')}</em>
            ) : (
              <button type="button" onClick={() => void api.revokeInvite(declaration.id, i.id).then(refresh)}>
                {t('revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
