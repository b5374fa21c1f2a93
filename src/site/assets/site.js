// Lede reader script: first party, no dependencies. Records reading history in the
// `lede_h` cookie (story ids only, never sent to a third party), sends the view beacon,
// and fills `[data-fragment]` slots such as "Recommended for you".
(() => {
  const keep = 50;
  const maxAge = 90 * 24 * 60 * 60;

  const readHistory = () => {
    const match = document.cookie.match(/(?:^|;\s*)lede_h=([^;]*)/);
    if (!match) return [];
    try {
      return decodeURIComponent(match[1]).split(',').filter(Boolean);
    } catch {
      return [];
    }
  };

  const article = document.querySelector('article[data-story-id]');
  if (article) {
    const id = article.getAttribute('data-story-id');
    const ids = [id, ...readHistory().filter((x) => x !== id)].slice(0, keep);
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari.
    document.cookie = `lede_h=${ids.map(encodeURIComponent).join(',')}; SameSite=Lax; Path=/; Max-Age=${maxAge}`;
    const body = JSON.stringify({ id });
    const sent = navigator.sendBeacon?.('/beacon', body);
    if (!sent) {
      fetch('/beacon', { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(() => {});
    }
  }

  for (const slot of document.querySelectorAll('[data-fragment]')) {
    fetch(slot.getAttribute('data-fragment'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then((res) => (res.ok ? res.text() : ''))
      .then((html) => {
        if (!html.trim()) return;
        const target = slot.querySelector('[data-fragment-target]') ?? slot;
        target.innerHTML = html;
        slot.hidden = false;
      })
      .catch(() => {});
  }

  // Phones: the browser's own share sheet, where there is one (the plain links stay).
  const share = document.querySelector('button.share-native');
  if (share && typeof navigator.share === 'function') {
    share.hidden = false;
    share.addEventListener('click', () => {
      navigator.share({ url: share.dataset.shareUrl, title: share.dataset.shareTitle }).catch(() => {});
    });
  }
})();
