/** What the entry forms (register an incoming document, draft an outgoing one) share: the title bar and the banner. */
import type { ReactNode } from 'react';
import { msg } from '../../shared/messages';

interface EntryFormHeaderProps {
  titleId: string;
  title: string;
  newLabel: string;
  saveLabel: string;
  busy: boolean;
  onNew: () => void;
  /** Further ways in, before "new" (receiving an edXML package). */
  extra?: ReactNode;
}

/** The title with "new" (Ctrl+N) and the submit button (Ctrl+Enter); the form's own shortcuts do the same. */
export function EntryFormHeader({ titleId, title, newLabel, saveLabel, busy, onNew, extra }: EntryFormHeaderProps) {
  return (
    <div className="view-header">
      <h1 id={titleId}>{title}</h1>
      <div className="view-header-actions">
        {extra}
        <button type="button" onClick={onNew} accessKey="n">
          {newLabel} <kbd>Ctrl+N</kbd>
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? msg('ui.working') : saveLabel} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </div>
  );
}

export interface EntryBanner {
  kind: 'error' | 'info' | 'success';
  text: string;
  detail?: string;
  /** The document just saved, offered to open. */
  documentId?: string;
}

export function EntryFormBanner({ banner, testId, onOpen }: { banner: EntryBanner | null; testId: string; onOpen: (id: string) => void }) {
  if (!banner) return null;
  return (
    <div className={`banner banner-${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div>
        <div className={banner.kind === 'success' ? 'banner-big' : undefined}>{banner.text}</div>
        {banner.detail && <div className="banner-detail">{banner.detail}</div>}
      </div>
      {banner.documentId && (
        <button type="button" className="link-button" onClick={() => onOpen(banner.documentId!)}>
          {msg('ui.register.open')}
        </button>
      )}
    </div>
  );
}
