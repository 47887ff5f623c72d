import type { UploadItem, UploadState } from '../../../../shared/models/uploads';
import { formatBytes, formatSpeed } from '../../../../shared/format';
import { ProgressBar } from '../../components/progress-bar';
import { formatEta } from '../../lib/format';
import { rowNotice } from './row-notice';

const STATE_LABEL: Record<UploadState, string> = {
  queued: 'Waiting',
  hashing: 'Checking',
  uploading: 'Uploading',
  verifying: 'Verifying',
  done: 'Uploaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped: already stored',
  paused: 'Paused',
  duplicate: 'Already stored',
  kept: 'Not stored twice',
};

/** The state in words, where the match basis changes what is true. */
function stateLabel(item: UploadItem): string {
  if (item.matchBasis === 'name_size' && item.state === 'duplicate') return 'Same name and size';
  if (item.matchBasis === 'name_size' && item.state === 'skipped') return 'Skipped by choice';
  return STATE_LABEL[item.state];
}

/** The line under a duplicate, a kept copy or a skipped file: what is known, and nothing more. */
function noteFor(item: UploadItem, providerLabel: string): string | null {
  const guessed = item.matchBasis === 'name_size';
  if (item.state === 'kept') return `${providerLabel} kept the existing copy (same id) instead of storing a second one.`;
  if (item.state === 'duplicate' && guessed) return 'A file with the same name and size is stored (contents not compared). Skip it or upload it anyway.';
  if (item.state === 'duplicate') return `The same contents are already stored for ${item.purpose}. Skip it or upload it anyway.`;
  if (item.state === 'skipped' && guessed) return 'You skipped it: a file with the same name and size is stored (contents not compared).';
  return null;
}

/** States a Cancel button applies to: anything not finished. */
export const CANCELLABLE: ReadonlySet<UploadState> = new Set(['queued', 'hashing', 'uploading', 'verifying', 'paused', 'duplicate']);
/** States a Retry button applies to. */
export const RETRYABLE: ReadonlySet<UploadState> = new Set(['failed', 'cancelled']);

export type RowAction = 'cancel' | 'retry' | 'resume' | 'skip' | 'upload';

export interface UploadRowProps {
  item: UploadItem;
  /** The name of the item's provider ("VLM Run"), for what it did with the file. */
  providerLabel: string;
  onAction: (action: RowAction, item: UploadItem) => void;
}

/** One file in the queue: name, state, bar, bytes, speed, time left, and the one or two actions that apply. */
export function UploadRow({ item, providerLabel, onAction }: UploadRowProps) {
  const fraction = item.bytes > 0 ? item.sentBytes / item.bytes : item.state === 'done' ? 1 : 0;
  const moving = item.state === 'uploading';
  const note = noteFor(item, providerLabel);
  const notice = note || item.error ? null : rowNotice(item);
  return (
    <div className={`upload-row state-${item.state}${notice ? ' has-notice' : ''}`}>
      <div className="upload-row-main">
        <span className="upload-name" title={item.path}>
          {item.name}
        </span>
        <span className="upload-state">{stateLabel(item)}</span>
        <span className="upload-bytes">
          {item.sentBytes > 0 && item.sentBytes < item.bytes ? `${formatBytes(item.sentBytes)} of ${formatBytes(item.bytes)}` : formatBytes(item.bytes)}
        </span>
        <span className="upload-speed">{moving ? formatSpeed(item.speedBps) : ''}</span>
        <span className="upload-eta">{moving ? formatEta(item.etaSeconds) : ''}</span>
        <span className="upload-actions">
          {CANCELLABLE.has(item.state) && item.state !== 'duplicate' && (
            <button type="button" className="small-button" aria-label={`Cancel ${item.name}`} onClick={() => onAction('cancel', item)}>
              Cancel
            </button>
          )}
          {RETRYABLE.has(item.state) && (
            <button type="button" className="small-button" aria-label={`Retry ${item.name}`} onClick={() => onAction('retry', item)}>
              Retry
            </button>
          )}
          {item.state === 'paused' && (
            <button type="button" className="small-button" aria-label={`Resume ${item.name}`} onClick={() => onAction('resume', item)}>
              Resume
            </button>
          )}
          {item.state === 'duplicate' && (
            <>
              <button type="button" className="small-button" aria-label={`Skip ${item.name}`} onClick={() => onAction('skip', item)}>
                Skip
              </button>
              <button type="button" className="small-button" aria-label={`Upload ${item.name} anyway`} onClick={() => onAction('upload', item)}>
                Upload anyway
              </button>
            </>
          )}
        </span>
      </div>
      {item.error && item.state === 'failed' ? (
        <p className="upload-error" title={item.error.message}>
          {item.error.message}
        </p>
      ) : note ? (
        <p className="upload-note" title={note}>
          {note}
        </p>
      ) : (
        <>
          {notice && (
            <p className="upload-notice" title={notice}>
              {notice}
            </p>
          )}
          <ProgressBar label={`${item.name}: ${Math.round(fraction * 100)}%`} value={fraction} compact />
        </>
      )}
    </div>
  );
}
