import { describe, expect, it } from 'vitest';
import { changedRowIndices, stepChange } from './changeNavigation';

describe('next and previous change', () => {
  it('lists only the rows that changed, in reading order', () => {
    expect(changedRowIndices([{ change: 'equal' }, { change: 'changed' }, { change: 'equal' }, { change: 'added' }, { change: 'moved' }])).toEqual([1, 3, 4]);
  });

  it('starts at the first change going forward and the last going back, and wraps at the ends', () => {
    expect(stepChange(null, 1, 3)).toBe(0);
    expect(stepChange(null, -1, 3)).toBe(2);
    expect(stepChange(2, 1, 3)).toBe(0);
    expect(stepChange(0, -1, 3)).toBe(2);
    expect(stepChange(1, 1, 3)).toBe(2);
    expect(stepChange(null, 1, 0)).toBeNull();
  });
});
