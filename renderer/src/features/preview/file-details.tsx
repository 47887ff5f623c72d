import { useState } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import { isWebUrl } from '../../../../shared/urls';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';

export interface FileDetailsProps {
  file: StoredFile;
  url: string | null;
  contentType: string | null;
}

async function copy(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/**
 * The facts about a file and the three ways out of the app: copy its id, copy its link, open it
 * in the user's browser. The app window itself never follows the link.
 */
export function FileDetails({ file, url, contentType }: FileDetailsProps) {
  const [feedback, setFeedback] = useState('');
  const web = url !== null && isWebUrl(url);
  const act = (label: string, work: () => Promise<unknown>) => {
    work()
      .then(() => setFeedback(label))
      .catch((error: unknown) => setFeedback(error instanceof Error && error.name === 'AppError' ? errorText(error) : 'That did not work. Try again.'));
  };
  return (
    <div className="file-details">
      <dl>
        <dt>Name</dt>
        <dd>{file.name}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(file.bytes)}</dd>
        <dt>Purpose</dt>
        <dd>{file.purpose ?? 'none'}</dd>
        <dt>Uploaded</dt>
        <dd>{formatDate(file.createdAt)}</dd>
        {file.expiresAt && (
          <>
            <dt>Expires</dt>
            <dd>{formatDate(file.expiresAt)}</dd>
          </>
        )}
        {contentType && (
          <>
            <dt>Type</dt>
            <dd>{contentType}</dd>
          </>
        )}
        <dt>File ID</dt>
        <dd>
          <code>{file.id}</code>
        </dd>
      </dl>
      <div className="button-row">
        <button type="button" onClick={() => act('File ID copied.', () => copy(file.id))}>
          Copy ID
        </button>
        {web && (
          <button type="button" onClick={() => act('Link copied.', () => copy(url))}>
            Copy URL
          </button>
        )}
        {web && (
          <button type="button" onClick={() => act('Opened in your browser.', () => call('shell:openExternal', { url }))}>
            Open in browser
          </button>
        )}
      </div>
      <p className="small muted" role="status">
        {feedback}
      </p>
    </div>
  );
}
