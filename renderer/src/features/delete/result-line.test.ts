import { describe, expect, it } from 'vitest';
import { resultLine } from './result-line';

describe('resultLine', () => {
  it('groups failures by reason after the deleted count', () => {
    const ok = (id: string) => ({ id, ok: true, error: null });
    const gone = (id: string) => ({ id, ok: false, error: { code: 'not_found', message: 'That file is no longer there.' } });
    expect(resultLine([ok('a'), ok('b'), gone('c')])).toBe('2 deleted, 1 failed: not found');
    expect(resultLine([gone('a'), { id: 'b', ok: false, error: { code: 'internal', message: 'Odd.' } }])).toBe('0 deleted, 1 failed: not found, 1 failed: Odd.');
  });
});
