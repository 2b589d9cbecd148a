import { describe, expect, it } from 'vitest';
import { memberTotals, percent, totals, type InsightWeek } from './insights';

const week = (weekStart: string, team: object, members: object[] = []): InsightWeek => ({ weekStart, team, members } as InsightWeek);

describe('totals', () => {
  it('sums the weeks and recomputes the rates from the sums rather than averaging them', () => {
    const t = totals([
      { conversations: 3, enteredCooling: 1, rewarmed: 1, recoveryRate: 1, followUps: { onTime: 1, late: 0, broken: 0, open: 2 } },
      { conversations: 2, enteredCooling: 3, rewarmed: 0, recoveryRate: 0, followUps: { onTime: 0, late: 1, broken: 2, open: 0 } },
    ]);
    expect(t).toEqual({
      conversations: 5, enteredCooling: 4, rewarmed: 1, recoveryRate: 0.25,
      onTime: 1, late: 1, broken: 2, open: 2, followThroughRate: 0.25,
    });
  });

  it('has no rate when there is nothing to rate, open follow-ups included', () => {
    const t = totals([{ conversations: 1, followUps: { onTime: 0, late: 0, broken: 0, open: 4 } }, {}]);
    expect(t.recoveryRate).toBeNull();
    expect(t.followThroughRate).toBeNull();
    expect(t.open).toBe(4);
  });
});

describe('memberTotals', () => {
  it('adds up each member across the weeks, the most conversations first', () => {
    const rows = memberTotals([
      week('2026-11-16', {}, [{ memberId: 'b', conversations: 1 }, { memberId: 'a', conversations: 2 }]),
      week('2026-11-23', {}, [{ memberId: 'b', conversations: 4, enteredCooling: 2, rewarmed: 1 }]),
    ]);
    expect(rows.map((r) => [r.memberId, r.totals.conversations, r.totals.recoveryRate])).toEqual([
      ['b', 5, 0.5],
      ['a', 2, null],
    ]);
  });
});

describe('percent', () => {
  it('rounds to whole percent and shows a dash for no rate', () => {
    expect(percent(0.666)).toBe('67 %');
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
  });
});
