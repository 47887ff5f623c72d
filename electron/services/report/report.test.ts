import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AllAuditReport } from '../../../shared/contract/audit-all';
import type { StoredFile } from '../../../shared/models/files';
import { file, NOW, openTemp, type TempCatalogue } from '../catalogue/test-fixtures';
import { escapeHtml, html } from './html';
import { renderReport } from './report-document';
import { allReportModel } from './report-model';
import { ReportService } from './report-service';

const HOSTILE = '<script>alert(1)</script>.pdf';

let temp: TempCatalogue;
beforeEach(async () => {
  temp = await openTemp();
});
afterEach(() => temp.cleanup());

async function audit(workspaceId: string, files: readonly StoredFile[]): Promise<number> {
  const writer = temp.catalogue.begin(workspaceId, { kind: 'audit' });
  writer.addPage(files);
  const info = await writer.complete();
  return info.id;
}

/** Every tag name in the document, lower-cased. */
const tags = (doc: string) => [...doc.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());

describe('the HTML template', () => {
  it('escapes every interpolated value and leaves nested templates as markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'" onmouseover="x'}">${inner}${[1, '<2>']}${null}</p>`.text).toBe(
      '<p title="&quot; onmouseover=&quot;x"><b>&lt;i&gt;</b>1&lt;2&gt;</p>',
    );
  });
});

describe('the saved report', () => {
  it('writes a file named <script>… as text: no script element, no event handler, nothing loaded', async () => {
    const before = [file(1), file(2), file(3)];
    const first = await audit('ws-1', before);
    temp.clock.now = NOW + 60_000;
    const second = await audit('ws-1', [file(1), file(2), file(9, { id: 'hostile', name: HOSTILE, purpose: '<img src=x onerror=alert(2)>' })]);
    const report: AllAuditReport = {
      runId: 'run',
      finishedAt: new Date(NOW + 60_000).toISOString(),
      workspaces: [
        {
          workspaceId: 'ws-1',
          name: '<b>Acme</b> & Co',
          provider: 'openai',
          builtIn: false,
          state: 'done',
          error: null,
          snapshotId: second,
          finishedAt: new Date(NOW + 60_000).toISOString(),
          totalFiles: 3,
          totalBytes: 3012,
          byPurpose: [{ purpose: '<img src=x onerror=alert(2)>', count: 1, bytes: 1009 }],
          ageBuckets: [{ label: 'Under 1 day', count: 3, bytes: 3012 }],
        },
        {
          workspaceId: 'ws-2',
          name: 'Old account',
          provider: 'vlmrun',
          builtIn: false,
          state: 'failed',
          error: { code: 'unauthorized', message: 'The key was refused </td><script>x()</script>' },
          snapshotId: null,
          finishedAt: null,
          totalFiles: 0,
          totalBytes: 0,
          byPurpose: [],
          ageBuckets: [],
        },
      ],
    };
    const model = allReportModel(temp.catalogue, report, null, new Date(NOW + 120_000));
    expect(model.changes).toHaveLength(1);
    expect(model.changes[0]).toMatchObject({ added: { count: 1 }, removed: { count: 1 }, before: { count: 3 }, after: { count: 3 } });
    expect(model.changes[0]!.added.files.map((f) => f.name)).toEqual([HOSTILE]);
    expect(first).toBeLessThan(second);

    const doc = renderReport(model);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.pdf');
    expect(doc).toContain('&lt;b&gt;Acme&lt;/b&gt; &amp; Co');
    expect(doc).toContain('The key was refused &lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(tags(doc)).not.toContain('script');
    expect(tags(doc)).not.toContain('img');
    // Every '<' left in the document opens a real tag (text ones are escaped); none carries a handler or a source.
    expect(doc).not.toMatch(/<[^>]*\son[a-z]+=/i);
    // Nothing to fetch: no src/href attributes, no url() in the style, no @import; the CSP forbids it all again.
    expect(doc).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(doc).not.toMatch(/url\(|@import/i);
    expect(doc).toContain(`content="default-src 'none'`);
    expect(tags(doc).filter((t) => t === 'svg')).toHaveLength(2);
    expect(doc).toContain('@media print');
  });

  it('is written where the save dialog says, and nothing is written when the user cancels', async () => {
    const snapshotId = await audit('ws-1', [file(1)]);
    const inventoryReport = { ...temp.catalogue.report(snapshotId), runId: 'r1' };
    const picks: (string | null)[] = [join(temp.path, '..', 'report.html'), null];
    const asked: string[] = [];
    const service = new ReportService(
      {
        catalogue: temp.catalogue,
        inventoryResult: () => inventoryReport,
        allResult: () => {
          throw new Error('not used');
        },
        workspace: async () => ({ name: HOSTILE, provider: 'openai' }),
      },
      {
        pickSavePath: async (options) => {
          asked.push(options.defaultName);
          return picks.shift() ?? null;
        },
      },
    );
    const { path } = await service.save({ kind: 'workspace', runId: 'r1' });
    expect(asked[0]).toMatch(/^stowage-report-\d{4}-\d\d-\d\d\.html$/);
    const doc = readFileSync(path!, 'utf8');
    expect(doc).toContain('<title>Audit of “&lt;script&gt;alert(1)&lt;/script&gt;.pdf”</title>');
    expect(doc).toContain('No earlier audit to compare with');
    expect(tags(doc)).not.toContain('script');
    expect(await service.save({ kind: 'workspace', runId: 'r1' })).toEqual({ path: null });
    picks.push(join(temp.path, '..', 'no-such-folder', 'report.html'));
    await expect(service.save({ kind: 'workspace', runId: 'r1' })).rejects.toThrow('The report could not be written there (ENOENT). Choose another folder and try again.');
  });
});
