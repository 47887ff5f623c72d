/**
 * Where the table is in a listing, remembered together with the filters it belongs to. A page
 * number only means something under the filters it was reached with, so the position is derived:
 * under any other filters it is page 1. That way the first request after a filter change already
 * asks for page 1 (no stray request for "page 5 of the new search").
 */
export interface PagingState {
  filterKey: string;
  pageNumber: number;
  /** Cursor of each page reached so far (cursor/token providers); page 1 has none. */
  cursors: (string | null)[];
}

export const START: Omit<PagingState, 'filterKey'> = { pageNumber: 0, cursors: [null] };

/** The position that holds under `filterKey`: the stored one, or page 1 if the filters changed. */
export function positionFor(state: PagingState, filterKey: string): PagingState {
  return state.filterKey === filterKey ? state : { filterKey, ...START };
}

/** The position after Next, given the cursor the server handed out for the following page. */
export function advance(state: PagingState, nextCursor: string | null, usesCursors: boolean): PagingState {
  const cursors = usesCursors ? [...state.cursors.slice(0, state.pageNumber + 1), nextCursor] : state.cursors;
  return { ...state, pageNumber: state.pageNumber + 1, cursors };
}
