import { parseArgs } from 'node:util';
import type { InviteResponse } from '../../shared/protocol/api.js';
import { call, remoteFrom } from './remote.js';

/** `accord invite --declaration ID --role delegation --lang vi --name "…" [--expires-days N]`: prints the link. */
export async function inviteCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      declaration: { type: 'string' },
      role: { type: 'string' },
      lang: { type: 'string' },
      name: { type: 'string' },
      'expires-days': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const remote = remoteFrom(values);
  if (!values.declaration) throw new Error('--declaration ID is required');
  if (!values.role) throw new Error('--role secretariat|delegation|signatory|observer is required');
  if (!values.name) throw new Error('--name is required');
  const created = await call<InviteResponse>(remote, 'POST', `/api/declarations/${encodeURIComponent(values.declaration)}/invites`, {
    role: values.role,
    name: values.name,
    ...(values.lang ? { lang: values.lang } : {}),
    ...(values['expires-days'] ? { expiresInDays: Number(values['expires-days']) } : {}),
  });
  process.stdout.write(values.json ? JSON.stringify(created) + '\n' : `${created.url}\n`);
  return 0;
}
