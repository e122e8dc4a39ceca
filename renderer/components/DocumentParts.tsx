/** What the incoming and outgoing document views share: the refusal screen, the fields list and the handling history. */
import type { ReactNode } from 'react';
import type { DocumentEvent } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { vietnamDateTime } from '../format';

export function DocumentLoadError({ error, onBack }: { error: string; onBack: () => void }) {
  return (
    <div className="document">
      <div className="banner banner-error" role="alert">
        {error}
      </div>
      <button type="button" onClick={onBack}>
        ← {msg('ui.action.back')}
      </button>
    </div>
  );
}

/** Labelled values under a title; `children` (buttons, a remark) follow the list. */
export function FieldsSection({ title, rows, testId, children }: { title: string; rows: [string, ReactNode][]; testId?: string; children?: ReactNode }) {
  return (
    <section data-testid={testId}>
      <h2 className="panel-title">{title}</h2>
      <dl className="fields-list">
        {rows.map(([label, value]) => (
          <div key={label} className="fields-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}

/** Who did what and when, oldest first; a step's comment (ý kiến) is quoted under it. */
export function HistorySection({ events, describe }: { events: DocumentEvent[]; describe: (e: DocumentEvent) => string }) {
  return (
    <section>
      <h2 className="panel-title">{msg('ui.doc.history')}</h2>
      <ol className="history" data-testid="history">
        {events.map((e) => (
          <li key={e.id}>
            <div className="history-when">
              {vietnamDateTime(e.at)} · {e.actor}
            </div>
            <div className="history-what">{describe(e)}</div>
            {typeof e.data.comment === 'string' && e.data.comment && <blockquote className="history-comment">{e.data.comment}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
