import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InventoryReport } from '../../../../shared/contract/inventory';
import { formatBytes } from '../../../../shared/format';

type Measure = 'count' | 'bytes';

interface Datum {
  label: string;
  count: number;
  bytes: number;
}

function Chart({ title, data, measure }: { title: string; data: Datum[]; measure: Measure }) {
  const format = (v: number) => (measure === 'bytes' ? formatBytes(v) : v.toLocaleString('en-US'));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: 'var(--muted)', fontSize: 11 }}
              interval={0}
              angle={-25}
              textAnchor="end"
              height={56}
            />
            <YAxis tickFormatter={format} tick={{ fill: 'var(--muted)', fontSize: 12 }} width={72} />
            <Tooltip
              formatter={(value) => [format(Number(value)), measure === 'bytes' ? 'Size' : 'Files']}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }}
              cursor={{ fill: 'var(--hover)' }}
            />
            <Bar dataKey={measure} fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="chart-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title.startsWith('By age') ? 'Age' : 'Purpose'}</th>
            <th scope="col" className="align-end">
              Files
            </th>
            <th scope="col" className="align-end">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td className="align-end">{d.count.toLocaleString('en-US')}</td>
              <td className="align-end">{formatBytes(d.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * Where the storage goes: totals by purpose and by age, as bar charts with the same figures in a
 * small table underneath (readable by screen readers and copyable).
 */
export function AuditCharts({ report }: { report: Pick<InventoryReport, 'byPurpose' | 'ageBuckets'> }) {
  const [measure, setMeasure] = useState<Measure>('count');
  const byPurpose = report.byPurpose.map((p) => ({ label: p.purpose, count: p.count, bytes: p.bytes }));
  return (
    <section aria-labelledby="charts-title" className="audit-section">
      <div className="section-header">
        <h2 id="charts-title">Where the files are</h2>
        <div role="radiogroup" aria-label="Chart shows" className="segmented">
          <label className={measure === 'count' ? 'is-on' : undefined}>
            <input type="radio" name="measure" checked={measure === 'count'} onChange={() => setMeasure('count')} />
            Number of files
          </label>
          <label className={measure === 'bytes' ? 'is-on' : undefined}>
            <input type="radio" name="measure" checked={measure === 'bytes'} onChange={() => setMeasure('bytes')} />
            Total size
          </label>
        </div>
      </div>
      <div className="charts">
        <Chart title="By purpose" data={byPurpose} measure={measure} />
        <Chart title="By age" data={report.ageBuckets} measure={measure} />
      </div>
    </section>
  );
}
