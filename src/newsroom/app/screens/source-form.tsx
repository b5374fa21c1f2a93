import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api';
import { useNewsroom } from '../context';
import { StatusMessages } from '../status-messages';

export interface SourceDoc {
  slug: string;
  name: string;
  publish_rule: 'auto' | 'hold';
  usage_notice: string | null;
  photo_credit: string | null;
  rights: Record<string, boolean>;
  rules: {
    timezone?: string;
    watchDir?: string;
    feedUrl?: string;
    feedIntervalSeconds?: number;
    idleMinutes?: number;
    byline?: string;
    sections?: Record<string, string>;
  };
  push: { has_token: boolean; has_hmac_secret: boolean };
  health: { lastItemAt?: string; isSilent: boolean } | null;
}

/** The text fields of `PUT ingest/sources/{slug}`, with their labels; an empty one clears the setting. */
const textFields = [
  ['name', 'Name'],
  ['timezone', 'Time zone (IANA, e.g. Europe/Paris)'],
  ['watchDir', 'Watch folder (absolute path)'],
  ['feedUrl', 'Feed URL'],
  ['feedIntervalSeconds', 'Feed poll every (seconds)'],
  ['idleMinutes', 'Alert when silent for (minutes)'],
  ['sections', 'Section map (CODE=section,…)'],
  ['byline', 'Default byline'],
  ['credit', 'Photo credit'],
  ['usageTerms', 'Usage notice'],
] as const;

function valuesOf(s: SourceDoc): Record<string, string> {
  const r = s.rules;
  return {
    name: s.name,
    timezone: r.timezone ?? '',
    watchDir: r.watchDir ?? '',
    feedUrl: r.feedUrl ?? '',
    feedIntervalSeconds: r.feedIntervalSeconds ? String(r.feedIntervalSeconds) : '',
    idleMinutes: r.idleMinutes ? String(r.idleMinutes) : '',
    sections: Object.entries(r.sections ?? {})
      .map(([code, section]) => `${code}=${section}`)
      .join(','),
    byline: r.byline ?? '',
    credit: s.photo_credit ?? '',
    usageTerms: s.usage_notice ?? '',
  };
}

/** One source's settings; only what changed is sent, and push secrets only when typed (never shown). */
export function SourceForm({ source, onSaved, onCancel }: { source: SourceDoc; onSaved: (s: SourceDoc) => void; onCancel: () => void }) {
  const { api } = useNewsroom();
  const initial = valuesOf(source);
  const [values, setValues] = useState(initial);
  const [rule, setRule] = useState(source.publish_rule);
  const [rights, setRights] = useState(source.rights);
  const [secrets, setSecrets] = useState({ pushToken: '', pushHmacSecret: '' });
  const [error, setError] = useState<{ field?: string; message: string } | undefined>(undefined);

  async function save(event: Event) {
    event.preventDefault();
    const body: Record<string, unknown> = Object.fromEntries(Object.entries(values).filter(([field, v]) => v !== initial[field]));
    if (rule !== source.publish_rule) body.rule = rule;
    const names = Object.keys(rights);
    if (names.some((name) => rights[name] !== source.rights[name])) {
      body.allow = names.filter((name) => rights[name]);
      body.deny = names.filter((name) => !rights[name]);
    }
    for (const [field, value] of Object.entries(secrets)) if (value.trim()) body[field] = value.trim();
    try {
      onSaved(await api.request<SourceDoc>('PUT', `ingest/sources/${encodeURIComponent(source.slug)}`, { body }));
    } catch (failure) {
      setError({ field: failure instanceof ApiError ? failure.field : undefined, message: describeError(failure) });
    }
  }

  return (
    <form class="source-form" onSubmit={save}>
      <h2>Edit {source.name}</h2>
      <StatusMessages error={error?.message} />
      <label>
        Rule
        <select name="rule" value={rule} onChange={(e) => setRule(e.currentTarget.value as SourceDoc['publish_rule'])}>
          <option value="auto">publish on receipt</option>
          <option value="hold">hold for the wire queue</option>
        </select>
      </label>
      {textFields.map(([field, label]) => (
        <label key={field}>
          {label}
          <input
            name={field}
            aria-invalid={error?.field === field ? 'true' : undefined}
            value={values[field]}
            onInput={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
          />
        </label>
      ))}
      <fieldset>
        <legend>Rights (what the licence allows)</legend>
        {Object.entries(rights).map(([name, allowed]) => (
          <label key={name}>
            <input
              type="checkbox"
              name={`right-${name}`}
              checked={allowed}
              onChange={(e) => setRights({ ...rights, [name]: e.currentTarget.checked })}
            />{' '}
            {name}
          </label>
        ))}
      </fieldset>
      <label>
        Push token {source.push.has_token ? '(set; type a new one to replace it)' : '(none)'}
        <input
          name="pushToken"
          type="password"
          autoComplete="off"
          value={secrets.pushToken}
          onInput={(e) => setSecrets({ ...secrets, pushToken: e.currentTarget.value })}
        />
      </label>
      <label>
        Push HMAC secret {source.push.has_hmac_secret ? '(set; type a new one to replace it)' : '(none)'}
        <input
          name="pushHmacSecret"
          type="password"
          autoComplete="off"
          value={secrets.pushHmacSecret}
          onInput={(e) => setSecrets({ ...secrets, pushHmacSecret: e.currentTarget.value })}
        />
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          Save {source.name}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
