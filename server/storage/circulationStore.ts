import type { DeclarationId } from '../../shared/model/ids.js';
import type { CirculationOutcome } from '../../shared/negotiation/circulation.js';

export interface StoredCirculation {
  readonly id: string;
  readonly declarationId: DeclarationId;
  readonly version: number;
  readonly deadline: number;
  readonly startedAt: number;
  readonly by: string;
  readonly closedAt: number | null;
  readonly outcome: CirculationOutcome | null;
}

/** Circulations and their deadlines, so that a deadline is kept across restarts. */
export interface CirculationStore {
  add(c: StoredCirculation): Promise<void>;
  /** Every circulation not yet closed, soonest deadline first. */
  open(): Promise<StoredCirculation[]>;
  close(id: string, closedAt: number, outcome: CirculationOutcome): Promise<void>;
}
