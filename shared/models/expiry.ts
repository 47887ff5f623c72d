import { z } from 'zod';

/**
 * OpenAI-compatible Files APIs (OpenAI, Yandex AI Studio) delete a file by themselves when it is
 * uploaded with `expires_after: {anchor: "created_at", seconds}`, and only accept 1 hour to 30
 * days. The window offers a few choices; main and the adapter trust only this schema's bounds.
 */
export const EXPIRY_MIN_SECONDS = 3600;
export const EXPIRY_MAX_SECONDS = 2_592_000;

/** Seconds after upload at which the provider deletes the file, within what the providers accept. */
export const ExpiresAfterSeconds = z.number().int().min(EXPIRY_MIN_SECONDS).max(EXPIRY_MAX_SECONDS);

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The choices the pre-flight dialog offers besides "Never", shortest first. */
export const EXPIRY_CHOICES: readonly number[] = [HOUR, 6 * HOUR, 12 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

/** "1 hour", "12 hours", "1 day", "30 days": a lifetime in the words the dialog shows. */
export function expiryWords(seconds: number): string {
  const [count, unit] = seconds % DAY === 0 ? [seconds / DAY, 'day'] : [Math.round(seconds / HOUR), 'hour'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
