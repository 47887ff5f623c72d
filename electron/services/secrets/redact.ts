/** Runs of a key this long or longer are removed; shorter ones are too common to mean anything. */
const PIECE = 8;
/** Keys shorter than a piece are removed only whole, and only from this length (shorter would eat words). */
const SHORTEST_WHOLE = 4;
const MARK = '•••';

/** ASCII-only lower case: keeps every index where it was, unlike toLowerCase() on all of Unicode. */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Removes every secret from `text`, and every run of 8 or more characters of one (case-blind):
 * servers echo a key's start or end ("Incorrect API key provided: sk-secret-…"), and even a prefix
 * is enough to recognise or narrow down a production key. The one redaction function: provider
 * error bodies, activity lines and error shapes all go through it. Each removed stretch becomes
 * "•••", so the reader can see something was taken out.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const folded = fold(text);
  const hidden = new Uint8Array(text.length);
  let any = false;
  const hide = (from: number, length: number) => {
    hidden.fill(1, from, from + length);
    any = true;
  };
  for (const secret of secrets) {
    const key = fold(secret);
    if (key.length < PIECE) {
      if (key.length < SHORTEST_WHOLE) continue;
      for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + 1)) hide(at, key.length);
      continue;
    }
    const pieces = new Set<string>();
    for (let i = 0; i + PIECE <= key.length; i += 1) pieces.add(key.slice(i, i + PIECE));
    for (let i = 0; i + PIECE <= folded.length; i += 1) if (pieces.has(folded.slice(i, i + PIECE))) hide(i, PIECE);
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (!hidden[i]) out += text[i];
    else if (i === 0 || !hidden[i - 1]) out += MARK;
  }
  return out;
}

/**
 * The keys this process has handled (saved, read from the keychain, typed into a draft to test),
 * so the places that produce text for people (activity lines, error shapes) can take them out
 * without each knowing which key belongs to which workspace. Held in memory only.
 */
export class KnownSecrets {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  redact(text: string): string {
    return this.secrets.size === 0 ? text : redactSecrets(text, this.secrets);
  }
}
