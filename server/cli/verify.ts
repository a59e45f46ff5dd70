import { readFileSync } from 'node:fs';
import { parseExport, verifyExport } from '../../shared/publish/verify.js';
import { keyLabel } from '../../shared/publish/signature.js';

/**
 * `accord verify FILE.json`: checks a JSON export offline — its sha256 against the form
 * recomputed from its own content, and every signature it carries. Exit 0 when everything
 * present verifies (an unsigned file says so and passes); exit 1 naming what does not match.
 */
export async function verifyCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const json = args.includes('--json');
  if (!file) throw new Error('usage: accord verify FILE.json [--json]');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  const parsed = parseExport(value);
  if (!parsed.ok) throw new Error(`${file} is not an Accord export: ${parsed.reason}`);
  const exp = parsed.value;
  const report = verifyExport(exp);
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    const lines = [
      `${exp.title} (${exp.languages.join(', ')}), ${exp.date ? `frozen ${exp.date}` : 'not frozen'}`,
      `fingerprint: ${report.fingerprintMatches ? 'matches' : 'DOES NOT MATCH'} sha256 ${report.recomputed}`,
      ...report.signatures.map(
        (s) => `signature ${s.lang}: ${s.valid ? 'verifies' : 'DOES NOT VERIFY'} — ${s.signer} (key ${keyLabel(s.publicKey)}, ${s.signedAt})`,
      ),
      report.signatures.length === 0
        ? 'unsigned: the file carries no signature'
        : report.unsignedLanguages.length > 0
          ? `not signed for: ${report.unsignedLanguages.join(', ')}`
          : 'signed for every language',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (report.problems.length === 0) return 0;
  process.stderr.write(`accord verify: ${report.problems.join('; ')}\n`);
  return 1;
}
