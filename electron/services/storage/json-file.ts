import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

/**
 * Reads a JSON file checked against a schema. A missing file gives `fallback`; a damaged one
 * (hand-edited, or from a future version) is moved aside as `<name>.bad` rather than silently
 * overwritten, so nothing the user had is lost without a trace.
 */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON at all: handled below like any other unreadable content.
  }
  await writeFileAtomic(`${path}.bad`, text);
  return fallback;
}

/** Writes JSON so that a crash leaves either the old file or the new one, never half of either. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { fsync: true });
}

/**
 * Serialises writes to one file and coalesces bursts: while a write runs, later requests collapse
 * into one more write of the latest value. Saves stay ordered and the disk is not hammered.
 */
export class CoalescingWriter {
  private running: Promise<void> | null = null;
  private pending: (() => unknown) | null = null;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly path: string) {}

  /** Schedules a write of `snapshot()` (taken when the write starts) and resolves once it is on disk. */
  write(snapshot: () => unknown): Promise<void> {
    this.pending = snapshot;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.running) this.running = this.loop();
    return done;
  }

  private async loop(): Promise<void> {
    while (this.pending) {
      const snapshot = this.pending;
      const waiters = this.waiters;
      this.pending = null;
      this.waiters = [];
      try {
        await writeJsonFile(this.path, snapshot());
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.running = null;
  }
}
