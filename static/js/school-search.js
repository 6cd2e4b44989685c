// Live school search: results update while typing. Without JavaScript the form works as is.
const form = document.querySelector("form[data-live-search]");
if (form) {
  const input = form.querySelector("input[type=search]");
  const results = document.querySelector("[data-search-results]");
  let timer;
  let controller;

  async function refresh() {
    const text = input.value.trim();
    if (text.length < 2) return;
    controller?.abort();
    controller = new AbortController();
    const url = `${form.action}?q=${encodeURIComponent(text)}`;
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-search-results]");
      if (fresh) {
        results.replaceChildren(...fresh.childNodes);
        history.replaceState(null, "", url);
      }
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
}
