// The tablets' service worker (plain script, as Safari on an iPad runs it). It keeps the static
// files the tablet pages need and the pages a match list or judging sessions page names (see
// offline.js), so a referee or judge can open the next sheet or rubric without wifi. Both come
// from the network first; a kept copy only when the network fails or is too slow. Logging out
// forgets every kept page, so the next person on the tablet sees nothing of the previous one.

const STATIC = "tablet-static";
const PAGES = "tablet-pages"; // offline.js forgets them by this name
const OFFLINE_PAGE = new URL("tablet/offline", self.location.href).href;
const PRECACHE = [
  "static/css/app.css",
  "static/img/logo.svg",
  "static/js/outbox.js",
  "static/js/offline.js",
  "static/js/robot-game/referee.js",
  "static/js/robot-game/evaluate.js",
  "static/js/judging/rubric.js",
].map((path) => new URL(path, self.location.href).href);
const STATIC_PATH = new URL("static/", self.location.href).pathname;
const LOGOUT_PATH = new URL("account/logout", self.location.href).pathname;
const NETWORK_PATIENCE = 4000; // milliseconds before a kept page is shown instead
// A page is kept by its address alone (the server varies its answers by cookie).
const ANY_VARY = { ignoreVary: true };

function isPage(response) {
  const type = response.headers.get("Content-Type") || "";
  return response.ok && !response.redirected && type.indexOf("text/html") === 0;
}

// The static files (those named here and those a tablet page loaded) and the offline page.
async function keepStatic(assets) {
  const cache = await caches.open(STATIC);
  const ours = assets.filter((url) => new URL(url).pathname.indexOf(STATIC_PATH) === 0);
  for (const url of PRECACHE.concat(ours, [OFFLINE_PAGE])) {
    if (await cache.match(url, ANY_VARY)) continue;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok && !response.redirected) await cache.put(url, response);
    } catch (error) {
      // offline: the next page that asks for kept pages tries again
    }
  }
}

// Fetches and keeps the pages not kept yet (`refresh`: every page); answers how many are kept.
async function keepPages(urls, assets, refresh) {
  await keepStatic(assets);
  const cache = await caches.open(PAGES);
  let kept = 0;
  for (const url of urls) {
    if (new URL(url).origin !== self.location.origin) continue;
    if (!refresh && (await cache.match(url, ANY_VARY))) {
      kept += 1;
      continue;
    }
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (isPage(response)) {
        await cache.put(url, response);
        kept += 1;
      }
    } catch (error) {
      if (await cache.match(url, ANY_VARY)) kept += 1;
    }
  }
  return kept;
}

function later(milliseconds) {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new Error("slow")), milliseconds));
}

// The network's answer, else (no connection, too slow, a server error) the kept copy, else
// `fallback`. `keepAnswer` says whether the network's answer replaces the kept copy.
async function networkFirst(request, cacheName, keepAnswer, fallback) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request, ANY_VARY);
  const network = fetch(request).then(async (response) => {
    if (keepAnswer(response, kept)) await cache.put(request.url, response.clone());
    if (kept && response.status >= 500) throw new Error("server error"); // a proxy's 502 too
    return response;
  });
  network.catch(() => null); // a failure is handled below, or the kept copy was shown
  try {
    return await (kept ? Promise.race([network, later(NETWORK_PATIENCE)]) : network);
  } catch (error) {
    return kept || (await fallback()) || Response.error();
  }
}

// A kept page is brought up to date whenever it is opened with a connection; a page never kept
// shows the offline page. Static files always come from the server when it answers, so a new
// version of the app never runs with the old scripts.
const navigate = (request) =>
  networkFirst(request, PAGES, (response, kept) => kept && isPage(response), () =>
    caches.match(OFFLINE_PAGE, ANY_VARY),
  );
const fromStatic = (request) =>
  networkFirst(request, STATIC, (response) => response.ok && !response.redirected, () => null);

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(keepStatic([]));
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === LOGOUT_PATH) event.waitUntil(caches.delete(PAGES));
  if (request.method !== "GET") return; // sent as is: the outbox decides what a failure means
  if (request.mode === "navigate") event.respondWith(navigate(request));
  else if (url.pathname.indexOf(STATIC_PATH) === 0) event.respondWith(fromStatic(request));
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = (kept) => event.ports[0] && event.ports[0].postMessage({ kept: kept });
  if (message.type === "keep" || message.type === "refresh") {
    const refresh = message.type === "refresh";
    event.waitUntil(keepPages(message.urls || [], message.assets || [], refresh).then(reply));
  }
});
