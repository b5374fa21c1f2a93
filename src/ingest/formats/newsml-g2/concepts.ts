import type { NinjsConcept } from '../../../core/ninjs.js';
import { conceptOf, optionalText, pickLanguage, uniqueConcepts } from '../normalize.js';
import { attr, elements, textOf, type XmlElement } from '../xml-tree.js';

/** `pickLanguage` for elements by their `xml:lang`, or the one they inherit. */
export const inLanguage = (els: XmlElement[], language: string | undefined, inherited?: string) =>
  pickLanguage(els, language, (el) => attr(el, 'xml:lang') ?? inherited);

/** The `name` of a concept in the item's language, else a name asserted elsewhere in the item. */
export function conceptName(el: XmlElement, language: string | undefined, asserted: Map<string, string>): string | undefined {
  const names = inLanguage(elements(el, 'name'), language);
  const own = optionalText(names.map((n) => textOf(n)).find((n) => optionalText(n)));
  const key = attr(el, 'qcode') ?? attr(el, 'literal') ?? attr(el, 'uri');
  return own ?? (key ? asserted.get(key) : undefined);
}

/** `assert` blocks give names to qcodes used by bare subjects (AP's machine-assigned tags). */
export function assertedNames(item: XmlElement, language: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of elements(item, 'assert')) {
    const key = attr(a, 'qcode') ?? attr(a, 'literal') ?? attr(a, 'uri');
    const name = optionalText(textOf(inLanguage(elements(a, 'name'), language)[0]));
    if (key && name) names.set(key, name);
  }
  return names;
}

/** A concept by QCode, else by `@literal`, which is its name too when it has none (INGEST-CONTRACT §8, literal-only subjects). */
export function conceptFrom(el: XmlElement, language: string | undefined, asserted: Map<string, string>): NinjsConcept | undefined {
  const qcode = attr(el, 'qcode');
  const literal = qcode === undefined ? optionalText(attr(el, 'literal')) : undefined;
  const name = conceptName(el, language, asserted) ?? literal;
  return conceptOf({ literal: qcode ?? literal, uri: attr(el, 'uri'), name });
}

export type ConceptField = 'subjects' | 'people' | 'organisations' | 'places' | 'events' | 'objects';

// A subject's concept type says which ninjs list it belongs to (IPTC cpnat: NewsCodes).
const byType: Record<string, ConceptField> = {
  person: 'people',
  organisation: 'organisations',
  organization: 'organisations',
  geoarea: 'places',
  poi: 'places',
  event: 'events',
  object: 'objects',
};

function fieldOf(subject: XmlElement): ConceptField {
  const type = attr(subject, 'type') ?? '';
  if (!/^cpnat:/i.test(type) && !/cv\.iptc\.org\/newscodes\/cpnature\//.test(type)) return 'subjects';
  return byType[type.replace(/^.*[:/]/, '').toLowerCase()] ?? 'subjects';
}

/** Subjects split into subjects, people, organisations, places, events and objects. */
export function readSubjects(
  subjects: XmlElement[],
  language: string | undefined,
  asserted: Map<string, string>,
): Record<ConceptField, NinjsConcept[]> {
  const out: Record<ConceptField, Array<NinjsConcept | undefined>> = {
    subjects: [],
    people: [],
    organisations: [],
    places: [],
    events: [],
    objects: [],
  };
  for (const s of subjects) out[fieldOf(s)].push(conceptFrom(s, language, asserted));
  return {
    subjects: uniqueConcepts(out.subjects),
    people: uniqueConcepts(out.people),
    organisations: uniqueConcepts(out.organisations),
    places: uniqueConcepts(out.places),
    events: uniqueConcepts(out.events),
    objects: uniqueConcepts(out.objects),
  };
}
