import type { Author, Callout, Source, Story } from '../../core/story.js';
import { textDirection } from '../../core/story.js';
import { excerpt, htmlToText } from '../../core/text.js';
import { absoluteUrl, articlePath, mediaPath, sectionPath } from '../../core/urls.js';
import {
  authorsBlock,
  bylineLine,
  correctionsBlock,
  heroAlt,
  heroFigure,
  moreFromSection,
  rightsFooter,
  shareLinks,
  sourceLine,
  tagsBlock,
  timesLine,
} from './article-parts.js';
import { pickCallouts } from './callouts.js';
import { langAttr } from './format.js';
import { forYouSlot } from './fragment.js';
import { html, type SafeHtml, withLeadIn } from './html.js';
import { insertInlineBlocks } from './inline-blocks.js';
import { breadcrumbJsonLd, jsonLdScript, newsArticleJsonLd } from './json-ld.js';
import { renderLayout, siteCardImage } from './layout.js';
import { hasMessages, messagesFor } from './messages.js';
import { type ReadAlsoData, readAlsoAsides, relatedList } from './read-also.js';
import { sectionName, type ViewContext } from './view-context.js';

export interface ArticleData {
  story: Story;
  authors: Author[];
  source?: Source;
  callouts: Callout[];
  /** A newsroom preview: never indexed. */
  isPreview?: boolean;
  /** The section's latest other stories ("More from World"). */
  moreFromSection?: Story[];
  /** "Read also": the related stories and where the setting puts them. */
  readAlso?: ReadAlsoData;
}

function articleHead(view: ViewContext, data: ArticleData, canonicalUrl: string, section: string | undefined): SafeHtml {
  const { story } = data;
  const jsonLd = newsArticleJsonLd({
    story,
    authors: data.authors,
    source: data.source,
    sectionName: section,
    canonicalUrl,
    publicUrl: view.publicUrl,
    publisher: { name: view.site.name, logoUrl: absoluteUrl(view.publicUrl, view.assets.logo) },
    photoCredit: data.source?.photoCredit,
    fallbackImage: (({ path, width, height }) => ({ url: absoluteUrl(view.publicUrl, path), width, height }))(siteCardImage(view)),
  });
  const breadcrumb = breadcrumbJsonLd(view.publicUrl, [
    { name: view.site.name, path: '/' },
    ...(section && story.section ? [{ name: section, path: sectionPath(story.section) }] : []),
    { name: story.headline, path: articlePath(story) },
  ]);
  return html`<meta property="article:published_time" content="${story.publishedAt ?? story.firstcreated}">
<meta property="article:modified_time" content="${story.versioncreated}">
${section ? html`<meta property="article:section" content="${section}">\n` : ''}${story.tags.map((t) => html`<meta property="article:tag" content="${t}">\n`)}${jsonLdScript(jsonLd)}
${jsonLdScript(breadcrumb)}`;
}

export function renderArticle(view: ViewContext, data: ArticleData): SafeHtml {
  const { story, source } = data;
  const lang = langAttr(story.language, view.site.language);
  const dir = textDirection(lang);
  const path = articlePath(story);
  const section = sectionName(view, story.section);
  const plainBody = htmlToText(story.bodyHtml);
  // The meta line speaks the site's language (its dates do); labels inside the story its own when the catalogue has it.
  const chrome = messagesFor(view.site.language);
  const siteLangAttrs = lang === view.site.language ? '' : html` lang="${view.site.language}" dir="${textDirection(view.site.language)}"`;
  const own = hasMessages(lang) ? messagesFor(lang) : chrome;
  const blocks = insertInlineBlocks(story.bodyHtml, {
    callouts: pickCallouts(story, data.callouts, view.site.language),
    language: lang,
    readAlso: data.readAlso && {
      afterParagraphs: data.readAlso.setting.afterParagraphs,
      asides: readAlsoAsides(view, data.readAlso, lang),
    },
  });
  // The dateline leads into the first paragraph ("GENEVA (MPA) – Talks…"), its dangling dash dropped.
  const dateline = story.dateline?.trim().replace(/\s*[-–—]+\s*$/, '');
  const body = dateline && !plainBody.startsWith(dateline) ? withLeadIn(blocks, html`<span class="dateline">${dateline}</span> –`) : blocks;
  const main = html`<article class="article" lang="${lang}" dir="${dir}" data-story-id="${story.id}">
<header>
${section && story.section ? html`<p class="breadcrumb"${siteLangAttrs}><a href="${sectionPath(story.section)}">${section}</a></p>` : ''}
<h1>${story.headline}</h1>
${story.subheadline ? html`<p class="subheadline">${story.subheadline}</p>` : ''}
${story.standfirst ? html`<p class="standfirst">${story.standfirst}</p>` : ''}
<div class="meta"${siteLangAttrs}>
${bylineLine(story, data.authors, source, own)}
${timesLine(view, story, chrome)}
${sourceLine(story, source, chrome)}
</div>
</header>
${heroFigure(story, source, own)}
<div class="body">
${body}
</div>
${correctionsBlock(view, story, own)}
${shareLinks(story, absoluteUrl(view.publicUrl, path), own)}
${authorsBlock(view, data.authors, own)}
${tagsBlock(story, own)}
${rightsFooter(story, source, view.site.language)}
</article>
${data.readAlso ? relatedList(view, data.readAlso) : ''}
${moreFromSection(view, section, data.moreFromSection ?? [], chrome)}
${forYouSlot()}`;
  const canonicalUrl = absoluteUrl(view.publicUrl, path);
  return renderLayout(
    // The breaking strip never lists the story being read.
    { ...view, breaking: view.breaking.filter((s) => s.id !== story.id) },
    {
      title: story.headline,
      description: story.standfirst ?? story.subheadline ?? excerpt(plainBody, 160),
      path,
      lang,
      dir,
      type: 'article',
      image: story.hero
        ? { path: mediaPath(story.hero.mediaId), width: story.hero.width, height: story.hero.height, alt: heroAlt(story) }
        : undefined,
      feedListPath: story.section ? sectionPath(story.section) : undefined,
      activeSection: story.section,
      head: articleHead(view, data, canonicalUrl, section),
      isNoindex: data.isPreview,
    },
    main,
  );
}
