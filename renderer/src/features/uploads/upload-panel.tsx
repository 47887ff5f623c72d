import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PROVIDERS } from '../../../../shared/models/providers';
import { clearableCount, type UploadItem } from '../../../../shared/models/uploads';
import { errorText } from '../../lib/errors';
import { useQueueAction, useUploadQueue } from '../../queries/uploads';
import { useWorkspaces } from '../../queries/workspaces';
import { summaryExtras, summaryText } from './summary-text';
import { UploadRow, type RowAction } from './upload-row';

const ROW_HEIGHT = 52;
const MAX_LIST_HEIGHT = 190;

/**
 * The transfer queue, docked under the table like a transfer client's. Rows are virtualized, so
 * 10,000 queued files render only the few dozen in view.
 */
export function UploadPanel() {
  const queue = useUploadQueue();
  const action = useQueueAction();
  const workspaces = useWorkspaces();
  const [open, setOpen] = useState(true);
  const total = queue.data?.summary.total ?? 0;
  const lastTotal = useRef(total);

  useEffect(() => {
    if (total > lastTotal.current) setOpen(true);
    lastTotal.current = total;
  }, [total]);

  if (queue.isError) {
    return (
      <section className="upload-panel" aria-label="Uploads">
        <p className="upload-panel-error" role="alert">
          {errorText(queue.error)}{' '}
          <button type="button" onClick={() => void queue.refetch()}>
            Retry
          </button>
        </p>
      </section>
    );
  }
  if (!queue.data || total === 0) return null;
  const { items, summary } = queue.data;
  const run = (a: Parameters<typeof action.mutate>[0]['action'], itemIds?: string[]) => action.mutate({ action: a, itemIds });
  const working = summary.active + summary.queued + summary.paused + summary.duplicate;
  const providerOf = (workspaceId: string) => {
    const workspace = workspaces.data?.workspaces.find((w) => w.id === workspaceId);
    return workspace ? PROVIDERS[workspace.provider].label : null;
  };
  const extras = summaryExtras(items, providerOf);

  return (
    <section className="upload-panel" aria-labelledby="uploads-title">
      <header className="upload-panel-header">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls="upload-list" onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span id="uploads-title">Uploads</span>
        </button>
        <p className="upload-summary" role="status">
          {summaryText(summary, extras)}
          {summary.failed > 0 && (
            <>
              {' — '}
              <button type="button" className="link-button" onClick={() => run('retry')}>
                Retry
              </button>
            </>
          )}
        </p>
        <div className="upload-panel-actions">
          {summary.duplicate > 0 && (
            <>
              <button type="button" onClick={() => run('skip')}>
                {extras.guessed > 0 ? 'Skip all waiting' : 'Skip all stored'}
              </button>
              <button type="button" onClick={() => run('upload')}>
                {extras.guessed > 0 ? 'Upload all waiting' : 'Upload all anyway'}
              </button>
            </>
          )}
          {summary.paused > 0 && (
            <button type="button" onClick={() => run('resume')}>
              Resume all
            </button>
          )}
          <button type="button" disabled={working === 0} onClick={() => run('cancel')}>
            Cancel all
          </button>
          <button type="button" disabled={summary.failed === 0} onClick={() => run('retry')}>
            Retry failed
          </button>
          <button type="button" disabled={clearableCount(summary) === 0} onClick={() => run('clear')}>
            Clear finished
          </button>
        </div>
      </header>
      {action.isError && (
        <p className="upload-panel-error" role="alert">
          {errorText(action.error)}
        </p>
      )}
      {open && <UploadList items={items} providerOf={(id) => providerOf(id) ?? 'The provider'} onAction={(a, item) => run(a, [item.id])} />}
    </section>
  );
}

interface UploadListProps {
  items: UploadItem[];
  providerOf: (workspaceId: string) => string;
  onAction: (action: RowAction, item: UploadItem) => void;
}

function UploadList({ items, providerOf, onAction }: UploadListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  return (
    <div
      id="upload-list"
      ref={scrollRef}
      className="upload-list"
      tabIndex={0}
      aria-label="Upload queue"
      style={{ height: Math.min(MAX_LIST_HEIGHT, items.length * ROW_HEIGHT + 2) }}
    >
      <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className="upload-list-item"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <UploadRow item={item} providerLabel={providerOf(item.workspaceId)} onAction={onAction} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
