/**
 * "Nhận gói tin edXML": a package from another agency (or a recipient's status message) chosen from disk, uploaded
 * and handed to the core, which registers it or says why not. The outcome goes to the form's banner.
 */
import { useRef, useState } from 'react';
import { describeImportOutcome } from '../../shared/domain/edxmlImportOutcome';
import { msg } from '../../shared/messages';
import { downloadContent } from '../download';
import { errorMessage } from '../format';
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
      if (out.kind === 'refused') downloadContent(transport, out.status);
      onOutcome(describeImportOutcome(out));
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
