/**
 * "Hồ sơ" in a document's view: the work files the document is filed in, and "Đưa vào hồ sơ" into one of the year's
 * open files. The core decides who may file (the file's owner and unit); a refusal is shown as it says it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkFileSummary } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { errorMessage } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { Note } from './WorkFiles';

export function FileIntoWorkFile({ doc: given }: { doc: { kind: 'incoming' | 'outgoing'; id: string } }) {
  const { api } = useApi();
  // The caller passes a new object each render: the document is what it names.
  const { kind, id: docId } = given;
  const doc = useMemo(() => ({ kind, id: docId }), [kind, docId]);
  const [filedIn, setFiledIn] = useState<WorkFileSummary[]>([]);
  const [open, setOpen] = useState<WorkFileSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    const year = new Date().getFullYear();
    api.workFile.filesOf(doc).then(setFiledIn, () => setFiledIn([]));
    api.workFile.list({ year, state: 'open' }).then(setOpen, () => setOpen([]));
  }, [api, doc]);
  useEffect(load, [load]);
  useContractEvent('workFile.changed', load);

  const candidates = open.filter((f) => !filedIn.some((g) => g.id === f.id));
  const fileIt = async () => {
    const id = chosen || candidates[0]?.id;
    if (!id) return;
    try {
      const file = await api.workFile.file({ id, doc });
      setNote({ ok: true, text: msg('workFileUi.filed', { code: file.fileCode }) });
      load();
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <section data-testid="work-file-section">
      <h2 className="panel-title">{msg('workFileUi.section')}</h2>
      <p className="small">
        {filedIn.length ? msg('workFileUi.inFiles', { files: filedIn.map((f) => `${f.fileCode} — ${f.title}`).join('; ') }) : msg('workFileUi.notInFiles')}
      </p>
      {candidates.length === 0 ? (
        // Filed already and no other file open: nothing more to offer.
        filedIn.length === 0 && <p className="muted small">{msg('workFileUi.noOpenFiles')}</p>
      ) : (
        <div className="inline-form">
          <label>
            {msg('workFileUi.chooseFile')}{' '}
            <select value={chosen || candidates[0]!.id} onChange={(e) => setChosen(e.target.value)} aria-label={msg('workFileUi.chooseFile')}>
              {candidates.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.notation} — {f.title}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" onClick={() => void fileIt()}>
            {msg('workFileUi.fileIt')}
          </button>
        </div>
      )}
      <Note note={note} />
    </section>
  );
}
