export interface ErrorNoticeProps {
  /** What happened, already in plain words (the message from main or a screen's own wording). */
  message: string;
  onRetry?: () => void;
  retryLabel?: string;
}

/** The one way a screen reports a failure: the plain message and, where it makes sense, a Retry. */
export function ErrorNotice({ message, onRetry, retryLabel = 'Retry' }: ErrorNoticeProps) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
