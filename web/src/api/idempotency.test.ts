import { describe, expect, it } from 'vitest';
import { idempotencyKey, newRequestSalt } from './idempotency';

describe('idempotency keys of a draft', () => {
  const salt = newRequestSalt();
  const body = { participantIds: ['c-1'], type: 'CALL', summary: 'Call: the move went well' };

  it('are the same for the same draft sent again unchanged', () => {
    expect(idempotencyKey(salt, body)).toBe(idempotencyKey(salt, { ...body }));
  });

  it('differ once the draft is edited, and between drafts', () => {
    expect(idempotencyKey(salt, { ...body, summary: 'Call: the move went badly' })).not.toBe(idempotencyKey(salt, body));
    expect(idempotencyKey(newRequestSalt(), body)).not.toBe(idempotencyKey(salt, body));
  });

  it('are what the services accept: 1 to 255 visible ASCII characters', () => {
    expect(idempotencyKey(salt, { summary: 'Kaffee mit Zoë ☕' })).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});
