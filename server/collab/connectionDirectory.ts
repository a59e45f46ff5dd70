import type { Connection } from './connection.js';

/** The open sockets of each access grant: to count them and to close them on revocation. */
export class ConnectionDirectory {
  private readonly byGrant = new Map<string, Set<Connection>>();

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
  closeGrant(grantId: string, code: number, reason: string): number {
    const set = [...(this.byGrant.get(grantId) ?? [])];
    for (const connection of set) connection.close(code, reason);
    return set.length;
  }
}
