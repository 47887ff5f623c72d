import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import { judge, type Lookup, type LookupPolicy } from './lookup-verdict';

const file = (id: string): StoredFile => ({ id, name: 'report.pdf', bytes: 10, purpose: 'assistants', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null });
const existing = file('file-before');
const policies: Record<string, LookupPolicy> = {
  ask: { byPolicy: true, skip: false },
  skip: { byPolicy: true, skip: true },
  upload: { byPolicy: false, skip: false },
};
const error = new Error('lookup 503');
const lookups: Record<string, Lookup> = {
  new: { kind: 'new' },
  stored: { kind: 'stored', file: existing },
  failed: { kind: 'failed', error },
};

describe('judge: the lookup answered while the bytes are still going out', () => {
  it.each([
    ['ask', 'new', { kind: 'send', storedBefore: null }],
    ['skip', 'new', { kind: 'send', storedBefore: null }],
    ['upload', 'new', { kind: 'send', storedBefore: null }],
    ['ask', 'stored', { kind: 'stop', state: 'duplicate', existing, discard: null }],
    ['skip', 'stored', { kind: 'stop', state: 'skipped', existing, discard: null }],
    ['upload', 'stored', { kind: 'send', storedBefore: 'file-before' }],
    ['ask', 'failed', { kind: 'fail', error, kept: null }],
    ['skip', 'failed', { kind: 'fail', error, kept: null }],
    ['upload', 'failed', { kind: 'fail', error, kept: null }],
  ])('policy %s, lookup %s', (policy, lookup, expected) => {
    expect(judge(policies[policy] as LookupPolicy, lookups[lookup] as Lookup, null)).toEqual(expected);
  });
});

describe('judge: the upload has finished', () => {
  it('keeps a new file under every policy, recording that nothing existed before', () => {
    const sent = file('file-new');
    for (const policy of Object.values(policies)) expect(judge(policy, lookups.new as Lookup, sent)).toEqual({ kind: 'keep', file: sent, storedBefore: null });
  });

  it('stored with the same id (the provider answered with the file it had): never deleted, whatever the policy', () => {
    const sameId = file('file-before');
    expect(judge(policies.ask as LookupPolicy, lookups.stored as Lookup, sameId)).toEqual({ kind: 'stop', state: 'duplicate', existing, discard: null });
    expect(judge(policies.skip as LookupPolicy, lookups.stored as Lookup, sameId)).toEqual({ kind: 'stop', state: 'skipped', existing, discard: null });
    expect(judge(policies.upload as LookupPolicy, lookups.stored as Lookup, sameId)).toEqual({ kind: 'keep', file: sameId, storedBefore: 'file-before' });
  });

  it('stored with another id: "Ask me" and "Skip" delete the second copy this upload made, "Upload anyway" keeps it', () => {
    const copy = file('file-copy');
    expect(judge(policies.ask as LookupPolicy, lookups.stored as Lookup, copy)).toEqual({ kind: 'stop', state: 'duplicate', existing, discard: copy });
    expect(judge(policies.skip as LookupPolicy, lookups.stored as Lookup, copy)).toEqual({ kind: 'stop', state: 'skipped', existing, discard: copy });
    expect(judge(policies.upload as LookupPolicy, lookups.stored as Lookup, copy)).toEqual({ kind: 'keep', file: copy, storedBefore: 'file-before' });
  });

  it('lookup failed: a stopping policy fails naming the copy (neither deleted nor counted done); "Upload anyway" keeps it, what existed before unknown', () => {
    const sent = file('file-sent');
    expect(judge(policies.ask as LookupPolicy, lookups.failed as Lookup, sent)).toEqual({ kind: 'fail', error, kept: sent });
    expect(judge(policies.skip as LookupPolicy, lookups.failed as Lookup, sent)).toEqual({ kind: 'fail', error, kept: sent });
    expect(judge(policies.upload as LookupPolicy, lookups.failed as Lookup, sent)).toEqual({ kind: 'keep', file: sent, storedBefore: undefined });
  });
});
