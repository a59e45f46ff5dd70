import { useEffect, useState } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { canonicalText } from '../../shared/model/canonicalText';
import { CIRCULATION_MAP, OBJECTIONS, openCirculation, readCirculations, readObjections } from '../../shared/negotiation/circulation';
import type { CollabSession } from '../collab/collabSession';
import { ApiFailure, type Api } from '../app/api';
import { useI18n } from '../i18n/i18n';
import { ObjectionsList } from './ObjectionsList';

interface Props {
  readonly api: Api;
  readonly session: CollabSession;
  readonly declaration: DeclarationSummary;
  /** Whether this person may object (a delegation or its signatory); the server records in whose name. */
  readonly me: { readonly canObject: boolean };
  /** The paragraph the caret is in, to object to its row. */
  readonly currentPid: string | null;
}

/** The circulated version and its deadline, the outcome once it passed, and the way to object. */
export function CirculationBanner({ api, session, declaration, me, currentPid }: Props) {
  const { t, tn, lang: uiLang } = useI18n();
  const [, setVersion] = useState(0);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const types = [session.doc.getMap(CIRCULATION_MAP), session.doc.getArray(OBJECTIONS)];
    for (const type of types) type.observe(bump);
    // The deadline passes without any change to the document: look again now and then.
    const timer = setInterval(bump, 15_000);
    return () => {
      types.forEach((type) => type.unobserve(bump));
      clearInterval(timer);
    };
  }, [session.doc]);
  const circulations = readCirculations(session.doc);
  const latest = circulations[circulations.length - 1];
  if (!latest) return null;
  const when = (at: number) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const open = openCirculation(session.doc, Date.now());

  // The server records the objection (in this invitation's name, at its own time) and it reaches
  // everyone through the document; offline, nothing is sent and the person is told so.
  const object = async () => {
    if (!open || !currentPid) return;
    const row = canonicalText(session.doc, declaration.title, declaration.languages).rows.find((r) =>
      Object.values(r.cells).some((cs) => cs.some((c) => c.pid === currentPid)),
    );
    if (!row) return;
    const pids = Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.pid)]));
    setSending(true);
    try {
      await api.raiseObjection(declaration.id, { circulationId: open.id, rowKey: row.id, pids, text });
      setMessage(t('objectionSent'));
      setText('');
    } catch (error) {
      if (!(error instanceof ApiFailure)) setMessage(t('objectionOffline'));
      else setMessage(error.code === 'closed' ? t('objectionTooLate') : error.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="circulation" role="status" data-outcome={latest.outcome ?? 'open'}>
      {open ? (
        <p>{t('circulationOpen', { n: String(open.version), deadline: when(open.deadline) })}</p>
      ) : latest.outcome === 'objected' ? (
        <p>
          {t('circulationClosed_objected', { n: String(latest.version), objections: tn('objectionCount', latest.objections), deadline: when(latest.deadline) })}
        </p>
      ) : latest.outcome === 'adopted-by-silence' ? (
        <p>{t('circulationClosed_adopted', { n: String(latest.version), deadline: when(latest.deadline) })}</p>
      ) : null}
      {open && <p className="muted">{tn('objectionCount', readObjections(session.doc, open.id).length)}</p>}
      {open && me.canObject && currentPid && (
        <p className="objection-form">
          <label>
            {t('objectRow')} — {t('objectionText')} <input value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
          </label>
          <button type="button" disabled={!text.trim() || sending} onClick={() => void object()}>
            {t('sendObjection')}
          </button>
        </p>
      )}
      {message && <p>{message}</p>}
      <ObjectionsList
        doc={session.doc}
        declaration={declaration}
        circulationId={latest.id}
        heading={open ? t('objectionsHeading') : t('objectionsOutcome', { n: String(latest.version) })}
      />
    </div>
  );
}
