import { describe, expect, it } from 'vitest';
import { EXPIRY_CHOICES, expiryWords } from '../models/expiry';
import { uploadChannels } from './uploads';

const start = uploadChannels['uploads:start'].input;
const base = { preflightId: 'p-1', purpose: 'user_data', duplicatePolicy: 'ask' as const };

describe('uploads:start expiry', () => {
  it('takes 1 hour to 30 days in whole seconds, or none', () => {
    for (const expiresAfterSeconds of [3600, 86_400, 2_592_000, null]) {
      expect(start.safeParse({ ...base, expiresAfterSeconds }).success).toBe(true);
    }
    expect(start.safeParse(base).success).toBe(true);
  });

  it('refuses anything the providers would refuse: 3599, 2592001, fractions, text', () => {
    for (const expiresAfterSeconds of [3599, 2_592_001, 3600.5, '3600', 0, -3600]) {
      expect(start.safeParse({ ...base, expiresAfterSeconds }).success, String(expiresAfterSeconds)).toBe(false);
    }
  });

  it('offers only choices the contract accepts, each in words', () => {
    for (const seconds of EXPIRY_CHOICES) expect(start.safeParse({ ...base, expiresAfterSeconds: seconds }).success).toBe(true);
    expect(EXPIRY_CHOICES.map(expiryWords)).toEqual(['1 hour', '6 hours', '12 hours', '1 day', '3 days', '7 days', '14 days', '30 days']);
  });
});
