/**
 * The smallest SQLite surface the sandbox needs, served by whichever binding the runtime has.
 *
 * Inside the packaged app (Electron's Node 22) `node:sqlite` is built in, so the app ships no
 * native module that would need rebuilding for Electron's ABI. Node 20 (this toolchain, the tests
 * and benchmarks) lacks it, so there we fall back to `better-sqlite3`, a devDependency. Only the
 * subset both bindings share is exposed: `exec`, and prepared statements with `run/get/all` taking
 * positional `?` parameters. Transactions are plain `BEGIN`/`COMMIT` through `exec`.
 */
import { createRequire } from 'node:module';

/** A value SQLite accepts as a positional parameter in both bindings (no booleans, no bigint). */
export type SqlValue = string | number | null | Buffer;

/** A prepared statement; rows come back as plain objects keyed by column name. */
export interface SqlStatement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Record<string, unknown>[];
}

/** An open database. */
export interface SqlDatabase {
  readonly binding: 'node:sqlite' | 'better-sqlite3';
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

interface NativeDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqlStatement;
  close(): void;
}

type Opener = (path: string) => NativeDatabase;

async function nodeSqliteOpener(): Promise<Opener | undefined> {
  try {
    // A variable specifier keeps bundlers and Node 20's type definitions from resolving it early.
    const specifier = 'node:sqlite';
    const mod = (await import(specifier)) as { DatabaseSync: new (path: string) => NativeDatabase };
    return (path) => new mod.DatabaseSync(path);
  } catch {
    return undefined;
  }
}

function betterSqliteOpener(): Opener {
  const require = createRequire(import.meta.url);
  const specifier = 'better-sqlite3';
  const Database = require(specifier) as new (path: string) => NativeDatabase;
  return (path) => new Database(path);
}

/**
 * Opens `path` with `node:sqlite` when the runtime has it, else with `better-sqlite3`.
 * `prefer` forces one binding (tests use it to prove the fallback works).
 */
export async function openDatabase(path: string, prefer?: SqlDatabase['binding']): Promise<SqlDatabase> {
  const builtin = prefer === 'better-sqlite3' ? undefined : await nodeSqliteOpener();
  if (prefer === 'node:sqlite' && !builtin) throw new Error('node:sqlite is not available in this runtime');
  const binding: SqlDatabase['binding'] = builtin ? 'node:sqlite' : 'better-sqlite3';
  const native = (builtin ?? betterSqliteOpener())(path);
  return {
    binding,
    exec: (sql) => void native.exec(sql),
    prepare: (sql) => native.prepare(sql),
    close: () => native.close(),
  };
}
