/**
 * One byline rule for every story. A wire byline such as "By Rizky Pratama, ANS" names people
 * and, after them, the agency: the people are the byline, the agency is the story's source
 * (shown on its own "Source:" line and named as an Organization in structured data).
 */
export interface Byline {
  people: string[];
  /** The agency or organisation named in the byline, when there is one. */
  organisation?: string;
}

/** An agency code or name: upper-case letters (AFP, ANS, dpa in its own case), or one the source is known by. */
const looksLikeAgency = (part: string, knownNames: string[]) =>
  knownNames.some((n) => n.toLowerCase() === part.toLowerCase()) || /^[A-Z][A-Z.&-]{1,7}$/.test(part) || /^dpa$/i.test(part);

export function parseByline(byline: string | undefined, knownAgencyNames: string[] = []): Byline {
  const text = (byline ?? '')
    .replace(/^\s*by\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return { people: [] };
  const parts = text.split(/\s*(?:,|;|\/|\||\s-\s|\s–\s)\s*/).filter(Boolean);
  let organisation: string | undefined;
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last && looksLikeAgency(last, knownAgencyNames)) {
    organisation = last;
    parts.pop();
  }
  const people = parts
    .flatMap((part) => part.split(/\s+(?:and|&|und|et|og|y|e)\s+/i))
    .filter((p) => p && !looksLikeAgency(p, knownAgencyNames));
  return { people, organisation };
}
