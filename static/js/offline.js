// Tablet pages without wifi. On a tablet page (the outbox panel names the service worker) it
// starts the service worker and asks it to keep this page and every page it links to with
// data-keep (the referee's sheets, the judge's rubrics), so they open without a connection. On
// the log-in page (data-forget-pages) it forgets every kept page: the next person on the
// tablet sees nothing of the previous one.

const panel = document.getElementById("outbox");
const keptLine = document.getElementById("outbox-kept");

const PAGES = "tablet-pages"; // the service worker's name for the kept pages

function forgetPages() {
  if ("caches" in window) caches.delete(PAGES);
}

// The static files this page loaded (scripts, their imports, styles): the kept pages need them.
function assets() {
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
  const root = new URL(panel.dataset.static, location.href).href;
  return loaded.filter((url) => url.startsWith(root));
}

function ask(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data.kept);
    worker.postMessage(message, [channel.port2]);
  });
}

async function keepPages() {
  if (!navigator.onLine) return;
  const registration = await navigator.serviceWorker.ready;
  const links = [...document.querySelectorAll("a[data-keep]")].map((link) => link.href);
  const urls = [location.href.split("#")[0], ...links];
  const kept = await ask(registration.active, { type: "keep", urls, assets: assets() });
  if (keptLine && links.length) {
    keptLine.textContent = keptLine.dataset.text.replace("{count}", kept);
  }
}

// After a sheet or rubric arrives its page is fetched again, so a kept copy shows it as sent.
export async function refreshPages(urls) {
  if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
  const registration = await navigator.serviceWorker.ready;
  await ask(registration.active, { type: "refresh", urls, assets: [] });
}

async function start() {
  await navigator.serviceWorker.register(panel.dataset.worker);
  await keepPages();
  window.addEventListener("online", keepPages);
  window.addEventListener("outbox:login", keepPages); // the log-in page forgot the kept pages
}

if (document.querySelector("[data-forget-pages]")) {
  forgetPages();
} else if (panel?.dataset.worker && "serviceWorker" in navigator) {
  start().catch(() => {}); // a tablet without a service worker still queues what it sends
}
