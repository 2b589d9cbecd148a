import { useId, useState, type KeyboardEvent } from 'react';
import { useContactSearch } from '../api/rapport';

/** A participant: an existing contact, or a person to create when the conversation is logged (no id yet). */
export interface Participant {
  id?: string;
  name: string;
}

/**
 * Picks people by name, several at once: type, then arrows and Enter (or a click). The last option creates a new
 * contact with the typed name. Backspace in the empty box removes the last one picked.
 */
export function ContactPicker({
  value,
  onChange,
  inputId,
  describedBy,
  invalid,
  autoFocus,
}: {
  value: Participant[];
  onChange: (next: Participant[]) => void;
  inputId: string;
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
}) {
  const listId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const query = text.trim();
  const search = useContactSearch({ q: query, size: 6, sort: 'RELEVANCE' });
  const picked = new Set(value.map((p) => p.id).filter(Boolean));
  const found = query ? (search.data?.items ?? []).filter((c) => c.id && !picked.has(c.id)) : [];
  const options: (Participant & { create?: boolean })[] = [
    ...found.map((c) => ({ id: c.id!, name: c.displayName ?? '' })),
    ...(query && !value.some((p) => !p.id && p.name === query) ? [{ name: query, create: true }] : []),
  ];
  const expanded = open && options.length > 0;

  function choose(option: Participant) {
    onChange([...value, { id: option.id, name: option.name }]);
    setText('');
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault();
      setActive((i) => (i - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault();
      choose(options[Math.min(active, options.length - 1)]);
    } else if (event.key === 'Backspace' && !text && value.length) {
      onChange(value.slice(0, -1));
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="picker">
      {value.length > 0 && (
        <ul className="chips" aria-label="Picked">
          {value.map((p, i) => (
            <li key={p.id ?? `new-${p.name}`}>
              {p.name}
              {!p.id && <span className="badge">new</span>}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${p.name}`}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={value.length ? 'Add someone else' : 'Type a name'}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="options" hidden={!expanded} aria-label="Matching contacts">
        {options.map((option, i) => (
          <li
            key={option.id ?? 'create'}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            {option.create ? <>Add <strong>{option.name}</strong> as a new contact</> : option.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
