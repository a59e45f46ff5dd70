import type { LanguageCode } from '../../shared/model/ids.js';

/** A small client of the HTTP API, as another program would use it. */
export function apiClient(baseUrl: string, token: string | null) {
  const request = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    request,
    async createDeclaration(title: string, languages: string[] = ['fr', 'vi']): Promise<string> {
      const res = await request('POST', '/api/declarations', { title, languages: languages as LanguageCode[] });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
  };
}
