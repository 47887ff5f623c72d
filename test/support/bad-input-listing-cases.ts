/**
 * The rows of the listing and preview half of the bad-input corpus
 * (electron/services/files/bad-input-listing.test.ts): how a proxy in front of the sandbox
 * mistreats the file table, and exactly what the operator then sees. Each dialect's shapes are
 * the real ones; the sandbox's three files per dialect are alpha.txt, beta.txt and gamma.txt.
 */
import type { AppErrorShape } from '../../shared/errors';
import type { ProviderKind } from '../../shared/models/providers';
import type { CannedAnswer, ProxyRules } from './services';

/** What the operator does: open the table, search it (reads the whole listing), preview a file or its text. */
export type ListingAct = 'page' | 'search' | 'preview' | 'text';

/** One row. `rules` is called once per row, so counters inside start from zero. */
export interface ListingCase {
  name: string;
  kind: ProviderKind;
  act: ListingAct;
  rules(): ProxyRules;
  /** Acts that must succeed first (the session was fine until then). */
  before?: ListingAct[];
  /** The server goes silent: the row uses a client that gives up after a second. */
  stalls?: boolean;
  expect:
    | { error: AppErrorShape }
    | { count: number; names: string[] }
    | { preview: { url: string | null; kind: string; source: string } }
    | { text: string };
}

