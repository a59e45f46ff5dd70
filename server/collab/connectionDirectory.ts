import type { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Connection } from './connection.js';
import { GrantBudget, type GrantLimits } from './budget.js';

/** The open sockets of each access grant: to count them, to close them on revocation, and their shared budget. */
export class ConnectionDirectory {
  private readonly byGrant = new Map<string, Set<Connection>>();
  /** Kept after the last socket closes while anything is borrowed: reconnecting does not reset a budget. */
  private readonly budgets = new Map<string, GrantBudget>();

  constructor(private readonly limits: GrantLimits) {}

  add(connection: Connection): void {
    let set = this.byGrant.get(connection.grantId);
    if (!set) this.byGrant.set(connection.grantId, (set = new Set()));
    set.add(connection);
  }

  remove(connection: Connection): void {
    const set = this.byGrant.get(connection.grantId);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.byGrant.delete(connection.grantId);
    // Budgets of grants without sockets are forgotten once idle (at most one per invitation meanwhile).
    for (const [grantId, budget] of this.budgets) if (!this.byGrant.has(grantId) && budget.idle) this.budgets.delete(grantId);
  }

  /** What all sockets of one grant may cost together. */
  budget(grantId: string): GrantBudget {
    let budget = this.budgets.get(grantId);
    if (!budget) this.budgets.set(grantId, (budget = new GrantBudget(this.limits)));
    return budget;
  }

  /** A grant whose sockets have cost more processing than it may: new sockets wait until it is paid off. */
  overspent(grantId: string): boolean {
    return this.budgets.get(grantId)?.work.inDebt ?? false;
  }

  count(grantId: string): number {
    return this.byGrant.get(grantId)?.size ?? 0;
  }

  get total(): number {
    let n = 0;
    for (const set of this.byGrant.values()) n += set.size;
    return n;
  }

  /** Closes every socket of a grant at once (revocation, expiry). */
  closeGrant(grantId: string, code: CloseCode, reason: string): number {
    const set = [...(this.byGrant.get(grantId) ?? [])];
    for (const connection of set) connection.close(code, reason);
    return set.length;
  }
}
