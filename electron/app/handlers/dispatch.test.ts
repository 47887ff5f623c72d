/**
 * What dispatch answers for input the contract refuses: `invalid_input`, before any handler runs,
 * with words that name the field and the limit and never repeat what was sent. File ids are path
 * segments, so an id that would change the path (`.`, `..`, a slash) never reaches a handler.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/define';
import { dispatch } from './dispatch';
import type { Handlers } from './types';

/** Handlers that record what reached them and answer not_found, so "accepted" is visible. */
function recording(): { handlers: Handlers; seen: unknown[] } {
  const seen: unknown[] = [];
  const handlers = new Proxy(
    {},
    {
      get: () => async (input: unknown) => {
        seen.push(input);
        throw new AppError('not_found');
      },
    },
  ) as Handlers;
  return { handlers, seen };
}

function refused(result: Result<unknown>): string {
  if (result.ok) throw new Error('the call was accepted');
  expect(result.error.code).toBe('invalid_input');
  return result.error.message;
}

describe('file ids in requests', () => {
  const bad = ['', '.', '..', 'a/b', '/abs', 'a\\b', 'nul\u0000byte', 'line\nbreak', 'del\u007f', 'x'.repeat(257)];

  it.each(bad.map((id) => [JSON.stringify(id).slice(0, 20), id]))('refuses the id %s on every channel that takes one', async (_label, id) => {
    const { handlers, seen } = recording();
    refused(await dispatch(handlers, 'files:delete', { workspaceId: 'w', ids: ['file-ok', id] }));
    refused(await dispatch(handlers, 'files:get', { workspaceId: 'w', id }));
    refused(await dispatch(handlers, 'files:preview', { workspaceId: 'w', id }));
    refused(await dispatch(handlers, 'files:previewText', { workspaceId: 'w', id }));
    expect(seen).toEqual([]);
  });

  it.each(['file-abc123', 'a?b#c', 'name with spaces', 'ü-ñ', '...', '.hidden'])('lets the id %j through', async (id) => {
    const { handlers, seen } = recording();
    const result = await dispatch(handlers, 'files:delete', { workspaceId: 'w', ids: [id] });
    expect(result.ok).toBe(false);
    expect(seen).toEqual([{ workspaceId: 'w', ids: [id] }]);
  });

  it('says which id was refused without repeating it', async () => {
    const message = refused(await dispatch(recording().handlers, 'files:delete', { workspaceId: 'w', ids: ['ok', '..'] }));
    expect(message).toBe(
      'Stowage refused the request: “ids[1]” is not a file id Stowage can use (empty, "." or "..", or it holds a slash or a control character). Refresh the list and try again.',
    );
  });
});

describe('inputs over a bound', () => {
  it('names a string that is too long and its limit, without echoing it', async () => {
    const search = 'secret-looking-text-'.repeat(30);
    const message = refused(await dispatch(recording().handlers, 'files:list', { workspaceId: 'w', pageSize: 25, page: { kind: 'offset', index: 0 }, search }));
    expect(message).toMatch(/search/);
    expect(message).toMatch(/500 characters/);
    expect(message).not.toContain('secret-looking');
  });

  it('names a list with too many entries and its limit', async () => {
    const ids = Array.from({ length: 100_001 }, (_, i) => `f${i}`);
    const message = refused(await dispatch(recording().handlers, 'files:delete', { workspaceId: 'w', ids }));
    expect(message).toMatch(/ids/);
    expect(message).toMatch(/100,000/);
  });

  it('names a nested field', async () => {
    const message = refused(await dispatch(recording().handlers, 'workspaces:test', { draft: { name: 'n'.repeat(81), provider: 'openai', baseUrl: 'https://api.openai.com/v1' } }));
    expect(message).toMatch(/name/);
    expect(message).toMatch(/80 characters/);
  });

  it('refuses a huge path list entry, a huge cursor and a huge id before any handler runs', async () => {
    const { handlers, seen } = recording();
    refused(await dispatch(handlers, 'uploads:preflight', { workspaceId: 'w', paths: ['/a'.repeat(5000)] }));
    refused(await dispatch(handlers, 'files:list', { workspaceId: 'w', pageSize: 25, page: { kind: 'cursor', cursor: 'c'.repeat(10_000) } }));
    refused(await dispatch(handlers, 'inventory:result', { runId: 'r'.repeat(10_000) }));
    refused(await dispatch(handlers, 'uploads:cancel', { itemIds: ['i'.repeat(10_000)] }));
    expect(seen).toEqual([]);
  });
});
