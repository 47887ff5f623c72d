import { MAX_PURPOSE_LABEL, MAX_REPORT_PURPOSES, OTHER_PURPOSES } from '../../../shared/contract/inventory';

/** One row of the report's "by purpose" figures. */
export interface PurposeTally {
  purpose: string;
  count: number;
  bytes: number;
}

/**
 * The report's purposes within the contract's bounds: the largest MAX_REPORT_PURPOSES one by one
 * (in the order given, largest first), the rest added up under one row, and labels cut to
 * MAX_PURPOSE_LABEL. A provider's purposes are a handful of words; this only matters for an odd
 * server, whose audit still finishes rather than failing on its labels.
 */
export function foldPurposes(rows: readonly PurposeTally[]): PurposeTally[] {
  const shown = rows.slice(0, MAX_REPORT_PURPOSES).map((row) => ({ ...row, purpose: row.purpose.slice(0, MAX_PURPOSE_LABEL) }));
  const rest = rows.slice(MAX_REPORT_PURPOSES);
  if (rest.length === 0) return shown;
  return [...shown, { purpose: OTHER_PURPOSES, count: rest.reduce((n, r) => n + r.count, 0), bytes: rest.reduce((n, r) => n + r.bytes, 0) }];
}
