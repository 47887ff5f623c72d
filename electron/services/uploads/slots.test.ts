import { describe, expect, it } from 'vitest';
import { LARGE_FILE_BYTES, LARGE_FILE_SLOTS, Slots } from './slots';

const small = 64 * 1024;
const large = LARGE_FILE_BYTES;

function takeAll(slots: Slots, sizes: number[]): boolean[] {
  return sizes.map((bytes) => slots.take(bytes));
}

describe('Slots', () => {
  it('gives small files every place the cap allows, and no more', () => {
    const slots = new Slots(8, []);
    expect(takeAll(slots, Array(9).fill(small))).toEqual([...Array(8).fill(true), false]);
    expect(slots.open).toBe(false);
  });

  it(`lets at most ${LARGE_FILE_SLOTS} large files in at once, while small ones still fill the rest`, () => {
    const slots = new Slots(8, []);
    expect(takeAll(slots, [large, large, large, large])).toEqual([true, true, true, false]);
    expect(takeAll(slots, Array(6).fill(small))).toEqual([true, true, true, true, true, false]);
  });

  it('a lower cap bounds large files too', () => {
    expect(takeAll(new Slots(2, []), [large, large, large])).toEqual([true, true, false]);
    expect(takeAll(new Slots(1, []), [small, small])).toEqual([true, false]);
  });

  it('counts what is already running, by size', () => {
    const slots = new Slots(8, [large, large, large, small]);
    expect(slots.take(large)).toBe(false);
    expect(takeAll(slots, Array(5).fill(small))).toEqual([true, true, true, true, false]);
  });
});
