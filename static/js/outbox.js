// Score sheets and rubrics wait in this tablet's storage until the server has them. The server
// stores a submission once per client key, so sending one twice (a retry, a double tap) is
// harmless. The page's #outbox-status element names the storage (data-store) and the texts.

const status = document.getElementById("outbox-status");
const KEY = status?.dataset.store ?? "outbox";
let flushing = false;

export function pending() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? [];
  } catch {
    return [];
  }
}

function save(items) {
  localStorage.setItem(KEY, JSON.stringify(items));
  show();
}

export function add(api, payload) {
  const items = pending().filter((item) => item.payload.client_key !== payload.client_key);
  items.push({ api, payload });
  save(items);
}

function remove(clientKey) {
  save(pending().filter((item) => item.payload.client_key !== clientKey));
}

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_match, name) => values[name] ?? "");

export function show(justSent = false) {
  if (!status) return;
  const count = pending().length;
  let text = "";
  if (count && !navigator.onLine) text = fill(status.dataset.offlineText, { count });
  else if (count) text = fill(status.dataset.waitingText, { count });
  else if (justSent) text = status.dataset.sentText;
  status.textContent = text;
  status.hidden = !text;
  status.classList.toggle("offline", count > 0);
}

// "stored" (201/200), "refused" (4xx: the sheet itself is wrong) or "later" (no connection,
// a server error, an expired log-in): only "later" keeps the sheet waiting.
export async function send(item) {
  let response;
  try {
    response = await fetch(item.api, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": status?.dataset.csrf ?? "",
      },
      body: JSON.stringify(item.payload),
    });
  } catch {
    return { result: "later" };
  }
  if (response.ok) {
    remove(item.payload.client_key);
    return { result: "stored", body: await response.json() };
  }
  if ([400, 404, 409, 422].includes(response.status)) {
    const body = await response.json().catch(() => ({}));
    if (body.problems !== undefined || response.status !== 400) {
      remove(item.payload.client_key);
      return { result: "refused", body };
    }
  }
  return { result: "later" };
}

export async function flush() {
  if (flushing) return;
  flushing = true;
  let sent = false;
  try {
    for (const item of pending()) {
      const { result } = await send(item);
      if (result === "later") break;
      sent = sent || result === "stored";
    }
  } finally {
    flushing = false;
    show(sent);
  }
}

if (status) {
  show();
  flush();
  window.addEventListener("online", flush);
  window.addEventListener("offline", () => show());
  setInterval(() => pending().length && flush(), 10000);
}
