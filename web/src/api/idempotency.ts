import { shouldRetryQuery } from './retry';

/**
 * A random part for a draft's Idempotency-Keys, made once per draft and kept with it. crypto.getRandomValues, since
 * crypto.randomUUID exists only in secure contexts (a team may serve Rapport over plain HTTP on its network).
 */
export function newRequestSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key for sending `body` from a draft: the draft sent again unchanged (a retry, a second click after
 * an error that may have hidden a success) is the same request, so the service creates once; the draft edited and
 * sent is a new request. The body's part is a 64-bit FNV-1a hash of its JSON: a key, not a secret.
 */
export function idempotencyKey(salt: string, body: unknown): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of JSON.stringify(body) ?? '') {
    hash = BigInt.asUintN(64, (hash ^ BigInt(char.codePointAt(0)!)) * 0x100000001b3n);
  }
  return `${salt}-${hash.toString(16).padStart(16, '0')}`;
}

/** A write sent with an Idempotency-Key is retried like a read (a 503, a lost connection): a resend cannot create twice. */
export const shouldRetryKeyedWrite = shouldRetryQuery;
