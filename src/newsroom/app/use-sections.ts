import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from './context';

export interface SectionChoice {
  slug: string;
  name: string;
}

/** The site's sections (`GET sections`, in navigation order) for the section pickers. */
export function useSections(): SectionChoice[] {
  const { api } = useNewsroom();
  const [sections, setSections] = useState<SectionChoice[]>([]);
  useEffect(() => {
    api
      .get<unknown>('sections')
      .then((data) => setSections(sectionsOf(data)))
      .catch(() => setSections([]));
  }, [api]);
  return sections;
}

function sectionsOf(data: unknown): SectionChoice[] {
  const record = (data ?? {}) as Record<string, unknown>;
  const value = Array.isArray(data) ? data : (record['items'] ?? record['value'] ?? record['sections'] ?? []);
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [{ slug: entry, name: entry }];
    const section = entry as { slug?: string; name?: string; title?: string };
    return section.slug ? [{ slug: section.slug, name: section.name ?? section.title ?? section.slug }] : [];
  });
}
