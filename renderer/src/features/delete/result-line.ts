const SHORT_REASON: Record<string, string> = {
  not_found: 'not found',
  unauthorized: 'key not accepted',
  forbidden: 'not allowed',
  rate_limited: 'rate limited',
  server_error: 'provider error',
  offline: 'could not reach the provider',
  timeout: 'timed out',
};

/** One file's outcome, as files:delete reports it. */
export interface DeleteOutcome {
  id: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

/** "47 deleted, 1 failed: not found" — failures grouped by reason, in the words of the result line. */
export function resultLine(results: readonly DeleteOutcome[]): string {
  const deleted = results.filter((r) => r.ok).length;
  const reasons = new Map<string, number>();
  for (const r of results) {
    if (r.ok) continue;
    const reason = SHORT_REASON[r.error?.code ?? ''] ?? r.error?.message ?? 'unknown error';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const parts = [`${deleted.toLocaleString('en-US')} deleted`];
  for (const [reason, count] of reasons) parts.push(`${count.toLocaleString('en-US')} failed: ${reason}`);
  return parts.join(', ');
}
