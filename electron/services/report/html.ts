/**
 * A tiny HTML template: every value put into `html\`…\`` is escaped unless it is itself the
 * result of `html` (or `raw`), so user-supplied text (workspace and file names, purposes,
 * provider messages) can never become markup.
 */

/** Markup that is already safe: produced by `html` from escaped parts. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Builds markup from a template, escaping every interpolated value that is not SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A constant of this module's own (the style sheet), never anything a user or provider supplied. */
export function trusted(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
