import type { WorkspaceProgress } from '../../../../shared/contract/audit-all';
import { formatBytes } from '../../../../shared/format';
import { PROVIDERS } from '../../../../shared/models/providers';
import { ProgressBar } from '../../components/progress-bar';
import { plural } from '../../lib/format';

function stateText(line: WorkspaceProgress): string {
  const counted = `${plural(line.files, 'file')} (${formatBytes(line.bytes)})`;
  switch (line.state) {
    case 'waiting':
      return 'Waiting: other workspaces of this provider are being listed first.';
    case 'running':
      return line.pages > 0 ? `Listing… ${counted} so far` : 'Listing…';
    case 'done':
      return `Done: ${counted}`;
    case 'cancelled':
      return 'Cancelled: not counted.';
    case 'failed':
      return `Failed: ${line.error?.message ?? 'the workspace did not answer.'}`;
  }
}

/** The provider and where it runs, as the lines and tables name it. */
export function providerLabel(line: Pick<WorkspaceProgress, 'provider' | 'builtIn'>): string {
  return `${PROVIDERS[line.provider].label}${line.builtIn ? ' · on this computer' : ''}`;
}

/** One line per workspace: its name, provider, state, what it has listed so far, and why it failed. */
export function ProgressLines({ lines }: { lines: readonly WorkspaceProgress[] }) {
  return (
    <ul className="audit-all-lines" aria-label="Workspaces in this audit">
      {lines.map((line) => (
        <li key={line.workspaceId} className={`audit-all-line state-${line.state}`} data-testid="audit-all-line">
          <div className="audit-all-line-head">
            <strong>{line.name}</strong> <span className="muted small">{providerLabel(line)}</span>
          </div>
          <ProgressBar
            label={`${line.name}: progress`}
            value={line.state === 'running' ? null : line.state === 'waiting' ? 0 : 1}
            compact
          />
          <p className={`small ${line.state === 'failed' ? 'error-text' : ''}`}>{stateText(line)}</p>
        </li>
      ))}
    </ul>
  );
}
