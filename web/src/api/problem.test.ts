import { describe, expect, it } from 'vitest';
import { ApiError, describe as describeError, toApiError } from './problem';

describe('problems', () => {
  it('reads a problem+json body with its field errors and Retry-After', async () => {
    const response = new Response(
      JSON.stringify({ status: 400, title: 'Invalid request', errors: [{ field: 'followUps[1].dueOn', message: 'must be a date' }] }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '3' } },
    );
    const error = await toApiError(response);
    expect(error.status).toBe(400);
    expect(error.fieldErrorsUnder('followUps[1].')).toEqual({ dueOn: 'must be a date' });
    expect(error.retryAfter).toBe(3);
  });

  it('explains a body that is not a problem', async () => {
    const error = await toApiError(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.problem.title).toBe('Bad Gateway');
    expect(describeError(error)).toMatch(/not answering/);
  });

  it('knows a stale edit', () => {
    expect(new ApiError(412, {}).stale).toBe(true);
    expect(new ApiError(409, { type: 'https://rapport.dev/problems/stale-version' }).stale).toBe(true);
    expect(new ApiError(409, { type: 'https://rapport.dev/problems/conflict' }).stale).toBe(false);
  });
});
