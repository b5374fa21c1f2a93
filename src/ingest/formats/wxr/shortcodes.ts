// Shortcodes that stand alone (`[gallery ids="1,2"]`): removed even without attributes.
// Other bracketed words stay, so that news text such as "[sic]" or "[Updated 5pm]" survives:
// WordPress too only strips the shortcodes a site registered.
const standalone = new Set([
  // WordPress core
  'audio',
  'caption',
  'embed',
  'gallery',
  'playlist',
  'video',
  'wp_caption',
  // Jetpack and embeds
  'archives',
  'contact-field',
  'contact-form',
  'contact_form',
  'crowdsignal',
  'googlemaps',
  'instagram',
  'jetpack_subscription_form',
  'polldaddy',
  'recipe',
  'slideshow',
  'soundcloud',
  'tweet',
  'vimeo',
  'wpvideo',
  'youtube',
  // Form, newsletter, ad and related-post plugins
  'adrotate',
  'advanced_ad',
  'contact-form-7',
  'fluentform',
  'formidable',
  'gravityform',
  'gravityforms',
  'mc4wp_form',
  'newsletter',
  'ninja_form',
  'ninja_forms',
  'related_posts',
  'sibwp_form',
  'the_ad',
  'the_ad_group',
  'wpforms',
  'yarpp',
]);

const escaped = /\[\[([a-zA-Z][\w-]*[^[\]]*)\]\]/g;
const enclosing = /\[([a-zA-Z][\w-]*)(?:\s[^[\]]*)?\]([\s\S]*?)\[\/\1\]/g;
const single = /\[([a-zA-Z][\w-]*)(\s[^[\]]*)?\]/g;

/**
 * Removes WordPress shortcodes from post content, keeping what they enclose
 * (INGEST-CONTRACT §7): `[caption …]<img …> Text[/caption]` leaves the image and the text,
 * `[gallery ids="1,2"]` goes, `[[gallery]]` is WordPress's escape for a literal `[gallery]`.
 */
export function stripShortcodes(content: string): string {
  let text = content.replace(/[\uE001\uE002]/g, '').replace(escaped, '\uE001$1\uE002');
  // Nested pairs unwrap from the outside in, one level per pass.
  for (let pass = 0; pass < 8; pass++) {
    const next = text.replace(enclosing, '$2');
    if (next === text) break;
    text = next;
  }
  text = text.replace(single, (whole, name: string, attributes = '') =>
    standalone.has(name.toLowerCase()) || /=|\/\s*$/.test(attributes) ? '' : whole,
  );
  return text.replace(/\uE001/g, '[').replace(/\uE002/g, ']');
}
