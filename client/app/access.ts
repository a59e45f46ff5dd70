import type { MeResponse } from '../../shared/protocol/api';

/**
 * Signs this browser in. A link's `?token=` is removed from the address bar at once (so it is
 * not left in history or shared by copy-paste) and exchanged for an http-only cookie that
 * scripts cannot read; without one, the cookie from an earlier visit is used.
 */
export async function signIn(): Promise<{ ok: true; me: MeResponse } | { ok: false; status: number }> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return res.ok ? { ok: true, me: (await res.json()) as MeResponse } : { ok: false, status: res.status };
  }
  const res = await fetch('/api/me');
  return res.ok ? { ok: true, me: (await res.json()) as MeResponse } : { ok: false, status: res.status };
}
