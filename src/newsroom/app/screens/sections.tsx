import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { pageOf } from '../format';
import { StatusMessages } from '../status-messages';

interface SectionDoc {
  slug: string;
  name: string;
}

/**
 * Admins: the sections in navigation order, renamed, moved and added, saved as one list (`PUT sections`);
 * a section no story is filed under can be deleted (the server refuses one in use, saying how many).
 */
export function Sections() {
  const { api } = useNewsroom();
  const [sections, setSections] = useState<SectionDoc[]>([]);
  const [added, setAdded] = useState<SectionDoc>({ slug: '', name: '' });
  const form = useFormState();

  useEffect(() => {
    void form.submit(async () => setSections(pageOf<SectionDoc>(await api.get('sections'), 'sections').items));
  }, []);

  const move = (index: number, by: number) => {
    const next = [...sections];
    const [section] = next.splice(index, 1);
    next.splice(index + by, 0, section!);
    setSections(next);
  };
  const save = (list: SectionDoc[]) =>
    form.submit(async () => {
      const saved = await api.request<{ items: SectionDoc[] }>('PUT', 'sections', { body: list.map(({ slug, name }) => ({ slug, name })) });
      setSections(saved.items);
      setAdded({ slug: '', name: '' });
    }, 'Sections saved.');
  const remove = (section: SectionDoc) => {
    if (!confirm(`Delete the section ${section.name} (/${section.slug}/)? It leaves the site's navigation.`)) return;
    void form.submit(async () => {
      await api.request('DELETE', `sections/${encodeURIComponent(section.slug)}`);
      setSections((current) => current.filter((s) => s.slug !== section.slug));
    }, `${section.name} deleted.`);
  };

  return (
    <section class="stack wide">
      <h1>Sections</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(sections);
        }}
      >
        <ol class="ordered">
          {sections.map((section, index) => (
            <li key={section.slug}>
              <label>
                Name of {section.slug}
                <input
                  value={section.name}
                  onInput={(e) => setSections(sections.map((s, i) => (i === index ? { ...s, name: e.currentTarget.value } : s)))}
                  {...form.invalid(`${index}.name`)}
                />
                <FieldError form={form} field={`${index}.name`} />
              </label>
              <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                Move {section.name} up
              </button>
              <button type="button" disabled={index === sections.length - 1} onClick={() => move(index, 1)}>
                Move {section.name} down
              </button>
              <button type="button" class="danger" disabled={form.isBusy} onClick={() => remove(section)}>
                Delete {section.name}
              </button>
            </li>
          ))}
        </ol>
        <FieldError form={form} field="sections" />
        <button type="submit" class="primary" disabled={form.isBusy}>
          Save order and names
        </button>
      </form>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          void save([...sections, added]);
        }}
      >
        <h2>Add a section</h2>
        <label>
          Slug (in its address: /{added.slug || 'slug'}/)
          <input
            value={added.slug}
            onInput={(e) => setAdded({ ...added, slug: e.currentTarget.value })}
            {...form.invalid(`${sections.length}.slug`)}
          />
          <FieldError form={form} field={`${sections.length}.slug`} />
        </label>
        <label>
          Name
          <input
            value={added.name}
            onInput={(e) => setAdded({ ...added, name: e.currentTarget.value })}
            {...form.invalid(`${sections.length}.name`)}
          />
          <FieldError form={form} field={`${sections.length}.name`} />
        </label>
        <button type="submit">Add section</button>
      </form>
      <StatusMessages error={form.error} notice={form.notice} />
    </section>
  );
}
