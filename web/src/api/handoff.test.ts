import { describe, expect, it } from 'vitest';
import { describeHandoff, handoffRequest, handoffSources } from './handoff';

describe('handing relationships over', () => {
  it('asks for all of a member’s contacts, or only those picked, each once', () => {
    expect(handoffRequest('a', 'b')).toEqual({ fromMemberId: 'a', toMemberId: 'b' });
    expect(handoffRequest('a', 'b', ['c1', 'c2', 'c1'])).toEqual({ fromMemberId: 'a', toMemberId: 'b', contactIds: ['c1', 'c2'] });
  });

  it('says what it did in words', () => {
    const name = (id?: string) => ({ a: 'Ada', b: 'Grace' })[id as 'a' | 'b'] ?? 'someone';
    expect(describeHandoff({ handoffId: 'h', fromMemberId: 'a', toMemberId: 'b', byMemberId: 'x', handedOff: 1, contactIds: ['c'] }, name))
      .toBe('Handed 1 contact from Ada to Grace.');
    expect(describeHandoff({ handoffId: 'h', fromMemberId: 'a', toMemberId: 'b', byMemberId: 'x', handedOff: 10000, contactIds: [] }, name))
      .toBe('Handed 10,000 contacts from Ada to Grace.');
    expect(describeHandoff({ handoffId: 'h', fromMemberId: 'a', toMemberId: 'b', byMemberId: 'x', handedOff: 0, contactIds: [] }, name))
      .toBe('Ada had no contacts to hand over.');
  });

  it('offers the team’s members and, after them, former teammates the risks still name', () => {
    const risks = [
      { contactId: 'c1', memberId: 'gone', ownerId: 'a', conversations: 2, lastTalkedAt: '2026-11-01T10:00:00Z' },
      { contactId: 'c2', memberId: 'b', ownerId: 'left-too', conversations: 1, lastTalkedAt: '2026-11-02T10:00:00Z' },
    ];
    expect(handoffSources([{ id: 'a' }, { id: 'b' }], risks)).toEqual(['a', 'b', 'gone', 'left-too']);
    expect(handoffSources([{ id: 'a' }], [])).toEqual(['a']);
  });
});
