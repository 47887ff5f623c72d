import { describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed } from './format';

describe('formatBytes (decimal units, as Finder and GNOME Files show them)', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [2, '2 bytes'],
    [999, '999 bytes'],
    [1000, '1.0 kB'],
    [1049, '1.0 kB'],
    [1050, '1.1 kB'],
    [35_700, '35.7 kB'],
    [99_949, '99.9 kB'],
    [99_950, '100 kB'],
    [999_499, '999 kB'],
    [999_500, '1.0 MB'],
    [999_999, '1.0 MB'],
    [1_000_000, '1.0 MB'],
    [134_217_728, '134 MB'],
    [136_314_880, '136 MB'],
    [536_870_912, '537 MB'],
    [999_500_000, '1.0 GB'],
    [2_147_483_648, '2.1 GB'],
    [1_000_000_000_000, '1.0 TB'],
    [5e18, '5000 PB'],
  ])('%d bytes read as “%s”', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('never prints a number for something that is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('rounds fractional byte counts (averages, speeds) to whole bytes', () => {
    expect(formatBytes(0.6)).toBe('1 byte');
    expect(formatBytes(998.6)).toBe('999 bytes');
    expect(formatBytes(999.6)).toBe('1.0 kB');
  });
});

describe('formatSpeed', () => {
  it('is empty while nothing moves and per second otherwise', () => {
    expect(formatSpeed(0)).toBe('');
    expect(formatSpeed(2_400_000)).toBe('2.4 MB/s');
  });
});
