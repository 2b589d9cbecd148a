import { describe, expect, it } from 'vitest';
import { describeMatches } from './duplicates';

describe('describeMatches', () => {
  it('says each reason with the value the two share', () => {
    expect(describeMatches([
      { reason: 'SAME_EMAIL', value: 'ada@example.com' },
      { reason: 'SAME_PHONE', value: '+12125550101' },
    ])).toBe('Same email ada@example.com · Same phone +12125550101');
  });

  it('says a name-and-company match without a value, and nothing for no match', () => {
    expect(describeMatches([{ reason: 'SIMILAR_NAME_SAME_COMPANY', value: 'ada lovelace @ analytical engines' }])).toBe('Same name and company');
    expect(describeMatches([])).toBe('');
  });
});
