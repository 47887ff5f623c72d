/**
 * Contender: the local catalogue saving and diffing audits. Args: mode, rows, folder.
 *
 * - `history <n> <dir>`: saves snapshot A (n files), then B (A with every 20th file gone and n/20
 *   new files, newest first, as uploads between two audits are), then diffs them: counts and
 *   bytes, the first page of added and of removed files, the totals before and after.
 * - `save <n> <dir>`: saves one snapshot of n files, then times the reads the file table and the
 *   audit make on it (first page, a page halfway down, a name search, the report) and its removal.
 *
 * Files are generated page by page (1,000 a page, as a listing delivers them) from their index,
 * so nothing but the catalogue holds them; a turn of the event loop between pages stands in for
 * the network. CPU times beside the wall times show the work when the shared machine is busy.
 * peak_rss_mb is the process's high-water mark (getrusage), which sampling between
 * synchronous SQLite calls could miss.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoredFile } from '../../../shared/models/files';
import { Catalogue } from '../../../electron/services/catalogue';
import { measure } from '../measure';

const [mode, rowsArg, dir] = process.argv.slice(2) as ['history' | 'save', string, string];
const ROWS = Number(rowsArg);
const PAGE = 1000;
const PURPOSES = ['assistants', 'vision', 'batch', 'datasets'];
const WORDS = ['invoice', 'Contract', 'scan', 'Report', 'photo', 'Übersicht', 'notes', 'dataset'];
const NOW = Date.UTC(2026, 0, 1);

/** A provider-looking id: the index mixed so ids arrive in random order, as real ones do. */
function fileId(i: number): string {
  let x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return `file-${x.toString(16).padStart(8, '0')}${i.toString(36)}`;
}

/** File number `i`, `age` places from the newest. */
function fileAt(i: number, age: number): StoredFile {
  return {
    id: fileId(i),
    name: `${WORDS[i % WORDS.length]} ${i % 9973}.pdf`,
    bytes: ((i * 7919) % 5_000_000) + 1,
    purpose: PURPOSES[i % PURPOSES.length] ?? null,
    createdAt: new Date(NOW - age * 1000).toISOString(),
    expiresAt: i % 10 === 0 ? new Date(NOW + (i % 30) * 86_400_000).toISOString() : null,
  };
}

/** File indexes of a listing, newest first, generated lazily. */
type Listing = () => Generator<number>;
const original: Listing = function* () {
  for (let i = 0; i < ROWS; i += 1) yield i;
};
const changed: Listing = function* () {
  for (let i = ROWS + Math.floor(ROWS / 20) - 1; i >= ROWS; i -= 1) yield i;
  for (let i = 0; i < ROWS; i += 1) if (i % 20 !== 7) yield i;
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

async function save(catalogue: Catalogue, listing: Listing): Promise<{ ms: number; cpuMs: number; id: number; files: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const writer = catalogue.begin('bench');
  let page: StoredFile[] = [];
  let age = 0;
  for (const i of listing()) {
    page.push(fileAt(i, age));
    age += 1;
    if (page.length === PAGE) {
      writer.addPage(page);
      page = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (page.length > 0) writer.addPage(page);
  const info = await writer.complete();
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), id: info.id, files: info.fileCount };
}

const timed = <T>(work: () => T): [T, number, number] => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  return [result, Math.round(performance.now() - started), cpuMs(cpu)];
};

const path = join(dir, `${mode}-${ROWS}.sqlite`);
await measure(async (): Promise<Record<string, number>> => {
  const catalogue = await Catalogue.open(path);
  try {
    if (mode === 'history') {
      const a = await save(catalogue, original);
      const b = await save(catalogue, changed);
      const [diff, diffMs, diffCpuMs] = timed(() => {
        const counts = catalogue.diff(a.id, b.id);
        const added = catalogue.added(a.id, b.id, { limit: 100 });
        const removed = catalogue.removed(a.id, b.id, { limit: 100 });
        return { counts, firstAdded: added.files.length, firstRemoved: removed.files.length };
      });
      return {
        save_a_ms: Math.round(a.ms),
        save_b_ms: Math.round(b.ms),
        diff_ms: diffMs,
        save_a_cpu_ms: a.cpuMs,
        save_b_cpu_ms: b.cpuMs,
        diff_cpu_ms: diffCpuMs,
        files_a: diff.counts.before.count,
        files_b: diff.counts.after.count,
        added: diff.counts.added.count,
        removed: diff.counts.removed.count,
        first_page_added: diff.firstAdded,
        first_page_removed: diff.firstRemoved,
        db_mb: Math.round(statSync(path).size / 1024 / 1024),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    }
    const one = await save(catalogue, original);
    const [, firstPageMs] = timed(() => catalogue.page(one.id, { limit: 100 }));
    const [, deepPageMs] = timed(() => catalogue.page(one.id, { offset: Math.floor(ROWS / 2), limit: 100, sort: { by: 'name', dir: 'asc' } }));
    const [search, searchMs] = timed(() => catalogue.page(one.id, { search: 'übersicht 12', limit: 100 }));
    const [, reportMs] = timed(() => catalogue.report(one.id, { now: NOW }));
    const dbMb = Math.round(statSync(path).size / 1024 / 1024);
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    const [, removeMs] = timed(() => catalogue.remove(one.id));
    return {
      save_ms: Math.round(one.ms),
      save_cpu_ms: one.cpuMs,
      files: one.files,
      search_hits: search.total,
      first_page_ms: firstPageMs,
      deep_page_ms: deepPageMs,
      search_ms: searchMs,
      report_ms: reportMs,
      remove_ms: removeMs,
      db_mb: dbMb,
      peak_rss_mb: peak,
    };
  } finally {
    catalogue.close();
  }
});
