/**
 * Bulk seeding for scale tests and benchmarks: `POST <dialect base URL>/_sandbox/seed` with
 * `{"count": n, "start": i, "purposes": [...]}` writes n small, distinct content files and inserts
 * their rows in one transaction. Uploading 100,000 files one request at a time would take minutes;
 * this takes seconds, and the result is indistinguishable to every listing and download path.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from './context';
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
}

function parseSeed(raw: unknown, defaultPurpose: string): SeedRequest {
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
  return { count, start, purposes: purposes as string[] };
}

/** The seed route for one dialect; files are numbered `seed-000001.txt` onwards from `start`. */
export function seedRoute(dialect: Dialect, defaultPurpose: string): Route {
  return {
    method: 'POST',
    pattern: '/_sandbox/seed',
    handler: async (ctx: RequestContext) => {
      const req = parseSeed(await readJson(ctx.body), defaultPurpose);
      const { state } = ctx;
      const now = state.clock.now();
      const files: FileRecord[] = [];
      const blobs: { id: string; content: Buffer }[] = [];
      for (let i = 0; i < req.count; i += 1) {
        const n = req.start + i + 1;
        const content = Buffer.from(`Stowage sandbox seed file ${n}\n`, 'utf8');
        const id = newFileId(dialect);
        blobs.push({ id, content });
        files.push({
          id,
          dialect,
          scope: ctx.scope,
          filename: `seed-${String(n).padStart(6, '0')}.txt`,
          bytes: content.length,
          purpose: req.purposes[i % req.purposes.length] as string,
          contentType: 'text/plain',
          md5: createHash('md5').update(content).digest('hex'),
          createdAt: now - req.count + i + 1,
          expiresAt: null,
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
