/**
 * In sổ: the incoming or outgoing register book, or the handling tracking register (for the organisation or one lead
 * unit), for a date range, as PDF (to print and bind) or XLSX, downloaded at once. It opens on the register of the area
 * it was called from.
 */
import { useEffect, useState } from 'react';
import type { ContentRef, Unit } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { downloadContent } from '../download';
import { errorMessage, fieldErrors, fileSize } from '../format';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { Dialog, DialogForm } from './Dialog';

export type RegisterBookKind = 'incoming' | 'outgoing' | 'tracking';

const TITLES = { incoming: 'ui.book.title', outgoing: 'outgoingUi.book.title', tracking: 'trackingBook.name' } as const;

export function RegisterBookDialog({ initialKind = 'incoming', onClose }: { initialKind?: RegisterBookKind; onClose: () => void }) {
  const { api, transport } = useApi();
  const today = todayInVietnam();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [kind, setKind] = useState<RegisterBookKind>(initialKind);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ContentRef | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState('');

  useEffect(() => {
    if (kind !== 'tracking' || units.length > 0) return;
    api.org.get({}).then((org) => setUnits(org?.units ?? []), () => setUnits([]));
  }, [api, kind, units.length]);

  async function exportBook() {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const ref = await api.registerBook.export({ from, to, format, kind, ...(kind === 'tracking' && unitId ? { unitId } : {}) });
      setResult(ref);
      downloadContent(transport, ref);
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  }

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
        <div className="row-2">
          <div className={errors.from ? 'field has-error' : 'field'}>
            <label htmlFor="book-from">{msg('ui.book.from')}</label>
            <DateInput id="book-from" value={from} onChange={setFrom} autoFocus />
            {errors.from && <div className="field-error">{errors.from}</div>}
          </div>
          <div className={errors.to ? 'field has-error' : 'field'}>
            <label htmlFor="book-to">{msg('ui.book.to')}</label>
            <DateInput id="book-to" value={to} onChange={setTo} />
            {errors.to && <div className="field-error">{errors.to}</div>}
          </div>
        </div>
        <fieldset className="field">
          <legend>{msg('ui.book.format')}</legend>
          <label className="radio">
            <input type="radio" name="book-format" value="pdf" checked={format === 'pdf'} onChange={() => setFormat('pdf')} /> {msg('ui.book.pdf')}
          </label>
          <label className="radio">
            <input type="radio" name="book-format" value="xlsx" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> {msg('ui.book.xlsx')}
          </label>
        </fieldset>
        {result && (
          <div className="banner banner-success" role="status">
            <span>{msg('ui.book.ready', { name: result.name, size: fileSize(result.size) })}</span>
            <a className="link-button" href={transport.contentUrl(result.hash, result.name, { download: true })} download={result.name}>
              {msg('ui.book.downloadAgain')}
            </a>
          </div>
        )}
      </DialogForm>
    </Dialog>
  );
}
