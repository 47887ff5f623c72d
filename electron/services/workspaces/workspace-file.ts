import { join } from 'node:path';
import { z } from 'zod';
import { PROVIDER_KINDS } from '../../../shared/models/providers';
import { Workspace } from '../../../shared/models/workspaces';
import { originOf } from '../../../shared/urls';
import { CoalescingWriter, readJsonFile } from '../storage/json-file';

/** The provider and origin (scheme, host, port) a saved key was approved for; it is sent nowhere else. */
export const KeyBinding = z.object({ provider: z.enum(PROVIDER_KINDS), origin: z.string() });
export type KeyBinding = z.infer<typeof KeyBinding>;

/**
 * A workspace as saved on disk: settings and, beside them, where its key may be sent; never the
 * key itself (that lives in the keychain). `keyBinding` is null when no key is saved.
 */
export const WorkspaceRecord = Workspace.omit({ hasKey: true, builtIn: true }).extend({ keyBinding: KeyBinding.nullable() });
export type WorkspaceRecord = z.infer<typeof WorkspaceRecord>;

/** Records written before keys were bound have no `keyBinding`; load() fills it in. */
const StoredRecord = WorkspaceRecord.extend({ keyBinding: KeyBinding.nullable().optional() });

const WorkspaceFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string().nullable(),
  workspaces: z.array(StoredRecord),
});
type WorkspaceFileData = { version: 1; activeId: string | null; workspaces: WorkspaceRecord[] };

/**
 * The binding a record gets when it was saved before bindings existed: its key, if any, was
 * approved for the provider and origin the workspace has now (that is where it has been going).
 */
function migrate(record: z.infer<typeof StoredRecord>): WorkspaceRecord {
  if (record.keyBinding !== undefined) return { ...record, keyBinding: record.keyBinding };
  const origin = originOf(record.baseUrl);
  return { ...record, keyBinding: record.keyStorage && origin ? { provider: record.provider, origin } : null };
}

/** `workspaces.json` in the data folder, read once and rewritten atomically on every change. */
export class WorkspaceFile {
  private readonly path: string;
  private readonly writer: CoalescingWriter;
  private data: WorkspaceFileData = { version: 1, activeId: null, workspaces: [] };

  constructor(dataDir: string) {
    this.path = join(dataDir, 'workspaces.json');
    this.writer = new CoalescingWriter(this.path);
  }

  /** Reads the file; records from before key bindings get theirs and the file is rewritten with them. */
  async load(): Promise<void> {
    const read = await readJsonFile(this.path, WorkspaceFileSchema, this.data);
    const unbound = read.workspaces.some((w) => w.keyBinding === undefined);
    this.data = { ...read, workspaces: read.workspaces.map(migrate) };
    if (unbound) await this.writer.write(() => this.data);
  }

  get activeId(): string | null {
    return this.data.activeId;
  }

  get records(): readonly WorkspaceRecord[] {
    return this.data.workspaces;
  }

  find(id: string): WorkspaceRecord | undefined {
    return this.data.workspaces.find((w) => w.id === id);
  }

  async update(change: (data: WorkspaceFileData) => void): Promise<void> {
    change(this.data);
    await this.writer.write(() => this.data);
  }
}
