import type { Author, Callout, Source, Story } from '../../core/story.js';
import { textDirection } from '../../core/story.js';
import { excerpt, htmlToText } from '../../core/text.js';
import { absoluteUrl, articlePath, mediaPath, sectionPath } from '../../core/urls.js';
import { authorsBlock, correctionsBlock, heroAlt, heroFigure, rightsFooter, sourceLine, tagsBlock, timesLine } from './article-parts.js';
import { langAttr } from './format.js';
import { html, type SafeHtml } from './html.js';
import { insertInlineBlocks } from './inline-blocks.js';
import { jsonLdScript, newsArticleJsonLd } from './json-ld.js';
import { renderLayout } from './layout.js';
import { type ReadAlsoData, readAlsoAsides, relatedList } from './read-also.js';
import { sectionName, type ViewContext } from './view-context.js';

export interface ArticleData {
  story: Story;
  authors: Author[];
  source?: Source;
  callouts: Callout[];
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
  });
  return html`<meta property="article:published_time" content="${story.publishedAt ?? story.firstcreated}">
<meta property="article:modified_time" content="${story.versioncreated}">
${section ? html`<meta property="article:section" content="${section}">\n` : ''}${story.tags.map((t) => html`<meta property="article:tag" content="${t}">\n`)}${jsonLdScript(jsonLd)}`;
}

export function renderArticle(view: ViewContext, data: ArticleData): SafeHtml {
  const { story, source } = data;
  const lang = langAttr(story.language, view.site.language);
  const dir = textDirection(lang);
  const path = articlePath(story);
  const section = sectionName(view, story.section);
  const plainBody = htmlToText(story.bodyHtml);
  const body = insertInlineBlocks(story.bodyHtml, {
    callouts: data.callouts,
    readAlso: data.readAlso && { afterParagraphs: data.readAlso.setting.afterParagraphs, asides: readAlsoAsides(view, data.readAlso) },
  });
  const main = html`<article class="article" lang="${lang}" dir="${dir}" data-story-id="${story.id}">
<header>
${section && story.section ? html`<p class="breadcrumb"><a href="${sectionPath(story.section)}">${section}</a></p>` : ''}
<h1>${story.headline}</h1>
${story.subheadline ? html`<p class="subheadline">${story.subheadline}</p>` : ''}
${story.standfirst ? html`<p class="standfirst">${story.standfirst}</p>` : ''}
<div class="meta"${lang === view.site.language ? '' : html` lang="${view.site.language}"`}>
${data.authors.length === 0 ? authorsBlock(view, story, []) : ''}
${timesLine(view, story)}
${sourceLine(story, source)}
</div>
</header>
${heroFigure(story, source)}
<div class="body">
${story.dateline && !plainBody.startsWith(story.dateline.trim()) ? html`<p class="dateline">${story.dateline}</p>` : ''}
${body}
</div>
${correctionsBlock(view, story)}
${data.authors.length > 0 ? authorsBlock(view, story, data.authors) : ''}
${tagsBlock(story)}
${rightsFooter(story, source)}
</article>
${data.readAlso ? relatedList(view, data.readAlso) : ''}`;
  const canonicalUrl = absoluteUrl(view.publicUrl, path);
  return renderLayout(
    view,
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
    },
    main,
  );
}
