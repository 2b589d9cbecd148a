import { describe, expect, it } from 'vitest';
import { feedUrls } from './calendarFeed';

describe('feedUrls', () => {
  it('puts the relative feed URL on the address Rapport is reached at, and offers webcal for calendar apps', () => {
    expect(feedUrls('/feeds/calendar/abc_-1.ics', 'https://rapport.example.com')).toEqual({
      https: 'https://rapport.example.com/feeds/calendar/abc_-1.ics',
      webcal: 'webcal://rapport.example.com/feeds/calendar/abc_-1.ics',
    });
    expect(feedUrls('/feeds/calendar/x.ics', 'http://localhost:8080').webcal).toBe('webcal://localhost:8080/feeds/calendar/x.ics');
  });
});
