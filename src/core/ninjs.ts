/**
 * The normalised item of INGEST-CONTRACT.md: IPTC ninjs 2.x (lower-case names) plus
 * Lede's two extensions, `dateline` and `keywords`. Every parser produces this shape.
 */
export type PubStatus = 'usable' | 'withheld' | 'canceled';

export interface NinjsText {
  role?: string;
  contenttype?: string;
  value: string;
}

export interface NinjsConcept {
  uri?: string;
  literal?: string;
  name?: string;
  rel?: string;
}

export interface NinjsRendition {
  name?: string;
  href?: string;
  contenttype?: string;
  width?: number;
  height?: number;
  sizeinbytes?: number;
}

export interface NinjsInfoSource {
  name?: string;
  uri?: string;
  role?: string;
}

/** ninjs 2.x `altids`: other ids of the item, by role (WordPress: `permalink`, the post's old address). */
export interface NinjsAltId {
  role: string;
  value: string;
}

export interface Ninjs {
  uri: string;
  altids?: NinjsAltId[];
  version?: string;
  type?: string;
  pubstatus: PubStatus;
  urgency?: number;
  language?: string;
  firstcreated?: string;
  versioncreated?: string;
  contentcreated?: string;
  embargoed?: string;
  expires?: string;
  headlines?: NinjsText[];
  by?: string;
  slugline?: string;
  located?: string;
  dateline?: string;
  ednote?: string;
  copyrightholder?: string;
  copyrightnotice?: string;
  usageterms?: string;
  infosources?: NinjsInfoSource[];
  descriptions?: NinjsText[];
  subjects?: NinjsConcept[];
  genres?: NinjsConcept[];
  places?: NinjsConcept[];
  people?: NinjsConcept[];
  organisations?: NinjsConcept[];
  events?: NinjsConcept[];
  objects?: NinjsConcept[];
  keywords?: string[];
  bodies?: NinjsText[];
  renditions?: NinjsRendition[];
  associations?: NinjsAssociation[];
}

export interface NinjsAssociation extends Partial<Omit<Ninjs, 'uri' | 'pubstatus'>> {
  name: string;
  uri?: string;
  pubstatus?: PubStatus;
}

export function mainHeadline(item: Pick<Ninjs, 'headlines'>): string | undefined {
  return (item.headlines?.find((h) => h.role === 'main') ?? item.headlines?.[0])?.value;
}

export function textsByRole(texts: NinjsText[] | undefined, role: string): string[] {
  return (texts ?? []).filter((t) => t.role === role).map((t) => t.value);
}

export function mainBodyHtml(item: Pick<Ninjs, 'bodies'>): string | undefined {
  const bodies = item.bodies ?? [];
  const html = bodies.find((b) => b.role === 'main' && b.contenttype === 'text/html') ?? bodies.find((b) => b.contenttype === 'text/html');
  return html?.value;
}

export function featuredPicture(item: Pick<Ninjs, 'associations'>): NinjsAssociation | undefined {
  const pictures = (item.associations ?? []).filter((a) => a.type === 'picture');
  return pictures.find((a) => a.name === 'featuremedia') ?? pictures[0];
}
