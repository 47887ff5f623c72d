/**
 * LlamaCloud page tokens. A token is the keyset position after the last item of the previous
 * page (sort order, sort key, id), base64url-encoded: opaque to clients, and it lets page N+1
 * start with an index seek instead of skipping N pages of rows.
 */
import type { RequestContext } from '../context';
import { HttpError, invalidField } from '../errors';
import { positionOf } from '../store/file-store';
import type { FileRecord, ListOrder, ListPosition } from '../store/records';

/** The project id files report when the client named none (LlamaCloud's are UUIDs). */
export const DEFAULT_PROJECT_ID = '00000000-0000-4000-8000-000000000000';

const ORDER_BY: Record<string, ListOrder> = { created_at: 'created_desc', name: 'name_asc', id: 'id_asc' };

/** Maps `order_by` ('created_at' newest first, 'name', 'id'; default created_at). */
export function parseOrder(value: string | undefined, loc: string[]): ListOrder {
  if (value === undefined) return 'created_desc';
  const order = ORDER_BY[value];
  if (!order) throw invalidField(loc, `Invalid order_by '${value}'. Use one of: ${Object.keys(ORDER_BY).join(', ')}`, value);
  return order;
}

function encodeToken(order: ListOrder, pos: ListPosition): string {
  return Buffer.from(JSON.stringify([order, pos.key, pos.id]), 'utf8').toString('base64url');
}

function decodeToken(token: string, order: ListOrder): ListPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === order && typeof parsed[2] === 'string' &&
      (typeof parsed[1] === 'string' || typeof parsed[1] === 'number')) {
      return { key: parsed[1], id: parsed[2] };
    }
  } catch {
    // An undecodable token is reported below like any other invalid one.
  }
  throw new HttpError(400, 'invalid', 'Invalid page_token: pass the next_page_token of the previous page unchanged, with the same order_by.');
}

/** One listing request after parameter parsing. */
export interface PageRequest {
  pageSize: number;
  pageToken?: string;
  order: ListOrder;
  filename?: string;
  externalId?: string;
  ids?: string[];
}

/** Fetches one page (plus one row to know whether another page exists). */
export function listPage(ctx: RequestContext, r: PageRequest, withTotal: boolean): { items: FileRecord[]; nextToken: string | null; total: number } {
  const { store, clock } = ctx.state;
  const base = { dialect: 'llamacloud' as const, scope: ctx.scope, filename: r.filename, externalId: r.externalId, ids: r.ids, order: r.order, now: clock.now() };
  const after = r.pageToken === undefined ? undefined : decodeToken(r.pageToken, r.order);
  const rows = store.list({ ...base, after, limit: r.pageSize + 1 });
  const items = rows.slice(0, r.pageSize);
  const last = items[items.length - 1];
  const nextToken = rows.length > r.pageSize && last ? encodeToken(r.order, positionOf(last, r.order)) : null;
  return { items, nextToken, total: withTotal ? store.count(base) : items.length };
}
