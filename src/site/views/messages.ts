import { primaryLanguage } from '../../core/story.js';

/**
 * The words of the page chrome in each of the site's languages. A label inside an article
 * ("Photo:" by its caption) follows the article's language when it is here; the rest follow
 * the site's. Add a language by adding its column: a missing word is a type error.
 */
const catalogue = {
  en: {
    photo: 'Photo:',
    source: 'Source:',
    published: 'Published',
    updated: 'Updated',
    by: 'By',
    correction: 'Correction',
    corrections: 'Corrections',
    author: 'Author',
    authors: 'Authors',
    topics: 'Topics',
    share: 'Share this story',
    shareByEmail: 'E-mail',
    moreFrom: (section: string) => `More from ${section}`,
    readAlso: 'Read also',
    related: 'Related stories',
  },
  fr: {
    photo: 'Photo :',
    source: 'Source :',
    published: 'Publié le',
    updated: 'Mis à jour le',
    by: 'Par',
    correction: 'Rectificatif',
    corrections: 'Rectificatifs',
    author: 'Auteur',
    authors: 'Auteurs',
    topics: 'Sujets',
    share: 'Partager cet article',
    shareByEmail: 'E-mail',
    moreFrom: (section: string) => `Plus de ${section}`,
    readAlso: 'À lire aussi',
    related: 'Sur le même sujet',
  },
  ar: {
    photo: 'صورة:',
    source: 'المصدر:',
    published: 'نُشر',
    updated: 'حُدّث',
    by: 'بقلم',
    correction: 'تصحيح',
    corrections: 'تصحيحات',
    author: 'الكاتب',
    authors: 'الكتّاب',
    topics: 'مواضيع',
    share: 'شارك هذا الخبر',
    shareByEmail: 'البريد الإلكتروني',
    moreFrom: (section: string) => `المزيد من ${section}`,
    readAlso: 'اقرأ أيضاً',
    related: 'أخبار ذات صلة',
  },
  nb: {
    photo: 'Foto:',
    source: 'Kilde:',
    published: 'Publisert',
    updated: 'Oppdatert',
    by: 'Av',
    correction: 'Rettelse',
    corrections: 'Rettelser',
    author: 'Forfatter',
    authors: 'Forfattere',
    topics: 'Emner',
    share: 'Del saken',
    shareByEmail: 'E-post',
    moreFrom: (section: string) => `Mer fra ${section}`,
    readAlso: 'Les også',
    related: 'Relaterte saker',
  },
} as const;

export type Messages = (typeof catalogue)['en'];
export const catalogueLanguages = Object.keys(catalogue);

const aliases: Record<string, keyof typeof catalogue> = { no: 'nb', nn: 'nb' };

/** Whether the catalogue has `language` (else callers fall back to the site's, marked with its `lang`). */
export function hasMessages(language: string): boolean {
  const primary = primaryLanguage(language);
  return primary in catalogue || primary in aliases;
}

/** The chrome's words in `language`, or in English when the catalogue lacks it. */
export function messagesFor(language: string): Messages {
  const primary = primaryLanguage(language);
  const key = (aliases[primary] ?? primary) as keyof typeof catalogue;
  return (catalogue[key] ?? catalogue.en) as Messages;
}
