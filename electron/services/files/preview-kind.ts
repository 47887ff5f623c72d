import mime from 'mime-types';
import type { PreviewKind } from '../../../shared/contract/files';

const TEXT_TYPES = new Set(['application/json', 'application/jsonl', 'application/x-ndjson', 'application/xml', 'application/yaml', 'application/x-yaml', 'application/javascript', 'application/sql']);

/** The content type to show a file with: the server's if it is specific, else by the name's extension. */
export function contentTypeFor(name: string, served: string | null | undefined): string | null {
  const clean = (served ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (clean && clean !== 'application/octet-stream' && clean !== 'binary/octet-stream') return clean;
  return mime.lookup(name) || null;
}

/** Which viewer the preview pane should use for a content type ('none' = no preview for this type). */
export function previewKindOf(contentType: string | null): PreviewKind {
  if (!contentType) return 'none';
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.startsWith('image/')) return contentType === 'image/svg+xml' ? 'text' : 'image';
  if (contentType.startsWith('audio/')) return 'audio';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('text/') || TEXT_TYPES.has(contentType) || contentType.endsWith('+json') || contentType.endsWith('+xml')) return 'text';
  return 'none';
}
