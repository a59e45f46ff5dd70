import { useEffect, useState, type FormEvent } from 'react';
import type { ImportPreviewResponse } from '../../shared/protocol/api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ApiFailure, type Api, type ImportProgress, type ImportSourceInput } from './api';

const IMPORT_CODES = ['empty', 'too-large', 'unsupported', 'wrong-language', 'unreadable'];

/** Import drafts: paste or upload per language (or one bilingual text), preview, then create. */
export function ImportPage({ api, onCreated }: { api: Api; onCreated: (id: string) => void }) {
  const { t, tn, lang: uiLang, languageName } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [title, setTitle] = useState('');
  const [languages, setLanguages] = useState('fr, vi');
  const [both, setBoth] = useState('');
  const [texts, setTexts] = useState<Record<string, ImportSourceInput>>({});
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const langs = languages.split(/[\s,]+/).filter(Boolean);

  const sources = (): ImportSourceInput[] => [
    ...(both.trim() ? [{ text: both, fileName: 'pasted.txt' }] : []),
    ...langs.flatMap((l) => (texts[l] && (texts[l]!.text?.trim() || texts[l]!.docxBase64) ? [{ ...texts[l]!, lang: l }] : [])),
  ];

  const explain = (e: unknown) => {
    if (e instanceof ApiFailure && IMPORT_CODES.includes(e.code)) return t(`import_${e.code}` as MessageKey, { detail: e.message });
    return e instanceof Error ? e.message : String(e);
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      await fn();
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const onFile = async (lang: string, file: File | undefined) => {
    if (!file) return;
    if (/\.docx$/i.test(file.name)) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      setTexts((x) => ({ ...x, [lang]: { fileName: file.name, docxBase64: btoa(binary) } }));
    } else {
      const text = await file.text();
      setTexts((x) => ({ ...x, [lang]: { fileName: file.name, text } }));
    }
    setPreview(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api.importDeclaration(title, langs, sources(), setProgress);
      onCreated(created.id);
    });
  };

  return (
    <section className="import-page">
      <h1>{t('importDrafts')}</h1>
      <form onSubmit={submit} className="import-form">
        <label>
          {t('title')} <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        </label>
        <label>
          {t('languages')} <input value={languages} onChange={(e) => setLanguages(e.target.value)} required />
        </label>
        <label>
          {t('importBoth')}
          <textarea value={both} rows={6} onChange={(e) => (setBoth(e.target.value), setPreview(null))} data-testid="import-both" />
        </label>
        {langs.map((l) => (
          <fieldset key={l} lang={l}>
            <legend>{t('importPerLanguage', { language: names.of(l) ?? l })}</legend>
            <textarea
              rows={4}
              value={texts[l]?.text ?? ''}
              onChange={(e) => (setTexts((x) => ({ ...x, [l]: { fileName: 'pasted.txt', text: e.target.value } })), setPreview(null))}
              aria-label={t('importPerLanguage', { language: names.of(l) ?? l })}
            />
            <label>
              {t('importFile')} <input type="file" accept=".docx,.md,.txt,text/plain,text/markdown" onChange={(e) => void onFile(l, e.target.files?.[0])} />
            </label>
          </fieldset>
        ))}
        <div className="import-buttons">
          <button type="button" disabled={busy} onClick={() => void run(async () => setPreview(await api.previewImport(langs, sources(), setProgress)))}>
            {t('preview')}
          </button>
          <button type="submit" disabled={busy || !preview}>
            {t('createDeclaration')}
          </button>
          {busy && <ImportProgressNote progress={progress} />}
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview?.unsure.some((u) => u.ranges.length > 0) && (
        <div role="status" className="notice import-unsure" data-testid="import-unsure">
          {preview.unsure
            .filter((u) => u.ranges.length > 0)
            .map((u) => (
              <p key={u.lang}>
                {t(u.unrelated ? 'import_unrelated' : 'import_unsureRows', {
                  language: languageName(u.lang),
                  other: languageName(u.pivot),
                  rows: formatRanges(u.ranges),
                })}
              </p>
            ))}
        </div>
      )}
      {preview && (
        <div className="import-preview">
          {langs.map((l) => (
            <div key={l} lang={l}>
              <h2>{tn('paragraphsFound', preview.blocks[l]?.length ?? 0, { language: languageName(l) })}</h2>
              <ol>
                {(preview.blocks[l] ?? []).map((b, i) => (
                  <li key={i} className={`preview-${b.kind}`}>
                    {b.text}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** Runs of rows as `3–9, 12, 15–16`, at most `max` of them (then `…`). */
export function formatRanges(ranges: readonly (readonly [number, number])[], max = 6): string {
  const shown = ranges.slice(0, max).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  return ranges.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** What a running import is doing: the share sent, then the seconds the server has been at work. */
function ImportProgressNote({ progress }: { progress: ImportProgress | null }) {
  const { t } = useI18n();
  const working = progress?.phase === 'working';
  const [since, setSince] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!working) return;
    const start = Date.now();
    setSince(start);
    setNow(start);
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [working]);
  if (!progress) return <span role="status">{t('loading')}</span>;
  if (working) {
    return (
      <span role="status" className="import-progress" data-phase="working">
        {t('import_working', { seconds: String(Math.round((now - since) / 1000)) })}
      </span>
    );
  }
  const size = `${(progress.total / 1e6).toFixed(1)} MB`;
  const percent = progress.total > 0 ? Math.floor((100 * progress.sent) / progress.total) : 0;
  return (
    <span role="status" className="import-progress" data-phase="sending">
      <progress value={progress.sent} max={progress.total || undefined} /> {t('import_sending', { size, percent: String(percent) })}
    </span>
  );
}
