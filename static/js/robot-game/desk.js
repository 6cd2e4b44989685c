// The head referee's desk follows the sheets in place: when the state token changes it fetches
// the page again and replaces only the parts that changed, so keyboard focus stays where it
// was (or moves to the nearest row when its own row is gone), and new sheets are announced
// politely. Nothing changes while someone is typing. Without JavaScript the page has a link.
const desk = document.getElementById("desk");
const news = document.getElementById("desk-news");
const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
let token = null;

const ownText = (node) =>
  [...node.childNodes]
    .filter((child) => child.nodeType === Node.TEXT_NODE)
    .map((child) => child.data.trim())
    .join("|");

const sameShell = (old, fresh) =>
  old.cloneNode(false).isEqualNode(fresh.cloneNode(false)) && ownText(old) === ownText(fresh);

// Children that can be compared one by one: by id in a [data-keyed] list, else by position.
function pairable(old, fresh) {
  if (old.hasAttribute("data-keyed")) return true;
  const [before, after] = [old.children, fresh.children];
  return (
    before.length === after.length &&
    [...before].every((child, i) => child.tagName === after[i].tagName && child.id === after[i].id)
  );
}

function sync(old, fresh) {
  if (old.isEqualNode(fresh)) return;
  if (!old.children.length || !sameShell(old, fresh) || !pairable(old, fresh)) {
    old.replaceWith(document.importNode(fresh, true));
  } else if (old.hasAttribute("data-keyed")) {
    syncKeyed(old, fresh);
  } else {
    [...fresh.children].forEach((child, i) => sync(old.children[i], child));
  }
}

// A list whose items come and go: items stay in the document unless they changed.
function syncKeyed(old, fresh) {
  const kept = new Map([...old.children].map((child) => [child.id, child]));
  let previous = null;
  for (const child of [...fresh.children]) {
    let node = kept.get(child.id);
    if (node) {
      kept.delete(child.id);
      sync(node, child);
      node = document.getElementById(child.id) ?? node;
    } else {
      node = document.importNode(child, true);
    }
    const place = previous ? previous.nextElementSibling : old.firstElementChild;
    if (place !== node) old.insertBefore(node, place);
    previous = node;
  }
  kept.forEach((gone) => gone.remove());
}

// Where focus is now, and where it should go if its element leaves the page.
function focusPlan() {
  const active = document.activeElement;
  if (!active || active === document.body || !desk.contains(active)) return null;
  const holder = active.id ? active : active.parentElement.closest("[id]");
  const row = active.closest("[data-keyed] > [id]");
  const siblings = row ? [...row.parentElement.children] : [];
  const at = siblings.indexOf(row);
  return {
    active,
    holder: holder.id,
    index: [...holder.querySelectorAll(FOCUSABLE)].indexOf(active),
    near: [...siblings.slice(at + 1), ...siblings.slice(0, at).reverse(), row?.parentElement]
      .filter(Boolean)
      .map((node) => node.id),
  };
}

function restoreFocus(plan) {
  if (!plan || plan.active.isConnected) return;
  const holder = document.getElementById(plan.holder);
  const inside = holder && [...holder.querySelectorAll(FOCUSABLE)][plan.index];
  const target = holder?.matches(FOCUSABLE)
    ? holder
    : (inside ?? holder ?? plan.near.map((id) => document.getElementById(id)).find(Boolean));
  if (!target) return;
  if (!target.matches(FOCUSABLE)) target.tabIndex = -1;
  target.focus();
}

function announce(fresh) {
  const added = [...fresh.querySelectorAll("[data-sheet]")].filter(
    (sheet) => !document.getElementById(sheet.id),
  );
  if (added.length) {
    news.textContent = added.map((sheet) => desk.dataset.news.replace("{sheet}", sheet.dataset.sheet)).join(" ");
  }
}

async function update() {
  const response = await fetch(window.location.href, { cache: "no-store", credentials: "same-origin" });
  if (!response.ok || response.redirected) return false;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("desk");
  if (!fresh) return false;
  fresh.querySelectorAll("details[id]").forEach((details) => {
    details.open = document.getElementById(details.id)?.open ?? details.open;
  });
  const plan = focusPlan();
  announce(fresh);
  sync(desk, fresh);
  restoreFocus(plan);
  return true;
}

const typing = () => {
  const active = document.activeElement;
  return active?.matches("textarea, input:not([type=file], [type=hidden])") && active.value !== "";
};

async function check() {
  try {
    const response = await fetch(desk.dataset.state, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return;
    const { token: latest } = await response.json();
    if (token === null) token = latest;
    else if (latest !== token && !typing() && (await update())) token = latest;
  } catch {
    // offline for a moment: try again at the next tick
  }
}

if (desk) {
  check();
  setInterval(check, 5000);
}
