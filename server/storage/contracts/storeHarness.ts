/**
 * What a contract suite gets from each implementation it runs against: a fresh, empty store,
 * a second one on the same storage (a restart, or another server), raw SQL on that storage
 * (to check what the database itself refuses), and a way to throw it all away.
 */
export interface StoreHarness<S> {
  readonly store: S;
  reopen(): Promise<S>;
  /** Runs one SQL statement on the underlying database; rejects with the database's error. */
  exec(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}
