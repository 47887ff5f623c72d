/**
 * The only schemes the app will ever open or show from a provider. A `file:`, `javascript:` or
 * custom-scheme URL coming back from a server (or a compromised renderer) is refused.
 */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
