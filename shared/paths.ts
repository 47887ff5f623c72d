/**
 * A path from disk as a person reads it: the item's name, and the folder it is in. Pure (no
 * Node), so the window can name a refused item the same way whether main or the page refused it;
 * both separators are understood, since paths come from Windows too.
 */
export function splitPath(path: string): { name: string; folder: string } {
  const trimmed = path.length > 1 ? path.replace(/[/\\]+$/, '') : path;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return { name: trimmed, folder: '' };
  if (cut === trimmed.length - 1) return { name: trimmed, folder: '' };
  return { name: trimmed.slice(cut + 1), folder: cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut) };
}
