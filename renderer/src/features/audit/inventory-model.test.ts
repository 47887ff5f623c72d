import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../../shared/models/files';
import { buildInventoryModel, inventoryView } from './inventory-model';

const file = (name: string, bytes: number, day: number, purpose: string | null = 'batch'): StoredFile => ({
  id: name,
  name,
  bytes,
  purpose,
  createdAt: new Date(Date.UTC(2025, 0, day)).toISOString(),
  expiresAt: null,
});

describe('inventory model', () => {
  const files = [file('Beta.pdf', 30, 3), file('alpha.png', 10, 1, null), file('gamma.json', 20, 2, 'vision')];
  const model = buildInventoryModel(files);
  const names = (view: Int32Array) => [...view].map((i) => files[i]?.name);

  it('keeps the listing order with no sort and filters case-insensitively', () => {
    expect(names(inventoryView(model, '', null))).toEqual(['Beta.pdf', 'alpha.png', 'gamma.json']);
    expect(names(inventoryView(model, 'ALPHA', null))).toEqual(['alpha.png']);
  });
  it('sorts by every column both ways, ties by listing order', () => {
    expect(names(inventoryView(model, '', { by: 'name', dir: 'asc' }))).toEqual(['alpha.png', 'Beta.pdf', 'gamma.json']);
    expect(names(inventoryView(model, '', { by: 'bytes', dir: 'desc' }))).toEqual(['Beta.pdf', 'gamma.json', 'alpha.png']);
    expect(names(inventoryView(model, '', { by: 'createdAt', dir: 'asc' }))).toEqual(['alpha.png', 'gamma.json', 'Beta.pdf']);
    expect(names(inventoryView(model, '', { by: 'purpose', dir: 'asc' }))).toEqual(['alpha.png', 'Beta.pdf', 'gamma.json']);
  });
  it('filters and sorts together', () => {
    expect(names(inventoryView(model, '.p', { by: 'bytes', dir: 'asc' }))).toEqual(['alpha.png', 'Beta.pdf']);
  });
});
