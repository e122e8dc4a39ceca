/**
 * The answer to a sender that recalled or replaced a document through the exchange: 15 agrees (the entry stays
 * withdrawn), 16 refuses with a reason (the entry goes back into handling). The answer goes back through the server
 * when the document came that way; otherwise a status package is saved for the clerk to send.
 */
import { useState } from 'react';
import type { IncomingDetail } from '../../shared/contract';
import { statusLabel } from '../../shared/domain/edxml';
import { msg } from '../../shared/messages';
import { downloadContent } from '../download';
import { errorMessage } from '../format';
import { useApi } from '../hooks/useApi';

/** Withdrawn on its sender's word (an edXML revocation or replacement), as opposed to an internal copy recalled. */
export const withdrawnBySender = (detail: IncomingDetail) =>
  detail.document.recalledAt !== null && detail.events.some((e) => e.kind === 'incoming.replaced' || (e.kind === 'incoming.recalled' && 'documentId' in e.data));

export function WithdrawalAnswer({ id, onNotice }: { id: string; onNotice: (text: string) => void }) {
  const { api, transport } = useApi();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function send(refuseWithdrawal?: string) {
    setBusy(true);
    try {
      const ref = await api.exchange.statusPackage({ id, ...(refuseWithdrawal ? { refuseWithdrawal } : {}) });
      const status = { label: statusLabel(ref.code), code: ref.code };
      // Received through the server, the answer goes back that way: no file for the clerk to send.
      if (ref.queued) {
        onNotice(msg('exchange.statusQueued', status));
      } else {
        downloadContent(transport, ref);
        onNotice(msg('exchange.cli.statusWritten', { file: ref.name, ...status }));
      }
      setRefusing(false);
    } catch (e) {
      onNotice(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="withdrawal-answer" data-testid="withdrawal-answer">
      <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
        {msg('ui.edxml.agreeWithdrawal')}
      </button>
      {refusing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void send(reason.trim());
          }}
        >
          <label>
            {msg('ui.edxml.refuseReason')}
            <input value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} required autoFocus />
          </label>
          <button type="submit" disabled={busy || !reason.trim()}>
            {msg('ui.edxml.refuseWithdrawal')}
          </button>
        </form>
      ) : (
        <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
          {msg('ui.edxml.refuseWithdrawal')}
        </button>
      )}
    </div>
  );
}
