import { LedeError } from '../../../core/errors.js';
import type { NinjsInfoSource, NinjsText, PubStatus } from '../../../core/ninjs.js';
import { isEndOfCopy } from '../corrections.js';
import { compact, joinTexts, optionalText, pickLanguage } from '../normalize.js';
import type { ParseContext } from '../types.js';
import { attr, child, elements, isElement, textOf, type XmlElement } from '../xml-tree.js';
import { conceptName, inLanguage } from './concepts.js';

/** The code of a QCode (`stat:usable` → `usable`) or of a NewsCodes URI (`…/pubstatusg2/usable`). */
export const codeOf = (value: string | undefined) => value?.trim().replace(/^.*[:/]/, '');

const statuses: Record<string, PubStatus> = { usable: 'usable', withheld: 'withheld', canceled: 'canceled' };

/** `itemMeta/pubStatus`: stat:usable, stat:withheld, stat:canceled; none means usable (§5). */
export function readStatus(itemMeta: XmlElement | undefined, context: ParseContext): PubStatus {
  const el = child(itemMeta, 'pubStatus');
  const raw = optionalText(attr(el, 'qcode')) ?? optionalText(attr(el, 'uri'));
  if (raw === undefined) return 'usable';
  const status = /^stat:|\/pubstatusg2\//.test(raw) ? statuses[codeOf(raw) ?? ''] : undefined;
  if (status) return status;
  throw new LedeError(
    'LEDE_INGEST_FIELD',
    `${context.filename}: \`pubStatus\` "${raw}" is not a known status (expected stat:usable, stat:withheld, stat:canceled)`,
    { details: { file: context.filename, field: 'itemMeta/pubStatus', value: raw } },
  );
}

const itemClasses = new Set(['text', 'picture', 'video', 'audio', 'graphic', 'composite']);

/** `itemMeta/itemClass` (ninat: or the older icls:) → ninjs `type`; anything else is left out. */
export function readItemClass(el: XmlElement | undefined): string | undefined {
  const code = codeOf(attr(child(el, 'itemClass'), 'qcode') ?? attr(child(el, 'itemClass'), 'uri'));
  return code && itemClasses.has(code) ? code : undefined;
}

/** rightsInfo: holder (name or @literal), notice and usage terms, each in the item's language. */
export function readRights(item: XmlElement, language: string | undefined) {
  const infos = elements(item, 'rightsInfo');
  const pick = (name: string) => {
    const candidates = infos.flatMap((info) =>
      elements(info, name).map((el) => ({ el, lang: attr(el, 'xml:lang') ?? attr(info, 'xml:lang') })),
    );
    return pickLanguage(candidates, language, (c) => c.lang)[0];
  };
  const holder = pick('copyrightHolder');
  return {
    copyrightholder: holder
      ? (optionalText(textOf(inLanguage(elements(holder.el, 'name'), language, holder.lang)[0])) ??
        optionalText(attr(holder.el, 'literal')))
      : undefined,
    copyrightnotice: optionalText(textOf(pick('copyrightNotice')?.el)),
    usageterms: optionalText(textOf(pick('usageTerms')?.el)),
  };
}

/**
 * Public edNotes, joined with a blank line (§6). A note with a `pubconstraint` is not for the
 * public, and a note made of markup (dpa's "notepad") repeats the others plus non-public contacts.
 * With `sig:correction`, the correction note is the edNote about the correction; else (the caller
 * first looks for a notice in the body) the first public one. An end-of-copy note ("Schluss",
 * a closing line) is never a correction note (§5).
 */
export function readEdNotes(itemMeta: XmlElement | undefined) {
  const notes = elements(itemMeta, 'edNote');
  const plain = notes.filter((n) => !n.children.some(isElement));
  const isPublic = (n: XmlElement) => attr(n, 'pubconstraint') === undefined;
  const isCorrection = elements(itemMeta, 'signal').some(
    (s) => attr(s, 'qcode')?.trim() === 'sig:correction' || /\/newscodes\/signal\/correction$/.test(attr(s, 'uri')?.trim() ?? ''),
  );
  const candidates = plain.filter((n) => !isEndOfCopy(textOf(n)) && !/closing|endline|signoff/i.test(attr(n, 'role') ?? ''));
  return {
    ednote: joinTexts(
      plain.filter(isPublic).map((n) => textOf(n)),
      '\n\n',
    ),
    isCorrection,
    correction: isCorrection
      ? optionalText(textOf(candidates.find((n) => /correction/i.test(attr(n, 'role') ?? '') && isPublic(n))))
      : undefined,
    otherNote: isCorrection ? optionalText(textOf(candidates.find(isPublic) ?? candidates[0])) : undefined,
  };
}

const byRank = (a: XmlElement, b: XmlElement) => Number(attr(a, 'rank') ?? 1e9) - Number(attr(b, 'rank') ?? 1e9) || 0;

// Subheadline roles (§6): IPTC `hld:subHeadline`, and agency ones: `…:subtitle`, `hlrole:sub`, an abstract role.
const subRole = /^(?:subheadline|subhead|subtitle|sub|abstract|underrubrik)$/i;
// Roles of a main headline; any other (a kicker, a short form) is neither main nor sub.
const mainRole = /^(?:main|headline|hl1|title|default)$/i;
const headlineRole = (h: XmlElement) => codeOf(attr(h, 'role') ?? attr(h, 'roleuri')) ?? '';

