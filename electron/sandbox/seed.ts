/**
 * Bulk seeding for scale tests and benchmarks: `POST <dialect base URL>/_sandbox/seed` with
 * `{"count": n, "start": i, "purposes": [...], "expires_in_seconds": [...]}` writes n small,
 * distinct content files and inserts their rows in one transaction. Uploading 100,000 files one
 * request at a time would take minutes; this takes seconds, and the result is indistinguishable
 * to every listing and download path. File number k (from 1) takes entry (k - 1) of each list,
 * cycling, so what a file gets depends only on its number, however the CLI batches the requests.
 * `expires_in_seconds` (OpenAI only, as only OpenAI's files expire) lets audits of files about to
 * expire be tested: each entry is seconds after the file's creation, or null for never.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from './context';
import { MAX_EXPIRY_S } from './dialects/openai-expiry';
import { invalidField } from './errors';
import { readJson, sendJson } from './http-utils';
import type { Route } from './router';
import type { Dialect, FileRecord } from './store/records';
import { newFileId } from './uploads';

/** Most rows one seed request may create (the CLI sends batches). */
export const MAX_SEED_BATCH = 50_000;

interface SeedRequest {
  count: number;
  start: number;
  purposes: string[];
  expiries: (number | null)[];
}

function parseExpiries(raw: unknown, dialect: Dialect): (number | null)[] {
  if (raw === undefined) return [null];
  if (dialect !== 'openai') throw invalidField(['body', 'expires_in_seconds'], 'expires_in_seconds: only OpenAI files expire; seed the openai dialect', raw);
  const valid = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_EXPIRY_S);
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every(valid)) {
    throw invalidField(['body', 'expires_in_seconds'], `expires_in_seconds must be a non-empty list of null or integers in 1..${MAX_EXPIRY_S}`, raw);
  }
  return raw as (number | null)[];
}

function parseSeed(raw: unknown, dialect: Dialect, defaultPurpose: string): SeedRequest {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const count = body.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SEED_BATCH) {
    throw invalidField(['body', 'count'], `count must be an integer in 1..${MAX_SEED_BATCH}`, count ?? null);
  }
  const start = body.start ?? 0;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) throw invalidField(['body', 'start'], 'start must be an integer >= 0', start);
  const purposes = body.purposes ?? [defaultPurpose];
  if (!Array.isArray(purposes) || purposes.length === 0 || !purposes.every((p) => typeof p === 'string' && p !== '')) {
    throw invalidField(['body', 'purposes'], 'purposes must be a non-empty list of strings', purposes);
  }
  return { count, start, purposes: purposes as string[], expiries: parseExpiries(body.expires_in_seconds, dialect) };
}

/** The seed route for one dialect; files are numbered `seed-000001.txt` onwards from `start`. */
export function seedRoute(dialect: Dialect, defaultPurpose: string): Route {
  return {
    method: 'POST',
    pattern: '/_sandbox/seed',
    handler: async (ctx: RequestContext) => {
      const req = parseSeed(await readJson(ctx.body), dialect, defaultPurpose);
      const { state } = ctx;
      const now = state.clock.now();
      const files: FileRecord[] = [];
      const blobs: { id: string; content: Buffer }[] = [];
      for (let i = 0; i < req.count; i += 1) {
        const n = req.start + i + 1;
        const createdAt = now - req.count + i + 1;
        const expiresIn = req.expiries[(n - 1) % req.expiries.length] ?? null;
        const content = Buffer.from(`Stowage sandbox seed file ${n}\n`, 'utf8');
        const id = newFileId(dialect);
        blobs.push({ id, content });
        files.push({
          id,
          dialect,
          scope: ctx.scope,
          filename: `seed-${String(n).padStart(6, '0')}.txt`,
          bytes: content.length,
          purpose: req.purposes[(n - 1) % req.purposes.length] as string,
          contentType: 'text/plain',
          md5: createHash('md5').update(content).digest('hex'),
          createdAt,
          expiresAt: expiresIn === null ? null : createdAt + expiresIn * 1000,
          externalId: null,
        });
      }
      await state.blobs.writeMany(blobs);
      state.store.transaction(() => {
        for (const f of files) state.store.insert(f);
      });
      sendJson(ctx.res, 200, { created: files.length, first_id: files[0]?.id ?? null, last_id: files[files.length - 1]?.id ?? null });
    },
  };
}
