import { formatBytes, formatSpeed } from '../../../../shared/format';
import { plural } from '../../lib/format';
import { useAppInfo } from '../../queries/app';
import { useUploadQueue } from '../../queries/uploads';

export interface SelectionSummary {
  count: number;
  bytes: number;
}

/**
 * What is selected, what is uploading and which build this is, always in view at the bottom,
 * with a short tip for the current screen (how to preview a file on the Files screen).
 */
export function StatusBar({ selection, hint }: { selection: SelectionSummary; hint?: string }) {
  const info = useAppInfo();
  return (
    <footer className="status-bar">
      <span aria-live="polite">
        {selection.count > 0 ? `${plural(selection.count, 'file')} selected · ${formatBytes(selection.bytes)}` : 'Nothing selected'}
      </span>
      {hint && <span className="status-hint">{hint}</span>}
      <UploadActivity />
      <span className="status-about">
        {info.data && (
          <span data-testid="app-info">
            {info.data.name} {info.data.version} on {info.data.platform}
          </span>
        )}
      </span>
    </footer>
  );
}

function UploadActivity() {
  const queue = useUploadQueue();
  if (!queue.data) return <span />;
  const { summary, items } = queue.data;
  const working = summary.active + summary.queued;
  if (summary.total === 0) return <span>No uploads</span>;
  if (working > 0) {
    const speed = items.reduce((sum, item) => sum + (item.state === 'uploading' ? item.speedBps : 0), 0);
    return (
      <span>
        Uploading {plural(working, 'file')} · {formatBytes(summary.bytesSent)} of {formatBytes(summary.bytesTotal)}
        {speed > 0 ? ` · ${formatSpeed(speed)}` : ''}
      </span>
    );
  }
  return (
    <span>
      Uploads: {summary.done.toLocaleString('en-US')} done
      {summary.kept > 0 ? `, ${plural(summary.kept, 'existing copy', 'existing copies')} kept instead` : ''}
      {summary.failed > 0 ? `, ${summary.failed.toLocaleString('en-US')} failed` : ''}
    </span>
  );
}
