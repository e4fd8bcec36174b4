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
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

const cacheable = (request, url) =>
  request.method === 'GET' &&
  url.origin === self.location.origin &&
  (request.mode === 'navigate' || url.pathname.startsWith('/build/') || url.pathname === '/favicon.svg');

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

/* Signing out forgets every kept page (they carry the person's data). */
self.addEventListener('message', (event) => {
  if (event.data === 'forget') event.waitUntil(caches.delete(CACHE));
});
