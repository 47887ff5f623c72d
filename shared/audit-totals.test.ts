import { describe, expect, it } from 'vitest';
import { combinedAges, combinedPurposes, grandTotal, totalsByProvider, type AuditPart } from './audit-totals';

const part = (over: Partial<AuditPart>): AuditPart => ({
  provider: 'openai',
  state: 'done',
  totalFiles: 0,
  totalBytes: 0,
  byPurpose: [],
  ageBuckets: [],
  ...over,
});

const parts: AuditPart[] = [
  part({
    provider: 'vlmrun',
    totalFiles: 3,
    totalBytes: 300,
    byPurpose: [{ purpose: 'batch', count: 3, bytes: 300 }],
    ageBuckets: [
      { label: 'Under 1 day', count: 1, bytes: 100 },
      { label: '1–7 days', count: 2, bytes: 200 },
    ],
  }),
  part({
    totalFiles: 2,
    totalBytes: 1000,
    byPurpose: [
      { purpose: 'user_data', count: 1, bytes: 900 },
      { purpose: 'batch', count: 1, bytes: 100 },
    ],
    ageBuckets: [
      { label: 'Under 1 day', count: 2, bytes: 1000 },
      { label: '1–7 days', count: 0, bytes: 0 },
    ],
  }),
  // A failed workspace counts as a workspace of its provider but adds no files, even if it carried some.
  part({ state: 'failed', totalFiles: 99, totalBytes: 99, byPurpose: [{ purpose: 'batch', count: 99, bytes: 99 }] }),
];

describe('adding up workspaces', () => {
  it('totals per provider in the providers’ order, counting only finished workspaces’ files', () => {
    expect(totalsByProvider(parts)).toEqual([
      { provider: 'vlmrun', label: 'VLM Run', workspaces: 1, counted: 1, count: 3, bytes: 300 },
      { provider: 'openai', label: 'OpenAI', workspaces: 2, counted: 1, count: 2, bytes: 1000 },
    ]);
    expect(grandTotal(parts)).toEqual({ count: 5, bytes: 1300 });
  });

  it('one purpose chart (largest first) and one age chart (buckets in order) across workspaces', () => {
    expect(combinedPurposes(parts)).toEqual([
      { purpose: 'user_data', count: 1, bytes: 900 },
      { purpose: 'batch', count: 4, bytes: 400 },
    ]);
    expect(combinedAges(parts)).toEqual([
      { label: 'Under 1 day', count: 3, bytes: 1100 },
      { label: '1–7 days', count: 2, bytes: 200 },
    ]);
  });
});
