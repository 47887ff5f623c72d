import { join } from 'node:path';
import { z } from 'zod';
import { CoalescingWriter, readJsonFile } from '../storage/json-file';

/**
 * What Stowage knows about the contents of files it uploaded from this computer: the MD5 of the
 * bytes it sent, by workspace and the provider's file id. Providers without a content lookup
 * (OpenAI-compatible, LlamaCloud) can then tell "same name and size" apart from "same contents"
 * for those files. Kept behind this small interface so a catalogue can take over the storage.
 */
export interface ContentRecords {
  /** The MD5 recorded for this stored file, or null when Stowage did not upload it from here. */
  md5Of(workspaceId: string, fileId: string): string | null;
  /** Records the MD5 of what was uploaded; readable at once, saved to disk soon after. */
  record(workspaceId: string, fileId: string, md5: string): Promise<void>;
}

const RecordsFile = z.object({
  version: z.literal(1),
  /** workspace id → provider file id → MD5 (hex). */
  workspaces: z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{32}$/))),
});

/**
 * The records as one JSON file in the app's data folder (`uploaded-contents.json`), rewritten
 * atomically and coalesced, so a burst of finished uploads costs one write.
 */
export class JsonContentRecords implements ContentRecords {
  private readonly path: string;
  private readonly writer: CoalescingWriter;
  private data: z.infer<typeof RecordsFile> = { version: 1, workspaces: {} };

  constructor(dataDir: string) {
    this.path = join(dataDir, 'uploaded-contents.json');
    this.writer = new CoalescingWriter(this.path);
  }

  async load(): Promise<void> {
    this.data = await readJsonFile(this.path, RecordsFile, { version: 1, workspaces: {} });
  }

  md5Of(workspaceId: string, fileId: string): string | null {
    return this.data.workspaces[workspaceId]?.[fileId] ?? null;
  }

  /** Every record, for handing to the catalogue once at start (its duplicate finder groups by them). */
  *entries(): Generator<{ workspaceId: string; fileId: string; md5: string }> {
    for (const [workspaceId, files] of Object.entries(this.data.workspaces)) {
      for (const [fileId, md5] of Object.entries(files)) yield { workspaceId, fileId, md5 };
    }
  }

  record(workspaceId: string, fileId: string, md5: string): Promise<void> {
    const files = (this.data.workspaces[workspaceId] ??= {});
    files[fileId] = md5.toLowerCase();
    return this.writer.write(() => this.data);
  }
}
