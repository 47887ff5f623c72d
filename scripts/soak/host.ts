/**
 * The soak's services host: the process that stands in for Electron's main process, so the soak
 * can kill it with SIGKILL in the middle of a batch and start it again on the same data dir. It
 * runs the real upload queue (queue store, activity log, retry rules) against the sandbox the
 * parent owns, and takes files the way the window gives them: each path is granted as the open
 * dialog would, and pre-flight goes through the real `uploads:preflight` handler, which spends
 * the grants. It never judges the outcome; the parent does that against the server.
 */
import { HttpClient } from '../../electron/services/net/client';
import { PathGrants } from '../../electron/services/uploads/path-grants';
import { createUploadHandlers } from '../../electron/app/handlers/uploads';
import { FAST_RETRY, openQueue } from '../../test/support/queue';
import type { FromHost, HostConfig, ToHost } from './protocol';

const PROGRESS_EVERY_MS = 100;

const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
const send = (message: FromHost) => process.send?.(message);

const http = new HttpClient();
const h = await openQueue(http, config.urls, { dataDir: config.dataDir, concurrency: config.concurrency, retry: FAST_RETRY });
const grants = new PathGrants();
const handlers = createUploadHandlers(h.queue, h.activity, grants);

send({ type: 'opened', items: h.queue.list().items });

setInterval(() => send({ type: 'progress', summary: h.queue.list().summary, idle: h.queue.idle }), PROGRESS_EVERY_MS);

process.on('message', (raw) => {
  void handle(raw as ToHost).catch((error: unknown) => {
    console.error('[soak host] a command failed:', error);
    process.exit(1);
  });
});

async function handle(message: ToHost): Promise<void> {
  if (message.type === 'start') {
    const started: Extract<FromHost, { type: 'started' }>['batches'] = [];
    for (const batch of message.batches) {
      const tokens = batch.paths.map((path) => grants.grant(path).token);
      const plan = await handlers['uploads:preflight']({ workspaceId: `ws-${batch.kind}`, grants: tokens });
      const { queued } = await handlers['uploads:start']({ preflightId: plan.preflightId, purpose: batch.purpose, duplicatePolicy: 'upload' });
      started.push({ kind: batch.kind, queued, rejected: plan.rejected.length });
    }
    send({ type: 'started', batches: started });
  } else if (message.type === 'resume') {
    const { resumed } = await handlers['uploads:resume']({});
    send({ type: 'resumed', resumed });
  } else if (message.type === 'retry') {
    const { retried } = await handlers['uploads:retry']({});
    send({ type: 'retried', retried });
  } else {
    send({ type: 'report', items: h.queue.list().items, sleeps: h.sleeps });
  }
}
