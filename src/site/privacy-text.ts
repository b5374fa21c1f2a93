import { html, type SafeHtml } from './views/html.js';

/** The privacy page's address (`/page/privacy`, a static page once the newsroom edits pages). */
export const privacyPageSlug = 'privacy';
export const privacyPageTitle = 'Privacy';

/**
 * The default text of the privacy page: what the site keeps about readers and for how long.
 * The one place this text lives; `retentionDays` is the `recommend` setting.
 */
export function privacyPageBody(input: { siteName: string; retentionDays: number }): SafeHtml {
  const days = input.retentionDays;
  return html`<p>${input.siteName} counts which stories are read so that it can show "Most read" and recommend stories.
It uses no third-party scripts, trackers or advertising cookies.</p>
<h2>Without your consent</h2>
<p>When you open a story, your browser sends a small first-party request. We count one view per browser, story and day.
To tell browsers apart without a cookie we compute a key from the day, your address and your browser's user agent under
a secret; the address itself is never stored, and the key changes every day so it cannot follow you. These keys are deleted
after two days. What is kept is the number of views per story and hour, for ${days} days, and the total per story and day.</p>
<h2>With your consent</h2>
<p>If you accept in the banner, the site's script keeps the stories you read (the last 50 story ids) in a cookie on your
own device, <code>lede_h</code>, which your browser sends with requests so that "Recommended for you" can follow your
reading; the server keeps no profile of you. The script also writes a random id, <code>lede_b</code>, that lets us record
which recommendations we showed this browser and which were clicked, and that same-day reading of one story after another
was counted towards "readers also read". Those records are personal data: they are kept for ${days} days and then deleted,
and are used only to measure and improve the recommendations on this site.</p>
<p>If your browser sends "Do Not Track" or "Global Privacy Control", your reading is counted but never used for
profiling, whatever you chose in the banner.</p>
<h2>Your choice</h2>
<p>Your answer to the banner is kept in a cookie, <code>lede_consent</code>, for a year. You can change it at any time:
<button type="button" class="consent-reset" data-consent-reset>Change my consent choice</button>
Declining removes <code>lede_h</code> and <code>lede_b</code> from your browser.</p>`;
}
