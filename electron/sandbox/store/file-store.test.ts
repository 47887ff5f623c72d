/**
 * The store on its own: the SQLite adapter's fallback, that every listing query is served by an
 * index in order (no sort step, so deep pages stay cheap), and that offset anchors return exactly
 * what a plain OFFSET would, across writes, expiry and a clock moved back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from './file-store';
import { ANCHOR_STRIDE } from './offset-anchors';
import type { FileRecord, ListQuery } from './records';
import { migrate } from './schema';
import { openDatabase, type SqlDatabase } from '../../lib/sqlite';

let db: SqlDatabase;
let store: FileStore;

function record(i: number, extra: Partial<FileRecord> = {}): FileRecord {
  return {
    id: `id-${String(i).padStart(5, '0')}`,
    dialect: 'vlmrun',
    scope: '',
    filename: `name-${i % 97}.txt`,
    bytes: i,
    purpose: i % 3 === 0 ? 'batch' : 'assistants',
    contentType: 'text/plain',
    md5: `md5-${i}`,
    createdAt: 1_000_000 + Math.floor(i / 2),
    expiresAt: null,
    externalId: null,
    ...extra,
  };
}

/** The reference answer: all rows in order through keyset pages, then sliced. */
function reference(q: Omit<ListQuery, 'offset' | 'limit'>, offset: number, limit: number): string[] {
  const all: string[] = [];
  let after: ListQuery['after'];
  for (;;) {
    const page = store.list({ ...q, after, limit: 500 });
    all.push(...page.map((f) => f.id));
    const last = page[page.length - 1];
    if (!last) break;
    after = { key: last.createdAt, id: last.id };
  }
  return all.slice(offset, offset + limit);
}

beforeEach(async () => {
  db = await openDatabase(':memory:');
  migrate(db);
  store = new FileStore(db);
  store.transaction(() => {
    for (let i = 0; i < 2600; i += 1) store.insert(record(i));
  });
});
afterEach(() => db.close());

describe('sqlite adapter', () => {
  it('uses node:sqlite where the runtime has it and better-sqlite3 otherwise, through one subset', async () => {
    const hasBuiltin = await import('node:sqlite' as string).then(
      () => true,
      () => false,
    );
    expect(db.binding).toBe(hasBuiltin ? 'node:sqlite' : 'better-sqlite3');
    if (!hasBuiltin) await expect(openDatabase(':memory:', 'node:sqlite')).rejects.toThrow(/not available/);
    db.exec('CREATE TABLE t (a INTEGER, b TEXT, c BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
    expect(Number(insert.run(1, 'x', null).changes)).toBe(1);
    insert.run(2, 'ü', Buffer.from([1, 2]));
    expect({ ...db.prepare('SELECT a, b FROM t WHERE a = ?').get(1) }).toEqual({ a: 1, b: 'x' });
    expect(db.prepare('SELECT b FROM t ORDER BY a').all().map((r) => r.b)).toEqual(['x', 'ü']);
    expect(db.prepare('SELECT a FROM t WHERE a = ?').get(3)).toBeUndefined();
  });
});

describe('listing queries', () => {
  it('walk an index in order for every dialect listing (no temporary sort)', () => {
    const cols = 'rowid';
    const plans = [
      `SELECT ${cols} FROM files WHERE dialect = 'vlmrun' AND scope = '' AND (expires_at IS NULL OR expires_at > 0) ORDER BY created_at DESC, id DESC LIMIT 100 OFFSET 99900`,
      `SELECT ${cols} FROM files WHERE dialect = 'vlmrun' AND scope = '' AND (expires_at IS NULL OR expires_at > 0) AND purpose = 'batch' ORDER BY created_at DESC, id DESC LIMIT 100`,
      `SELECT ${cols} FROM files WHERE dialect = 'openai' AND scope = '' AND (expires_at IS NULL OR expires_at > 0) AND (created_at, id) < (5, 'x') ORDER BY created_at DESC, id DESC LIMIT 100`,
      `SELECT ${cols} FROM files WHERE dialect = 'llamacloud' AND scope = '' AND (expires_at IS NULL OR expires_at > 0) AND (filename, id) > ('a', 'x') ORDER BY filename ASC, id ASC LIMIT 100`,
      `SELECT ${cols} FROM files WHERE dialect = 'vlmrun' AND scope = '' AND md5 = 'm' AND purpose = 'batch' AND (expires_at IS NULL OR expires_at > 0) ORDER BY created_at DESC LIMIT 1`,
    ];
    for (const sql of plans) {
      const detail = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => String(r.detail)).join(' | ');
      expect(detail).toMatch(/USING (COVERING )?INDEX files_by_/);
      if (!sql.includes('md5')) expect(detail).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('turns deep offsets into anchor + small offset without changing the answer', () => {
    const base = { dialect: 'vlmrun' as const, scope: '', order: 'created_desc' as const, now: 2_000_000 };
    for (const offset of [0, ANCHOR_STRIDE - 1, ANCHOR_STRIDE, ANCHOR_STRIDE + 1, 2 * ANCHOR_STRIDE - 1, 2 * ANCHOR_STRIDE, 2599, 2600, 5000]) {
      expect(store.list({ ...base, offset, limit: 7 }).map((f) => f.id)).toEqual(reference(base, offset, 7));
    }
    store.insert(record(9999, { createdAt: 1_500_000 }));
    for (const offset of [2599, 1500, 2000, 1000, 999, 2601]) {
      expect(store.list({ ...base, offset, limit: 7 }).map((f) => f.id)).toEqual(reference(base, offset, 7));
    }
    const filtered = { ...base, purpose: 'assistants' };
    expect(store.list({ ...filtered, offset: 1200, limit: 5 }).map((f) => f.id)).toEqual(reference(filtered, 1200, 5));
  });

  it('drops anchors on writes, on expiry and when the clock moves back', () => {
    const base = { dialect: 'vlmrun' as const, scope: '', order: 'created_desc' as const, now: 2_000_000 };
    const deep = (now = base.now) => store.list({ ...base, now, offset: 1500, limit: 3 }).map((f) => f.id);
    expect(deep()).toEqual(reference(base, 1500, 3));

    store.deleteById('id-02599');
    expect(deep()).toEqual(reference(base, 1500, 3));
    store.insert(record(9000, { createdAt: 5_000_000 }));
    expect(deep()).toEqual(reference(base, 1500, 3));

    store.insert(record(9001, { createdAt: 5_000_001, expiresAt: 2_000_500 }));
    const before = deep(2_000_400);
    expect(before).toEqual(reference({ ...base, now: 2_000_400 }, 1500, 3));
    const after = deep(2_000_600);
    expect(after).toEqual(reference({ ...base, now: 2_000_600 }, 1500, 3));
    expect(after).not.toEqual(before);
    expect(deep(2_000_400)).toEqual(before);
  });
});
