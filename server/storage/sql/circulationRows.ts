import type { DeclarationId } from '../../../shared/model/ids.js';
import type { CirculationOutcome } from '../../../shared/negotiation/circulation.js';
import type { StoredCirculation } from '../circulationStore.js';
import type { ColumnsOf } from '../schema/tables.js';

/** A `circulations` row (schema/tables.ts). */
export interface CirculationRow {
  id: string;
  doc_id: string;
  version: number;
  deadline: number;
  started_at: number;
  started_by: string;
  closed_at: number | null;
  outcome: CirculationOutcome | null;
}

export function toCirculation(r: CirculationRow): StoredCirculation {
  return {
    id: r.id,
    declarationId: r.doc_id as DeclarationId,
    version: r.version,
    deadline: r.deadline,
    startedAt: r.started_at,
    by: r.started_by,
    closedAt: r.closed_at,
    outcome: r.outcome,
  };
}

/** Compiles only while this row type names columns the schema has. */
export type RowChecks = ColumnsOf<'circulations', CirculationRow>;
