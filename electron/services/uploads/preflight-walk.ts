import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Why the walk left a path out; preflight.ts turns each into a sentence. */
export type WalkReason =
  | 'not_found'
  | 'bad_name'
  | 'link_loop'
  | 'broken_link'
  | 'link_outside'
  | 'dir_loop'
  | 'folder_unreadable'
  | 'special'
  | 'empty'
  | 'too_large'
  | 'unreadable';

/** What a non-regular file was. */
export type SpecialKind = 'folder' | 'fifo' | 'socket' | 'device' | 'other';

/** One path left out, with what the sentence needs (a size, or a kind of special file). */
export type WalkRejection = [path: string, reason: WalkReason, detail: number | SpecialKind | null];

/** The walk's findings, in walk order. */
export interface WalkResult {
  /** `dev` and `ino` say which file it is (local-read.ts fileKeyOf), as fs.Stats gives them. */
  files: { path: string; bytes: number; mtimeMs: number; dev: number; ino: number }[];
  rejected: WalkRejection[];
  /** More files than `maxFiles` were found; the rest were left out. */
  overflow: boolean;
}

/**
 * What runs on the worker threads, with synchronous calls (several times cheaper per file than
 * promise round trips through the thread pool; a hung network drive stalls a worker, never the
 * main process). Plain CommonJS source run with `eval`, so it needs no file of its own in the build.
 *
 * `list` walks depth first, entries sorted by name, and returns the files to check in that order
 * (each by real path once) plus what it left out and where. A folder's entry types come from its
 * listing, so a regular file needs no lookup here; links and anything unusual take the careful
 * path: resolve, then check that a link found inside a chosen folder stays inside it. A name that
 * is not UTF-8 would come back as text naming another file, so it is refused ('bad_name') instead
 * of followed (the folder is read as bytes only when a name suggests it).
 * `check` stats a slice of those files. Reading access is taken from the mode bits where they
 * settle it on Linux (root, or the owner with the owner's read bit, which POSIX ACLs never
 * override); anything else asks the kernel.
 */
const WALKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { sep } = require('node:path');
const { isUtf8 } = require('node:buffer');
const validName = isUtf8 || ((raw) => Buffer.from(raw.toString('utf8'), 'utf8').equals(raw));
const withSep = (dir) => (dir.endsWith(sep) ? dir : dir + sep);
const inside = (real, root) => real === root || real.startsWith(withSep(root));
const realOr = (path) => { try { return fs.realpathSync(path); } catch { return path; } };
const kindOf = (s) => (s.isDirectory() ? 'folder' : s.isFIFO() ? 'fifo' : s.isSocket() ? 'socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'device' : 'other');
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const uid = process.platform === 'linux' && process.getuid ? process.getuid() : -1;

function list(chosen) {
  const files = [];
  const rejected = [];
  const seenDirs = new Set();
  const ancestors = [];
  // Each folder is listed once, so files found in listings cannot repeat one another; only a file
  // reached by a link or chosen on its own can repeat one. Their real paths are kept in a list and
  // made a set the first time such a file turns up (a tree without links never builds it).
  let reals = [];
  let seenFiles = null;
  const reject = (path, reason, detail) => void rejected.push([files.length, path, reason, detail === undefined ? null : detail]);
  const take = (path, real) => {
    if (seenFiles === null) reals.push(real);
    else if (seenFiles.has(real)) return;
    else seenFiles.add(real);
    files.push(path);
  };
  const takeReached = (path, real) => {
    if (seenFiles === null) {
      seenFiles = new Set(reals);
      reals = null;
    }
    take(path, real);
  };
  const walkDir = (path, real, root) => {
    if (ancestors.includes(real)) return reject(path, 'dir_loop');
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries;
    try {
      entries = fs.readdirSync(path, { withFileTypes: true }).map((entry) => ({ entry, name: entry.name, bad: false }));
      // A name that is not UTF-8 comes back with U+FFFD in it; only then is the folder read again
      // as bytes, to tell such a name from one that really holds that character.
      if (entries.some(({ name }) => name.includes('\uFFFD'))) {
        entries = fs.readdirSync(path, { withFileTypes: true, encoding: 'buffer' }).map((entry) => ({ entry, name: entry.name.toString('utf8'), bad: !validName(entry.name) }));
      }
    } catch { return reject(path, 'folder_unreadable'); }
    entries.sort(byName);
    ancestors.push(real);
    const under = withSep(path);
    const realUnder = withSep(real);
    const inner = root === null ? real : root;
    for (const { entry, name, bad } of entries) {
      const child = under + name;
      if (bad) reject(child, 'bad_name');
      else if (entry.isFile()) take(child, realUnder + name);
      else if (entry.isDirectory()) walkDir(child, realUnder + name, inner);
      else visit(child, inner);
    }
    ancestors.pop();
  };
  const visit = (path, root) => {
    let info;
    try { info = fs.lstatSync(path); } catch { return reject(path, 'not_found'); }
    let real = path;
    if (info.isSymbolicLink()) {
      try {
        real = fs.realpathSync(path);
        info = fs.statSync(real);
      } catch (error) {
        return reject(path, error && error.code === 'ELOOP' ? 'link_loop' : 'broken_link');
      }
      if (root !== null && !inside(real, root)) return reject(path, 'link_outside');
    }
    if (info.isDirectory()) return walkDir(path, real === path ? realOr(path) : real, root);
    if (!info.isFile()) return reject(path, 'special', kindOf(info));
    takeReached(path, real === path ? realOr(path) : real);
  };
  for (const path of chosen) visit(path, null);
  return { files: files.join('\\0'), rejected };
}

function check(joined) {
  const paths = joined === '' ? [] : joined.split('\\0');
  const bytes = new Float64Array(paths.length);
  const mtimeMs = new Float64Array(paths.length);
  const dev = new Float64Array(paths.length);
  const ino = new Float64Array(paths.length);
  const status = new Array(paths.length).fill(null);
  paths.forEach((path, i) => {
    let s;
    try { s = fs.statSync(path); } catch { return void (status[i] = 'not_found'); }
    if (!s.isFile()) return void (status[i] = kindOf(s));
    bytes[i] = s.size;
    mtimeMs[i] = s.mtimeMs;
    dev[i] = s.dev;
    ino[i] = s.ino;
    if (uid === 0 || (uid >= 0 && s.uid === uid && (s.mode & 0o400) !== 0)) return;
    try { fs.accessSync(path, fs.constants.R_OK); } catch { status[i] = 'unreadable'; }
  });
  return { bytes, mtimeMs, dev, ino, status };
}

parentPort.on('message', ({ op, input }) => {
  try {
    if (op === 'list') return parentPort.postMessage({ ok: true, value: list(input) });
    const value = check(input);
    parentPort.postMessage({ ok: true, value }, [value.bytes.buffer, value.mtimeMs.buffer, value.dev.buffer, value.ino.buffer]);
  } catch (error) {
    parentPort.postMessage({ ok: false, code: error && error.code });
  }
});
`;

/** Below this many files one worker checks them all; above it the checks are shared out. */
const SHARE_FROM_FILES = 4096;

type Listed = { files: string; rejected: [at: number, ...WalkRejection][] };
type Checked = { bytes: Float64Array; mtimeMs: Float64Array; dev: Float64Array; ino: Float64Array; status: (null | 'not_found' | 'unreadable' | SpecialKind)[] };

/** One worker thread running WALKER_SOURCE; `ask` sends one request and waits for its answer. */
class WalkWorker {
  private readonly worker = new Worker(WALKER_SOURCE, { eval: true });

  ask<T>(op: 'list' | 'check', input: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`the pre-flight walk stopped (exit code ${code})`));
      this.worker.once('message', (reply: { ok: true; value: T } | { ok: false; code?: string }) => {
        this.worker.off('error', onError).off('exit', onExit);
        if (reply.ok) resolve(reply.value);
        else reject(new Error(`the pre-flight walk failed${reply.code ? ` (${reply.code})` : ''}`));
      });
      this.worker.once('error', onError).once('exit', onExit);
      this.worker.postMessage({ op, input });
    });
  }

  stop(): void {
    void this.worker.terminate();
  }
}

/**
 * Walks `paths` on worker threads of its own (a walk stuck on an unresponsive drive holds only
 * its own threads): one lists, then a large list is checked in slices on up to four at once.
 * Files come back in walk order with size and modification time; over `maxFiles` the rest are
 * left out and `overflow` says so.
 */
export async function walk(paths: readonly string[], limits: { maxFileBytes: number | null; maxFiles: number }): Promise<WalkResult> {
  const workers = [new WalkWorker()];
  try {
    const listed = await (workers[0] as WalkWorker).ask<Listed>('list', [...paths]);
    const candidates = listed.files === '' ? [] : listed.files.split('\0');
    const share = candidates.length < SHARE_FROM_FILES ? 1 : Math.max(1, Math.min(4, availableParallelism()));
    while (workers.length < share) workers.push(new WalkWorker());
    const slice = Math.ceil(candidates.length / share);
    const checked = await Promise.all(workers.map((w, k) => w.ask<Checked>('check', candidates.slice(k * slice, (k + 1) * slice).join('\0'))));
    return settle(candidates, checked, slice, listed.rejected, limits);
  } finally {
    for (const worker of workers) worker.stop();
  }
}

/** Joins the checks with the listing's own rejections, in walk order, and applies the limits. */
function settle(candidates: string[], checked: Checked[], slice: number, listed: Listed['rejected'], limits: { maxFileBytes: number | null; maxFiles: number }): WalkResult {
  const files: WalkResult['files'] = [];
  const rejected: WalkRejection[] = [];
  let overflow = false;
  let next = 0;
  const flushListed = (upTo: number) => {
    for (; next < listed.length && (listed[next] as Listed['rejected'][number])[0] <= upTo; next += 1) {
      const [, path, reason, detail] = listed[next] as Listed['rejected'][number];
      rejected.push([path, reason, detail]);
    }
  };
  candidates.forEach((path, i) => {
    flushListed(i);
    const part = checked[Math.floor(i / slice)] as Checked;
    const at = i % slice;
    const status = part.status[at];
    const bytes = part.bytes[at] as number;
    if (status === 'not_found' || status === 'unreadable') return void rejected.push([path, status, null]);
    if (status) return void rejected.push([path, 'special', status]);
    if (bytes === 0) return void rejected.push([path, 'empty', null]);
    if (limits.maxFileBytes !== null && bytes > limits.maxFileBytes) return void rejected.push([path, 'too_large', bytes]);
    if (files.length >= limits.maxFiles) return void (overflow = true);
    files.push({ path, bytes, mtimeMs: part.mtimeMs[at] as number, dev: part.dev[at] as number, ino: part.ino[at] as number });
  });
  flushListed(Number.POSITIVE_INFINITY);
  return { files, rejected, overflow };
}
