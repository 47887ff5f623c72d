import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../../../../shared/models/uploads';
import { summaryExtras, summaryText } from './summary-text';

const empty = { total: 0, queued: 0, active: 0, done: 0, failed: 0, cancelled: 0, skipped: 0, paused: 0, duplicate: 0, kept: 0, bytesTotal: 0, bytesSent: 0 };

describe('summaryText', () => {
  it('names only the non-zero parts', () => {
    expect(summaryText({ ...empty, total: 40, done: 38, failed: 2 })).toBe('38 uploaded, 2 failed');
    expect(summaryText({ ...empty, total: 10_000, active: 3, queued: 9_997 })).toBe('3 uploading, 9,997 waiting');
  });

  it('never counts a copy the provider kept as uploaded', () => {
    expect(summaryText({ ...empty, total: 1, kept: 1 }, { guessed: 0, keptBy: 'VLM Run' })).toBe('VLM Run kept the existing copy (same id) instead of storing a second one');
    expect(summaryText({ ...empty, total: 4, done: 1, kept: 3 }, { guessed: 0, keptBy: 'VLM Run' })).toBe(
      '1 uploaded, VLM Run kept the existing copies of 3 files (same ids) instead of storing second ones',
    );
  });

  it('calls a waiting duplicate "already stored" only when its contents were compared', () => {
    expect(summaryText({ ...empty, total: 2, duplicate: 2 })).toBe('2 already stored — choose below');
    expect(summaryText({ ...empty, total: 3, duplicate: 3 }, { guessed: 2, keptBy: 'OpenAI' })).toBe(
      '1 already stored, 2 with a file of the same name and size stored (contents not compared) — choose below',
    );
  });
});

describe('summaryExtras', () => {
  const item = (state: UploadItem['state'], workspaceId: string, matchBasis: UploadItem['matchBasis'] = null) => ({ state, workspaceId, matchBasis }) as UploadItem;
  it('counts guesses and names the one provider that kept copies', () => {
    const label = (id: string) => (id === 'a' ? 'VLM Run' : id === 'b' ? 'OpenAI' : null);
    expect(summaryExtras([item('duplicate', 'b', 'name_size'), item('duplicate', 'a', 'content'), item('kept', 'a')], label)).toEqual({ guessed: 1, keptBy: 'VLM Run' });
    expect(summaryExtras([item('kept', 'a'), item('kept', 'b')], label).keptBy).toBe('The provider');
  });
});
