{% load static %}/* Sentra's service worker (issue 16): the shell (CSS, JS, logo, offline page) cached at install; public
   pages network-first, the last ones seen kept for weak signal; private areas never stored. Nothing needs it. */
"use strict";
const VERSION = "{{ version|default:'1' }}-{% static 'css/sentra.css' %}";
const SHELL = "sentra-shell-" + VERSION;
const PAGES = "sentra-pages";
const MAX_PAGES = 25;
const OFFLINE = "{% url 'offline' %}";
const SHELL_URLS = [
  OFFLINE,
  "{% static 'vendor/pico/pico.min.css' %}",
  "{% static 'css/sentra.css' %}",
  "{% static 'js/sentra.js' %}",
  "{% static 'img/logo.svg' %}",
];
// A shopper's own reservation pages are kept (the pickup code at a rest stop with no signal); sentra.js empties
// the page cache when someone signs out. Owner, Dinas and account pages are never stored.
const PRIVATE = /^\/(akun|toko|dinas|mitra|admin|keranjang|i18n)\//;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("sentra-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

async function rememberPage(request, response) {
  const cache = await caches.open(PAGES);
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(keys.length - MAX_PAGES, 0))) await cache.delete(old);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (PRIVATE.test(url.pathname)) {
      event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
      return;
    }
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.type === "basic") {
            const copy = response.clone();
            event.waitUntil(rememberPage(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((saved) => saved || caches.match(OFFLINE)))
    );
    return;
  }
  if (url.pathname.startsWith("{% get_static_prefix %}")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
