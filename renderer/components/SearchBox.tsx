/**
 * A register's search box: the list follows the typing once it pauses, Ctrl+F comes back to it, and ArrowDown or
 * Enter hands the keyboard to the rows.
 */
import { useEffect, useRef, useState } from 'react';
import { msg } from '../../shared/messages';
import { useShortcuts } from '../hooks/useShortcut';

const TYPING_PAUSE_MS = 250;

interface SearchBoxProps {
  id: string;
  placeholder: string;
  /** Whether Ctrl+F belongs to this box (its view is shown). */
  active: boolean;
  onQuery: (query: string) => void;
  onLeave: () => void;
}

export function SearchBox({ id, placeholder, active, onQuery, onLeave }: SearchBoxProps) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const changed = useRef(onQuery);
  changed.current = onQuery;
  useEffect(() => {
    const timer = setTimeout(() => changed.current(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  useShortcuts([{ key: 'f', ctrl: true, inFields: true, run: () => input.current?.focus() }], active);
  return (
    <div className="list-search">
      <label htmlFor={id} className="visually-hidden">
        {msg('ui.list.search')}
      </label>
      <input
        id={id}
        ref={input}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            onLeave();
          }
        }}
      />
      <kbd>Ctrl+F</kbd>
    </div>
  );
}
