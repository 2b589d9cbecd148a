import { describe, expect, it } from 'vitest';
import { describeOutcome, describeSchedule } from './notifications';

const at = (instant: string) => `at ${instant}`;

describe('describeSchedule', () => {
  it('names the day, the hour and the zone the member chose', () => {
    expect(describeSchedule({ frequency: 'WEEKLY', weekday: 'THURSDAY', hour: 7, timeZone: 'Europe/Paris' }))
      .toBe('Weekly, on Thursdays at 07:00 (Europe/Paris)');
    expect(describeSchedule({ frequency: 'DAILY', weekday: 'MONDAY', hour: 18, timeZone: 'UTC' })).toBe('Daily at 18:00 (UTC)');
    expect(describeSchedule({ frequency: 'OFF', weekday: 'MONDAY', hour: 8, timeZone: 'UTC' })).toBe('Off: no digest is sent');
  });
});

describe('describeOutcome', () => {
  it('says what a failure was and when the next try is', () => {
    expect(describeOutcome({ status: 'FAILED', attempts: 2, lastStatusCode: 500, lastError: 'Internal error',
      nextAttemptAt: '2026-12-03T10:00:00Z' }, at))
      .toBe('Failed after 2 attempts (HTTP 500: Internal error); next try at 2026-12-03T10:00:00Z');
    expect(describeOutcome({ status: 'FAILED', attempts: 1, error: 'SMTP server not answering' }, at))
      .toBe('Failed after 1 attempt (SMTP server not answering)');
  });

  it('counts the attempts a delivery took, and says when it gave up', () => {
    expect(describeOutcome({ status: 'DELIVERED', attempts: 1 }, at)).toBe('Delivered');
    expect(describeOutcome({ status: 'SENT', attempts: 3 }, at)).toBe('Delivered after 3 attempts');
    expect(describeOutcome({ status: 'GAVE_UP', attempts: 8, lastError: 'refused: resolves to a private address' }, at))
      .toBe('Given up after 8 attempts (refused: resolves to a private address)');
    expect(describeOutcome({ status: 'SKIPPED', attempts: 0 }, at)).toBe('Skipped: nothing to send');
  });
});
