// Score sheets and rubrics wait in this tablet's storage until the server says it stored them
// ("stored": true). The server stores a submission once per client key, so sending one twice
// (a retry, a double tap) is harmless. A refusal moves the item to the refused list with the
// server's reason; it is never dropped unasked. No connection, a server error or an expired
// log-in keep it waiting: after a new log-in (in another tab) the outbox fetches a fresh CSRF
// token and sends what waits. The page's #outbox panel names the storage, the API and texts.
import { refreshPages } from "./offline.js";

const panel = document.getElementById("outbox");
const texts = panel?.dataset ?? {};
const WAITING = texts.store ?? "outbox";
const SENT = `${WAITING}-sent`;
const REFUSED = `${WAITING}-refused`;
const SENT_SHOWN = 5;
const PATIENCE = 20000; // milliseconds before a send counts as failed
const REFUSALS = [403, 404, 409, 422];

let token = texts.csrf ?? "";
let user = texts.user ?? "";
let expired = false;
let flushing = false;
let notice = "";

const fill = (text, values) => (text ?? "").replace(/\{(\w+)\}/g, (_match, name) => values[name] ?? "");
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const keyOf = (item) => item.payload.client_key;

function read(name) {
  try {
    return JSON.parse(localStorage.getItem(name)) ?? [];
  } catch {
    return [];
  }
}

function write(name, items) {
  localStorage.setItem(name, JSON.stringify(items));
}

const without = (items, key) => items.filter((item) => keyOf(item) !== key);

export function pending() {
  return read(WAITING);
}

// Items of another account wait until that account logs in again on this tablet.
const mine = (item) => !item.user || item.user === user;

