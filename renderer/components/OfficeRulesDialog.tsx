/**
 * Quy chế: the organisation's working rules a clerk or leader sets once a year — how outgoing documents are numbered
 * (Decree 30 allows one sequence for all administrative types or one per type), the working days a handling deadline is
 * proposed from (by urgency and by type), and the year's days off the government announces (Tết, the day joined to
 * National Day, swapped days and the Saturdays worked instead). Officers may read them; the core refuses their saving.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output, OrgProfile } from '../../shared/contract';
import { DEFAULT_CALENDAR, defaultNationalDaySecondDay, defaultTetDays, holidayName, publicHolidays, type CalendarConfig } from '../../shared/domain/calendar';
import { shortVietnameseDate, todayInVietnam, yearOf } from '../../shared/domain/dates';
import { PRIORITIES } from '../../shared/domain/documentTypes';
import type { NumberingMode } from '../../shared/domain/outgoing';
import { msg } from '../../shared/messages';
import { errorMessage } from '../format';
import { useApi } from '../hooks/useApi';
import { parseVietnameseDate } from './DateInput';
import { Dialog, DialogForm } from './Dialog';
import { TypeOptions } from './DocumentChoices';
import { FormField } from './FormField';

type HandlingSettings = Output<'handling.settings'>;

/** The year's announced days as typed: dates separated by commas. */
interface YearDays {
  tet: string;
  nationalDay: string;
  extra: string;
  makeUp: string;
}

const listText = (dates: readonly string[]) => dates.map(shortVietnameseDate).join(', ');
const ofYear = (dates: readonly string[], year: number) => dates.filter((d) => yearOf(d) === year);

function yearDaysOf(s: HandlingSettings, year: number): YearDays {
  const c = s.calendar;
  return {
    tet: listText(c.tetDays[String(year)] ?? []),
    nationalDay: listText(c.nationalDaySecondDay[String(year)] ? [c.nationalDaySecondDay[String(year)]!] : []),
    extra: listText(ofYear(c.extraDaysOff, year)),
    makeUp: listText(ofYear(c.makeUpWorkdays, year)),
  };
}

/** The typed dates of the year, or the first piece that is not one. */
function parseList(text: string, year: number): { dates: string[] } | { bad: string } {
  const dates: string[] = [];
  for (const piece of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const iso = parseVietnameseDate(piece);
    if (!iso || yearOf(iso) !== year) return { bad: piece };
    dates.push(iso);
  }
  return { dates: [...new Set(dates)].sort() };
}

const wholeDays = (text: string) => (/^\d{1,3}$/.test(text.trim()) && Number(text) <= 365 ? Number(text) : null);

