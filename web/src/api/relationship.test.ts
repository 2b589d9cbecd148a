import { describe, expect, it } from 'vitest';
import { cadenceExplanation } from '../pages/ContactPage';
import { ApiError } from './problem';
import { relationshipRefetchInterval, type Contact, type Relationship } from './rapport';

const relationship = (contactVersion: number): Relationship => ({
  contactId: 'c-1',
  contactVersion,
  cadenceDays: 30,
  cadenceSource: 'CONTACT',
  interactionCount: 1,
  archived: false,
});

describe('a contact page asking reminders-service for the relationship', () => {
  it('asks again while reminders-service has not heard of the contact', () => {
    expect(relationshipRefetchInterval({ error: new ApiError(404, { title: 'Not found' }), data: undefined }, 1)).toBe(2000);
  });

  it('asks again while the relationship reflects an older version of the contact than the page shows', () => {
    expect(relationshipRefetchInterval({ error: null, data: relationship(2) }, 3)).toBe(1000);
  });

  it('stops asking once it reflects the version the page shows, or a newer one', () => {
    expect(relationshipRefetchInterval({ error: null, data: relationship(3) }, 3)).toBe(false);
    expect(relationshipRefetchInterval({ error: null, data: relationship(4) }, 3)).toBe(false);
    expect(relationshipRefetchInterval({ error: null, data: relationship(1) }, undefined)).toBe(false);
  });

  it('explains the cadence just saved while the relationship is behind, not the old one', () => {
    const saved: Contact = { id: 'c-1', displayName: 'Ada', cadence: { tier: 'INNER_CIRCLE', days: 14 } };
    expect(cadenceExplanation(undefined, saved)).toBe('Every 14 days: you put them in your inner circle.');
  });
});
