import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from './context';
import { pageOf } from './format';

/** One entry of a picker: what is stored (`slug`) and what is shown (`name`). */
export interface Choice {
  slug: string;
  name: string;
  detail?: string;
}

/** The entries of a lookup of the admin API (`sections`, `authors`), read once per screen. */
export function useLookup(path: 'sections' | 'authors'): Choice[] {
  const { api } = useNewsroom();
  const [choices, setChoices] = useState<Choice[]>([]);
  useEffect(() => {
    api
      .get<unknown>(path)
      .then((data) =>
        setChoices(
          pageOf<{ slug: string; name: string; role?: string | null }>(data, 'items').items.map((entry) => ({
            slug: entry.slug,
            name: entry.name,
            ...(entry.role ? { detail: entry.role } : {}),
          })),
        ),
      )
      .catch(() => setChoices([]));
  }, [api, path]);
  return choices;
}

/** Entries whose name or slug contains what was typed (any case), chosen ones left out. */
export function matchingChoices(choices: Choice[], typed: string, chosen: string[] = [], limit = 8): Choice[] {
  const needle = typed.trim().toLocaleLowerCase();
  return choices
    .filter((c) => !chosen.includes(c.slug))
    .filter((c) => !needle || c.name.toLocaleLowerCase().includes(needle) || c.slug.includes(needle))
    .slice(0, limit);
}

/** The entry the text names exactly (its slug or its name, any case). */
export function exactChoice(choices: Choice[], typed: string): Choice | undefined {
  const text = typed.trim().toLocaleLowerCase();
  return text ? choices.find((c) => c.slug === text || c.name.toLocaleLowerCase() === text) : undefined;
}
