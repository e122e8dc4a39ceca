/**
 * In sổ: the incoming or outgoing register book, or the handling tracking register (for the organisation or one lead
 * unit), for a date range, as PDF (to print and bind) or XLSX, downloaded at once. It opens on the register of the area
 * it was called from.
 */
import { useEffect, useState } from 'react';
import type { Output, Unit } from '../../shared/contract';
import { isIsoDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { useApi } from '../hooks/useApi';
import { useContentExport } from '../hooks/useContentExport';
import { Dialog, DialogForm } from './Dialog';
import { ExportFormatField, ExportReady, PeriodFields } from './ExportParts';

export type RegisterBookKind = 'incoming' | 'outgoing' | 'tracking';

const TITLES = { incoming: 'ui.book.title', outgoing: 'outgoingUi.book.title', tracking: 'trackingBook.name' } as const;

export function RegisterBookDialog({ initialKind = 'incoming', onClose }: { initialKind?: RegisterBookKind; onClose: () => void }) {
  const { api } = useApi();
  const today = todayInVietnam();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [kind, setKind] = useState<RegisterBookKind>(initialKind);
  const { busy, error, errors, result, run } = useContentExport();
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState('');
  const [sequences, setSequences] = useState<Output<'registerBook.sequences'>>([]);
  const [sequence, setSequence] = useState('');

  useEffect(() => {
    if (kind !== 'tracking' || units.length > 0) return;
    api.org.get({}).then((org) => setUnits(org?.units ?? []), () => setUnits([]));
  }, [api, kind, units.length]);

  // The outgoing register is kept per number sequence (shared, per type, copies): the ones with documents in the period.
  useEffect(() => {
    if (kind !== 'outgoing' || !isIsoDate(from) || !isIsoDate(to) || from > to) return setSequences([]);
    let current = true;
    api.registerBook.sequences({ from, to }).then(
      (list) => current && setSequences(list),
      () => current && setSequences([]),
    );
    return () => {
      current = false;
    };
  }, [api, kind, from, to]);
  const chosenSequence = kind === 'outgoing' && sequences.some((s) => s.id === sequence) ? sequence : '';

  const exportBook = () =>
    run(() =>
      api.registerBook.export({ from, to, format, kind, ...(kind === 'tracking' && unitId ? { unitId } : {}), ...(chosenSequence ? { sequence: chosenSequence } : {}) }),
    );

  return (
    <Dialog
      id="register-book-dialog"
      title={msg(TITLES[kind])}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={() => void exportBook()}>
          {busy ? msg('ui.working') : msg('ui.book.export')}
        </button>
      }
    >
      <DialogForm onConfirm={() => void exportBook()} error={error}>
        <fieldset className="field">
          <legend>{msg('outgoingUi.book.kind')}</legend>
          <label className="radio">
            <input type="radio" name="book-kind" value="incoming" checked={kind === 'incoming'} onChange={() => setKind('incoming')} /> {msg('outgoingUi.book.incoming')}
          </label>
          <label className="radio">
            <input type="radio" name="book-kind" value="outgoing" checked={kind === 'outgoing'} onChange={() => setKind('outgoing')} /> {msg('outgoing.registerName')}
          </label>
          <label className="radio">
            <input type="radio" name="book-kind" value="tracking" checked={kind === 'tracking'} onChange={() => setKind('tracking')} /> {msg('trackingBook.name')}
          </label>
        </fieldset>
        {kind === 'tracking' && (
          <div className="field">
            <label htmlFor="book-unit">{msg('ui.book.leadUnit')}</label>
            <select id="book-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{msg('ui.book.allUnits')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <PeriodFields idPrefix="book" from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
        {kind === 'outgoing' && sequences.length > 0 && (
          <div className="field">
            <label htmlFor="book-sequence">{msg('ui.book.sequence')}</label>
            <select id="book-sequence" value={chosenSequence} onChange={(e) => setSequence(e.target.value)}>
              <option value="">{msg('registerBook.allSequences')}</option>
              {sequences.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {errors.sequence && <span className="field-error">{errors.sequence}</span>}
          </div>
        )}
        <ExportFormatField name="book-format" format={format} onChange={setFormat} />
        {result && <ExportReady result={result} />}
      </DialogForm>
    </Dialog>
  );
}

