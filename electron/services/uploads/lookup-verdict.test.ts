import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import { judge, type Answer, type LookupPolicy } from './lookup-verdict';

const file = (id: string, purpose = 'assistants', createdAt = '2026-01-01T00:00:00.000Z'): StoredFile => ({ id, name: 'report.pdf', bytes: 10, purpose, createdAt, expiresAt: null });
const existing = file('file-before');
const otherPurpose = file('file-other', 'vision');
const policies: Record<string, LookupPolicy> = {
  ask: { decides: true, skip: false },
  skip: { decides: true, skip: true },
  upload: { decides: false, skip: false },
};
const error = new Error('lookup 503');
const answers: Record<string, Answer> = {
  new: { kind: 'answered', found: { match: null, twin: null } },
  stored: { kind: 'answered', found: { match: { file: existing, basis: 'content' }, twin: existing } },
  // Same bytes stored for another purpose: not "already stored" (duplicates.ts), only a twin.
  twin: { kind: 'answered', found: { match: null, twin: otherPurpose } },
  failed: { kind: 'failed', error },
};
const policy = (name: string) => policies[name] as LookupPolicy;
const answer = (name: string) => answers[name] as Answer;

describe('judge: the lookup answered while the bytes are still going out', () => {
  it.each([
    ['ask', 'new', { kind: 'send' }],
    ['skip', 'new', { kind: 'send' }],
    ['upload', 'new', { kind: 'send' }],
    ['ask', 'stored', { kind: 'stop', state: 'duplicate', existing, basis: 'content', discard: null }],
    ['skip', 'stored', { kind: 'stop', state: 'skipped', existing, basis: 'content', discard: null }],
    ['upload', 'stored', { kind: 'send' }],
    ['ask', 'twin', { kind: 'send' }],
    ['skip', 'twin', { kind: 'send' }],
    ['ask', 'failed', { kind: 'fail', error, kept: null }],
    ['skip', 'failed', { kind: 'fail', error, kept: null }],
    ['upload', 'failed', { kind: 'fail', error, kept: null }],
  ])('policy %s, lookup %s', (p, a, expected) => {
    expect(judge(policy(p), answer(a), null)).toEqual(expected);
  });

  it('"Skip" waits for the user on a guess by name and size, as the dialog says', () => {
    const guess: Answer = { kind: 'answered', found: { match: { file: existing, basis: 'name_size' }, twin: null } };
    expect(judge(policy('skip'), guess, null)).toEqual({ kind: 'stop', state: 'duplicate', existing, basis: 'name_size', discard: null });
  });
});

describe('judge: the upload has finished', () => {
  it('keeps a new file under every policy', () => {
    const sent = file('file-new');
    for (const p of Object.values(policies)) expect(judge(p, answer('new'), sent)).toEqual({ kind: 'keep', file: sent });
  });

  it('stored with the same id (the provider answered with the file it had): never deleted, whatever the policy', () => {
    const sameId = file('file-before');
    expect(judge(policy('ask'), answer('stored'), sameId)).toEqual({ kind: 'stop', state: 'duplicate', existing, basis: 'content', discard: null });
    expect(judge(policy('skip'), answer('stored'), sameId)).toEqual({ kind: 'stop', state: 'skipped', existing, basis: 'content', discard: null });
    expect(judge(policy('upload'), answer('stored'), sameId)).toEqual({ kind: 'keep', file: sameId });
  });

  it('answered with a file older than the one found: a file the provider held, never deleted', () => {
    const older = file('file-older', 'assistants', '2025-01-01T00:00:00.000Z');
    expect(judge(policy('ask'), answer('stored'), older)).toMatchObject({ kind: 'stop', discard: null });
  });

  it('stored with another id: "Ask me" and "Skip" delete the second copy this upload made, "Upload anyway" keeps it', () => {
    const copy = file('file-copy', 'assistants', '2026-02-01T00:00:00.000Z');
    expect(judge(policy('ask'), answer('stored'), copy)).toEqual({ kind: 'stop', state: 'duplicate', existing, basis: 'content', discard: copy });
    expect(judge(policy('skip'), answer('stored'), copy)).toEqual({ kind: 'stop', state: 'skipped', existing, basis: 'content', discard: copy });
    expect(judge(policy('upload'), answer('stored'), copy)).toEqual({ kind: 'keep', file: copy });
  });

  it('lookup failed: a stopping policy fails naming the copy (neither deleted nor counted done); "Upload anyway" keeps it', () => {
    const sent = file('file-sent');
    expect(judge(policy('ask'), answer('failed'), sent)).toEqual({ kind: 'fail', error, kept: sent });
    expect(judge(policy('skip'), answer('failed'), sent)).toEqual({ kind: 'fail', error, kept: sent });
    expect(judge(policy('upload'), answer('failed'), sent)).toEqual({ kind: 'keep', file: sent });
  });
});
