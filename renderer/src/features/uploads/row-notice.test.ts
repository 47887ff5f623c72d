import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../../../../shared/models/uploads';
import { rowNotice } from './row-notice';

const base: UploadItem = {
  id: 'i', batchId: 'b', workspaceId: 'w', path: '/f.bin', name: 'f.bin', bytes: 3_000_000_000, purpose: 'user_data', state: 'uploading',
  sentBytes: 0, speedBps: 0, etaSeconds: null, fileId: null, matchBasis: null, error: null, attempts: 1, resumedFrom: null, notice: null,
};

describe('rowNotice', () => {
  it('says where a resumed upload picked up, in the sizes the row uses', () => {
    expect(rowNotice({ ...base, resumedFrom: 1_200_000_000 })).toBe('Resumed at 1.2 GB of 3.0 GB');
    expect(rowNotice({ ...base, state: 'done', resumedFrom: 1_200_000_000 })).toBe('Resumed at 1.2 GB of 3.0 GB');
  });

  it('shows main’s notice, and nothing over a failure (the error is shown there)', () => {
    const notice = 'The upload session expired after an hour, so Stowage is starting this file again from the beginning.';
    expect(rowNotice({ ...base, notice })).toBe(notice);
    expect(rowNotice({ ...base, notice, state: 'failed', error: { code: 'offline', message: 'x' } })).toBeNull();
    expect(rowNotice(base)).toBeNull();
  });
});
