import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { PathGrants } from './path-grants';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the grant to be refused');
}

describe('PathGrants', () => {
  it('hands out an unguessable 128-bit token per path and the display name, never the path', () => {
    const grants = new PathGrants();
    const a = grants.grant('/home/ann/Documents/report.pdf');
    const b = grants.grant('/home/ann/Documents/report.pdf');
    expect(a).toEqual({ token: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'report.pdf' });
    expect(b.token).not.toBe(a.token);
    expect(JSON.stringify(a)).not.toContain('/home/ann');
  });

  it('resolves each token back to its path exactly once', () => {
    const grants = new PathGrants();
    const a = grants.grant('/data/a.txt');
    const b = grants.grant('/data/folder');
    expect(grants.redeem([a.token, b.token])).toEqual(['/data/a.txt', '/data/folder']);
    const again = refusal(() => grants.redeem([a.token]));
    expect(again.code).toBe('forbidden');
    expect(again.message).toMatch(/only reads files you chose/);
  });

  it('refuses a path or a made-up token, and then spends none of the good ones', () => {
    const grants = new PathGrants();
    const good = grants.grant('/data/a.txt');
    for (const forged of ['/home/ann/.ssh/id_rsa', '0'.repeat(32), `${good.token}x`]) {
      expect(refusal(() => grants.redeem([good.token, forged])).code).toBe('forbidden');
    }
    expect(grants.redeem([good.token])).toEqual(['/data/a.txt']);
  });

  it('keeps a bounded number of unused grants, forgetting the oldest first', () => {
    const grants = new PathGrants(3);
    const tokens = ['/1', '/2', '/3', '/4'].map((p) => grants.grant(p).token);
    expect(grants.outstanding).toBe(3);
    expect(refusal(() => grants.redeem([tokens[0]!])).code).toBe('forbidden');
    expect(grants.redeem(tokens.slice(1))).toEqual(['/2', '/3', '/4']);
    expect(grants.outstanding).toBe(0);
  });
});
