import type * as Y from 'yjs';

/** Who pays for the processing time of its own changes (a connection). */
export interface WorkPayer {
  spent(ms: number): void;
}

function isPayer(origin: unknown): origin is WorkPayer {
  return typeof origin === 'object' && origin !== null && typeof (origin as Partial<WorkPayer>).spent === 'function';
}

/**
 * Measures how long each transaction on `doc` takes, from its start to the end of its cleanup
 * (integration, observers, encoding the update), and charges it to the transaction's origin when
 * that is a payer. Integrating concurrent inserts at one spot costs more the more there are
 * (Yjs' conflict resolution scans them all): a sender's cost is measured, not guessed from bytes.
 */
export function meterWork(doc: Y.Doc): void {
  let started = 0;
  doc.on('beforeTransaction', () => {
    started = performance.now();
  });
  doc.on('afterAllTransactions', (_doc: Y.Doc, transactions: Y.Transaction[]) => {
    const origin = transactions[0]?.origin;
    if (isPayer(origin)) origin.spent(performance.now() - started);
  });
}
