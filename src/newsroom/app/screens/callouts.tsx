import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { FieldError, type FormState, useFormState } from '../form-state';
import { StatusMessages } from '../status-messages';
import { type Choice, useLookup } from '../use-lookup';

interface CalloutDoc {
  text: string;
  href: string;
  afterParagraph: number;
  every?: number;
  language?: string;
  sections?: string[];
  enabled?: boolean;
}

const blank: CalloutDoc = { text: '', href: '', afterParagraph: 3, enabled: true };

/** Admins: the `callouts` setting, saved as one list (the server names the refused field: `0.href`). */
export function Callouts() {
  const { api } = useNewsroom();
  const sections = useLookup('sections');
  const [callouts, setCallouts] = useState<CalloutDoc[] | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const form = useFormState();

  useEffect(() => {
    api
      .get<{ value: CalloutDoc[] }>('settings/callouts')
      .then((setting) => setCallouts(setting.value))
      .catch((failure) => setLoadError(describeError(failure)));
  }, []);
  if (!callouts) return <StatusMessages error={loadError} notice={loadError ? '' : 'Loading…'} />;

  const set = (index: number, change: Partial<CalloutDoc>) => setCallouts(callouts.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <section class="stack wide">
      <h1>Call-outs</h1>
      <p class="hint">Notes placed between an article’s paragraphs, such as “Join our Telegram channel”.</p>
      <form
        class="stack wide"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(() => api.request('PUT', 'settings/callouts', { body: callouts }), 'Call-outs saved.');
        }}
      >
        {callouts.map((callout, index) => (
          <CalloutFields
            key={index}
            index={index}
            callout={callout}
            sections={sections}
            form={form}
            onChange={(change) => set(index, change)}
            onRemove={() => setCallouts(callouts.filter((_, i) => i !== index))}
          />
        ))}
        <p>
          <button type="button" onClick={() => setCallouts([...callouts, { ...blank }])}>
            Add a call-out
          </button>
        </p>
        <StatusMessages error={form.error} notice={form.notice} />
        <button type="submit" class="primary" disabled={form.isBusy}>
          Save call-outs
        </button>
      </form>
    </section>
  );
}

interface FieldsProps {
  index: number;
  callout: CalloutDoc;
  sections: Choice[];
  form: FormState;
  onChange(change: Partial<CalloutDoc>): void;
  onRemove(): void;
}

function CalloutFields({ index, callout, sections, form, onChange, onRemove }: FieldsProps) {
  const field = (name: string) => `${index}.${name}`;
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const chosen = callout.sections ?? [];
  return (
    <fieldset class="fields callout">
      <legend>Call-out {index + 1}</legend>
      <label>
        Text
        <input value={callout.text} onInput={(e) => onChange({ text: e.currentTarget.value })} {...form.invalid(field('text'))} />
        <FieldError form={form} field={field('text')} />
      </label>
      <label>
        Link
        <input value={callout.href} onInput={(e) => onChange({ href: e.currentTarget.value })} {...form.invalid(field('href'))} />
        <FieldError form={form} field={field('href')} />
      </label>
      <div class="row">
        <label>
          After paragraph
          <input
            type="number"
            min={1}
            value={callout.afterParagraph}
            onInput={(e) => onChange({ afterParagraph: number(e.currentTarget.value) ?? 0 })}
            {...form.invalid(field('afterParagraph'))}
          />
          <FieldError form={form} field={field('afterParagraph')} />
        </label>
        <label>
          Then every (paragraphs)
          <input
            type="number"
            min={1}
            value={callout.every ?? ''}
            onInput={(e) => onChange({ every: number(e.currentTarget.value) })}
            {...form.invalid(field('every'))}
          />
          <FieldError form={form} field={field('every')} />
        </label>
        <label>
          Language (empty: the site’s)
          <input
            value={callout.language ?? ''}
            onInput={(e) => onChange({ language: e.currentTarget.value.trim() || undefined })}
            {...form.invalid(field('language'))}
          />
          <FieldError form={form} field={field('language')} />
        </label>
      </div>
      <fieldset class="choices">
        <legend>Only in sections (none: all)</legend>
        {sections.map((section) => (
          <label key={section.slug} class="choice">
            <input
              type="checkbox"
              checked={chosen.includes(section.slug)}
              onChange={(e) => {
                const next = e.currentTarget.checked ? [...chosen, section.slug] : chosen.filter((s) => s !== section.slug);
                onChange({ sections: next.length > 0 ? next : undefined });
              }}
            />{' '}
            {section.name}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <label class="choice">
          <input type="checkbox" checked={callout.enabled !== false} onChange={(e) => onChange({ enabled: e.currentTarget.checked })} />{' '}
          Shown on the site
        </label>
        <button type="button" class="link danger" onClick={onRemove}>
          Remove call-out {index + 1}
        </button>
      </div>
    </fieldset>
  );
}
