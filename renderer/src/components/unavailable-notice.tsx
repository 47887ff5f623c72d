export interface UnavailableNoticeProps {
  /** The feature, as the user knows it ("Uploads", "The audit"). */
  feature: string;
}

/**
 * Said plainly when the main process has no service behind a channel yet, so the user never
 * mistakes an empty screen for an empty account.
 */
export function UnavailableNotice({ feature }: UnavailableNoticeProps) {
  return (
    <div className="notice notice-info" role="status">
      <p>
        {feature} is not available in this build of Stowage yet. Nothing is wrong with your files or your account.
      </p>
    </div>
  );
}
