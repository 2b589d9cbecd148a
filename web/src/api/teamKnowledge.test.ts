import { describe, expect, it } from 'vitest';
import { describeAcquaintance, describePath } from './teamKnowledge';

describe('team knowledge in words', () => {
  it('says how a teammate reaches the person, by the link on the path', () => {
    expect(describePath({ memberId: 'm', hops: 1, link: 'DIRECT' }, 'Grace', undefined)).toBe('Grace knows them');
    expect(describePath({ memberId: 'm', hops: 2, via: 'y', link: 'INTRODUCED_THEM' }, 'You', 'Yann')).toBe('You through Yann, who introduced them');
    expect(describePath({ memberId: 'm', hops: 2, via: 'y', link: 'THEY_INTRODUCED' }, 'Cai', 'Yann')).toBe('Cai through Yann, whom they introduced');
    expect(describePath({ memberId: 'm', hops: 2, via: 'z', link: 'MET_TOGETHER' }, 'Cai', undefined)).toBe('Cai through a contact, who was in a conversation with them');
  });

  it('counts conversations, and says when none was recent', () => {
    expect(describeAcquaintance({ conversations: 1, conversationsLast90Days: 1 })).toBe('1 conversation, 1 in the last 90 days');
    expect(describeAcquaintance({ conversations: 4, conversationsLast90Days: 0 })).toBe('4 conversations, none in the last 90 days');
  });
});
