import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { remoteFrom } from './remote.js';

const FORMATS = ['json', 'html', 'docx', 'pdf', 'xml'];

/** `accord export ID [--format json|html|docx|pdf|xml] [--version N] [--out FILE]`: downloads an export. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      format: { type: 'string', default: 'json' },
      version: { type: 'string' },
      out: { type: 'string' },
      ui: { type: 'string' },
    },
  });
  const id = positionals[0];
  if (!id) throw new Error('usage: accord export DECLARATION_ID [--format json|html|docx|pdf|xml] [--version N] [--out FILE] --server URL --token T');
  if (!FORMATS.includes(values.format!)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const remote = remoteFrom(values);
  const query = new URLSearchParams({ format: values.format! });
  if (values.version) query.set('version', values.version);
  if (values.ui) query.set('ui', values.ui);
  let res: Response;
  try {
    res = await fetch(`${remote.server}/api/declarations/${encodeURIComponent(id)}/export?${query}`, { headers: { authorization: `Bearer ${remote.token}` } });
  } catch (error) {
    throw new Error(`cannot reach ${remote.server}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!res.ok) {
    const text = new TextDecoder().decode(bytes);
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${res.status} ${message}`.trim());
  }
  if (values.out) {
    writeFileSync(values.out, bytes);
    process.stdout.write(`${values.out}\n`);
  } else process.stdout.write(bytes);
  return 0;
}
