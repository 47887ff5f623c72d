import { describe, expect, it } from 'vitest';
import { formatExactDate, formatTimeUntil } from './format';

const now = Date.parse('2025-03-01T12:00:00Z');
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

describe('formatTimeUntil', () => {
  it('rounds to minutes, hours, then days, the way an expiry reads at a glance', () => {
    expect(formatTimeUntil(at(30), now)).toBe('in 1 min');
    expect(formatTimeUntil(at(40 * 60), now)).toBe('in 40 min');
    expect(formatTimeUntil(at(3600), now)).toBe('in 1 hour');
    expect(formatTimeUntil(at(5 * 3600 + 10 * 60), now)).toBe('in 5 hours');
    // A "1 day" expiry seen a few seconds after upload still reads as a day.
    expect(formatTimeUntil(at(86_400 - 5), now)).toBe('in 1 day');
    expect(formatTimeUntil(at(3 * 86_400), now)).toBe('in 3 days');
    expect(formatTimeUntil(at(30 * 86_400), now)).toBe('in 30 days');
  });
  it('says so once the moment has passed, and gives no guess for a bad date', () => {
    expect(formatTimeUntil(at(-10), now)).toBe('already passed');
    expect(formatTimeUntil('not a date', now)).toBe('—');
  });
  it('gives the exact moment to the second for the title', () => {
    expect(formatExactDate('2025-03-04T10:20:30Z')).toMatch(/4 March 2025.*\d\d:20:30/);
  });
});
