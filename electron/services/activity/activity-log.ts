import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ActivityEntry } from '../../../shared/contract/uploads';
import writeFileAtomic from 'write-file-atomic';
import { KnownSecrets } from '../secrets/redact';

const KEEP = 5000;

/**
 * The persistent record of what was uploaded and deleted, with provider file ids, so a user can
 * answer "what did I send where" later. Entries are appended as JSON lines (cheap, crash-tolerant:
 * a torn last line is skipped on read). Entries hold names, ids and plain messages, never keys:
 * every name and message is read through the known secrets' redaction before it is kept.
 */
export class ActivityLog {
  private readonly path: string;
  private entries: ActivityEntry[] = [];
  private tail: Promise<void> = Promise.resolve();
  private dirReady = false;
  private pending: string[] = [];

  constructor(
    dataDir: string,
    private readonly secrets: KnownSecrets = new KnownSecrets(),
  ) {
    this.path = join(dataDir, 'activity.jsonl');
  }

  /** Reads the log; keeps the newest entries and compacts the file when it has grown past twice that. */
  async load(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parsed: ActivityEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = ActivityEntry.safeParse(JSON.parse(line));
        if (entry.success) parsed.push(entry.data);
      } catch {
        // A torn line from a crash mid-append: skip it.
      }
    }
    this.entries = parsed.slice(-KEEP);
    if (parsed.length > 2 * KEEP) await this.compact();
  }

  private async compact(): Promise<void> {
    const lines = this.entries.map((e) => JSON.stringify(e)).join('\n');
    await writeFileAtomic(this.path, `${lines}\n`, { fsync: true });
  }

  /** Adds an entry; lines written while an append is in flight go out together in the next one. */
  record(entry: Omit<ActivityEntry, 'at'>): Promise<void> {
    const clean = { ...entry, name: this.secrets.redact(entry.name), detail: entry.detail === null ? null : this.secrets.redact(entry.detail) };
    const full: ActivityEntry = { at: new Date().toISOString(), ...clean };
    this.entries.push(full);
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
    this.pending.push(JSON.stringify(full));
    if (this.pending.length > 1) return this.tail;
    this.tail = this.tail
      .then(async () => {
        if (!this.dirReady) {
          await mkdir(dirname(this.path), { recursive: true });
          this.dirReady = true;
        }
        const lines = this.pending;
        this.pending = [];
        await appendFile(this.path, `${lines.join('\n')}\n`, 'utf8');
      })
      .catch((error: unknown) => console.error('[activity] could not append:', (error as Error).message));
    return this.tail;
  }

  /** Newest first. */
  list(limit: number): ActivityEntry[] {
    return this.entries.slice(-limit).reverse();
  }
}
