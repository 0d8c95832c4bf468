/**
 * Registers the service worker (web/public/sw.js) that keeps the app shell for offline patrol, in
 * production builds only: under `vite dev` the modules change on every save and a cache would
 * only get in the way.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      // What this page already loaded came before the worker could see it: hand it the list, so
      // the scripts of the page in use are kept too and it opens again without a network.
      const assets = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((url) => url.startsWith(`${location.origin}/assets/`));
      reg.active?.postMessage({
        type: 'cache-assets',
        urls: [...new Set([`${location.origin}/`, ...assets])],
        api: ['/api/v1/auth/me', '/api/v1/requests/taxonomy'],
      });
    })
    .catch((err: unknown) => console.warn('service worker not registered', err));
}
