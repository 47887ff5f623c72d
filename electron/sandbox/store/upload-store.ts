/**
 * Metadata of OpenAI's multipart Uploads (`POST /v1/uploads` and its parts), kept in the same
 * SQLite database as the files so an upload in progress survives a sandbox restart. A part row is
 * inserted only after its bytes are fsynced and renamed into place (see part-files.ts), the same
 * "bytes first, then the row" order the file store uses.
 */
import type { SqlDatabase, SqlStatement } from '../../lib/sqlite';

/** The states OpenAI reports; `expired` is also derived on read once `expiresAt` has passed. */
export type UploadStatus = 'pending' | 'completed' | 'cancelled' | 'expired';

/** One Upload object. Times are Unix milliseconds. */
export interface UploadRecord {
  id: string;
  scope: string;
  filename: string;
  purpose: string;
  /** The total the client declared; completion must add up to exactly this. */
  bytes: number;
  mimeType: string;
  /** Lifetime of the File created on completion, in seconds (null: kept until deleted). */
  fileExpiresInSeconds: number | null;
  createdAt: number;
  expiresAt: number;
  status: UploadStatus;
  fileId: string | null;
}

/** One received part of an upload. */
export interface PartRecord {
  id: string;
  uploadId: string;
  bytes: number;
  createdAt: number;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS openai_uploads (
     id TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     filename TEXT NOT NULL,
     purpose TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     mime_type TEXT NOT NULL,
     file_expires_in INTEGER,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     file_id TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS openai_uploads_pending ON openai_uploads (expires_at) WHERE status = 'pending'`,
  `CREATE TABLE IF NOT EXISTS openai_upload_parts (
     id TEXT PRIMARY KEY,
     upload_id TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS openai_upload_parts_by_upload ON openai_upload_parts (upload_id, created_at)`,
];

function toUpload(row: Record<string, unknown>): UploadRecord {
  return {
    id: String(row.id),
    scope: String(row.scope),
    filename: String(row.filename),
    purpose: String(row.purpose),
    bytes: Number(row.bytes),
    mimeType: String(row.mime_type),
    fileExpiresInSeconds: row.file_expires_in == null ? null : Number(row.file_expires_in),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    status: String(row.status) as UploadStatus,
    fileId: row.file_id == null ? null : String(row.file_id),
  };
}

function toPart(row: Record<string, unknown>): PartRecord {
  return { id: String(row.id), uploadId: String(row.upload_id), bytes: Number(row.bytes), createdAt: Number(row.created_at) };
}

/**
 * Uploads and their parts; every method is synchronous, so a check-then-write is atomic. The
 * constructor creates its own tables (idempotently), keeping the Uploads schema next to its only
 * user instead of in the files' schema.
 */
export class UploadStore {
  private readonly statements = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {
    for (const sql of SCHEMA) db.exec(sql);
  }

  private stmt(sql: string): SqlStatement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  insert(u: UploadRecord): void {
    this.stmt(
      `INSERT INTO openai_uploads (id, scope, filename, purpose, bytes, mime_type, file_expires_in, created_at, expires_at, status, file_id)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(u.id, u.scope, u.filename, u.purpose, u.bytes, u.mimeType, u.fileExpiresInSeconds, u.createdAt, u.expiresAt, u.status, u.fileId);
  }

  get(id: string): UploadRecord | undefined {
    const row = this.stmt('SELECT * FROM openai_uploads WHERE id = ?').get(id);
    return row ? toUpload(row) : undefined;
  }

  /** Moves an upload out of `pending`; `fileId` names the File a completion created. */
  finish(id: string, status: Exclude<UploadStatus, 'pending'>, fileId: string | null = null): void {
    this.stmt('UPDATE openai_uploads SET status = ?, file_id = ? WHERE id = ?').run(status, fileId, id);
  }

  /** Pending uploads whose hour is up, for the sweeper. */
  expiredPending(now: number): UploadRecord[] {
    return this.stmt(`SELECT * FROM openai_uploads WHERE status = 'pending' AND expires_at <= ?`).all(now).map(toUpload);
  }

  insertPart(p: PartRecord): void {
    this.stmt('INSERT INTO openai_upload_parts (id, upload_id, bytes, created_at) VALUES (?,?,?,?)').run(p.id, p.uploadId, p.bytes, p.createdAt);
  }

  /** The upload's parts in arrival order. */
  parts(uploadId: string): PartRecord[] {
    return this.stmt('SELECT * FROM openai_upload_parts WHERE upload_id = ? ORDER BY created_at, id').all(uploadId).map(toPart);
  }

  /** Deletes the upload's part rows and returns their ids (the caller removes the bytes). */
  deleteParts(uploadId: string): string[] {
    const ids = this.parts(uploadId).map((p) => p.id);
    this.stmt('DELETE FROM openai_upload_parts WHERE upload_id = ?').run(uploadId);
    return ids;
  }

  /** Uploads that still hold part rows although they are no longer pending (a crash mid-cleanup). */
  endedWithParts(): string[] {
    return this.stmt(
      `SELECT DISTINCT p.upload_id AS id FROM openai_upload_parts p
       LEFT JOIN openai_uploads u ON u.id = p.upload_id WHERE u.status IS NULL OR u.status <> 'pending'`,
    )
      .all()
      .map((r) => String(r.id));
  }

  hasPart(id: string): boolean {
    return this.stmt('SELECT 1 AS x FROM openai_upload_parts WHERE id = ?').get(id) !== undefined;
  }
}
