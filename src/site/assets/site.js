// Lede reader script: first party, no dependencies. Sends the view beacon (no cookie
// needed for counting), asks for consent in a first-party banner, and only after the reader
// accepts keeps the reading history cookie `lede_h` (story ids) and the random per-browser
// id `lede_b` that keys recommendation impressions. Fills `[data-fragment]` slots such as
// "Recommended for you".
(() => {
  const keep = 50;
  const year = 365 * 24 * 60 * 60;

  const cookie = (name) => {
    const match = document.cookie.match(new RegExp(`(?:^|;\\s*)${name}=([^;]*)`));
    return match ? match[1] : undefined;
  };
  const setCookie = (name, value, maxAge) => {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari.
    document.cookie = `${name}=${value}; SameSite=Lax; Path=/; Max-Age=${maxAge}`;
  };
  const readHistory = () => {
    const value = cookie('lede_h');
    if (!value) return [];
    try {
      return decodeURIComponent(value).split(',').filter(Boolean);
    } catch {
      return [];
    }
  };
  const randomId = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  };
  const send = (payload) => {
    const body = JSON.stringify(payload);
    const sent = navigator.sendBeacon?.('/beacon', body);
    if (!sent) fetch('/beacon', { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(() => {});
  };
  const optedOut = () => navigator.doNotTrack === '1' || navigator.globalPrivacyControl === true;
  const hasConsent = () => cookie('lede_consent') === 'yes';

  const article = document.querySelector('article[data-story-id]');
  const storyId = article?.getAttribute('data-story-id');
  const remember = () => {
    if (!storyId || !hasConsent()) return;
    const ids = [storyId, ...readHistory().filter((x) => x !== storyId)].slice(0, keep);
    setCookie('lede_h', ids.map(encodeURIComponent).join(','), year);
  };
  if (storyId) {
    remember();
    send({ id: storyId });
  }

  // Impressions of recommendation slots, and their clicks: only with consent, never with DNT/GPC.
  const logSlot = (slot) => {
    if (!hasConsent() || optedOut() || slot.hasAttribute('data-logged')) return;
    const items = (slot.getAttribute('data-items') ?? '').split(' ').filter(Boolean);
    if (items.length === 0) return;
    slot.setAttribute('data-logged', '');
    const impression = randomId();
    send({ impression: { id: impression, slot: slot.getAttribute('data-slot'), items, page: location.pathname } });
    slot.querySelectorAll('a[href]').forEach((link, i) => {
      const id = items[i];
      if (id) link.addEventListener('click', () => send({ click: { impression, id } }));
    });
  };
  const logSlots = (root) => {
    if (root.matches?.('[data-slot]')) logSlot(root);
    for (const slot of root.querySelectorAll('[data-slot]')) logSlot(slot);
  };

  const choose = (answer) => {
    setCookie('lede_consent', answer, year);
    if (answer === 'yes') {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(cookie('lede_b') ?? '')) setCookie('lede_b', randomId(), year);
      remember();
      logSlots(document);
    } else {
      setCookie('lede_h', '', 0);
      setCookie('lede_b', '', 0);
    }
    for (const banner of document.querySelectorAll('[data-consent]')) banner.hidden = true;
  };
  for (const banner of document.querySelectorAll('[data-consent]')) {
    if (!cookie('lede_consent')) banner.hidden = false;
    for (const button of banner.querySelectorAll('[data-consent-choice]')) {
      button.addEventListener('click', () => choose(button.getAttribute('data-consent-choice')));
    }
  }
  for (const button of document.querySelectorAll('[data-consent-reset]')) {
    button.addEventListener('click', () => {
      for (const banner of document.querySelectorAll('[data-consent]')) banner.hidden = false;
    });
  }

  logSlots(document);
  for (const slot of document.querySelectorAll('[data-fragment]')) {
    fetch(slot.getAttribute('data-fragment'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then((res) => (res.ok ? res.text() : ''))
      .then((html) => {
        if (!html.trim()) return;
        const target = slot.querySelector('[data-fragment-target]') ?? slot;
        target.innerHTML = html;
        slot.hidden = false;
        logSlots(target);
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
