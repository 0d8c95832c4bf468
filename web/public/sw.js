/* global self, caches */
/**
 * Gongzhi's service worker: keeps the app shell so a grid worker's phone opens /patrol without a
 * network, and queued reports (IndexedDB, see web/src/requests/offline-queue.ts) wait for one.
 *
 * - navigations: network first, the cached index.html when offline (the app routes on the client);
 * - /assets/* (hashed, never change): cache first, stored on the way through;
 * - GET /api: network first; a few answers the patrol screen needs offline (who is logged in, the
 *   taxonomy, the worker's own order list) are kept and served when there is no network;
 * - everything else, and every non-GET request, goes straight to the network.
 * Logging out (or a 401 from /auth/me) empties the kept API answers.
 */
const VERSION = 'v1';
const SHELL = `gongzhi-shell-${VERSION}`;
const API = `gongzhi-api-${VERSION}`;
const API_KEEP = [/^\/api\/v1\/auth\/me$/, /^\/api\/v1\/requests\/taxonomy$/];

/** Kept for offline use: the user, the taxonomy, and the worker's own order list (mine=true) only. */
function keepApi(url) {
  if (API_KEEP.some((re) => re.test(url.pathname))) return true;
  return url.pathname === '/api/v1/work-orders' && url.searchParams.get('mine') === 'true';
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(new Request('/', { cache: 'reload' })))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('gongzhi-') && k !== SHELL && k !== API).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page lists the scripts (and API answers) it loaded before this worker took control.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && new URL(u).origin === self.location.origin);
  // The answers the patrol screen needs to open offline (who is logged in, the taxonomy) were
  // fetched before this worker could see them: fetch them once more now, into the API cache.
  const apis = (Array.isArray(data.api) ? data.api : []).filter((u) => typeof u === 'string' && keepApi(new URL(u, self.location.origin)));
  const keepShell = (cache, u) =>
    cache.match(u).then(
      (hit) =>
        hit ||
        fetch(u)
          .then((res) => (res.ok ? cache.put(u, res) : undefined))
          .catch(() => undefined),
    );
  const keepAnswer = (cache, u) =>
    fetch(u, { credentials: 'same-origin' })
      .then((res) => (res.ok ? cache.put(u, res) : undefined))
      .catch(() => undefined);
  event.waitUntil(
    Promise.all([
      caches.open(SHELL).then((cache) => Promise.all(urls.map((u) => keepShell(cache, u)))),
      caches.open(API).then((cache) => Promise.all(apis.map((u) => keepAnswer(cache, u)))),
    ]),
  );
});

async function networkFirstPage(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) await cache.put('/', res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match('/');
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirstAsset(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function networkFirstApi(request, keep) {
  try {
    const res = await fetch(request);
    if (keep) {
      const cache = await caches.open(API);
      if (res.ok) await cache.put(request, res.clone());
      else if (res.status === 401) await caches.delete(API);
    }
    return res;
  } catch (err) {
    const hit = keep ? await caches.match(request, { cacheName: API }) : undefined;
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (url.pathname === '/api/v1/auth/logout') event.waitUntil(caches.delete(API));
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    if (url.pathname.startsWith('/api/docs')) return;
    event.respondWith(networkFirstApi(request, keepApi(url)));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirstAsset(request));
});
