// The head referee's desk reloads itself when a sheet arrives or is reviewed elsewhere,
// but never while someone is typing a reason.
const desk = document.getElementById("desk");
let token = null;

async function check() {
  try {
    const response = await fetch(desk.dataset.state, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return;
    const { token: latest } = await response.json();
    const typing = document.activeElement?.matches("input, textarea");
    if (token !== null && latest !== token && !typing) window.location.reload();
    else if (!typing) token = latest;
  } catch {
    // offline for a moment: try again at the next tick
  }
}

if (desk) {
  check();
  setInterval(check, 5000);
}
