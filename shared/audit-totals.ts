/**
 * Adding up several workspaces' audits: per provider, and one purpose and one age chart across
 * them. Shared so the window's workspace filter and the saved report add up the same way.
 */
import { PROVIDERS, type ProviderKind } from './models/providers';

interface Tally {
  count: number;
  bytes: number;
}

/** The part of a workspace's audit that totals are made of. */
export interface AuditPart {
  provider: ProviderKind;
  state: string;
  totalFiles: number;
  totalBytes: number;
  byPurpose: readonly ({ purpose: string } & Tally)[];
  ageBuckets: readonly ({ label: string } & Tally)[];
}

/** One provider's line: how many workspaces (and how many of them were counted), files and bytes. */
export interface ProviderTotal extends Tally {
  provider: ProviderKind;
  label: string;
  workspaces: number;
  counted: number;
}

/** Per provider, in the providers' usual order; only providers with a workspace in `parts`. */
export function totalsByProvider(parts: readonly AuditPart[]): ProviderTotal[] {
  const totals = new Map<ProviderKind, ProviderTotal>();
  for (const part of parts) {
    const row = totals.get(part.provider) ?? { provider: part.provider, label: PROVIDERS[part.provider].label, workspaces: 0, counted: 0, count: 0, bytes: 0 };
    row.workspaces += 1;
    if (part.state === 'done') {
      row.counted += 1;
      row.count += part.totalFiles;
      row.bytes += part.totalBytes;
    }
    totals.set(part.provider, row);
  }
  return Object.keys(PROVIDERS).flatMap((kind) => totals.get(kind as ProviderKind) ?? []);
}

/** All counted workspaces' files and bytes. */
export function grandTotal(parts: readonly AuditPart[]): Tally {
  return parts.reduce((sum, p) => (p.state === 'done' ? { count: sum.count + p.totalFiles, bytes: sum.bytes + p.totalBytes } : sum), { count: 0, bytes: 0 });
}

function sumBy<R extends Tally>(rows: Iterable<R>, keyOf: (row: R) => string, order: 'bytes' | 'first-seen'): ({ label: string } & Tally)[] {
  const sums = new Map<string, Tally>();
  for (const row of rows) {
    const sum = sums.get(keyOf(row)) ?? { count: 0, bytes: 0 };
    sum.count += row.count;
    sum.bytes += row.bytes;
    sums.set(keyOf(row), sum);
  }
  const list = [...sums].map(([label, t]) => ({ label, ...t }));
  return order === 'bytes' ? list.sort((a, b) => b.bytes - a.bytes || b.count - a.count) : list;
}

/** One purpose chart across the workspaces, largest first. */
export function combinedPurposes(parts: readonly AuditPart[]): { purpose: string; count: number; bytes: number }[] {
  const rows = parts.flatMap((p) => (p.state === 'done' ? p.byPurpose : []));
  return sumBy(rows, (r) => r.purpose, 'bytes').map(({ label, ...t }) => ({ purpose: label, ...t }));
}

/** One age chart across the workspaces, in the buckets' own order (youngest first). */
export function combinedAges(parts: readonly AuditPart[]): { label: string; count: number; bytes: number }[] {
  return sumBy(
    parts.flatMap((p) => (p.state === 'done' ? p.ageBuckets : [])),
    (r) => r.label,
    'first-seen',
  );
}
