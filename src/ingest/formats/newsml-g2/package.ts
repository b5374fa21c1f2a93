import type { NinjsAssociation, NinjsText } from '../../../core/ninjs.js';
import { compact, optionalText } from '../normalize.js';
import { attr, child, elements, textOf, type XmlElement } from '../xml-tree.js';
import { inLanguage } from './concepts.js';
import { readDescriptions, readItemClass } from './meta.js';

function itemRefAssociation(ref: XmlElement, name: string, language: string | undefined): NinjsAssociation {
  const type = readItemClass(ref);
  const headline = optionalText(textOf(inLanguage(elements(ref, 'headline'), language)[0]));
  const title = optionalText(textOf(inLanguage(elements(ref, 'title'), language)[0]));
  const headlines: NinjsText[] = headline || title ? [{ role: 'main', value: (headline ?? title)! }] : [];
  return compact({
    name,
    uri: optionalText(attr(ref, 'residref')) ?? optionalText(attr(ref, 'href')),
    version: optionalText(attr(ref, 'version')),
    type,
    headlines,
    descriptions: readDescriptions(ref, language, type).filter((d) => d.role !== 'creditline'),
  });
}

/**
 * A packageItem's `associations`: its itemRefs in groupSet order, from the root group down
 * through groupRefs, each named `{group id}-{n}` (INGEST-CONTRACT §9).
 */
export function readPackageAssociations(packageItem: XmlElement, language: string | undefined): NinjsAssociation[] {
  const groupSet = child(packageItem, 'groupSet');
  const groups = elements(groupSet, 'group');
  const byId = new Map(groups.flatMap((g) => (attr(g, 'id') ? [[attr(g, 'id')!, g] as const] : [])));
  const associations: NinjsAssociation[] = [];
  const visited = new Set<XmlElement>();
  const visit = (group: XmlElement, index: number) => {
    if (visited.has(group)) return; // a groupRef cycle is not followed twice
    visited.add(group);
    const id = attr(group, 'id') ?? `group${index + 1}`;
    let n = 0;
    for (const el of elements(group, 'itemRef', 'groupRef')) {
      if (el.name === 'itemRef') associations.push(itemRefAssociation(el, `${id}-${++n}`, language));
      else {
        const target = byId.get(attr(el, 'idref') ?? '');
        if (target) visit(target, groups.indexOf(target));
      }
    }
  };
  const root = byId.get(attr(groupSet, 'root') ?? '');
  if (root) visit(root, groups.indexOf(root));
  // Groups the root does not reach still hold members of the package: they follow, in order.
  for (const [i, g] of groups.entries()) visit(g, i);
  return associations.filter((a) => a.uri !== undefined);
}

/** A packageItem with nothing in it: without a guid it is skipped with a warning (§1). */
export const isEmptyPackage = (packageItem: XmlElement) =>
  elements(child(packageItem, 'groupSet'), 'group').every((g) => elements(g, 'itemRef').length === 0);
