/** A labelled control with its error under it and, when the value came from the PDF, the "đề xuất từ PDF" mark. */
import type { ReactNode } from 'react';
import { msg } from '../../shared/messages';

interface FormFieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  proposed?: boolean;
  hint?: string | undefined;
  /** Underlined letter in the label that Alt+letter jumps to. */
  accessKey?: string;
  className?: string;
  children: ReactNode;
}

export function FormField({ id, label, error, proposed, hint, accessKey, className, children }: FormFieldProps) {
  const classes = ['field', className, error ? 'has-error' : '', proposed ? 'is-proposed' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id}>
        <span className="label-text">
          <AccessKeyLabel text={label} accessKey={accessKey} />
        </span>
        {proposed && <span className="proposed-badge">{msg('ui.field.proposed')}</span>}
      </label>
      {children}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}

/** The label text with its access key letter underlined, as desktop tools show them. */
function AccessKeyLabel({ text, accessKey }: { text: string; accessKey?: string | undefined }) {
  const at = accessKey ? text.toLowerCase().indexOf(accessKey.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <u>{text.slice(at, at + 1)}</u>
      {text.slice(at + 1)}
    </>
  );
}
