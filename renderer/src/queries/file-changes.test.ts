import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateListsOf } from './files';
import { queryKeys, type PageParams } from './keys';

const page = (workspaceId: string): PageParams => ({ workspaceId, pageSize: 50, page: { kind: 'offset', index: 0 }, purpose: null, search: '', sort: null, wholeListing: false });

describe('files:changed in the window', () => {
  it('refreshes exactly the listings of that workspace, never its previews or other workspaces', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.filePage(page('a')), { files: [] });
    client.setQueryData(queryKeys.filePage({ ...page('a'), search: 'x' }), { files: [] });
    client.setQueryData(queryKeys.filePage(page('b')), { files: [] });
    client.setQueryData(queryKeys.preview('a', 'file-1'), { url: 'x' });
    client.setQueryData(queryKeys.previewText('a', 'file-2', 100), { text: 'x' });
    await invalidateListsOf(client, 'a');
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(queryKeys.filePage(page('a')))).toBe(true);
    expect(stale(queryKeys.filePage({ ...page('a'), search: 'x' }))).toBe(true);
    expect(stale(queryKeys.filePage(page('b')))).toBe(false);
    expect(stale(queryKeys.preview('a', 'file-1'))).toBe(false);
    expect(stale(queryKeys.previewText('a', 'file-2', 100))).toBe(false);
  });
});
