import { raisedRuns } from '../../shared/text/raisedRuns';

/** Text with its raised letters (1ᵉʳ, XXIᵉ, Mᵐᵉ) in <sup>; React escapes every run. */
export function RaisedText({ text, spans }: { text: string; spans: readonly { readonly from: number; readonly to: number }[] | undefined }) {
  if (!spans || spans.length === 0) return <>{text}</>;
  return <>{raisedRuns(text, spans).map((run, k) => (run.superscript ? <sup key={k}>{run.text}</sup> : run.text))}</>;
}
