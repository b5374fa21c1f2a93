import { useState } from 'preact/hooks';
import { type Choice, exactChoice, matchingChoices } from './use-lookup';

interface PickerProps {
  /** The id the field's label points at (the text box). */
  id: string;
  name?: string;
  choices: Choice[];
  /** Chosen slugs: one for a single picker. */
  value: string[];
  isMultiple?: boolean;
  onChange(slugs: string[]): void;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

/**
 * Search-as-you-type over a lookup (ARIA combobox): typing lists the matching entries, a click or
 * Enter chooses one. Only listed entries can be chosen; a single picker also takes text that names
 * an entry exactly. A multiple picker shows its choices as removable chips, in order.
 */
export function Picker({ id, choices, value, isMultiple = false, onChange, ...aria }: PickerProps) {
  const nameOf = (slug: string) => choices.find((c) => c.slug === slug)?.name ?? slug;
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const [active, setActive] = useState(0);
  const [isOpen, setIsOpen] = useState(false);
  const text = typed ?? (isMultiple ? '' : value[0] ? nameOf(value[0]) : '');
  const options = matchingChoices(choices, typed ?? '', isMultiple ? value : []);
  const listId = `${id}-options`;

  function choose(choice: Choice) {
    onChange(isMultiple ? [...value, choice.slug] : [choice.slug]);
    setTyped(undefined);
    setIsOpen(false);
    setActive(0);
  }

  function onInput(next: string) {
    setTyped(next);
    setIsOpen(true);
    setActive(0);
    if (!isMultiple) {
      const exact = exactChoice(choices, next);
      onChange(exact ? [exact.slug] : []);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIsOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter' && isOpen && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setIsOpen(false);
    } else if (event.key === 'Backspace' && isMultiple && !text && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div class="picker">
      {isMultiple && value.length > 0 && (
        <ul class="chips" aria-label="Chosen">
          {value.map((slug) => (
            <li key={slug}>
              {nameOf(slug)}
              <button
                type="button"
                class="link"
                aria-label={`Remove ${nameOf(slug)}`}
                onClick={() => onChange(value.filter((s) => s !== slug))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        {...aria}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={isOpen && options[active] ? `${listId}-${active}` : undefined}
        placeholder={isMultiple ? 'Type to search, Enter to add' : 'Type to search'}
        value={text}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setIsOpen(true)}
        // Later than a click on an option, which chooses first.
        onBlur={() => setTimeout(() => setIsOpen(false), 150)}
      />
      {isOpen && options.length > 0 && (
        <div id={listId} role="listbox" class="options">
          {options.map((choice, i) => (
            <div
              key={choice.slug}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
            >
              {choice.name} <span class="muted">{choice.detail ?? choice.slug}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
