/**
 * A date typed the Vietnamese way (17/03/2026, 17/3/26, 17032026) whatever the machine's locale: a native date input
 * would show 03/17/2026 on the English Windows many offices run. The value travels as ISO (YYYY-MM-DD); text that is
 * not (yet) a date is passed on as typed so that the form can say what is wrong.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes, type Ref } from 'react';
import { isIsoDate, shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'ref'>;

interface DateInputProps extends NativeProps {
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** "17/3/26", "17-03-2026", "17032026" or "2026-03-17" → "2026-03-17"; anything else → null. */
export function parseVietnameseDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  let m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(t);
  if (!m) m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return null;
  const year = (m[3] as string).length === 2 ? `20${m[3]}` : (m[3] as string);
  const iso = `${year}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const display = (value: string) => (isIsoDate(value) ? shortVietnameseDate(value) : value);

export function DateInput({ value, onChange, inputRef, onBlur, onKeyDown, ...rest }: DateInputProps) {
  const [text, setText] = useState(() => display(value));
  const emitted = useRef(value);
  // A value set from outside (a proposal, a reset) replaces what is shown; our own echoes do not.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(display(value));
    }
  }, [value]);

  const emit = (next: string) => {
    emitted.current = next;
    onChange(next);
  };

  return (
    <input
      {...rest}
      ref={inputRef}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={msg('ui.date.placeholder')}
      title={msg('ui.date.hint')}
      maxLength={10}
      className={['date-input', rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        emit(t === '' ? '' : (parseVietnameseDate(t) ?? t));
      }}
      onBlur={(e) => {
        const iso = parseVietnameseDate(text);
        if (iso) setText(shortVietnameseDate(iso));
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        // Space on an empty or finished date puts today, the most common value for a clerk.
        if (e.key === ' ' && (text.trim() === '' || parseVietnameseDate(text))) {
          e.preventDefault();
          const today = todayInVietnam();
          setText(shortVietnameseDate(today));
          emit(today);
        }
        onKeyDown?.(e);
      }}
    />
  );
}
