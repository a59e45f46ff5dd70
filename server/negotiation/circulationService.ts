import { randomBytes } from 'node:crypto';
import {
  CIRCULATION_MAP,
  raiseObjection,
  readObjections,
  type Circulation,
  type CirculationOutcome,
  type Objection,
  type ObjectionRefusal,
  type ObjectionRequest,
} from '../../shared/negotiation/circulation.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import type { DeclarationSummary } from '../../shared/model/declaration.js';
import { fail, ok, type Result } from '../../shared/model/result.js';
import type { RoomRegistry } from '../collab/roomRegistry.js';
import type { Logger } from '../log.js';
import type { CirculationStore, StoredCirculation } from '../storage/circulationStore.js';
import type { VersionStore } from '../storage/versionStore.js';

/** Longest a Node timer can wait; a later deadline is re-armed when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The silence procedure: the secretariat circulates a version with a deadline; delegations may
 * object to rows before it; at the deadline the server records the version as adopted by
 * silence, or as objected. Deadlines are kept in the store, so a restart does not lose one (a
 * deadline that passed while the server was down is settled at the next start).
 */
export class CirculationService {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: CirculationStore,
    private readonly versions: VersionStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Arms the deadlines of every open circulation. */
  async start(): Promise<void> {
    for (const c of await this.store.open()) this.arm(c);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async circulate(declaration: DeclarationSummary, version: number, deadline: number, by: string): Promise<Result<Circulation>> {
    if (!(await this.versions.get(declaration.id, version))) return fail(`there is no version ${version}`);
    if (!Number.isFinite(deadline) || deadline <= this.now()) return fail('the deadline must be in the future');
    const stored: StoredCirculation = {
      id: randomBytes(9).toString('base64url'),
      declarationId: declaration.id,
      version,
      deadline,
      startedAt: this.now(),
      by,
      closedAt: null,
      outcome: null,
    };
    await this.store.add(stored);
    const circulation: Circulation = { ...publicPart(stored), objections: 0 };
    await this.publish(stored, circulation);
    this.arm(stored);
    this.log.info('circulation.started', { declaration: declaration.id, version, deadline });
    return ok(circulation);
  }

  private arm(c: StoredCirculation): void {
    const wait = Math.max(0, c.deadline - this.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(c.id);
        if (c.deadline > this.now()) this.arm(c);
        else void this.settle(c).catch((error) => this.log.error('circulation.settle_failed', { circulation: c.id, error: String(error) }));
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(c.id, timer);
  }

  /** At the deadline: objections made before it decide the outcome. */
  async settle(c: StoredCirculation): Promise<CirculationOutcome> {
    return this.rooms.using(c.declarationId, async (room) => {
      const closedAt = this.now();
      let outcome: CirculationOutcome = 'adopted-by-silence';
      await room.change((doc) => {
        const counted = readObjections(doc, c.id).filter((o) => o.at < c.deadline).length;
        outcome = counted > 0 ? 'objected' : 'adopted-by-silence';
        doc.getMap(CIRCULATION_MAP).set(c.id, { ...publicPart(c), closedAt, outcome, objections: counted } satisfies Circulation);
      });
      await this.store.close(c.id, closedAt, outcome);
      this.log.info('circulation.settled', { declaration: c.declarationId, version: c.version, outcome });
      return outcome;
    });
  }

  /**
   * Records a delegation's objection, in its name and at the server's time, in the room's
   * queue, where the deadline is settled too: it counts, or it is refused as too late.
   */
  async object(
    declaration: DeclarationSummary,
    by: { readonly lang: LanguageCode; readonly name: string },
    request: ObjectionRequest,
  ): Promise<{ readonly ok: true; readonly value: Objection } | ObjectionRefusal> {
    return this.rooms.using(declaration.id, async (room) => {
      let outcome: { readonly ok: true; readonly value: Objection } | ObjectionRefusal = { ok: false, code: 'no-circulation', reason: 'no such circulation' };
      await room.change((doc) => {
        const objection: Objection = { ...request, delegation: by.lang, name: by.name, at: this.now() };
        const raised = raiseObjection(doc, objection, null);
        outcome = raised.ok ? { ok: true, value: objection } : raised;
      });
      if (outcome.ok) this.log.info('objection.raised', { declaration: declaration.id, circulation: request.circulationId, delegation: by.lang });
      return outcome;
    });
  }

  private async publish(c: StoredCirculation, circulation: Circulation): Promise<void> {
    await this.rooms.using(c.declarationId, (room) => room.change((doc) => doc.getMap(CIRCULATION_MAP).set(c.id, circulation)));
  }
}

function publicPart(c: StoredCirculation): Omit<Circulation, 'objections'> {
  return { id: c.id, version: c.version, deadline: c.deadline, startedAt: c.startedAt, by: c.by, closedAt: c.closedAt, outcome: c.outcome };
}
