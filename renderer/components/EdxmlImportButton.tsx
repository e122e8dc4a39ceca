/**
 * "Nhận gói tin edXML": a package from another agency (or a recipient's status message) chosen from disk, uploaded
 * and handed to the core, which registers it or says why not. The outcome goes to the form's banner.
 */
import { useRef, useState } from 'react';
import { statusLabel } from '../../shared/domain/edxml';
import { msg } from '../../shared/messages';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { downloadContent } from '../download';
import { errorMessage, joinCode } from '../format';
import { useApi } from '../hooks/useApi';
import type { EntryBanner } from './EntryFormParts';

export function EdxmlImportButton({ onOutcome }: { onOutcome: (banner: EntryBanner) => void }) {
  const { api, transport } = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function receive(file: File) {
    setBusy(true);
    onOutcome({ kind: 'info', text: msg('ui.edxml.reading', { name: file.name }) });
    try {
      const ref = await transport.upload(file, file.name);
      const out = await api.exchange.import({ hash: ref.hash, answerRefusal: true });
      if (out.kind === 'registered') {
        const doc = out.document;
        onOutcome({
          kind: 'success',
          text: msg('ui.register.saved', { n: arrivalNumberText(doc.arrivalNumber) }),
          detail: [
            msg('ui.edxml.registeredDetail', { code: joinCode(doc.codeNumber, doc.codeNotation) || '—', organ: doc.organName, verdict: msg(`signingUi.verdict.${out.verdict}`) }),
            out.replaced.length ? msg('exchange.cli.replaced', { numbers: out.replaced.map((r) => `${arrivalNumberText(r.arrivalNumber)}/${r.year}`).join(', ') }) : '',
          ].join(' '),
          documentId: doc.id,
        });
      } else if (out.kind === 'duplicate') {
        const first = out.matches[0];
        onOutcome({
          kind: 'error',
          text: msg('ui.edxml.duplicate'),
          ...(first ? { detail: msg('ui.edxml.duplicateDetail', { n: arrivalNumberText(first.arrivalNumber), year: first.year, organ: first.organName }), documentId: first.id } : {}),
        });
      } else if (out.kind === 'recalled') {
        const first = out.documents[0];
        onOutcome({ kind: 'success', text: msg('ui.edxml.recalled'), detail: out.reason, ...(first ? { documentId: first.id } : {}) });
      } else if (out.kind === 'refused') {
        // The sender learns why through the 02 status message, saved for the clerk to send back.
        downloadContent(transport, out.status);
        onOutcome({ kind: 'error', text: out.reason, detail: msg('ui.edxml.refusalSaved', { name: out.status.name }) });
      } else {
        onOutcome({ kind: 'success', text: msg('exchange.cli.statusRecorded', { label: statusLabel(out.code), code: out.code, organId: out.organId }) });
      }
    } catch (error) {
      onOutcome({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".edxml,.xml"
        hidden
        data-testid="edxml-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void receive(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? msg('ui.working') : msg('ui.edxml.receive')}
      </button>
    </>
  );
}
