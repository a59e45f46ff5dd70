import { appendBlocks } from '../../shared/model/documentText.js';
import { apiClient } from './api.js';
import { connectClient, waitFor } from './yclient.js';

/** Creates a declaration and writes each language's paragraphs through a real client. */
export async function seedDeclaration(
  server: { url: string; wsUrl: string; token: string },
  title: string,
  texts: Record<string, readonly string[]>,
): Promise<string> {
  const id = await apiClient(server.url, server.token).createDeclaration(title, Object.keys(texts));
  const writer = connectClient(server.wsUrl, id, server.token);
  await writer.synced();
  writer.doc.transact(() => {
    for (const [lang, paragraphs] of Object.entries(texts)) {
      appendBlocks(
        writer.doc.getXmlFragment(`text:${lang}`),
        paragraphs.map((text) => ({ text })),
      );
    }
  });
  // A second client sees it only once the server has stored it (and given the blocks ids).
  const reader = connectClient(server.wsUrl, id, server.token);
  await reader.synced();
  const expected = Object.values(texts).reduce((n, p) => n + p.length, 0);
  await waitFor(() => {
    let n = 0;
    for (const lang of Object.keys(texts)) {
      for (const el of reader.doc.getXmlFragment(`text:${lang}`).toArray())
        n += (el as { getAttribute?: (k: string) => unknown }).getAttribute?.('pid') ? 1 : 0;
    }
    return n === expected;
  }, 'the seeded paragraphs, with ids, at a second client');
  writer.destroy();
  reader.destroy();
  return id;
}
