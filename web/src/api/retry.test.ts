import { describe, expect, it } from 'vitest';
import { ApiError } from './problem';
import { retryDelay, shouldRetryMutation, shouldRetryQuery } from './retry';

describe('retry policy', () => {
  const limited = new ApiError(429, { title: 'Too many requests' }, 7);
  const away = new ApiError(503, { title: 'Service unavailable' });
  const invalid = new ApiError(400, { title: 'Invalid request' });

  it('retries reads that met a blip, three times at most', () => {
    expect(shouldRetryQuery(0, limited)).toBe(true);
    expect(shouldRetryQuery(0, away)).toBe(true);
    expect(shouldRetryQuery(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetryQuery(3, away)).toBe(false);
    expect(shouldRetryQuery(0, invalid)).toBe(false);
  });

  it('retries a write only when it certainly did not happen', () => {
    expect(shouldRetryMutation(0, limited)).toBe(true);
    expect(shouldRetryMutation(0, away)).toBe(false);
    expect(shouldRetryMutation(0, invalid)).toBe(false);
  });

  it('waits as long as Retry-After says', () => {
    expect(retryDelay(0, limited)).toBe(7000);
    expect(retryDelay(1, away)).toBe(2000);
    expect(retryDelay(0, new ApiError(429, {}, 600))).toBe(30000);
  });
});
