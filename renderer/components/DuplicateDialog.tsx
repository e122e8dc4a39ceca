/** The register found the same (number, notation, issuing body) or electronic id: show the matches, ask for a reason. */
import { useState } from 'react';
import type { IncomingSummary } from '../../shared/contract';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { msg } from '../../shared/messages';
import { joinCode, shortDate } from '../format';
import { Dialog } from './Dialog';

interface DuplicateDialogProps {
  matches: IncomingSummary[];
  busy: boolean;
  error?: string | undefined;
  onForce: (reason: string) => void;
  onCancel: () => void;
}

export function DuplicateDialog({ matches, busy, error, onForce, onCancel }: DuplicateDialogProps) {
  const [reason, setReason] = useState('');
  const ready = reason.trim().length > 0 && !busy;
  return (
    <Dialog
      id="duplicate-dialog"
      title={msg('ui.duplicate.title')}
      onClose={onCancel}
      wide
      actions={
        <button type="button" className="danger" disabled={!ready} onClick={() => onForce(reason.trim())}>
          {msg('ui.duplicate.force')}
        </button>
      }
    >
      <p>{msg('duplicate.found')}</p>
      <table className="mini-table">
        <thead>
          <tr>
            <th>{msg('ui.col.arrivalNumber')}</th>
            <th>{msg('ui.col.arrivalDate')}</th>
            <th>{msg('ui.col.code')}</th>
            <th>{msg('ui.col.organName')}</th>
            <th>{msg('ui.col.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id}>
              <td className="num">{arrivalNumberText(m.arrivalNumber)}</td>
              <td>{shortDate(m.arrivalDate)}</td>
              <td>{joinCode(m.codeNumber, m.codeNotation)}</td>
              <td>{m.organName}</td>
              <td>
                <strong>{m.typeName}</strong> {m.subject}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={error ? 'field has-error' : 'field'}>
        <label htmlFor="duplicate-reason">{msg('ui.duplicate.reason')}</label>
        <textarea
          id="duplicate-reason"
          rows={2}
          maxLength={500}
          autoFocus
          placeholder={msg('ui.duplicate.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || !e.shiftKey) && ready) {
              e.preventDefault();
              onForce(reason.trim());
            }
          }}
        />
        {error && <div className="field-error">{error}</div>}
      </div>
    </Dialog>
  );
}
