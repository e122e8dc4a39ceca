/**
 * First run: the organisation, its units and its staff, saved with org.setup. Empty rows are left out. Filled from the
 * keyboard: Tab through the rows, Enter on "+ Thêm …" opens a row and puts the cursor in it, Enter in a field saves.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { OrgProfile, StaffRole } from '../../shared/contract';
import { isValidOrganId } from '../../shared/domain/organId';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors } from '../format';
import { useApi } from '../hooks/useApi';
import { FormField } from './FormField';

interface UnitRow {
  name: string;
  abbrev: string;
}
interface StaffRow {
  fullName: string;
  position: string;
  unitAbbrev: string;
  role: StaffRole;
}

const ROLES: StaffRole[] = ['van_thu', 'lanh_dao', 'chuyen_vien'];
const isBlank = (row: object) => Object.entries(row).every(([k, v]) => k === 'role' || String(v).trim() === '');

/** `serverLogin`: the way to take the organisation from the document server instead of typing it. */
export function OrgSetup({ onDone, serverLogin }: { onDone: (org: OrgProfile) => void; serverLogin?: ReactNode }) {
  const { api } = useApi();
  const [name, setName] = useState('');
  const [organId, setOrganId] = useState('');
  const [abbrev, setAbbrev] = useState('');
  const [units, setUnits] = useState<UnitRow[]>([{ name: '', abbrev: '' }]);
  const [staff, setStaff] = useState<StaffRow[]>([{ fullName: '', position: '', unitAbbrev: '', role: 'van_thu' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The table a row was just added to: its new row's first field takes the focus once rendered.
  const added = useRef<'units' | 'staff' | null>(null);
  const lastUnitName = useRef<HTMLInputElement>(null);
  const lastStaffName = useRef<HTMLInputElement>(null);
  // A removed row takes its focused button with it: the table's add button takes the focus instead of the page.
  const addUnitButton = useRef<HTMLButtonElement>(null);
  const addStaffButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (added.current) (added.current === 'units' ? lastUnitName : lastStaffName).current?.focus();
    added.current = null;
  }, [units.length, staff.length]);

  // Live check as the clerk types, but only complain once the identifier could be complete.
  const organIdProblem = organId.length >= 13 && !isValidOrganId(organId.trim()) ? msg('error.organIdInvalid') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const keptUnits = units.filter((u) => !isBlank(u));
    const keptStaff = staff.filter((s) => !isBlank(s));
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = msg('error.required');
    if (!isValidOrganId(organId.trim())) local.organId = msg('error.organIdInvalid');
    if (!abbrev.trim()) local.abbrev = msg('error.required');
    if (Object.keys(local).length) {
      setErrors(local);
      setBanner(msg('ui.register.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const profile = await api.org.setup({
        name,
        organId: organId.trim(),
        abbrev,
        units: keptUnits,
        staff: keptStaff.map((s) => ({ ...s, unitAbbrev: s.unitAbbrev || null })),
      });
      onDone(profile);
    } catch (error) {
      // Server paths index the rows that were sent; blank rows were removed, so map back to the rows on screen.
      setErrors(remapRowErrors(fieldErrors(error), units, staff));
      setBanner(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const setUnit = (i: number, patch: Partial<UnitRow>) => setUnits((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setPerson = (i: number, patch: Partial<StaffRow>) => setStaff((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unitChoices = units.filter((u) => u.abbrev.trim());

  return (
    <div className="setup">
      <form className="setup-card" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <h1 id="setup-title">{msg('ui.setup.title')}</h1>
        <p className="setup-intro">{msg('ui.setup.intro')}</p>
        {serverLogin}
        {banner && (
          <div className="banner banner-error" role="alert">
            {banner}
          </div>
        )}

        <fieldset className="setup-section">
          <legend>{msg('ui.setup.organ')}</legend>
          <div className="grid-3">
            <FormField id="org-name" label={msg('ui.setup.name')} error={errors.name} className="span-3">
              <input id="org-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={msg('ui.setup.namePlaceholder')} autoFocus maxLength={300} />
            </FormField>
            <FormField
              id="org-organId"
              label={msg('ui.setup.organId')}
              error={errors.organId ?? organIdProblem}
              hint={isValidOrganId(organId.trim()) ? `✓ ${msg('ui.setup.organIdOk')}` : msg('ui.setup.organIdHint')}
            >
              <input
                id="org-organId"
                value={organId}
                onChange={(e) => {
                  setOrganId(e.target.value.toUpperCase());
                  setErrors(({ organId: _, ...rest }) => rest);
                }}
                placeholder="000.00.00.H41"
                maxLength={13}
                spellCheck={false}
                className="mono"
                aria-invalid={Boolean(errors.organId ?? organIdProblem)}
              />
            </FormField>
            <FormField id="org-abbrev" label={msg('ui.setup.abbrev')} error={errors.abbrev} hint={msg('ui.setup.abbrevHint')}>
              <input id="org-abbrev" value={abbrev} onChange={(e) => setAbbrev(e.target.value.toUpperCase())} maxLength={30} />
            </FormField>
          </div>
        </fieldset>

        <fieldset className="setup-section">
          <legend>{msg('ui.setup.units')}</legend>
          <table className="edit-table">
            <thead>
              <tr>
                <th>{msg('ui.setup.unitName')}</th>
                <th className="w-abbrev">{msg('ui.setup.unitAbbrev')}</th>
                <th className="w-action" />
              </tr>
            </thead>
            <tbody>
              {units.map((u, i) => (
                <tr key={i}>
                  <td>
                    <input
                      ref={i === units.length - 1 ? lastUnitName : undefined}
                      aria-label={`${msg('ui.setup.unitName')} ${i + 1}`}
                      value={u.name}
                      onChange={(e) => setUnit(i, { name: e.target.value })}
                    />
                    <RowError text={errors[`units.${i}.name`]} />
                  </td>
                  <td>
                    <input aria-label={`${msg('ui.setup.unitAbbrev')} ${i + 1}`} value={u.abbrev} onChange={(e) => setUnit(i, { abbrev: e.target.value.toUpperCase() })} />
                    <RowError text={errors[`units.${i}.abbrev`]} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        addUnitButton.current?.focus();
                        setUnits((rows) => rows.filter((_, j) => j !== i));
                      }}
                    >
                      {msg('ui.action.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            ref={addUnitButton}
            type="button"
            onClick={() => {
              added.current = 'units';
              setUnits((rows) => [...rows, { name: '', abbrev: '' }]);
            }}
          >
            + {msg('ui.setup.addUnit')}
          </button>
        </fieldset>

        <fieldset className="setup-section">
          <legend>{msg('ui.setup.staff')}</legend>
          {errors.staff && <div className="field-error">{errors.staff}</div>}
          <table className="edit-table">
            <thead>
              <tr>
                <th>{msg('ui.setup.staffName')}</th>
                <th>{msg('ui.setup.staffPosition')}</th>
                <th className="w-unit">{msg('ui.setup.staffUnit')}</th>
                <th className="w-role">{msg('ui.setup.staffRole')}</th>
                <th className="w-action" />
              </tr>
            </thead>
            <tbody>
              {staff.map((s, i) => (
                <tr key={i}>
                  <td>
                    <input
                      ref={i === staff.length - 1 ? lastStaffName : undefined}
                      aria-label={`${msg('ui.setup.staffName')} ${i + 1}`}
                      value={s.fullName}
                      onChange={(e) => setPerson(i, { fullName: e.target.value })}
                    />
                    <RowError text={errors[`staff.${i}.fullName`]} />
                  </td>
                  <td>
                    <input aria-label={`${msg('ui.setup.staffPosition')} ${i + 1}`} value={s.position} onChange={(e) => setPerson(i, { position: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`${msg('ui.setup.staffUnit')} ${i + 1}`} value={s.unitAbbrev} onChange={(e) => setPerson(i, { unitAbbrev: e.target.value })}>
                      <option value="">{msg('ui.setup.noUnit')}</option>
                      {unitChoices.map((u) => (
                        <option key={u.abbrev} value={u.abbrev}>
                          {u.name || u.abbrev}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${msg('ui.setup.staffRole')} ${i + 1}`} value={s.role} onChange={(e) => setPerson(i, { role: e.target.value as StaffRole })}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {msg(`ui.role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        addStaffButton.current?.focus();
                        setStaff((rows) => rows.filter((_, j) => j !== i));
                      }}
                    >
                      {msg('ui.action.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            ref={addStaffButton}
            type="button"
            onClick={() => {
              added.current = 'staff';
              setStaff((rows) => [...rows, { fullName: '', position: '', unitAbbrev: '', role: 'chuyen_vien' }]);
            }}
          >
            + {msg('ui.setup.addStaff')}
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? msg('ui.working') : msg('ui.setup.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

function RowError({ text }: { text: string | undefined }) {
  return text ? <div className="field-error">{text}</div> : null;
}

/** "units.1.name" counts the rows that were sent; turn it into the index of the row on screen. */
function remapRowErrors(errors: Record<string, string>, units: UnitRow[], staff: StaffRow[]): Record<string, string> {
  const onScreen = (rows: object[]) => rows.map((r, i) => (isBlank(r) ? -1 : i)).filter((i) => i >= 0);
  const maps: Record<string, number[]> = { units: onScreen(units), staff: onScreen(staff) };
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(errors)) {
    const m = /^(units|staff)\.(\d+)\.(.+)$/.exec(key);
    const table = m ? maps[m[1] as string] : undefined;
    out[m && table ? `${m[1]}.${table[Number(m[2])] ?? m[2]}.${m[3]}` : key] = text;
  }
  return out;
}
