/** What every export dialog (register books, the directives report) asks and shows: the period, the format, the file made. */
import type { ContentRef } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { fileSize } from '../format';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';

interface PeriodFieldsProps {
  idPrefix: string;
  from: string;
  to: string;
  onFrom: (date: string) => void;
  onTo: (date: string) => void;
  errors: Record<string, string>;
}

/** Từ ngày … đến ngày …, each with the core's refusal under it. */
export function PeriodFields({ idPrefix, from, to, onFrom, onTo, errors }: PeriodFieldsProps) {
  const field = (name: 'from' | 'to', value: string, onChange: (date: string) => void) => (
    <div className={errors[name] ? 'field has-error' : 'field'}>
      <label htmlFor={`${idPrefix}-${name}`}>{msg(name === 'from' ? 'ui.book.from' : 'ui.book.to')}</label>
      <DateInput id={`${idPrefix}-${name}`} value={value} onChange={onChange} autoFocus={name === 'from'} />
      {errors[name] && <div className="field-error">{errors[name]}</div>}
    </div>
  );
  return (
    <div className="row-2">
      {field('from', from, onFrom)}
      {field('to', to, onTo)}
    </div>
  );
}

/** PDF (to print, sign and bind) or XLSX. */
export function ExportFormatField({ name, format, onChange }: { name: string; format: 'pdf' | 'xlsx'; onChange: (format: 'pdf' | 'xlsx') => void }) {
  return (
    <fieldset className="field">
      <legend>{msg('ui.book.format')}</legend>
      <label className="radio">
        <input type="radio" name={name} value="pdf" checked={format === 'pdf'} onChange={() => onChange('pdf')} /> {msg('ui.book.pdf')}
      </label>
      <label className="radio">
        <input type="radio" name={name} value="xlsx" checked={format === 'xlsx'} onChange={() => onChange('xlsx')} /> {msg('ui.book.xlsx')}
      </label>
    </fieldset>
  );
}

/** The exported file's name and size, with a link to download it again should the browser have dropped it. */
export function ExportReady({ result }: { result: ContentRef }) {
  const { transport } = useApi();
  return (
    <div className="banner banner-success" role="status">
      <span>{msg('ui.book.ready', { name: result.name, size: fileSize(result.size) })}</span>
      <a className="link-button" href={transport.contentUrl(result.hash, result.name, { download: true })} download={result.name}>
        {msg('ui.book.downloadAgain')}
      </a>
    </div>
  );
}
