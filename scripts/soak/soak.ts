/**
 * `npm run soak`: proof at scale (issue 9 §6 and §7's crash recovery). N uploads over the three
 * dialects, concurrency 4 per workspace, against a sandbox that answers 20% of requests with a
 * 503, 5% with 429 + Retry-After, and cuts 5% of request bodies mid-way. The services run in a
 * child process that is killed with SIGKILL part-way through; a new one on the same data dir must
 * bring the unfinished items back paused, and resuming must finish the batch. The server then
 * judges: every stored file is downloaded and hashed and compared with the local files.
 *
 * Flags: --files N (default 500), --concurrency N (4), --kill-at F (0.4: kill once that fraction
 * has finished; 0 = no kill). Exits 1 when a goal is missed: anything lost, a failure without a
 * readable reason, a duplicate, a copy nobody knows about, or a restart that did not pause.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import type { ProviderKind } from '../../shared/models/providers';
import type { UploadItem } from '../../shared/models/uploads';
import { HttpClient } from '../../electron/services/net/client';
import { baseUrlFor, patternBytes, startTestSandbox } from '../../test/support/services';
import { HostProcess } from './host-process';
import type { FromHost, HostConfig } from './protocol';
import { storedFiles } from './server-side';
import { sumTallies, tally, type LocalFile, type Tally } from './tally';

const KINDS: ProviderKind[] = ['vlmrun', 'openai', 'llamacloud'];
const PURPOSE: Record<string, string> = { vlmrun: 'assistants', openai: 'user_data', llamacloud: 'parse' };
const RETRY_AFTER_SECONDS = 1;
const FAULTS = {
  serverErrors: { rate: 0.2, status: 503 },
  rateLimit: { rate: 0.05, retryAfterSeconds: RETRY_AFTER_SECONDS },
  resetAfterBytes: { bytes: 4096, rate: 0.05 },
};
const UNFINISHED = new Set(['queued', 'hashing', 'uploading', 'verifying']);

const { values: flags } = parseArgs({
  options: { files: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '4' }, 'kill-at': { type: 'string', default: '0.4' } },
});
const fileCount = Number(flags.files);
const concurrency = Number(flags.concurrency);
const killAt = Number(flags['kill-at']);

const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

/** Writes the batch: sizes 8 to 96 KiB (every body longer than the reset point), distinct bytes. */
function writeFiles(dir: string): LocalFile[] {
  const files: LocalFile[] = [];
  for (const kind of KINDS) mkdirSync(join(dir, kind));
  for (let i = 0; i < fileCount; i += 1) {
    const kind = KINDS[i % KINDS.length] as ProviderKind;
    const content = patternBytes(8 * 1024 + ((i * 7919) % (88 * 1024)), i + 1);
    const path = join(dir, kind, `soak-${String(i).padStart(4, '0')}.bin`);
    writeFileSync(path, content);
    files.push({ kind, path, md5: createHash('md5').update(content).digest('hex') });
  }
  return files;
}

const idle = (m: FromHost): m is Extract<FromHost, { type: 'progress' }> => m.type === 'progress' && m.idle;
const finishedAtLeast = (n: number) => (m: FromHost): m is Extract<FromHost, { type: 'progress' }> =>
  m.type === 'progress' && (m.idle || m.summary.done + m.summary.failed >= n);

function countStates(items: readonly UploadItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.state] = (counts[item.state] ?? 0) + 1;
  return counts;
}

function line(label: string, t: Tally): string {
  return `${label.padEnd(11)} files ${String(t.files).padStart(4)}  done once ${String(t.doneOnce).padStart(4)}  failed with reason ${String(t.failedWithReason).padStart(3)}  without ${t.failedWithoutReason}  duplicates ${t.duplicates}  lost ${t.lost}  ghosts ${t.ghosts}  strangers ${t.strangers}`;
}

/** Reads back what the server holds, tallies it against the items, and prints the counts. */
async function judge(phase: string, local: readonly LocalFile[], items: readonly UploadItem[]): Promise<Tally> {
  const parts = new Map<ProviderKind, Tally>();
  for (const kind of KINDS) {
    const stored = await storedFiles(kind, baseUrlFor(sandbox, kind), http);
    parts.set(kind, tally(local.filter((f) => f.kind === kind), items, stored));
  }
  const total = sumTallies([...parts.values()]);
  console.log(`-- ${phase}, verified on the server by content MD5`);
  for (const [kind, t] of parts) console.log(line(kind, t));
  console.log(line('total', total));
  for (const reason of new Set(items.filter((i) => i.state === 'failed').map((i) => i.error?.message))) console.log(`failure reason: ${reason}`);
  for (const why of total.lostWhy) console.log(`lost: ${why}`);
  return total;
}

