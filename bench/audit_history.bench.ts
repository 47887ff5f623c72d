/**
 * audit_history (issue 12): the local catalogue saving and diffing audits, each contender in its
 * own Node process so its peak RSS is its own.
 *
 *   save_100k_ms     the slower of saving two 100,000-file audits (pages appended, then
 *                    deduplicated and indexed); goal < 2,000 ms
 *   diff_100k_ms     diffing them (5% removed, 5% added): counts and bytes, first page of added
 *                    and of removed files, totals before and after; goal < 2,000 ms
 *                    (the *_cpu_ms figures beside them are CPU time, steadier on a busy machine)
 *   peak_rss_mb      the process's peak RSS across both saves and the diff; goal < 300 MB
 *   save_1m_ms, peak_rss_1m_mb
 *                    secondary: one 1,000,000-file audit streamed in (the inventory of a large
 *                    workspace), with its peak RSS; goal ≤ 400 MB. Reads on it are timed too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runContender } from './services/measure';

const dir = mkdtempSync(join(tmpdir(), 'stowage-audit-history-'));
try {
  const small = await runContender('stowage-catalogue', ['history', '100000', dir]);
  const big = await runContender('stowage-catalogue', ['save', '1000000', dir]);
  const x = (m: typeof small, key: string) => m.extra?.[key] ?? Number.NaN;
  if (x(small, 'added') !== 5000 || x(small, 'removed') !== 5000 || x(big, 'files') !== 1_000_000) {
    throw new Error(`wrong figures: ${JSON.stringify(small.extra)} ${JSON.stringify(big.extra)}`);
  }
  const save100k = Math.max(x(small, 'save_a_ms'), x(small, 'save_b_ms'));
  const peak100k = Math.max(small.peakRssMb, x(small, 'peak_rss_mb'));
  const peak1m = Math.max(big.peakRssMb, x(big, 'peak_rss_mb'));
  const save1m = x(big, 'save_ms');
  const saveCpu = Math.max(x(small, 'save_a_cpu_ms'), x(small, 'save_b_cpu_ms'));
  console.log(`save 100k:  ${save100k} ms (A ${x(small, 'save_a_ms')}, B ${x(small, 'save_b_ms')}; CPU ${saveCpu} ms)   goal < 2000 ms`);
  console.log(`diff 100k:  ${x(small, 'diff_ms')} ms (+${x(small, 'added')} / -${x(small, 'removed')}; CPU ${x(small, 'diff_cpu_ms')} ms)   goal < 2000 ms`);
  console.log(`peak RSS:   ${peak100k} MB   goal < 300 MB   (database ${x(small, 'db_mb')} MB for two snapshots)`);
  console.log(`save 1M:    ${save1m} ms (${Math.round(1e6 / (save1m / 1000))} rows/s; CPU ${x(big, 'save_cpu_ms')} ms), peak RSS ${peak1m} MB   goal ≤ 400 MB   (database ${x(big, 'db_mb')} MB)`);
  console.log(
    `reads on 1M: first page ${x(big, 'first_page_ms')} ms, page at 500k by name ${x(big, 'deep_page_ms')} ms, search ${x(big, 'search_ms')} ms, report ${x(big, 'report_ms')} ms, remove ${x(big, 'remove_ms')} ms`,
  );
  report({
    save_100k_ms: save100k,
    diff_100k_ms: x(small, 'diff_ms'),
    save_100k_cpu_ms: saveCpu,
    diff_100k_cpu_ms: x(small, 'diff_cpu_ms'),
    peak_rss_mb: peak100k,
    goal_save_ms: 2000,
    goal_diff_ms: 2000,
    goal_peak_rss_mb: 300,
    db_mb_two_100k_snapshots: x(small, 'db_mb'),
    save_1m_ms: save1m,
    save_1m_rows_per_s: Math.round(1e6 / (save1m / 1000)),
    save_1m_cpu_ms: x(big, 'save_cpu_ms'),
    peak_rss_1m_mb: peak1m,
    goal_peak_rss_1m_mb: 400,
    db_mb_1m: x(big, 'db_mb'),
    first_page_1m_ms: x(big, 'first_page_ms'),
    deep_page_1m_ms: x(big, 'deep_page_ms'),
    search_1m_ms: x(big, 'search_ms'),
    report_1m_ms: x(big, 'report_ms'),
    remove_1m_ms: x(big, 'remove_ms'),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
