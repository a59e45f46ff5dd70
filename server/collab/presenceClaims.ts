/**
 * Which presence client ids each connection has introduced, in memory only. Announcing presence
 * for a fresh id makes the announcer its provisional owner (so that nobody who learns the id
 * from the relayed presence can write as it first), but presence never writes to storage: the
 * store records an owner only when a client writes document structs (issue 21: an observer
 * announcing fresh ids in every frame added 615,046 rows in ten seconds).
 */

/** Fresh ids one connection may introduce: a browser tab uses one per document; extras are dropped. */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 4;
/**
 * Provisional claims an invitation keeps once nobody presents them any more, newest first: a tab
 * that reconnects after a network blip announces (and writes with) the same id again.
 */
export const MAX_KEPT_CLAIMS_PER_GRANT = 64;

export interface PresenceClaimant {
  readonly grantId: string;
}

export class PresenceClaims {
  /** Fresh ids each connected peer has introduced. */
  private readonly introduced = new Map<PresenceClaimant, number>();
  /** Each grant's provisional claims, oldest first. */
  private readonly byGrant = new Map<string, Set<number>>();

  /**
   * @param release forgets a provisional claim the room no longer needs; returns false (and
   *   forgets nothing) while the id is still presented by a connected peer.
   */
  constructor(private readonly release: (client: number) => boolean) {}

  /** Whether `peer` may introduce one more fresh id. */
  mayIntroduce(peer: PresenceClaimant): boolean {
    return (this.introduced.get(peer) ?? 0) < MAX_PRESENCE_IDS_PER_CONNECTION;
  }

  /** Records that `peer` introduced `client`; forgets the grant's oldest claims nobody presents beyond the cap. */
  introducedBy(peer: PresenceClaimant, client: number): void {
    this.introduced.set(peer, (this.introduced.get(peer) ?? 0) + 1);
    let claims = this.byGrant.get(peer.grantId);
    if (!claims) this.byGrant.set(peer.grantId, (claims = new Set()));
    claims.add(client);
    if (claims.size <= MAX_KEPT_CLAIMS_PER_GRANT) return;
    for (const old of claims) {
      if (claims.size <= MAX_KEPT_CLAIMS_PER_GRANT) break;
      if (this.release(old)) claims.delete(old);
    }
  }

  /** The peer has left: its count goes; its claims stay (bounded per grant) for its return. */
  left(peer: PresenceClaimant): void {
    this.introduced.delete(peer);
  }

  /** Claims held in memory, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const claims of this.byGrant.values()) n += claims.size;
    return n;
  }
}
