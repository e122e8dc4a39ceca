/** One filter of a register list: a labelled choice whose empty value means "all". */
interface FilterSelectProps {
  label: string;
  allLabel: string;
  value: string;
  options: readonly (readonly [value: string | number, label: string])[];
  onChange: (value: string) => void;
}

export function FilterSelect({ label, allLabel, value, options, onChange }: FilterSelectProps) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
