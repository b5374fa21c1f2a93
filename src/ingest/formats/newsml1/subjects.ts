import type { NinjsConcept } from '../../../core/ninjs.js';
import { conceptOf, optionalText, pickLanguage, uniqueConcepts } from '../normalize.js';
import { attr, child, elements, textOf, type XmlElement } from '../xml-tree.js';

// NewsML 1.2 TopicType FormalNames (IptcTopicType) of the three levels of IPTC subject codes.
const subjectTopicTypes = new Set(['subject', 'subjectmatter', 'subjectdetail']);

/** An IPTC subject code as `subj:CODE`; another scheme's code keeps its scheme (INGEST-CONTRACT §8). */
function literalOf(code: string, scheme: string | undefined): string {
  return /^\d{8}$/.test(code) && (!scheme || /iptc/i.test(scheme)) ? `subj:${code}` : scheme ? `${scheme}:${code}` : code;
}

/**
 * A Topic's name: its `Description`s of Variant "Name" (or of no Variant) in the item's language.
 * Other variants are not names: ANA's "Category" Description holds a desk code such as "ANE".
 */
function topicName(topic: XmlElement, language: string | undefined): string | undefined {
  const names = elements(topic, 'Description').filter((d) => (attr(d, 'Variant') ?? 'name').trim().toLowerCase() === 'name');
  const picked = pickLanguage(names, language, (d) => attr(d, 'xml:lang'));
  return optionalText(picked.map((d) => textOf(d)).find((text) => optionalText(text)));
}

/** The Topics of TopicSets that are subjects: their TopicType is a subject level, or their code is an IPTC subject code. */
function subjectTopics(topicSets: XmlElement[], language: string | undefined) {
  return topicSets
    .flatMap((set) => elements(set, 'Topic'))
    .flatMap((topic) => {
      const formalName = child(topic, 'FormalName');
      const code = optionalText(textOf(formalName));
      const scheme = optionalText(attr(formalName, 'Scheme'));
      const type = optionalText(attr(child(topic, 'TopicType'), 'FormalName'))?.toLowerCase();
      const isSubject = (type !== undefined && subjectTopicTypes.has(type)) || /iptcsubjectcode/i.test(scheme ?? '');
      return code && isSubject ? [{ literal: literalOf(code, scheme), name: topicName(topic, language) }] : [];
    });
}

/**
 * Subjects of a NewsItem: each `SubjectCode/*` FormalName is an IPTC subject code (§8), named by the
 * Topic of the same code when a TopicSet describes it (ANA); subject Topics not in a SubjectCode follow.
 */
export function readSubjects(input: { descriptive: XmlElement[]; topicSets: XmlElement[]; language: string | undefined }): NinjsConcept[] {
  const topics = subjectTopics(input.topicSets, input.language);
  const names = new Map(topics.flatMap((t) => (t.name ? [[t.literal, t.name] as const] : [])));
  const coded = input.descriptive
    .flatMap((d) => elements(d, 'SubjectCode'))
    .flatMap((code) => elements(code))
    .flatMap((s) => {
      const code = optionalText(attr(s, 'FormalName'));
      return code ? [`subj:${code}`] : [];
    })
    .map((literal) => conceptOf({ literal, name: names.get(literal) }));
  return uniqueConcepts([...coded, ...topics.map((t) => conceptOf(t))]);
}
