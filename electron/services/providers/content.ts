/** Headers for fetching a file's bytes: any type, and the preview's Range when it asked for one. */
export function contentHeaders(range: string | undefined): Record<string, string> {
  return range ? { accept: '*/*', range } : { accept: '*/*' };
}
