import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  /** Called for Esc, the Close button and the footer's cancel; the parent decides what closing means. */
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Wider layout for dialogs that list files. */
  wide?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, greys out the app behind it and
 * sends Esc as "cancel", so keyboard and screen-reader users get the platform's behaviour for free.
 * Mount it to open it, unmount it to close it. A child marked `data-autofocus` gets the focus (a
 * destructive dialog puts it on Cancel, so Enter never deletes by accident).
 */
export function Dialog({ title, onClose, children, footer, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
