import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { defaultSelectionBuilder, yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';

/** How long a person's name stays over their caret after they last typed or moved it. */
export const CARET_LABEL_IDLE_MS = 2000;

const CARET_CLASS = 'collaboration-carets__caret';
const IDLE_CLASS = 'is-idle';

/**
 * When each remote person last moved their caret (typing moves it), as this page saw it: names
 * over carets cover words, so a label shows while its person is active and fades once idle.
 * Counted on our clock when their awareness changes, so the two machines' clocks never matter.
 */
class CaretActivity {
  private readonly lastActive = new Map<number, number>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.onChange);
  }

  private readonly onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of [...added, ...updated]) if (id !== this.awareness.clientID) this.touch(id);
    for (const id of removed) {
      clearTimeout(this.timers.get(id));
      this.timers.delete(id);
      this.lastActive.delete(id);
    }
  };

  private touch(clientId: number): void {
    this.lastActive.set(clientId, performance.now());
    showLabels(clientId, true);
    clearTimeout(this.timers.get(clientId));
    this.timers.set(
      clientId,
      setTimeout(() => showLabels(clientId, false), CARET_LABEL_IDLE_MS),
    );
  }

  isActive(clientId: number): boolean {
    const at = this.lastActive.get(clientId);
    return at !== undefined && performance.now() - at < CARET_LABEL_IDLE_MS;
  }
}

// The carets of one person appear in several editors (one per column) and are redrawn often: find them by id.
function showLabels(clientId: number, active: boolean): void {
  for (const caret of document.querySelectorAll(`.${CARET_CLASS}[data-client-id="${clientId}"]`)) caret.classList.toggle(IDLE_CLASS, !active);
}

const activities = new WeakMap<Awareness, CaretActivity>();

function activityOf(awareness: Awareness): CaretActivity {
  let activity = activities.get(awareness);
  if (!activity) activities.set(awareness, (activity = new CaretActivity(awareness)));
  return activity;
}

function renderCaret(user: { name?: unknown; color?: unknown }, clientId: number, activity: CaretActivity): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/iu.test(user.color) ? user.color : '#666666';
  const caret = document.createElement('span');
  caret.className = CARET_CLASS;
  if (!activity.isActive(clientId)) caret.classList.add(IDLE_CLASS);
  caret.dataset.clientId = String(clientId);
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/**
 * Tiptap's collaboration carets, with the person's name shown only while they type or move
 * their caret (see CaretActivity); the caret line itself always stays.
 */
export const FadingCollaborationCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    // The parent's first plugin publishes our user and follows who is here; its caret plugin is replaced.
    const [userListener] = this.parent?.() ?? [];
    const awareness = (this.options.provider as { awareness: Awareness }).awareness;
    const activity = activityOf(awareness);
    return [
      ...(userListener ? [userListener] : []),
      yCursorPlugin(awareness, {
        cursorBuilder: (user: { name?: unknown; color?: unknown }, clientId: number) => renderCaret(user, clientId, activity),
        selectionBuilder: (user: { color?: unknown }) =>
          typeof user.color === 'string' && /^#[0-9a-f]{6}$/iu.test(user.color) ? defaultSelectionBuilder(user) : {},
        // Not our own caret: a column bound to a read-only copy has a Y.Doc of its own, whose
        // client id is not ours, and drawing our caret there (on focus, before ProseMirror has
        // read the click) redrew the paragraph and threw the new caret back to the start.
        awarenessStateFilter: (current: number, client: number) => current !== client && client !== awareness.clientID,
      }),
    ];
  },
});
