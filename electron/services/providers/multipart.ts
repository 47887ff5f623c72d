import { randomBytes } from 'node:crypto';
import type { StreamBody } from '../net/client';
import type { FileSource } from './types';

/** A file as a raw request body (for a presigned PUT). */
export function fileBody(file: FileSource): StreamBody {
  return { length: file.bytes, chunks: () => file.chunks() };
}

/**
 * Quotes a header parameter as an RFC 7230 quoted-string: UTF-8 kept, quotes and backslashes
 * escaped, and every control character but tab (line breaks, escape sequences, NUL, DEL), which
 * a header cannot carry and servers refuse as a malformed part, sent as a space.
 */
function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * A multipart/form-data body built as prefix + file stream + suffix: the text fields and the
 * file's part header go first, the closing boundary last, so the length is known up front and
 * the file is streamed from its open descriptor rather than read into memory.
 */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  file: { field: string; name: string; contentType: string; source: FileSource },
): { contentType: string; body: StreamBody } {
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
      length: prefix.length + file.source.bytes + suffix.length,
      async *chunks() {
        yield prefix;
        yield* file.source.chunks();
        yield suffix;
      },
    },
  };
}
