import { FieldError, type FormState } from './form-state';

export interface LinkDoc {
  label: string;
  href: string;
}

interface Props {
  legend: string;
  links: LinkDoc[];
  form: FormState;
  /** How the server names the list's fields: `` for a setting (`0.href`), `links.` for an author (`links.0.href`). */
  fieldPrefix: string;
  onChange(links: LinkDoc[]): void;
}

/** An ordered list of labelled links (the site's social links, an author's links): add, edit, move, remove. */
export function LinksEditor({ legend, links, form, fieldPrefix, onChange }: Props) {
  const set = (index: number, change: Partial<LinkDoc>) => onChange(links.map((link, i) => (i === index ? { ...link, ...change } : link)));
  const move = (index: number, by: number) => {
    const next = [...links];
    const [link] = next.splice(index, 1);
    next.splice(index + by, 0, link!);
    onChange(next);
  };
  return (
    <fieldset class="rows">
      <legend>{legend}</legend>
      {links.map((link, index) => {
        const field = (name: string) => `${fieldPrefix}${index}.${name}`;
        return (
          <div class="row" key={index}>
            <label>
              Label
              <input value={link.label} onInput={(e) => set(index, { label: e.currentTarget.value })} {...form.invalid(field('label'))} />
              <FieldError form={form} field={field('label')} />
            </label>
            <label>
              Link
              <input value={link.href} onInput={(e) => set(index, { href: e.currentTarget.value })} {...form.invalid(field('href'))} />
              <FieldError form={form} field={field('href')} />
            </label>
            <span class="row-actions">
              <button type="button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move ${link.label || 'link'} up`}>
                ↑
              </button>
              <button type="button" class="link danger" onClick={() => onChange(links.filter((_, i) => i !== index))}>
                Remove
              </button>
            </span>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...links, { label: '', href: '' }])}>
        Add a link
      </button>
    </fieldset>
  );
}
