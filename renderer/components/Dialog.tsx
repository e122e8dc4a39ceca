/** A modal built on <dialog>: the browser traps focus and closes it on Esc (reported through onClose). */
import { useEffect, useRef, type ReactNode } from 'react';
import { msg } from '../../shared/messages';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom, right-aligned; the close button is added last. */
  actions?: ReactNode;
  wide?: boolean;
  /** What the last button says: "Hủy" by default when there are actions (they are the point), "Đóng" for a panel
   * whose actions are side tools. */
  dismiss?: 'cancel' | 'close';
  /** Id used by tests and the accessible name. */
  id: string;
}

export function Dialog({ title, onClose, children, actions, wide, id, dismiss = actions ? 'cancel' : 'close' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      id={id}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={`${id}-title`}>{title}</h2>
      </header>
      <div className="dialog-body">{children}</div>
      <footer className="dialog-actions">
        {actions}
        <button type="button" onClick={onClose}>
          {dismiss === 'cancel' ? msg('ui.action.cancel') : msg('ui.action.close')} <kbd>Esc</kbd>
        </button>
      </footer>
    </dialog>
  );
}

/**
 * The form inside a dialog: Enter in a field or Ctrl+Enter anywhere (a text area too) confirms, and the refusal, if
 * any, is shown on top.
 */
export function DialogForm({ onConfirm, error, children }: { onConfirm: () => void; error: string | null; children: ReactNode }) {
  return (
    <form
      className="dialog-form"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          onConfirm();
        }
      }}
    >
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {children}
    </form>
  );
}
