import { describe, expect, it } from 'vitest';
import { advance, positionFor, type PagingState } from './paging-state';

describe('paging position', () => {
  it('is page 1 under new filters from the first render on, and keeps its place under the same ones', () => {
    let state: PagingState = { filterKey: 'all', pageNumber: 0, cursors: [null] };
    state = advance(advance(state, 'c1', true), 'c2', true);
    expect(positionFor(state, 'all')).toMatchObject({ pageNumber: 2, cursors: [null, 'c1', 'c2'] });
    expect(positionFor(state, 'search:x')).toEqual({ filterKey: 'search:x', pageNumber: 0, cursors: [null] });
  });

  it('forgets cursors past the current page when going forward again', () => {
    const back: PagingState = { filterKey: 'k', pageNumber: 1, cursors: [null, 'c1', 'c2'] };
    expect(advance(back, 'c9', true).cursors).toEqual([null, 'c1', 'c9']);
    expect(advance(back, null, false).cursors).toEqual([null, 'c1', 'c2']);
  });
});
