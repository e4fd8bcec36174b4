/*
 * Montage's service worker: lets an open project reload while offline
 * (issue 3). Pages and the UI's built assets are fetched from the network
 * first and kept; only when the network fails is the kept copy served. The
 * project document itself comes from IndexedDB (y-indexeddb), and the API
 * and the collaboration socket are never cached.
 */
const CACHE = 'montage-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

/* A preview link's page (/s/<token>) is never kept: it must stop working once revoked. */
const isSharedPage = (url) => url.pathname.startsWith('/s/');

const cacheable = (request, url) =>
  request.method === 'GET' &&
  url.origin === self.location.origin &&
  !isSharedPage(url) &&
  (request.mode === 'navigate' ||
    url.pathname.startsWith('/build/') ||
    url.pathname === '/favicon.svg');

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!cacheable(event.request, url)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const kept = await caches.match(event.request, { ignoreVary: true });
        if (kept) return kept;
        throw new Error('offline and not kept');
      }),
  );
});

/*
 * Signing out forgets every kept page (they carry the person's data). A page
 * that was loaded before this worker controlled it sends its address and the
 * assets it loaded ('keep'), so it can reload offline after a single visit.
 */
self.addEventListener('message', (event) => {
  if (event.data === 'forget') event.waitUntil(caches.delete(CACHE));
  else if (event.data?.type === 'keep') event.waitUntil(keep(event.data));
});

async function keep({ page, assets }) {
  const cache = await caches.open(CACHE);
  const urls = [page, ...(Array.isArray(assets) ? assets : [])]
    .filter((href) => typeof href === 'string')
    .map((href) => new URL(href, self.location.origin))
    .filter(
      (url, index) =>
        url.origin === self.location.origin &&
        !isSharedPage(url) &&
        (index === 0 || url.pathname.startsWith('/build/') || url.pathname === '/favicon.svg'),
    );
  await Promise.all(
    urls.map(async (url) => {
      // Built assets never change under one name; a page kept earlier is refreshed by its next visit.
      if (await cache.match(url, { ignoreVary: true })) return;
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (response.ok && !response.redirected) await cache.put(url, response);
      } catch {
        // Offline already: nothing to keep now.
      }
    }),
  );
}
