import { describe, expect, it } from 'vitest';
import { csrfToken, withCsrf } from './csrf';

describe('csrf', () => {
  it('reads the XSRF-TOKEN cookie', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=abc%3D; b=2')).toBe('abc=');
    expect(csrfToken('a=1')).toBeUndefined();
  });
  it('sends it on state-changing requests only', () => {
    expect(withCsrf('POST', new Headers(), 'XSRF-TOKEN=t').get('X-XSRF-TOKEN')).toBe('t');
    expect(withCsrf('GET', new Headers(), 'XSRF-TOKEN=t').get('X-XSRF-TOKEN')).toBeNull();
  });
});
