import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../../shared/models/workspaces';
import { keyTransferFor } from './key-transfer';

const saved: Workspace = {
  id: 'w1',
  name: 'Acme',
  provider: 'vlmrun',
  baseUrl: 'https://api.vlm.run/v1',
  projectId: null,
  folderId: null,
  defaultPurpose: null,
  concurrency: 3,
  keyStorage: 'keychain',
  hasKey: true,
  builtIn: false,
};

describe('keyTransferFor', () => {
  it('asks when the origin or the provider changes and no key is typed', () => {
    expect(keyTransferFor(saved, 'vlmrun', 'https://files.example.com/v1', '')).toEqual({ from: 'VLM Run at api.vlm.run', toHost: 'files.example.com' });
    expect(keyTransferFor(saved, 'vlmrun', 'https://api.vlm.run:8443/v1', '')?.toHost).toBe('api.vlm.run:8443');
    expect(keyTransferFor(saved, 'vlmrun', 'http://api.vlm.run/v1', '')?.toHost).toBe('api.vlm.run');
    expect(keyTransferFor(saved, 'openai', 'https://api.vlm.run/v1', '')?.from).toBe('VLM Run at api.vlm.run');
  });

  it('does not ask when nothing moves, a key is typed, no key is saved or the URL is unreadable', () => {
    expect(keyTransferFor(saved, 'vlmrun', 'https://api.vlm.run/v2/', '')).toBeNull();
    expect(keyTransferFor(saved, 'vlmrun', 'https://files.example.com/v1', 'sk-new')).toBeNull();
    expect(keyTransferFor({ ...saved, hasKey: false }, 'vlmrun', 'https://files.example.com/v1', '')).toBeNull();
    expect(keyTransferFor(null, 'vlmrun', 'https://files.example.com/v1', '')).toBeNull();
    expect(keyTransferFor(saved, 'vlmrun', 'files.example', '')).toBeNull();
  });
});
