import { useState } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import { isWebUrl } from '../../../../shared/urls';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { usePreview } from '../../queries/files';
import { FileDetails } from './file-details';
import { TextPreview } from './text-preview';

export interface PreviewPaneProps {
  workspaceId: string;
  file: StoredFile;
  onClose: () => void;
}

/**
 * Shows the file the way it is: images, audio and video in the browser's own elements (they run
 * no code), text as escaped text, PDFs in a frame from the file's own origin. Chromium refuses to
 * run its PDF viewer inside a sandboxed frame, so that frame is cross-origin instead: it cannot
 * reach the app, and main refuses any navigation or new window it attempts.
 */
export function PreviewPane({ workspaceId, file, onClose }: PreviewPaneProps) {
  const preview = usePreview(workspaceId, file.id);
  const [broken, setBroken] = useState(false);
  const url = preview.data?.url && isWebUrl(preview.data.url) ? preview.data.url : null;
  const kind = preview.data?.kind ?? 'none';

  let content;
  if (preview.isPending) content = <p role="status">Loading preview…</p>;
  else if (preview.isError)
    content = <ErrorNotice message={errorText(preview.error)} onRetry={() => void preview.refetch()} />;
  else if (kind === 'text') content = <TextPreview workspaceId={workspaceId} id={file.id} name={file.name} />;
  else if (!url || kind === 'none' || broken)
    content = (
      <div className="no-preview">
        <p className="empty-title">{broken ? 'This file could not be shown' : 'No preview for this type'}</p>
        <p className="muted">{url ? 'Use Open in browser to see it there.' : 'Copy its ID to use it elsewhere.'}</p>
      </div>
    );
  else if (kind === 'image') content = <img className="preview-media" src={url} alt={`Preview of ${file.name}`} onError={() => setBroken(true)} />;
  else if (kind === 'pdf')
    content = <iframe className="preview-frame" src={url} title={`PDF preview of ${file.name}`} referrerPolicy="no-referrer" allow="" />;
  else if (kind === 'audio')
    content = <audio className="preview-media" src={url} controls preload="metadata" aria-label={`Audio preview of ${file.name}`} onError={() => setBroken(true)} />;
  else
    content = (
      <video className="preview-media" src={url} controls preload="metadata" aria-label={`Video preview of ${file.name}`} onError={() => setBroken(true)}>
        <track kind="captions" />
      </video>
    );

  return (
    <aside className="preview-pane" aria-labelledby="preview-title">
      <header className="preview-header">
        <h2 id="preview-title" title={file.name}>
          {file.name}
        </h2>
        <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="preview-content">{content}</div>
      <FileDetails file={file} url={url} contentType={preview.data?.contentType ?? null} />
    </aside>
  );
}
