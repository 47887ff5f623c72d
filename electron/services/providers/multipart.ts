import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { StreamBody } from '../net/client';
import type { ByteSource } from './types';

const READ_CHUNK = 1024 * 1024;

/** The bytes of one file on disk, exactly `bytes` long, read in large chunks (never whole). */
export async function* fileChunks(path: string, bytes: number): AsyncIterable<Uint8Array> {
  if (bytes === 0) return;
  const stream = createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: Math.min(READ_CHUNK, bytes) });
  for await (const chunk of stream) yield chunk as Buffer;
}

/** A file as a raw request body (for a presigned PUT). */
export function fileBody(path: string, bytes: number): StreamBody {
  return { length: bytes, chunks: () => fileChunks(path, bytes) };
}

/** Quotes a header parameter as an RFC 7230 quoted-string (UTF-8 kept, backslash-escaped quotes, no line breaks). */
function quote(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * A multipart/form-data body built as prefix + file stream + suffix: the text fields and the
 * file's part header go first, the closing boundary last, so the length is known up front and
 * the file (or `source`, e.g. one part of it) is streamed rather than read into memory.
 */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  file: { field: string; name: string; contentType: string } & ({ path: string; bytes: number } | { source: ByteSource }),
): { contentType: string; body: StreamBody } {
  const bytes = 'source' in file ? file.source.bytes : file.bytes;
  const content = () => ('source' in file ? file.source.chunks() : fileChunks(file.path, file.bytes));
  const boundary = `----StowageBoundary${randomBytes(12).toString('hex')}`;
  let head = '';
  for (const [name, value] of fields) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.name)}"\r\n`;
  head += `Content-Type: ${file.contentType}\r\n\r\n`;
  const prefix = Buffer.from(head, 'utf8');
  const suffix = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: {
      length: prefix.length + bytes + suffix.length,
      async *chunks() {
        yield prefix;
        yield* content();
        yield suffix;
      },
    },
  };
}
