/**
 * What services (aligner, checkpoints, consent) hang on a room: told of stored changes, and
 * given a last chance to finish their work before it closes.
 */
export class RoomHooks {
  private readonly textListeners = new Set<(touched: readonly string[]) => void>();
  private readonly writeListeners = new Set<(roots: ReadonlySet<string> | null) => void>();
  private readonly closeHooks: (() => Promise<void>)[] = [];

  /** Calls `listener` after each stored change of a peer to any language's text, with the paragraphs it touched. */
  onTextChange(listener: (touched: readonly string[]) => void): () => void {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  }

  /**
   * Calls `listener` after each stored change of a peer, with the roots it wrote, or with null
   * for changes another instance stored (which roots is not known here).
   */
  onWrite(listener: (roots: ReadonlySet<string> | null) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Work to finish (and store) before the room closes, e.g. a debounced re-alignment. */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  textChanged(touched: readonly string[]): void {
    for (const listener of this.textListeners) listener(touched);
  }

  wrote(roots: ReadonlySet<string> | null): void {
    for (const listener of this.writeListeners) listener(roots);
  }

  /** Runs every close hook in turn; a failing one is reported and the next still runs. */
  async closing(report: (error: unknown) => void): Promise<void> {
    for (const hook of this.closeHooks) await hook().catch(report);
  }
}
