import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SavedAudit } from '../../../../shared/contract/history';
import { formatBytes } from '../../../../shared/format';
import { formatAuditTime } from './audit-time';

type Measure = 'count' | 'bytes';

/**
 * The workspace over time: file count or total size at each saved audit, as a line chart with
 * the same figures in a table underneath (read by screen readers, copyable), the way the audit's
 * other charts are drawn.
 */
export function HistoryChart({ workspaceName, audits }: { workspaceName: string; audits: readonly SavedAudit[] }) {
  const [measure, setMeasure] = useState<Measure>('count');
  const format = (v: number) => (measure === 'bytes' ? formatBytes(v) : v.toLocaleString('en-US'));
  const data = audits.map((a) => ({ label: formatAuditTime(a.finishedAt), count: a.fileCount, bytes: a.totalBytes }));
  const title = `“${workspaceName}” at each saved audit`;
  return (
    <figure className="chart history-chart" aria-labelledby="history-chart-title">
      <div className="section-header">
        <strong id="history-chart-title">{title}</strong>
        <div role="radiogroup" aria-label="Timeline shows" className="segmented">
          <label className={measure === 'count' ? 'is-on' : undefined}>
            <input type="radio" name="history-measure" checked={measure === 'count'} onChange={() => setMeasure('count')} />
            File count
          </label>
          <label className={measure === 'bytes' ? 'is-on' : undefined}>
            <input type="radio" name="history-measure" checked={measure === 'bytes'} onChange={() => setMeasure('bytes')} />
            Size
          </label>
        </div>
      </div>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: 11 }} height={40} />
            <YAxis tickFormatter={format} tick={{ fill: 'var(--muted)', fontSize: 12 }} width={72} domain={[0, 'auto']} />
            <Tooltip
              formatter={(value) => [format(Number(value)), measure === 'bytes' ? 'Total size' : 'Files']}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }}
            />
            <Line type="monotone" dataKey={measure} stroke="var(--accent)" strokeWidth={2} dot={{ r: 4, fill: 'var(--accent)' }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="chart-table">
        <caption className="visually-hidden">Saved audits of “{workspaceName}”</caption>
        <thead>
          <tr>
            <th scope="col">Audit</th>
            <th scope="col" className="align-end">
              Files
            </th>
            <th scope="col" className="align-end">
              Total size
            </th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.snapshotId}>
              <th scope="row">{formatAuditTime(a.finishedAt)}</th>
              <td className="align-end">{a.fileCount.toLocaleString('en-US')}</td>
              <td className="align-end">{formatBytes(a.totalBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
