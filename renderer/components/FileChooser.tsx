/**
 * A file input that speaks Vietnamese: the native one labels its button in the browser's own language ("Choose File"
 * on an English Windows). The input stays in the page, hidden, so the label still names it for assistive tools.
 */
import { useRef, useState } from 'react';
import { msg } from '../../shared/messages';

interface FileChooserProps {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  'data-testid'?: string;
  /** While the chosen file is being sent somewhere: the name shows it is not ready yet. */
  busy?: boolean;
}

export function FileChooser({ label, accept, onFile, 'data-testid': testId, busy }: FileChooserProps) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <div className="sign-field">
      <span>{label}</span>
      <span className="file-chooser">
        <button type="button" onClick={() => input.current?.click()}>
          {msg('ui.file.choose')}
        </button>
        <span className="muted small">{chosen ? (busy ? `${chosen} — ${msg('ui.attach.uploading')}` : chosen) : msg('ui.file.none')}</span>
      </span>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Choosing the same file again (a key file's handle expired) must still count as a choice.
          e.target.value = '';
          if (!file) return;
          setChosen(file.name);
          onFile(file);
        }}
      />
    </div>
  );
}
