import { ConnectionError, ProviderError } from './errors';

/** Retry timing, one object so the app, the audit and the tests can each choose theirs. */
export interface RetryOptions {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After Stowage waits out by itself; longer ones are capped to this. */
  maxRetryAfterMs: number;
}

/** Six attempts over about half a minute: rides out a provider's brief outage without hammering it. */
export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** What to do after a failed attempt. */
export type RetryDecision =
  | { retry: false }
  | { retry: true; delayMs: number; /** The body may have arrived: look for the file before sending again. */ checkFirst: boolean };

/** Exponential backoff with jitter (half fixed, half random), capped. */
export function backoff(attempt: number, options: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The upload retry rules. Retried by themselves: a connection that failed before any byte was
 * sent, 429 (waiting as long as Retry-After says, within a cap) and 502/503/504. A connection
 * that broke after bytes went out is retried too, but only after checking that the file did not
 * land, so a retry never makes a duplicate. Everything else (bad key, too large, file changed,
 * cancel) is final and shown to the user.
 */
export function decideRetry(error: unknown, attempt: number, options: RetryOptions = DEFAULT_RETRY): RetryDecision {
  if (attempt >= options.maxAttempts) return { retry: false };
  if (error instanceof ConnectionError) {
    if (error.kind === 'aborted') return { retry: false };
    return { retry: true, delayMs: backoff(attempt, options), checkFirst: error.bodyBytesSent > 0 || error.kind === 'timeout' };
  }
  if (error instanceof ProviderError) {
    if (error.status === 429) {
      const wait = error.retryAfterMs ?? backoff(attempt, options);
      return { retry: true, delayMs: Math.min(wait, options.maxRetryAfterMs), checkFirst: false };
    }
    if (error.status === 502 || error.status === 503 || error.status === 504) {
      return { retry: true, delayMs: backoff(attempt, options), checkFirst: error.status === 504 };
    }
  }
  return { retry: false };
}
