import type { StoredFile } from '../../../shared/models/files';
import { ConnectionError } from '../net/errors';
import type { ListRequest, PreviewTarget, ProviderAdapter, RawPage, UploadRequest } from '../providers/types';
import type { LocalSandbox } from './local-sandbox';
import { SANDBOX_WORDS } from './supervision';

/** Builds the dialect adapter for wherever the sandbox listens now. */
export type BuildAdapter = (baseUrl: string, apiKey: string) => ProviderAdapter;

/** A connection failure to the sandbox, in words about the sandbox (it is on this computer, not the internet). */
function aboutTheSandbox(error: unknown): unknown {
  if (error instanceof ConnectionError && error.kind !== 'aborted') {
    return new ConnectionError(error.code, SANDBOX_WORDS.unreachable, error.kind, error.bodyBytesSent);
  }
  return error;
}

/**
 * The Local sandbox workspace's adapter. A restarted sandbox listens on a new port, and whoever
 * holds this adapter (an upload between retries, the preview proxy) must reach the new one: every
 * call asks the sandbox where it is now (failing with "restarting" words in the gap) and uses an
 * adapter for that address. Connection failures are worded as the sandbox not answering, never
 * as a problem with the internet connection; their kind is kept, so uploads retry as before.
 */
export class SandboxAdapter implements ProviderAdapter {
  private inner: ProviderAdapter;
  private innerBaseUrl: string;

  constructor(
    private readonly sandbox: LocalSandbox,
    first: { baseUrl: string; apiKey: string },
    private readonly build: BuildAdapter,
  ) {
    this.inner = build(first.baseUrl, first.apiKey);
    this.innerBaseUrl = first.baseUrl;
  }

  get info() {
    return this.inner.info;
  }
  get maxPageSize() {
    return this.inner.maxPageSize;
  }
  get dedupesByContent() {
    return this.inner.dedupesByContent;
  }
  get serverPurposeFilter() {
    return this.inner.serverPurposeFilter;
  }
  get canSortCreatedAsc() {
    return this.inner.canSortCreatedAsc;
  }
  get canSortByName() {
    return this.inner.canSortByName;
  }

  private async run<T>(call: (adapter: ProviderAdapter) => Promise<T>): Promise<T> {
    const { baseUrl, apiKey } = await this.sandbox.ensure();
    if (baseUrl !== this.innerBaseUrl) {
      this.inner = this.build(baseUrl, apiKey);
      this.innerBaseUrl = baseUrl;
    }
    try {
      return await call(this.inner);
    } catch (error) {
      throw aboutTheSandbox(error);
    }
  }

  listPage(req: ListRequest): Promise<RawPage> {
    return this.run((a) => a.listPage(req));
  }
  get(id: string, signal?: AbortSignal): Promise<StoredFile> {
    return this.run((a) => a.get(id, signal));
  }
  remove(id: string): Promise<void> {
    return this.run((a) => a.remove(id));
  }
  upload(req: UploadRequest): Promise<StoredFile> {
    return this.run((a) => a.upload(req));
  }
  findByHash(md5: string, signal?: AbortSignal): Promise<StoredFile | null> {
    return this.run((a) => (a.findByHash ? a.findByHash(md5, signal) : Promise.resolve(null)));
  }
  previewTarget(id: string): Promise<PreviewTarget> {
    return this.run((a) => a.previewTarget(id));
  }
  openContent(id: string, options: { signal?: AbortSignal; range?: string }) {
    return this.run((a) => a.openContent(id, options));
  }
}
