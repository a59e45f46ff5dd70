/** A piece of a paragraph, raised (superscript) or on the line. */
export interface RaisedRun {
  readonly text: string;
  readonly superscript: boolean;
}

/**
 * Cuts a paragraph into runs at its superscript spans (UTF-16 offsets, `to` exclusive), for the
 * renderers of HTML, DOCX and PDF. Spans out of range or overlapping are clamped, never thrown on:
 * they come from a stored export.
 */
export function raisedRuns(text: string, spans: readonly { readonly from: number; readonly to: number }[] | undefined): RaisedRun[] {
  const runs: RaisedRun[] = [];
  let at = 0;
  for (const span of [...(spans ?? [])].sort((a, b) => a.from - b.from)) {
    const from = Math.max(at, Math.min(text.length, span.from));
    const to = Math.max(from, Math.min(text.length, span.to));
    if (to === from) continue;
    if (from > at) runs.push({ text: text.slice(at, from), superscript: false });
    runs.push({ text: text.slice(from, to), superscript: true });
    at = to;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), superscript: false });
  return runs;
}
