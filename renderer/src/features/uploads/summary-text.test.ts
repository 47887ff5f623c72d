import { describe, expect, it } from 'vitest';
import { summaryText } from './summary-text';

const empty = { total: 0, queued: 0, active: 0, done: 0, failed: 0, cancelled: 0, skipped: 0, paused: 0, duplicate: 0, bytesTotal: 0, bytesSent: 0 };

describe('summaryText', () => {
  it('names only the non-zero parts', () => {
    expect(summaryText({ ...empty, total: 40, done: 38, failed: 2 })).toBe('38 uploaded, 2 failed');
    expect(summaryText({ ...empty, total: 10_000, active: 3, queued: 9_997 })).toBe('3 uploading, 9,997 waiting');
  });
});
