/**
 * How stored bytes are labelled when served to a browser, in one place for both servers that do
 * it: the sandbox (signed public links, OpenAI `/content`, on the sandbox's origin) and the app's
 * preview proxy (a provider's bytes on loopback, loaded by the preview pane). Either could be
 * handed an upload declared `text/html` or `image/svg+xml`, which must never open as a live page
 * there. Only a short list of types a browser cannot run is shown inline; everything else,
 * including anything unknown or malformed, is a download in a CSP sandbox. Every response says
 * nosniff, so the browser keeps to the type given. The type is judged by its MIME essence
 * (`type/subtype`, lower-cased, no parameters), and only that essence is sent: a stored or
 * upstream `text/plain, text/html` is not inert. PDF stays inline without the CSP: Chromium will
 * not run its PDF viewer in a sandboxed document, and a PDF runs no page script of its own.
 */

/** RFC 9110 token characters, which is all a type or subtype may contain. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Types a browser displays without running anything: images except SVG, PDF, text, data, media. */
const INERT_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'audio/flac',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'video/mpeg',
]);

/** Keeps a sandboxed document from running scripts, loading anything, or reaching its origin. */
export const SANDBOX_CSP = "sandbox; default-src 'none'";

/** The `type/subtype` of a Content-Type value, lower-cased, or undefined unless it is well formed. */
export function mimeEssence(value: string): string | undefined {
  const essence = (value.split(';', 1)[0] ?? '').trim().toLowerCase();
  const [type, subtype, extra] = essence.split('/');
  if (extra !== undefined || !type || !subtype) return undefined;
  return TOKEN.test(type) && TOKEN.test(subtype) ? essence : undefined;
}

/** RFC 8187 value: percent-encodes everything outside attr-char, so a name cannot break the header. */
function encodeFilename(filename: string): string {
  return encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Content-Type, Content-Disposition, nosniff and (for anything not inert) a sandboxing CSP. */
export function contentHeaders(storedType: string, filename: string): Record<string, string> {
  const essence = mimeEssence(storedType);
  const name = `filename*=UTF-8''${encodeFilename(filename)}`;
  if (essence && INERT_TYPES.has(essence)) {
    return { 'Content-Type': essence, 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': `inline; ${name}` };
  }
  return {
    'Content-Type': essence ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': SANDBOX_CSP,
    'Content-Disposition': `attachment; ${name}`,
  };
}
