import { join } from 'node:path';
import { z } from 'zod';
import { Workspace } from '../../../shared/models/workspaces';
import { CoalescingWriter, readJsonFile } from '../storage/json-file';

/** A workspace as saved on disk: settings only, never the key (that lives in the keychain). */
export const WorkspaceRecord = Workspace.omit({ hasKey: true, builtIn: true });
export type WorkspaceRecord = z.infer<typeof WorkspaceRecord>;

const WorkspaceFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string().nullable(),
  workspaces: z.array(WorkspaceRecord),
});
type WorkspaceFileData = z.infer<typeof WorkspaceFileSchema>;

/** `workspaces.json` in the data folder, read once and rewritten atomically on every change. */
export class WorkspaceFile {
  private readonly path: string;
  private readonly writer: CoalescingWriter;
  private data: WorkspaceFileData = { version: 1, activeId: null, workspaces: [] };

  constructor(dataDir: string) {
    this.path = join(dataDir, 'workspaces.json');
    this.writer = new CoalescingWriter(this.path);
  }

  async load(): Promise<void> {
    this.data = await readJsonFile(this.path, WorkspaceFileSchema, this.data);
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