export function newClientKey() {
  if (crypto.randomUUID) return crypto.randomUUID().replaceAll("-", "");
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// `item`: { api, payload (with client_key), label, page, draft }; `draft` names the page's draft
// in localStorage, removed once the server stored the item. It goes out under the log-in of the
// account that queued it (`user`, this page's unless given). Replaces a waiting or refused item
// with the same key: a sheet corrected after a refusal goes out again.
export function queue(item) {
  const entry = { user, ...item, queued_at: new Date().toISOString() };
  write(REFUSED, without(read(REFUSED), keyOf(item)));
  write(WAITING, [...without(read(WAITING), keyOf(item)), entry]);
  show();
  return entry;
}

// The response, or null when there is none (no connection, too slow).
export async function post(api, payload) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PATIENCE);
  try {
    return await fetch(api, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      signal: controller.signal,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify(payload),
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

// "stored", "refused", "login" (401), "token" (a CSRF refusal) or "later" (anything else).
async function outcome(response) {
  if (!response || response.type === "opaqueredirect") return { result: "later" };
  if (response.status === 401) return { result: "login" };
  const body = await response.json().catch(() => null);
  if (body === null || typeof body !== "object") return { result: "later" };
  const problems = body.problems !== null && typeof body.problems === "object";
  if (response.ok && body.stored === true) return { result: "stored", body };
  if (REFUSALS.includes(response.status) || (response.status === 400 && problems)) {
    return { result: "refused", body };
  }
  return { result: response.status === 400 ? "token" : "later", body };
}

// Asks the server whether the log-in is alive: "ok" (with a fresh CSRF token), "login", "later".
async function renewSession() {
  let response;
  try {
    response = await fetch(texts.session, {
      credentials: "same-origin",
      redirect: "manual",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
  } catch {
    return "later";
  }
  if (response.status === 401) {
    expired = true;
    return "login";
  }
  const body = response.ok ? await response.json().catch(() => null) : null;
  if (!body?.csrf) return "later";
  token = body.csrf;
  user = String(body.id);
  if (expired) {
    expired = false;
    window.dispatchEvent(new Event("outbox:login"));
  }
  return "ok";
}

function forget(item) {
  if (item.draft) localStorage.removeItem(item.draft);
}

function settle(item, answer) {
  const key = keyOf(item);
  const now = new Date().toISOString();
  if (answer.result === "login") expired = true;
  if (answer.result === "stored") {
    const sent = { payload: { client_key: key }, label: item.label, sent_at: now };
    write(WAITING, without(read(WAITING), key));
    write(SENT, [sent, ...without(read(SENT), key)].slice(0, SENT_SHOWN));
    forget(item);
    if (item.page) refreshPages([item.page]).catch(() => {});
  } else if (answer.result === "refused") {
    const message = answer.body.message || answer.body.error || "";
    write(WAITING, without(read(WAITING), key));
    write(REFUSED, [...without(read(REFUSED), key), { ...item, message, refused_at: now }]);
  }
  show();
}

export async function deliver(item) {
  let answer = await outcome(await post(item.api, item.payload));
  if (answer.result === "token") {
    const renewed = await renewSession();
    answer = renewed === "ok" ? await outcome(await post(item.api, item.payload)) : { result: renewed };
    if (answer.result === "token") answer = { result: "later" };
  }
  settle(item, answer);
  return answer;
}

async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    if (expired && (await renewSession()) !== "ok") return;
    for (const item of read(WAITING).filter(mine)) {
      const { result } = await deliver(item);
      if (result === "later" || result === "login") break;
    }
  } finally {
    flushing = false;
    show();
  }
}

// A line shown when nothing waits, e.g. the score of the sheet just sent.
export function notify(text) {
  notice = text;
  show();
}

function statusText(waiting, refused, sent) {
  if (waiting.length && !navigator.onLine) return fill(texts.offlineText, { count: waiting.length });
  if (waiting.length) return fill(texts.waitingText, { count: waiting.length });
  if (refused.length) return fill(texts.refusedText, { count: refused.length });
  return notice || (sent.length ? texts.sentText : texts.emptyText);
}

function line(item, detail) {
  const entry = document.createElement("li");
  const label = document.createElement("span");
  label.className = "outbox-label";
  label.textContent = item.label ?? keyOf(item);
  const note = document.createElement("span");
  note.className = "muted";
  note.textContent = detail;
  entry.append(label, " ", note);
  return entry;
}

function refusedLine(item) {
  const entry = panel.querySelector("#outbox-refused-item").content.firstElementChild.cloneNode(true);
  entry.dataset.key = keyOf(item);
  entry.querySelector(".outbox-label").textContent = item.label ?? keyOf(item);
  entry.querySelector(".error").textContent = item.message;
  return entry;
}

function fillList(id, items, render) {
  const section = panel.querySelector(`#${id}`);
  section.hidden = items.length === 0;
  section.querySelector("ul").replaceChildren(...items.map(render));
}

function show() {
  if (!panel) return;
  const [waiting, refused, sent] = [read(WAITING), read(REFUSED), read(SENT)];
  const status = panel.querySelector("#outbox-status");
  status.textContent = statusText(waiting, refused, sent);
  status.classList.toggle("offline", waiting.length > 0);
  status.classList.toggle("refused", refused.length > 0 && waiting.length === 0);
  const login = panel.querySelector("#outbox-login");
  login.hidden = !(expired && waiting.length);
  login.querySelector("span").textContent = fill(texts.expiredText, { count: waiting.length });
  fillList("outbox-refused", refused, refusedLine);
  const since = (item) => fill(texts.sinceText, { time: clock(item.queued_at) });
  fillList("outbox-waiting", waiting, (item) => line(item, mine(item) ? since(item) : texts.otherAccountText));
  fillList("outbox-sent", sent, (item) => line(item, fill(texts.sentAtText, { time: clock(item.sent_at) })));
}

function onRefusedButton(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const key = button.closest("li").dataset.key;
  const item = read(REFUSED).find((refused) => keyOf(refused) === key);
  if (!item) return;
  if (button.dataset.action === "retry") {
    const { message, refused_at, ...again } = item;
    queue(again);
    flush();
  } else if (window.confirm(texts.removeQuestion)) {
    write(REFUSED, without(read(REFUSED), key));
    forget(item);
    show();
  }
}

if (panel) {
  show();
  flush();
  panel.querySelector("#outbox-refused").addEventListener("click", onRefusedButton);
  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  window.addEventListener("focus", () => read(WAITING).length && flush());
  window.addEventListener("storage", (event) => [WAITING, SENT, REFUSED].includes(event.key) && show());
  setInterval(() => (read(WAITING).some(mine) || expired) && flush(), 5000);
}
