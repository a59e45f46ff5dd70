import { createContext, useContext } from 'react';

/**
 * Jumping to a row from anywhere on the page (concordance issues, "what is new", objections,
 * a comparison's link): the editor attaches the handler once its rows are laid out; a jump
 * asked before that waits for it.
 */
export class RowNavigator {
  private handler: ((target: RowTarget) => boolean) | null = null;
  private pending: RowTarget | null = null;
  /** Called on every jump (the page closes its side sheet, so the row shows). */
  onJump: (() => void) | null = null;

  attach(handler: (target: RowTarget) => boolean): () => void {
    this.handler = handler;
    if (this.pending && handler(this.pending)) this.pending = null;
    return () => {
      if (this.handler === handler) this.handler = null;
    };
  }

  /** Scrolls to the row holding the paragraph (or with the row key) and flashes it. */
  jumpTo(target: RowTarget): void {
    this.onJump?.();
    if (this.handler?.(target)) this.pending = null;
    else this.pending = target;
  }

  /** Retries a jump that came before its row existed (called after each layout). */
  retry(): void {
    if (this.pending && this.handler?.(this.pending)) this.pending = null;
  }
}

/** A paragraph id, or a row key (`r:…`, `u:…`). */
export type RowTarget = { readonly pid: string } | { readonly rowKey: string };

export const RowNavigationContext = createContext<RowNavigator | null>(null);

export function useRowNavigation(): RowNavigator | null {
  return useContext(RowNavigationContext);
}
