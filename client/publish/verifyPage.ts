import { parseExport, verifyExport } from '../../shared/publish/verify';

/**
 * The public page's second opinion: the server already says whether the fingerprint and the
 * signatures verify; this checks both again in the reader's own browser, from the text on the
 * page, with the same code `accord verify` runs. Nothing is fetched.
 */
function verifyInBrowser(): void {
  const status = document.getElementById('browser-verification');
  const data = document.getElementById('declaration-data');
  if (!status || !data) return;
  try {
    const parsed = parseExport(JSON.parse(data.textContent ?? ''));
    const report = parsed.ok ? verifyExport(parsed.value) : null;
    const ok = report !== null && report.problems.length === 0;
    status.textContent =
      (ok ? '✓ ' : '✗ ') + (ok ? status.dataset.verified : status.dataset.failed) + (report && !ok ? ` (${report.problems.join('; ')})` : '');
    status.dataset.result = ok ? 'verified' : 'failed';
    status.dataset.fingerprint = report?.recomputed ?? '';
  } catch (error) {
    status.textContent = `✗ ${status.dataset.failed ?? ''} (${error instanceof Error ? error.message : String(error)})`;
    status.dataset.result = 'failed';
  }
}

verifyInBrowser();
