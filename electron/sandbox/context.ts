/**
 * What a route handler gets: the request, its (fault-wrapped) body, and the sandbox's shared
 * state. Handlers take everything through this object so they stay plain functions, easy to
 * read and free of module-level state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { BlobStore } from './store/blob-store';
import type { FileStore } from './store/file-store';
import type { Dialect } from './store/records';
import type { FaultController } from './faults';
import type { UrlSigner } from './url-signer';
import type { UploadSessions } from './upload-sessions';

/**
 * Byte limits: each dialect's single-request upload, plus OpenAI's multipart Uploads (the total an
 * Upload may declare, and one part), kept separate so tests can make each small on its own.
 */
export interface SandboxLimits extends Record<Dialect, number> {
  openaiUpload: number;
  openaiUploadPart: number;
}

/** The sandbox's notion of now; an offset lets tests and the admin endpoint move time forward. */
export class Clock {
  private offset = 0;
  private last = 0;

  get offsetMs(): number {
    return this.offset;
  }

  /** Shifts time by `ms` from real time; moving it back also lifts the never-backwards guard. */
  setOffset(ms: number): void {
    this.offset = ms;
    this.last = 0;
  }

  /** Unix milliseconds, never going backwards within one process (keeps listing order stable). */
  now(): number {
    const t = Math.max(Date.now() + this.offset, this.last);
    this.last = t;
    return t;
  }
}

/** State shared by every request of one running sandbox. */
export interface SandboxState {
  store: FileStore;
  blobs: BlobStore;
  signer: UrlSigner;
  clock: Clock;
  faults: FaultController;
  /** OpenAI's multipart Uploads in progress. */
  uploads: UploadSessions;
  limits: SandboxLimits;
  /** `http://host:port`, the origin public URLs are built on. */
  origin: string;
  /** Lifetime of public/presigned URLs handed out in responses. */
  publicUrlTtlSeconds: number;
}

/** One request as a handler sees it. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters from the route pattern, already percent-decoded. */
  params: Record<string, string>;
  /** Folder/project scope named by the client ('' when none). */
  scope: string;
  /** The request body, passed through the active body faults (reset, bandwidth cap). */
  body: Readable;
  /** Stops reading the body into anything: the rest is drained and dropped (or the socket cut). */
  discardBody(): void;
  state: SandboxState;
}

/** A route handler; it writes the response or throws an HttpError. */
export type Handler = (ctx: RequestContext) => Promise<void> | void;
