import { describe, expect, it } from 'vitest';
import { addDays, relativeDays } from './format';

describe('dates', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
  it('says how far a date is', () => {
    expect(relativeDays('2026-12-01', '2026-12-01')).toBe('today');
    expect(relativeDays('2026-12-04', '2026-12-01')).toBe('in 3 days');
    expect(relativeDays('2026-11-29', '2026-12-01')).toBe('2 days ago');
  });
});