const LABEL: Record<string, string> = { vlmrun: 'VLM Run', openai: 'OpenAI', llamacloud: 'LlamaCloud' };
const THREE = { count: 3, names: ['alpha.txt', 'beta.txt', 'gamma.txt'] };
const NO_PREVIEW = { preview: { url: null, kind: 'none', source: 'none' } };
const notUnderstood = (kind: ProviderKind) => ({
  error: { code: 'server_error' as const, message: `${LABEL[kind]} answered with data Stowage does not understand. Check that the base URL points at ${kind === 'openai' ? 'an' : 'a'} ${LABEL[kind]} Files API.` },
});
const isListing = (method: string, url: URL) => method === 'GET' && /\/files$/.test(url.pathname);
const onListing = (canned: CannedAnswer | 'stall') => (): ProxyRules => ({ answer: (method, url) => (isListing(method, url) ? canned : null) });
const html = (status: number): CannedAnswer => ({ status, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>${status}</h1>Bad gateway</body></html>` });

/** Rewrites every row of a listing answer (each dialect keeps its rows in another field). */
function rows(kind: ProviderKind, body: unknown, change: (row: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (kind === 'vlmrun') return (body as Record<string, unknown>[]).map(change);
  const field = kind === 'openai' ? 'data' : 'items';
  const page = body as Record<string, Record<string, unknown>[]>;
  return { ...page, [field]: (page[field] ?? []).map(change) };
}
const everyRow = (kind: ProviderKind, change: (row: Record<string, unknown>) => Record<string, unknown>) => (): ProxyRules => ({
  transformJson: (method, url, body) => (isListing(method, url) ? rows(kind, body, change) : body),
});

/** An OpenAI listing of about 50 MB: 100,000 rows with 400-byte names. */
function hugeListing(): CannedAnswer {
  const data = Array.from({ length: 100_000 }, (_, i) => ({ id: `file-${i}`, object: 'file', bytes: 10, created_at: 1735689600, filename: `${String(i).padStart(6, '0')}-${'n'.repeat(393)}.txt`, purpose: 'user_data' }));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'list', data, has_more: false }) };
}

/** A public or content URL of the first file replaced by `url()`. */
function handedUrl(kind: ProviderKind, url: () => string) {
  return (): ProxyRules => ({
    transformJson: (method, u, body) => {
      if (kind === 'vlmrun' && /\/files\/[^/]+$/.test(u.pathname) && u.searchParams.get('generate_public_url') === 'true') return { ...(body as object), public_url: url() };
      if (kind === 'llamacloud' && /\/content$/.test(u.pathname)) return { ...(body as object), url: url() };
      return body;
    },
  });
}

/** A cursor listing that never ends: the same page again and again, behind `cursors` in turn. */
function endless(kind: 'openai' | 'llamacloud', cursors: string[]) {
  return (): ProxyRules => {
    let served = 0;
    return {
      rewrite: (_method, url) => {
        url.searchParams.delete(kind === 'openai' ? 'after' : 'page_token');
        return url;
      },
      transformJson: (method, url, body) => {
        if (!isListing(method, url)) return body;
        const next = cursors[served++ % cursors.length];
        return kind === 'openai' ? { ...(body as object), has_more: true, last_id: next } : { ...(body as object), next_page_token: next };
      },
    };
  };
}

/** Every row; `internalUrl` is read when a row runs (the internal service starts in beforeAll). */
export function listingCases(internalUrl: () => string): ListingCase[] {
  return [
    { name: 'an HTML page with 200 instead of JSON', kind: 'openai', act: 'page', rules: onListing(html(200)), expect: notUnderstood('openai') },
    {
      name: 'an HTML error page (502)',
      kind: 'vlmrun',
      act: 'page',
      rules: onListing(html(502)),
      expect: { error: { code: 'server_error', message: 'VLM Run had a problem on its side (HTTP 502). Try again in a few minutes.' } },
    },
    { name: 'malformed JSON', kind: 'llamacloud', act: 'page', rules: onListing({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"items": [{"id": ' }), expect: notUnderstood('llamacloud') },
    { name: 'a 50 MB listing (100,000 rows for a page of 25)', kind: 'openai', act: 'page', rules: onListing(hugeListing()), expect: { count: 100_000, names: [0, 1, 2, 3, 4].map((i) => `00000${i}-${'n'.repeat(393)}.txt`) } },
    { name: 'a size given as a string', kind: 'vlmrun', act: 'page', rules: everyRow('vlmrun', (r) => ({ ...r, bytes: String(r.bytes) })), expect: notUnderstood('vlmrun') },
    { name: 'rows that are not a list', kind: 'openai', act: 'page', rules: () => ({ transformJson: (m, u, b) => (isListing(m, u) ? { ...(b as object), data: { '0': 'file' } } : b) }), expect: notUnderstood('openai') },
    { name: 'a negative size', kind: 'llamacloud', act: 'page', rules: everyRow('llamacloud', (r) => ({ ...r, file_size: -1 })), expect: notUnderstood('llamacloud') },
    { name: 'a size of 2^60 bytes (not a safe integer)', kind: 'vlmrun', act: 'page', rules: everyRow('vlmrun', (r) => ({ ...r, bytes: 2 ** 60 })), expect: notUnderstood('vlmrun') },
    { name: 'a date as text where Unix seconds belong', kind: 'openai', act: 'page', rules: everyRow('openai', (r) => ({ ...r, created_at: '2025-01-01T00:00:00Z' })), expect: notUnderstood('openai') },
    {
      name: 'an XSS payload as a file name (kept as text)',
      kind: 'vlmrun',
      act: 'page',
      rules: everyRow('vlmrun', (r) => (r.filename === 'alpha.txt' ? { ...r, filename: '<img src=x onerror=alert(1)>.txt' } : r)),
      expect: { count: 3, names: ['<img src=x onerror=alert(1)>.txt', 'beta.txt', 'gamma.txt'] },
    },
    { name: 'a javascript: public_url', kind: 'vlmrun', act: 'preview', rules: handedUrl('vlmrun', () => 'javascript:alert(document.domain)'), expect: NO_PREVIEW },
    { name: 'a file: public_url', kind: 'vlmrun', act: 'preview', rules: handedUrl('vlmrun', () => 'file:///etc/passwd'), expect: NO_PREVIEW },
    { name: 'a javascript: content URL', kind: 'llamacloud', act: 'preview', rules: handedUrl('llamacloud', () => 'javascript:alert(1)'), expect: NO_PREVIEW },
    {
      name: 'an internal public_url (this computer: allowed for a local workspace, never with the key)',
      kind: 'vlmrun',
      act: 'text',
      rules: handedUrl('vlmrun', internalUrl),
      expect: { text: 'an internal service' },
    },
    {
      name: '401 mid-session',
      kind: 'openai',
      act: 'page',
      before: ['page'],
      rules: () => {
        let listed = 0;
        return { answer: (m, u) => (isListing(m, u) && listed++ > 0 ? { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}' } : null) };
      },
      expect: { error: { code: 'unauthorized', message: 'OpenAI did not accept the API key (HTTP 401). Check the key in the workspace settings and save it again.' } },
    },
    { name: 'a cursor that repeats forever', kind: 'openai', act: 'search', rules: endless('openai', ['file-again']), expect: THREE },
    { name: 'two page tokens in turn, forever', kind: 'llamacloud', act: 'search', rules: endless('llamacloud', ['token-a', 'token-b']), expect: THREE },
    {
      name: 'a server that stalls',
      kind: 'openai',
      act: 'page',
      stalls: true,
      rules: onListing('stall'),
      expect: { error: { code: 'timeout', message: 'OpenAI took too long to answer. Check your connection and try again.' } },
    },
    {
      name: 'an HTML error page (500) for a file’s content',
      kind: 'openai',
      act: 'text',
      rules: () => ({ answer: (m, u) => (m === 'GET' && /\/content$/.test(u.pathname) ? html(500) : null) }),
      expect: { error: { code: 'server_error', message: 'OpenAI had a problem on its side (HTTP 500). Try again in a few minutes.' } },
    },
  ];
}
