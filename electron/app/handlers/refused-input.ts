import { PLAIN_MESSAGES } from '../../../shared/errors';

/** The parts of a zod issue these words are built from (never its input value). */
export interface InputIssue {
  code: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: number | bigint;
  /** Used only for the contract's own refinements (`custom`), whose words are ours, not zod's. */
  message?: string;
}

/** `['draft', 'name']` → `draft.name`, `['ids', 3]` → `ids[3]`; the whole input has no name. */
function fieldName(path: PropertyKey[]): string | null {
  let name = '';
  for (const part of path) name += typeof part === 'number' ? `[${part}]` : `${name ? '.' : ''}${String(part)}`;
  return name || null;
}

/**
 * Words for input the contract refused, naming the field and, past a bound, the limit. The value
 * itself is never repeated: it may be a path, a key or just huge. A renderer that works as built
 * never sends these, so the words are for whoever reads a log or a bug report.
 */
export function refusedInput(issues: readonly InputIssue[]): string {
  const issue = issues[0];
  const field = issue ? fieldName(issue.path) : null;
  if (!issue || !field) return PLAIN_MESSAGES.invalid_input;
  const limit = issue.maximum === undefined ? null : Number(issue.maximum).toLocaleString('en-US');
  if (issue.code === 'too_big' && limit && issue.origin === 'string') {
    return `Stowage refused the request: “${field}” is longer than ${limit} characters. Shorten it and try again.`;
  }
  if (issue.code === 'too_big' && limit && issue.origin === 'array') {
    return `Stowage refused the request: “${field}” has more than ${limit} entries. Do it in smaller batches.`;
  }
  if (issue.code === 'custom' && issue.message) {
    return `Stowage refused the request: “${field}” ${issue.message}. Refresh the list and try again.`;
  }
  return `Stowage refused the request: “${field}” is not valid. Please try again; if it keeps happening, restart the app.`;
}
