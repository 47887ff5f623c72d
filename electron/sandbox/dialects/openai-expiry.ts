/**
 * OpenAI's file expiry policy, `expires_after: {anchor: "created_at", seconds}`, shared by the
 * two ways a File is made: the multipart form of `POST /files` (`expires_after[anchor]`,
 * `expires_after[seconds]` as text fields) and the JSON body of `POST /uploads`. Both must
 * accept and refuse exactly the same values, so they share this one reading.
 */
import { invalidField } from '../errors';

/** Shortest and longest lifetime OpenAI accepts, in seconds (1 hour, 30 days). */
export const MIN_EXPIRY_S = 3600;
export const MAX_EXPIRY_S = 2_592_000;

/** `batch` files expire after 30 days unless told otherwise; all others are kept. */
const BATCH_DEFAULT_EXPIRY_S = 30 * 24 * 3600;

function parseSeconds(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return undefined;
}

/**
 * Seconds until the new File expires, or null for "keep until deleted". `anchor` and `seconds`
 * are the raw values (undefined when absent); either missing alone, or out of range, is a 400.
 */
export function fileExpirySeconds(anchor: unknown, secondsRaw: unknown, purpose: string): number | null {
  if (anchor === undefined && secondsRaw === undefined) return purpose === 'batch' ? BATCH_DEFAULT_EXPIRY_S : null;
  if (anchor !== 'created_at') {
    throw invalidField(['body', 'expires_after', 'anchor'], "Invalid value for 'expires_after.anchor': expected 'created_at'.", anchor ?? null);
  }
  const seconds = parseSeconds(secondsRaw);
  if (seconds === undefined || seconds < MIN_EXPIRY_S || seconds > MAX_EXPIRY_S) {
    throw invalidField(
      ['body', 'expires_after', 'seconds'],
      `Invalid value for 'expires_after.seconds': must be an integer between ${MIN_EXPIRY_S} and ${MAX_EXPIRY_S}.`,
      secondsRaw ?? null,
    );
  }
  return seconds;
}
