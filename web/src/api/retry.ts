import { ApiError } from './problem';

const MAX_ATTEMPTS = 3;

/** Reads retry a 429, a 502-504 or a lost connection up to three times; anything else is an answer, not a blip. */
export function shouldRetryQuery(failures: number, error: unknown): boolean {
  if (failures >= MAX_ATTEMPTS) return false;
  if (error instanceof ApiError) return error.transient;
  return error instanceof TypeError;
}

/**
 * Writes retry only what certainly did not happen: a 429 (the gateway refused it before any service saw it).
 * A 503 may follow a write that was applied, so the person decides, with what they typed still in the form.
 */
export function shouldRetryMutation(failures: number, error: unknown): boolean {
  return failures < MAX_ATTEMPTS && error instanceof ApiError && error.status === 429;
}

/** Waits as long as Retry-After says (capped at 30 s), else 1 s, 2 s, 4 s. */
export function retryDelay(failures: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfter !== undefined) return Math.min(error.retryAfter, 30) * 1000;
  return Math.min(1000 * 2 ** failures, 8000);
}
