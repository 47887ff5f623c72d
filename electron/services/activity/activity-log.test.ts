import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownSecrets } from '../secrets/redact';
import { ActivityLog } from './activity-log';

const KEY = 'sk-activity-5b2d4f6a8c0e2b4d';
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-activity-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the activity log', () => {
  it('never writes a key, or 8 characters of one, into a line', async () => {
    const known = new KnownSecrets();
    known.add(KEY);
    const log = new ActivityLog(dataDir, known);
    await log.load();
    await log.record({ action: 'upload', workspaceId: 'w', fileId: null, name: 'report.pdf', bytes: 3, outcome: 'failed', detail: `Server said: key ${KEY.slice(0, 14)}… has no access` });
    const line = readFileSync(join(dataDir, 'activity.jsonl'), 'utf8');
    expect(line).toContain('has no access');
    expect(line).not.toContain(KEY.slice(0, 8));
    expect(log.list(1)[0]?.detail).toBe('Server said: key •••… has no access');
  });
});
