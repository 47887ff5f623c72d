/**
 * The renderer's Content-Security-Policy, in one place: the build injects it into index.html as a
 * meta tag and main also sends it as a header. Scripts only from the app itself; no eval, no
 * inline script, no plugins. Previews may load media from https and from loopback (the local
 * sandbox and main's key-less preview proxy), and only inside frames the app sandboxes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data: blob: https: http://127.0.0.1:*",
  "media-src 'self' blob: https: http://127.0.0.1:*",
  "frame-src https: http://127.0.0.1:*",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
