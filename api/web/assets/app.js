// Raqib's page script: instant search over the server-rendered results, the "follow this case"
// action, and a "/" shortcut to the search box. Pages work without it (plain links and forms).

const form = document.getElementById('search-form');
const narrow = window.matchMedia('(max-width: 50rem)');

/** On a phone the filters start folded so the results come first. */
function foldFacets() {
  if (!narrow.matches) return;
  for (const d of document.querySelectorAll('details.facets')) d.open = false;
}

function searchParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    // Defaults stay out of the URL so shared links stay short.
    if ((key === 'sort' && value === 'relevance') || (key === 'view' && value === 'documents')) continue;
    params.append(key, value);
  }
  return params.toString();
}

let yearsTimer = 0;
let yearsInflight = null;

/**
 * Fill in the year facet's counts, which the server leaves out of the results (they cost one search
 * per year). Asked a moment after the results settle, so a burst of typing asks once.
 */
function loadYearsSoon(delay) {
  window.clearTimeout(yearsTimer);
  yearsInflight?.abort();
  yearsTimer = window.setTimeout(() => void loadYears(), delay);
}

async function loadYears() {
  const box = document.querySelector('[data-facet="year"][data-src]');
  if (!box) return;
  yearsInflight = new AbortController();
  const res = await fetch(box.dataset.src, { signal: yearsInflight.signal }).catch(() => null);
  if (!res?.ok || !box.isConnected) return;
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-facet="year"]');
  if (!fresh) return;
  const focused = document.activeElement?.id;
  box.replaceWith(document.adoptNode(fresh));
  if (focused && !document.activeElement?.id) document.getElementById(focused)?.focus();
}

if (form) {
  let timer = 0;
  let inflight = null;
  let lastQuery = searchParams();

  const run = async (push) => {
    const qs = searchParams();
    if (qs === lastQuery) return;
    lastQuery = qs;
    inflight?.abort();
    inflight = new AbortController();
    const region = form.querySelector('.results');
    region?.setAttribute('aria-busy', 'true');
    const pageUrl = `/ui${qs ? `?${qs}` : ''}`;
    try {
      const res = await fetch(`/ui/results${qs ? `?${qs}` : ''}`, { signal: inflight.signal });
      // 400 is a refused query: its message is shown in the results region like any results.
      if (!res.ok && res.status !== 400) {
        window.location.assign(pageUrl);
        return;
      }
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('search-body');
      const current = document.getElementById('search-body');
      if (!fresh || !current) return;
      // Keep the keyboard where it was: the same control in the new results, if it is still there.
      const focused = document.activeElement?.id;
      // The filters stay folded or unfolded as the reader left them.
      const wasOpen = current.querySelector('details.facets')?.open;
      const details = fresh.querySelector('details.facets');
      if (details && wasOpen !== undefined) details.open = wasOpen;
      current.replaceWith(document.adoptNode(fresh));
      if (focused && !document.activeElement?.id) document.getElementById(focused)?.focus();
      // The results region was replaced: a screen reader hears the new count from the lasting status.
      const status = document.getElementById('search-status');
      if (status) status.textContent = fresh.querySelector('.summary, .empty, .error')?.textContent ?? '';
      if (push) window.history.pushState(null, '', pageUrl);
      else window.history.replaceState(null, '', pageUrl);
      form.dispatchEvent(new CustomEvent('raqib:results', { bubbles: true }));
      loadYearsSoon(400);
    } catch (error) {
      if (error?.name !== 'AbortError') window.location.assign(pageUrl);
    }
  };

  form.addEventListener('input', (event) => {
    const typing = event.target.name === 'q' || event.target.type === 'date';
    window.clearTimeout(timer);
    window.clearTimeout(yearsTimer);
    // Typing is debounced and replaces the history entry; a click on a filter is a step of its own.
    timer = window.setTimeout(() => void run(!typing), typing ? 250 : 0);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    void run(true);
  });
  window.addEventListener('popstate', () => window.location.reload());
  foldFacets();
  loadYearsSoon(0);
}

document.addEventListener('keydown', (event) => {
  const box = document.getElementById('q');
  const tag = document.activeElement?.tagName;
  if (event.key !== '/' || !box || tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  event.preventDefault();
  box.focus();
  box.select();
});

const follow = document.getElementById('follow');
if (follow) {
  const button = follow.querySelector('button');
  const out = follow.querySelector('.follow-result');
  follow.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    out.textContent = '';
    try {
      const res = await fetch('/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ kind: 'case', caseId: follow.dataset.caseId, channel: 'atom' }),
      });
      const body = await res.json().catch(() => null);
      const feed = body?.subscription?.feedUrl;
      if (res.status === 201 && typeof feed === 'string') {
        const link = document.createElement('a');
        link.href = new URL(feed, window.location.href).href;
        link.textContent = link.href;
        link.className = 'feed-link';
        link.type = 'application/atom+xml';
        out.append(`${out.dataset.ok} `, link);
        // The unsubscribe link is the only way back for a reader without an API key.
        if (typeof body.unsubscribeUrl === 'string') {
          const stop = document.createElement('a');
          stop.href = new URL(body.unsubscribeUrl, window.location.href).href;
          stop.textContent = out.dataset.unsubscribe;
          stop.className = 'unsubscribe-link';
          out.append(document.createElement('br'), stop);
        }
        button.hidden = true;
        return;
      }
      out.textContent =
        res.status === 404 && body?.error?.code === 'NOT_FOUND'
          ? out.dataset.unavailable
          : `${out.dataset.failed} ${body?.error?.message ?? res.status}`;
    } catch (error) {
      out.textContent = `${out.dataset.failed} ${error?.message ?? error}`;
    }
    button.disabled = false;
  });
}
