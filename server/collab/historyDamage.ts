import type { DeclarationId } from '../../shared/model/ids.js';
import type { HistoryDamage as HistoryDamageReport } from '../../shared/protocol/api.js';
import { countHistoryDamage } from '../metrics.js';

/**
 * The declarations whose stored history a room found damaged when it loaded them, with what it
 * recovered: `/api/ready` reports the server degraded while there is any, `/metrics` counts
 * them, and the secretariat's page shows a banner. One per server; a declaration stays listed
 * until the process restarts (the store reports it again at the next load while the operator
 * has not set the kept copy aside).
 */
export class HistoryDamage {
  private readonly byDeclaration = new Map<DeclarationId, HistoryDamageReport>();
  /** Damage already counted in the metric: a reload that finds the same damage again counts nothing. */
  private readonly counted = new Set<string>();

  record(id: DeclarationId, report: HistoryDamageReport): void {
    this.byDeclaration.set(id, report);
    const key = `${id} ${report.foundAt}`;
    if (this.counted.has(key)) return;
    this.counted.add(key);
    countHistoryDamage(report.lost);
  }

  of(id: DeclarationId): HistoryDamageReport | null {
    return this.byDeclaration.get(id) ?? null;
  }

  get size(): number {
    return this.byDeclaration.size;
  }

  /** Why the server is degraded, for `/api/ready` (no declaration ids: the probe answers anyone). */
  reasons(): string[] {
    const n = this.byDeclaration.size;
    if (n === 0) return [];
    const waiting = [...this.byDeclaration.values()].reduce((sum, r) => sum + r.waiting, 0);
    return [
      `the stored history of ${n} declaration${n === 1 ? ' is' : 's are'} damaged: intact parts were recovered` +
        (waiting > 0 ? `, ${waiting} stored change${waiting === 1 ? '' : 's'} wait for lost content` : '') +
        '; see history.damaged in the log',
    ];
  }
}
