const MAX_CSV_ROWS = 200;

/** Splits CSV text into rows of cells, honouring quotes ("a, b" stays one cell and "" is a quote). */
export function parseCsv(text: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if ((cell !== '' || row.length > 0) && rows.length < maxRows) rows.push([...row, cell]);
  return rows;
}

/** How a text preview is shown: re-indented JSON, a CSV grid, or the text as it is. */
export type Shown = { kind: 'json'; text: string } | { kind: 'csv'; rows: string[][] } | { kind: 'plain'; text: string };

/** JSON is re-indented when it parses (a truncated file does not, and is shown as it is). */
export function shapeText(text: string, name: string, contentType: string | null): Shown {
  const type = contentType ?? '';
  const lower = name.toLowerCase();
  if (type.includes('json') || lower.endsWith('.json') || /^\s*[[{]/.test(text)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { kind: 'plain', text };
    }
  }
  if (type.includes('csv') || lower.endsWith('.csv')) return { kind: 'csv', rows: parseCsv(text, MAX_CSV_ROWS) };
  return { kind: 'plain', text };
}