export function OfficeRulesDialog({ org, onClose }: { org: OrgProfile; onClose: () => void }) {
  const { api } = useApi();
  const year = yearOf(todayInVietnam());
  const me = org.staff.find((s) => s.id === org.currentStaffId);
  const mayEdit = me?.role === 'van_thu' || me?.role === 'lanh_dao';
  const [numbering, setNumbering] = useState<NumberingMode>('shared');
  const [saved, setSaved] = useState<HandlingSettings | null>(null);
  const [byPriority, setByPriority] = useState<string[]>([]);
  const [byType, setByType] = useState<[string, string][]>([]);
  const [fallback, setFallback] = useState('');
  const [days, setDays] = useState<YearDays>({ tet: '', nationalDay: '', extra: '', makeUp: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback(
    (s: HandlingSettings) => {
      setSaved(s);
      setByPriority(PRIORITIES.map((_, i) => (s.dueDates.byPriority[String(i)] === undefined ? '' : String(s.dueDates.byPriority[String(i)]))));
      setByType(Object.entries(s.dueDates.byType).map(([type, n]) => [type, String(n)]));
      setFallback(String(s.dueDates.fallback));
      setDays(yearDaysOf(s, year));
    },
    [year],
  );
  useEffect(() => {
    Promise.all([api.outgoing.settings({}), api.handling.settings({})]).then(([o, h]) => {
      setNumbering(o.numbering);
      show(h);
    }, (e: unknown) => setError(errorMessage(e)));
  }, [api, show]);

  /** The settings as typed, or the problems found in them by field. */
  function typed(base: HandlingSettings): { settings: HandlingSettings } | { problems: Record<string, string> } {
    const problems: Record<string, string> = {};
    const badDays = msg('officeRulesUi.due.badDays');
    const priority: Record<string, number> = {};
    byPriority.forEach((text, i) => {
      if (!text.trim()) return;
      const n = wholeDays(text);
      if (n === null) problems[`priority-${i}`] = badDays;
      else priority[String(i)] = n;
    });
    const types: Record<string, number> = {};
    byType.forEach(([type, text], i) => {
      const n = wholeDays(text);
      if (n === null) problems[`type-${i}`] = badDays;
      else if (type) types[type] = n;
    });
    const rest = wholeDays(fallback);
    if (rest === null) problems.fallback = badDays;
    const lists = Object.fromEntries((Object.keys(days) as (keyof YearDays)[]).map((k) => [k, parseList(days[k], year)]));
    for (const [k, parsed] of Object.entries(lists)) if ('bad' in parsed) problems[k] = msg('officeRulesUi.days.badDate', { text: parsed.bad, year });
    if (Object.keys(problems).length) return { problems };
    const dates = (k: keyof YearDays) => (lists[k] as { dates: string[] }).dates;
    const c = base.calendar;
    const withYear = <T,>(record: Record<string, T>, value: T | undefined) => {
      const { [String(year)]: _, ...others } = record;
      return value === undefined ? others : { ...others, [String(year)]: value };
    };
    const settings: HandlingSettings = {
      dueDates: { byPriority: priority, byType: types, fallback: rest! },
      calendar: {
        // Other years' announcements stay as they were: this screen edits the current year's.
        tetDays: withYear(c.tetDays, dates('tet').length ? dates('tet') : undefined),
        nationalDaySecondDay: withYear(c.nationalDaySecondDay, dates('nationalDay')[0]),
        extraDaysOff: [...c.extraDaysOff.filter((d) => yearOf(d) !== year), ...dates('extra')],
        makeUpWorkdays: [...c.makeUpWorkdays.filter((d) => yearOf(d) !== year), ...dates('makeUp')],
      },
    };
    return { settings };
  }

  async function save() {
    if (!saved || busy) return;
    const next = typed(saved);
    if ('problems' in next) {
      setErrors(next.problems);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      await api.outgoing.saveSettings({ numbering });
      show(await api.handling.saveSettings(next.settings));
      setNotice(msg('officeRulesUi.saved'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  // The days off as they would count with what is typed now, when it reads as dates.
  const preview = saved ? typed(saved) : null;
  const calendar: CalendarConfig | null = preview && 'settings' in preview ? ({ ...DEFAULT_CALENDAR, ...preview.settings.calendar } as CalendarConfig) : null;
  const dayField = (key: keyof YearDays, label: string, placeholder: string) => (
    <FormField id={`rules-${key}`} label={label} error={errors[key]}>
      <input id={`rules-${key}`} value={days[key]} placeholder={placeholder} onChange={(e) => setDays((d) => ({ ...d, [key]: e.target.value }))} />
    </FormField>
  );

  return (
    <Dialog
      id="office-rules"
      title={msg('officeRulesUi.title')}
      wide
      onClose={onClose}
      dismiss={mayEdit ? 'cancel' : 'close'}
      actions={
        mayEdit && (
          <button type="button" className="primary" disabled={busy || !saved} onClick={() => void save()}>
            {msg('officeRulesUi.save')} <kbd>Ctrl+Enter</kbd>
          </button>
        )
      }
    >
      <DialogForm onConfirm={() => void save()} error={error}>
        {notice && (
          <div className="banner banner-success" role="status">
            {notice}
          </div>
        )}
        {!mayEdit && <p className="muted small">{msg('officeRulesUi.readOnly')}</p>}
        <fieldset className="rules-section" disabled={!mayEdit || !saved}>
          <legend>{msg('officeRulesUi.numbering.title')}</legend>
          {(['shared', 'perType'] as const).map((mode) => (
            <label key={mode} className="check">
              <input type="radio" name="numbering" checked={numbering === mode} onChange={() => setNumbering(mode)} /> {msg(`officeRulesUi.numbering.${mode}`)}
            </label>
          ))}
          <p className="field-hint">{msg('officeRulesUi.numbering.hint')}</p>
        </fieldset>

        <fieldset className="rules-section" disabled={!mayEdit || !saved}>
          <legend>{msg('officeRulesUi.due.title')}</legend>
          <p className="field-hint">{msg('officeRulesUi.due.intro')}</p>
          <div className="rules-grid" role="group" aria-label={msg('officeRulesUi.due.byPriority')}>
            {PRIORITIES.map((name, i) => (
              <FormField key={name} id={`rules-priority-${i}`} label={name} error={errors[`priority-${i}`]}>
                <input
                  id={`rules-priority-${i}`}
                  inputMode="numeric"
                  value={byPriority[i] ?? ''}
                  onChange={(e) => setByPriority((p) => p.map((v, j) => (j === i ? e.target.value : v)))}
                />
              </FormField>
            ))}
            <FormField id="rules-fallback" label={msg('officeRulesUi.due.fallback')} error={errors.fallback}>
              <input id="rules-fallback" inputMode="numeric" value={fallback} onChange={(e) => setFallback(e.target.value)} />
            </FormField>
          </div>
          <h3 className="rules-subtitle">{msg('officeRulesUi.due.byType')}</h3>
          {byType.map(([type, n], i) => (
            <div key={i} className="rules-type-row">
              <select aria-label={msg('officeRulesUi.due.byType')} value={type} onChange={(e) => setByType((t) => t.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}>
                <TypeOptions />
              </select>
              <input
                aria-label={msg('officeRulesUi.due.days', { name: type })}
                inputMode="numeric"
                value={n}
                onChange={(e) => setByType((t) => t.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
              />
              <button type="button" className="link-button" onClick={() => setByType((t) => t.filter((_, j) => j !== i))}>
                {msg('officeRulesUi.due.remove')}
              </button>
              {errors[`type-${i}`] && <span className="field-error">{errors[`type-${i}`]}</span>}
            </div>
          ))}
          <button type="button" onClick={() => setByType((t) => [...t, ['Công văn', fallback]])}>
            {msg('officeRulesUi.due.addType')}
          </button>
        </fieldset>

        <fieldset className="rules-section" disabled={!mayEdit || !saved}>
          <legend>{msg('officeRulesUi.days.title', { year })}</legend>
          <p className="field-hint">
            {msg('officeRulesUi.days.intro')} {msg('officeRulesUi.days.listHint')}.
          </p>
          {dayField('tet', msg('officeRulesUi.days.tet'), listText(defaultTetDays(year)))}
          {dayField('nationalDay', msg('officeRulesUi.days.nationalDay'), shortVietnameseDate(defaultNationalDaySecondDay(year, DEFAULT_CALENDAR)))}
          {dayField('extra', msg('officeRulesUi.days.extra'), '')}
          {dayField('makeUp', msg('officeRulesUi.days.makeUp'), '')}
        </fieldset>
        {calendar && (
          <section className="rules-section" aria-label={msg('officeRulesUi.days.list')}>
            <h3 className="rules-subtitle">{msg('officeRulesUi.days.list')}</h3>
            <ul className="rules-holidays" data-testid="rules-holidays">
              {publicHolidays(year, calendar).map((h) => (
                <li key={`${h.date}-${h.kind}`}>
                  <span>{shortVietnameseDate(h.date)}</span> {holidayName(h.kind)}
                </li>
              ))}
            </ul>
          </section>
        )}
      </DialogForm>
    </Dialog>
  );
}
