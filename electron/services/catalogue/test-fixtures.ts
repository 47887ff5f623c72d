/**
 * Shared by the catalogue's tests: a catalogue in a fresh temp folder, deterministic files, and
 * a one-call snapshot. Not used by the module itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredFile } from '../../../shared/models/files';
import type { SqlDatabase } from '../../lib/sqlite';
import { Catalogue } from './catalogue';
import type { CatalogueOptions, SnapshotInfo } from './types';

export const DAY = 86_400_000;
/** The fixed "now" of the tests' clock: 2026-01-01T00:00:00Z. */
export const NOW = Date.UTC(2026, 0, 1);

/** The bindings this runtime can open: better-sqlite3 always, node:sqlite where Node has it. */
export async function availableBindings(): Promise<SqlDatabase['binding'][]> {
  const builtin = await import('node:sqlite' as string).then(
    () => true,
    () => false,
  );
  return builtin ? ['better-sqlite3', 'node:sqlite'] : ['better-sqlite3'];
}

/** A file numbered `i`: distinct id, name, size and age (i days old), unless overridden. */
export function file(i: number, extra: Partial<StoredFile> = {}): StoredFile {
  return {
    id: `file-${String(i).padStart(4, '0')}`,
    name: `report-${i}.pdf`,
    bytes: 1000 + i,
    purpose: i % 2 === 0 ? 'assistants' : 'batch',
    createdAt: new Date(NOW - i * DAY).toISOString(),
    expiresAt: null,
    ...extra,
  };
}

/** A catalogue in its own temp folder, a settable clock, and how to reopen or remove it. */
export interface TempCatalogue {
  catalogue: Catalogue;
  path: string;
  clock: { now: number };
  reopen(): Promise<Catalogue>;
  cleanup(): void;
}

export async function openTemp(options: CatalogueOptions = {}): Promise<TempCatalogue> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-catalogue-'));
  const path = join(dir, 'catalogue.sqlite');
  const clock = { now: NOW };
  const open = () => Catalogue.open(path, { now: () => clock.now, ...options });
  const temp: TempCatalogue = {
    catalogue: await open(),
    path,
    clock,
    async reopen() {
      temp.catalogue.close();
      temp.catalogue = await open();
      return temp.catalogue;
    },
    cleanup() {
      temp.catalogue.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** Writes `files` as one complete snapshot, `pageSize` files per page, and waits for all its indexes. */
export async function snapshotOf(catalogue: Catalogue, workspaceId: string, files: readonly StoredFile[], pageSize = 7): Promise<SnapshotInfo> {
  const writer = catalogue.begin(workspaceId);
  for (let i = 0; i < files.length; i += pageSize) writer.addPage(files.slice(i, i + pageSize));
  const info = await writer.complete();
  await catalogue.indexed(info.id);
  return info;
}
