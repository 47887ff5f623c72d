import { describe, expect, it } from 'vitest';
import { fitColumns } from './fit-columns';

describe('fitColumns', () => {
  it('hides nothing while the width is unknown or there is room', () => {
    expect(fitColumns({}, null, true).hiddenToFit).toEqual([]);
    expect(fitColumns({}, 1100, true).hiddenToFit).toEqual([]);
  });

  it('gives way from File ID inwards, never the name, and only columns the user shows', () => {
    // select 38 + name 150 + preview 76 + size 90 + purpose 110 + uploaded 160 + id 150 = 774.
    expect(fitColumns({}, 774, false).hiddenToFit).toEqual([]);
    expect(fitColumns({}, 773, false).hiddenToFit).toEqual(['id']);
    expect(fitColumns({}, 774, true)).toMatchObject({ hiddenToFit: ['id', 'expiresAt'], visibility: { id: false, expiresAt: false } });
    expect(fitColumns({}, 354, false).hiddenToFit).toEqual(['id', 'createdAt', 'purpose']);
    expect(fitColumns({}, 353, false).hiddenToFit).toEqual(['id', 'createdAt', 'purpose', 'bytes']);
    expect(fitColumns({ id: false }, 624, false).hiddenToFit).toEqual([]);
    expect(fitColumns({}, 100, false).visibility.name).toBeUndefined();
  });
});
