import type { DeclarationId } from '../../../shared/model/ids.js';
import type { StoredVersion, VersionMeta } from '../versionStore.js';
import type { SqlValue } from './sqlClient.js';
import type { ColumnsOf } from '../schema/tables.js';

/** A `versions` row (schema/tables.ts); `state` and `canonical` only when selected. */
export interface VersionRow {
  version: number;
  kind: 'named' | 'auto';
  label: string;
  note: string;
  at: number;
  created_by: string;
  change_summary: string | null;
  state?: Buffer;
  canonical?: string;
}

/** The columns a version list shows. */
export const VERSION_META = 'version, kind, label, note, at, created_by, change_summary';

export const INSERT_VERSION = `INSERT INTO versions (doc_id, version, kind, label, note, at, created_by, state, canonical, change_summary)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** INSERT_VERSION's values for version number `version`. */
export function versionValues(id: DeclarationId, version: number, v: Omit<StoredVersion, 'version'>): SqlValue[] {
  return [id, version, v.kind, v.label, v.note, v.at, v.by, v.state, v.canonical, v.changeSummary === null ? null : JSON.stringify(v.changeSummary)];
}

export function toVersionMeta(r: VersionRow): VersionMeta {
  return {
    version: r.version,
    kind: r.kind,
    label: r.label,
    note: r.note,
    at: r.at,
    by: r.created_by,
    changeSummary: r.change_summary ? JSON.parse(r.change_summary) : null,
  };
}

export function toStoredVersion(r: VersionRow): StoredVersion {
  return { ...toVersionMeta(r), state: new Uint8Array(r.state!), canonical: r.canonical! };
}

/** Compiles only while this row type names columns the schema has. */
export type RowChecks = ColumnsOf<'versions', VersionRow>;
