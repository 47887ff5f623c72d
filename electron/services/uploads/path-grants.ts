import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PathGrant } from '../../../shared/contract/grants';

/** Most unused grants kept at once (a batch's limit); past it the oldest are forgotten. */
export const MAX_OUTSTANDING_GRANTS = 100_000;

const NOT_CHOSEN =
  'Stowage only reads files you chose yourself, by dropping them on the window or with “Add files…”. Add the files again that way.';

/**
 * Paths as capabilities. Main reads a file or walks a folder only if the user chose it: main
 * grants a path when its own open dialog returned it, or when the preload registers a file that
 * was really dropped on the window. The window gets an unguessable token (128 random bits) and
 * the file's name, never a way to name a path itself; a token is spent when it is used, so a
 * compromised page can neither forge one nor replay one it saw.
 */
export class PathGrants {
  private readonly byToken = new Map<string, string>();

  constructor(private readonly capacity = MAX_OUTSTANDING_GRANTS) {}

  /** Grants one path the user chose; a folder's grant covers what pre-flight finds inside it. */
  grant(path: string): PathGrant {
    const token = randomBytes(16).toString('hex');
    this.byToken.set(token, path);
    while (this.byToken.size > this.capacity) this.byToken.delete(this.byToken.keys().next().value as string);
    return { token, name: basename(path) };
  }

  /**
   * The paths behind these tokens, each token spent. All or nothing: if any token is not a live
   * grant (made up, already used, or a raw path), the call is refused with `forbidden` and no
   * token is spent.
   */
  redeem(tokens: readonly string[]): string[] {
    const paths: string[] = [];
    for (const token of tokens) {
      const path = this.byToken.get(token);
      if (path === undefined) throw new AppError('forbidden', NOT_CHOSEN);
      paths.push(path);
    }
    for (const token of tokens) this.byToken.delete(token);
    return paths;
  }

  /** How many grants are waiting to be used. */
  get outstanding(): number {
    return this.byToken.size;
  }
}