const scratch = mkdtempSync(join(tmpdir(), 'stowage-soak-files-'));
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-soak-data-'));
const sandbox = await startTestSandbox({ faults: FAULTS });
const http = new HttpClient();
try {
  const local = writeFiles(scratch);
  const config: HostConfig = { dataDir, urls: { vlmrun: sandbox.urls.vlmrun, openai: sandbox.urls.openai, llamacloud: sandbox.urls.llamacloud }, concurrency };
  console.log(`soak: ${fileCount} files over ${KINDS.join(', ')}, concurrency ${concurrency} per workspace, faults ${JSON.stringify(FAULTS)}`);

  let { host } = await HostProcess.start(config);
  const batches = KINDS.map((kind) => ({ kind, purpose: PURPOSE[kind] as string, paths: local.filter((f) => f.kind === kind).map((f) => f.path) }));
  const started = await host.ask({ type: 'start', batches }, 'started');
  check(started.batches.reduce((n, b) => n + b.queued, 0) === fileCount, `pre-flight queued ${JSON.stringify(started.batches)} of ${fileCount} files`);

  if (killAt > 0) {
    const atKill = await host.next(finishedAtLeast(Math.ceil(fileCount * killAt)));
    await host.kill('SIGKILL');
    console.log(`crash: services host killed with SIGKILL at ${atKill.summary.done} done, ${atKill.summary.failed} failed, ${atKill.summary.active} in flight, ${atKill.summary.queued} queued`);
    const restart = await HostProcess.start(config);
    host = restart.host;
    const states = countStates(restart.opened.items);
    console.log(`restart: the queue came back with ${JSON.stringify(states)}`);
    check(restart.opened.items.length === fileCount, `the restarted queue holds ${restart.opened.items.length} of ${fileCount} items`);
    check(!restart.opened.items.some((i) => UNFINISHED.has(i.state)), 'an unfinished item came back running or queued instead of paused');
    check((states.paused ?? 0) > 0, 'the kill did not land mid-batch: nothing came back paused');
    const { resumed } = await host.ask({ type: 'resume' }, 'resumed');
    check(resumed === (states.paused ?? 0), `resume restarted ${resumed} of ${states.paused ?? 0} paused items`);
  }

  await host.next(idle);
  const report = await host.ask({ type: 'report' }, 'report');
  const retryAfterWaits = report.sleeps.filter((ms) => ms === RETRY_AFTER_SECONDS * 1000).length;
  check(retryAfterWaits > 0, 'no wait of the Retry-After length was asked for: 429s were not honoured');
  console.log(`retries: ${report.items.filter((i) => i.attempts > 1).length} items needed more than one attempt; ${retryAfterWaits} Retry-After waits honoured`);

  sandbox.setFaults({});
  const batch = await judge('batch', local, report.items);
  check(batch.lost === 0, `${batch.lost} files lost`);
  check(batch.failedWithoutReason === 0, `${batch.failedWithoutReason} failures without a readable reason`);
  check(batch.duplicates === 0, `${batch.duplicates} duplicates on the server`);
  check(batch.strangers === 0, `${batch.strangers} stored files match no local file`);

  // What an operator does next: Retry failed, here with the faults off. A failed item whose bytes
  // had landed (its "did it land?" check was refused) must be found, not sent a second time.
  const { retried } = await host.ask({ type: 'retry' }, 'retried');
  await host.next(idle);
  const after = await host.ask({ type: 'report' }, 'report');
  await host.kill('SIGTERM');
  const final = await judge(`after retrying ${retried} failed`, local, after.items);
  check(final.doneOnce === fileCount, `after Retry failed, ${final.doneOnce} of ${fileCount} files are stored exactly once`);
  check(final.duplicates === 0 && final.ghosts === 0, `after Retry failed, ${final.duplicates} duplicates and ${final.ghosts} unknown copies`);
} catch (error) {
  problems.push(`the soak itself failed: ${(error as Error).message}`);
} finally {
  await sandbox.close();
  await http.close();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`SOAK FAILED: ${problem}`);
  process.exit(1);
}
console.log('soak: every goal met (0 lost, 0 duplicates, every failure with a reason, crash recovered)');
