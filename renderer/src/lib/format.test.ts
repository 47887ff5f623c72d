import { describe, expect, it } from 'vitest';
import { ageInDays, formatEta, plural } from './format';

describe('format', () => {
  it('counts with separators and the right plural', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(10_000, 'file')).toBe('10,000 files');
  });
  it('says time left in seconds, minutes, then hours', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(12.4)).toBe('12 s left');
    expect(formatEta(185)).toBe('3 min left');
    expect(formatEta(3900)).toBe('1 h 5 min left');
  });
  it('counts whole days of age', () => {
    expect(ageInDays('2025-01-01T00:00:00Z', Date.parse('2025-01-31T12:00:00Z'))).toBe(30);
  });
});
