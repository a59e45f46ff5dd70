import * as Y from 'yjs';
import { uint32 as randomClientId } from 'lib0/random';
import type { DeclarationId } from '../../shared/model/ids.js';
import { SERVER_OWNER, type ClientOwnership } from '../storage/clientOwnership.js';

/**
 * Which grant writes as which Yjs client id in one declaration: nobody may write as someone
 * else's client. The store decides (first claim wins, on any instance); a presence claim is held
 * in memory only, as provisional, until its client writes.
 */
export class ClientOwners {
  private readonly owners = new Map<number, string>();
  /** Client ids whose owner the store has confirmed (a presence claim is only provisional). */
  private readonly confirmed = new Set<number>();

  /** @param ownership where ownership is kept across restarts; in memory only when absent (some tests). */
  constructor(
    private readonly id: DeclarationId,
    private readonly ownership: ClientOwnership | undefined,
  ) {}

  /**
   * Takes the owners the store holds. Then every client id the document holds that nobody owns
   * was written by the server (an import, a restore, an earlier load of this room, data older
   * than ownership): it becomes the server's, so that no client can write below or above its state.
   */
  async load(doc: Y.Doc): Promise<void> {
    for (const [client, grant] of (await this.ownership?.owners(this.id)) ?? []) this.confirm(client, grant);
    for (const client of doc.store.clients.keys()) {
      if (this.owners.has(client)) continue;
      this.confirm(client, (await this.ownership?.claim(this.id, client, SERVER_OWNER)) ?? SERVER_OWNER);
    }
  }

  /**
   * Binds the client ids an update writes new structs for to `grantId`; returns the id of a
   * client that already belongs to another grant (the update must then be refused).
   */
  async claimForWrite(doc: Y.Doc, grantId: string, clients: ReadonlySet<number>): Promise<number | null> {
    for (const client of clients) {
      const owner = this.owners.get(client);
      if (owner !== undefined && owner !== grantId) return client;
    }
    for (const client of clients) {
      if (this.confirmed.has(client)) continue;
      // The store decides before the update is stored. An id the document already holds (from
      // another instance) and the store has no owner for was not written by a client: it is the server's.
      const claimant = Y.getState(doc.store, client) > 0 ? SERVER_OWNER : grantId;
      const owner = (await this.ownership?.claim(this.id, client, claimant)) ?? claimant;
      this.confirm(client, owner);
      if (owner !== grantId) return client;
    }
    return null;
  }

  /** The document writes as the server: its client id is the server's before the first write. */
  async ownServerClient(doc: Y.Doc): Promise<void> {
    for (;;) {
      const client = doc.clientID;
      if (this.confirmed.has(client) && this.owners.get(client) === SERVER_OWNER) return;
      const provisional = this.owners.get(client);
      const owner = provisional ?? (await this.ownership?.claim(this.id, client, SERVER_OWNER)) ?? SERVER_OWNER;
      if (owner === SERVER_OWNER) {
        this.confirm(client, owner);
        return;
      }
      // Someone announced this id first (as presence): the server takes another.
      doc.clientID = randomClientId();
    }
  }

  /** The grant `client` belongs to, confirmed or provisional. */
  ownerOf(client: number): string | undefined {
    return this.owners.get(client);
  }

  /** Makes `grantId` the provisional owner of a client id nobody owns (announced as presence); in memory only. */
  claimProvisionally(client: number, grantId: string): void {
    this.owners.set(client, grantId);
  }

  /** Forgets a provisional owner; a confirmed one stays. */
  releaseProvisional(client: number): void {
    if (!this.confirmed.has(client)) this.owners.delete(client);
  }

  /** Client ids with an owner in memory, for tests. */
  get size(): number {
    return this.owners.size;
  }

  private confirm(client: number, owner: string): void {
    this.owners.set(client, owner);
    this.confirmed.add(client);
  }
}
