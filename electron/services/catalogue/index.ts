/** The catalogue's public surface: import from here, not from the files behind it. */
export { Catalogue } from './catalogue';
export { DEFAULT_MAX_AGE_MS } from './freshness';
export { readOrGone } from './gone';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './queries';
export { AGE_BUCKETS, EXPIRING_WITHIN_DAYS } from './report';
export { SCHEMA_VERSION } from './schema';
export type { SnapshotWriter, WriterState } from './writer';
export * from './types';
