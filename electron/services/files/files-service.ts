import pLimit from 'p-limit';
import { toErrorShape, type AppErrorShape } from '../../../shared/errors';
import type { ListPage, PreviewKind } from '../../../shared/contract/files';
import type { StoredFile } from '../../../shared/models/files';
import type { ActivityLog } from '../activity/activity-log';
import type { Connection } from '../workspaces/workspace-service';
import { directPage, LocalListing, sortPlan, type PageQuery } from './listing';
import type { FileChanges } from './ports';
import { contentTypeFor, previewKindOf } from './preview-kind';
import type { PreviewServer } from './preview-server';

/** What the preview pane needs: a URL it may load (never one that needs a key) and the viewer to use. */
export interface Preview {
  url: string | null;
  kind: PreviewKind;
  contentType: string | null;
  source: 'public' | 'presigned' | 'proxy' | 'none';
}

const DELETE_PARALLEL = 4;

/**
 * The file table's service: pages mapped onto each provider's paging, filters checked rather than
 * trusted (a server that ignores `purpose` is detected and the table is filtered in main instead),
 * deletes of exactly the ids confirmed, and previews that never hand the window a key.
 */
export class FilesService {
  private readonly local = new LocalListing();
  /** Workspaces whose server answered a purpose filter with other purposes. */
  private readonly ignoresPurpose = new Set<string>();

  constructor(
    private readonly connect: (workspaceId: string) => Promise<Connection>,
    private readonly previews: PreviewServer,
    private readonly activity: ActivityLog,
    private readonly changes: FileChanges,
  ) {}

  /**
   * One page of the table: straight from the provider where it can filter and sort as asked,
   * else from the whole listing read by main (a filter it lacks, or "sort all files" on a sort
   * it cannot do across pages).
   */
  async list(q: PageQuery): Promise<ListPage> {
    const { adapter } = await this.connect(q.workspaceId);
    const filtersLocally = () => q.search.trim() !== '' || (q.purpose !== null && (!adapter.serverPurposeFilter || this.ignoresPurpose.has(q.workspaceId)));
    const sortsLocally = q.wholeListing && q.sort !== null && !sortPlan(adapter, q.sort).server;
    if (!filtersLocally() && !sortsLocally && !(q.page.kind === 'cursor' && q.page.cursor?.startsWith('local:'))) {
      const page = await directPage(adapter, q);
      if (q.purpose === null || page.files.every((f) => f.purpose === q.purpose)) return page;
      this.ignoresPurpose.add(q.workspaceId);
    }
    return this.local.page(adapter, q, filtersLocally());
  }

  async get(workspaceId: string, id: string): Promise<StoredFile> {
    return (await this.connect(workspaceId)).adapter.get(id);
  }

  /** Deletes exactly these ids (a few at a time), one result each; a failure never stops the rest. */
  async remove(workspaceId: string, ids: readonly string[]): Promise<{ id: string; ok: boolean; error: AppErrorShape | null }[]> {
    const { adapter } = await this.connect(workspaceId);
    const limit = pLimit(DELETE_PARALLEL);
    const results = await Promise.all(
      ids.map((id) =>
        limit(async () => {
          try {
            await adapter.remove(id);
            await this.activity.record({ action: 'delete', workspaceId, fileId: id, name: id, bytes: null, outcome: 'ok', detail: null });
            return { id, ok: true, error: null };
          } catch (error) {
            const shape = toErrorShape(error);
            await this.activity.record({ action: 'delete', workspaceId, fileId: id, name: id, bytes: null, outcome: 'failed', detail: shape.message });
            return { id, ok: false, error: shape };
          }
        }),
      ),
    );
    if (results.some((r) => r.ok)) this.changed(workspaceId);
    return results;
  }

  /**
   * The one way "files changed" travels: cached listings of the workspace are dropped and the
   * window is told, so it refreshes exactly that workspace's lists (an open preview stays put).
   */
  changed(workspaceId: string): void {
    this.local.invalidate(workspaceId);
    this.changes.changed(workspaceId);
  }

  async preview(workspaceId: string, id: string): Promise<Preview> {
    const { adapter } = await this.connect(workspaceId);
    const [file, target] = await Promise.all([adapter.get(id), adapter.previewTarget(id)]);
    const contentType = contentTypeFor(file.name, null);
    const kind = previewKindOf(contentType);
    if (target.kind === 'url') return { url: target.url, kind, contentType, source: target.source };
    if (target.kind === 'proxy') return { url: await this.previews.link(workspaceId, id, contentType, file.name), kind, contentType, source: 'proxy' };
    return { url: null, kind: 'none', contentType, source: 'none' };
  }

  /** The first `maxBytes` of a file as text (for text/JSON/CSV previews); the rest is never downloaded. */
  async previewText(workspaceId: string, id: string, maxBytes: number): Promise<{ text: string; truncated: boolean; contentType: string | null }> {
    const { adapter } = await this.connect(workspaceId);
    const [file, res] = await Promise.all([adapter.get(id), adapter.openContent(id, {})]);
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      size += buf.length;
      if (size > maxBytes) {
        truncated = true;
        break;
      }
    }
    res.body.destroy();
    const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
    let text = new TextDecoder('utf-8').decode(bytes);
    if (truncated) text = text.replace(/\uFFFD+$/, '');
    return { text, truncated, contentType: contentTypeFor(file.name, res.headers['content-type']) };
  }
}
