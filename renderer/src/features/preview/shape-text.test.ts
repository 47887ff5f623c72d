import { describe, expect, it } from 'vitest';
import { parseCsv, shapeText } from './shape-text';

describe('text previews', () => {
  it('re-indents JSON that parses and leaves a truncated one as it is', () => {
    expect(shapeText('{"a":{"b":1}}', 'x.json', null)).toEqual({ kind: 'json', text: '{\n  "a": {\n    "b": 1\n  }\n}' });
    expect(shapeText('{"a":{"b":', 'x.json', 'application/json')).toEqual({ kind: 'plain', text: '{"a":{"b":' });
  });
  it('splits CSV honouring quotes, escaped quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n3,4', 10)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['3', '4'],
    ]);
    expect(parseCsv('1\n2\n3\n', 2)).toEqual([['1'], ['2']]);
  });
  it('shows other text as plain text', () => {
    expect(shapeText('<script>x</script>', 'page.html', 'text/html')).toEqual({ kind: 'plain', text: '<script>x</script>' });
  });
});