/** The main headline (lowest rank of those without a role or with a main one), then the subheadlines as `sub` (§6). */
export function readHeadlines(contentMeta: XmlElement | undefined, language: string | undefined): NinjsText[] {
  const all = inLanguage(elements(contentMeta, 'headline'), language);
  const isSub = (h: XmlElement) => subRole.test(headlineRole(h));
  const isMain = (h: XmlElement) => headlineRole(h) === '' || mainRole.test(headlineRole(h));
  const withText = all.filter((h) => !isSub(h) && optionalText(textOf(h)));
  const main = (withText.filter(isMain).length > 0 ? withText.filter(isMain) : withText).sort(byRank)[0];
  const texts: NinjsText[] = [];
  const mainText = optionalText(textOf(main));
  if (mainText) texts.push({ role: 'main', value: mainText });
  for (const h of all.filter(isSub)) {
    const value = optionalText(textOf(h));
    // ANSA sends its headline again as the subheadline: a copy of the main one is no subheadline.
    if (value && value !== mainText && !texts.some((t) => t.value === value)) texts.push({ role: 'sub', value });
  }
  return texts;
}

const descriptionRoles: Record<string, string> = {
  'drol:summary': 'summary',
  'drol:teaser': 'summary',
  'drol:abstract': 'summary',
  'drol:caption': 'caption',
  'descrole:caption': 'caption',
};

/** An agency's description role by its code (`dpadrol:teaser`, `xyz:abstract`): abstracts and teasers are summaries (§6). */
function agencyDescriptionRole(declared: string): string | undefined {
  const code = codeOf(declared) ?? '';
  if (/^(?:summary|teaser|abstract|lead|standfirst|intro)$/.test(code)) return 'summary';
  return code === 'caption' ? 'caption' : undefined;
}

// NewsML-G2 lets a role come as a QCode (`role`) or a URI (`roleuri`); these are the IPTC
// description role URIs, by the scheme alias their QCodes use.
const descriptionRoleUri = /^https?:\/\/cv\.iptc\.org\/newscodes\/(descriptionrole|drol|descrole)\/([^/]+)$/;

/** The role QCode of a description, lower-cased: `role`, else `roleuri` as its QCode, else ''. */
function descriptionRoleOf(d: XmlElement): string {
  const qcode = optionalText(attr(d, 'role'));
  if (qcode) return qcode.toLowerCase();
  const uri = optionalText(attr(d, 'roleuri'));
  if (!uri) return '';
  const m = descriptionRoleUri.exec(uri.toLowerCase());
  // An unknown URI is a declared role all the same: it must not become the default role.
  return m ? `${m[1] === 'descrole' ? 'descrole' : 'drol'}:${m[2]}` : uri.toLowerCase();
}

/** Summaries and captions (§6); a description without role is the caption of a picture, else a summary. */
export function readDescriptions(parent: XmlElement | undefined, language: string | undefined, type: string | undefined): NinjsText[] {
  const texts: NinjsText[] = [];
  const all = elements(parent, 'description');
  // Languages are chosen per role: a caption in two languages must not hide a summary in one.
  const chosen = new Set(
    [...new Set(all.map(descriptionRoleOf))].flatMap((role) =>
      inLanguage(
        all.filter((d) => descriptionRoleOf(d) === role),
        language,
      ),
    ),
  );
  for (const d of all.filter((el) => chosen.has(el))) {
    const declared = descriptionRoleOf(d);
    const role = declared
      ? (descriptionRoles[declared] ?? agencyDescriptionRole(declared))
      : type === 'text' || type === 'composite'
        ? 'summary'
        : 'caption';
    const value = optionalText(textOf(d));
    if (role && value) texts.push({ role, value });
  }
  const credit = optionalText(textOf(inLanguage(elements(parent, 'creditline'), language)[0]));
  if (credit) texts.push({ role: 'creditline', value: credit });
  return texts;
}

/** The agency behind the item: `infoSource`s, then the `provider` (§6). */
export function readInfoSources(itemMeta: XmlElement | undefined, contentMeta: XmlElement | undefined, language: string | undefined) {
  const sources: NinjsInfoSource[] = [];
  const add = (el: XmlElement | undefined, role?: string) => {
    if (!el) return;
    const name = conceptName(el, language, new Map()) ?? optionalText(attr(el, 'literal')) ?? optionalText(codeOf(attr(el, 'qcode')));
    if (name && !sources.some((s) => s.name === name)) sources.push(compact({ name, uri: optionalText(attr(el, 'uri')), role }));
  };
  for (const s of elements(contentMeta, 'infoSource')) add(s, optionalText(codeOf(attr(s, 'role'))));
  add(child(itemMeta, 'provider'));
  return sources;
}

const creatorRoles = /photographer|cameraman|cameraperson|graphicartist|illustrator|producer/i;

/**
 * `by` as delivered (§6). For pictures, graphics and video the creator's name is the credit
 * ("the photographer in by"); for text a creator is a staff code, not a byline.
 */
export function readBy(contentMeta: XmlElement | undefined, language: string | undefined, type: string | undefined) {
  const by = optionalText(textOf(inLanguage(elements(contentMeta, 'by'), language)[0]));
  if (by || type === 'text' || type === 'composite' || type === undefined) return by;
  const creators = elements(contentMeta, 'creator');
  const creator = creators.find((c) => creatorRoles.test(attr(c, 'role') ?? '')) ?? creators[0];
  return creator ? conceptName(creator, language, new Map()) : undefined;
}

/** `located/name`, else `@literal`, else a name asserted for its qcode. */
export function readLocated(contentMeta: XmlElement | undefined, language: string | undefined, asserted: Map<string, string>) {
  const located = child(contentMeta, 'located');
  return located ? (conceptName(located, language, asserted) ?? optionalText(attr(located, 'literal'))) : undefined;
}
