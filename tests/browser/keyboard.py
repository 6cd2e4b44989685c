"""Keyboard-only journeys: Tab to an element, and check at every stop that the focused element
is on the screen, not hidden under something else, and shows a focus ring."""

from playwright.sync_api import Page

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  // Wholly on the screen (to a sub-pixel), or filling it when larger (a tall table region).
  const inside = (start, end, size) => end > start
    && ((start > -1 && end < size + 1) || (end - start > size && start <= 0 && end >= size));
  const style = getComputedStyle(el);
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    box: [box.left, box.top, box.right, box.bottom, innerWidth, innerHeight].map(Math.round),
    text: (el.labels?.[0]?.innerText || el.innerText || el.value || el.id || el.tagName).trim(),
    on_screen: inside(box.top, box.bottom, innerHeight) && inside(box.left, box.right, innerWidth),
    uncovered: top !== null && (el.contains(top) || top.contains(el) || top.control === el),
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
  };
}"""

TABS = 120  # more stops than any page in the journeys has


def assert_focus_visible(page: Page) -> str:
    """The focused element's text (or label): it is on the screen, uncovered, with a ring."""
    state = page.evaluate(FOCUS_STATE)
    assert state is not None, "nothing has focus"
    assert state["on_screen"], f"{state['text']!r} has focus outside the viewport: {state['box']}"
    assert state["uncovered"], f"{state['text']!r} has focus under another element"
    assert state["ring"], f"{state['text']!r} has focus without a visible focus indicator"
    return state["text"]


def tab_to(page: Page, selector: str, text: str = "", backwards: bool = False) -> None:
    """Presses Tab (Shift+Tab) until an element matching `selector` whose text or label
    contains `text` has focus, checking every stop on the way."""
    key = "Shift+Tab" if backwards else "Tab"
    for _stop in range(TABS):
        page.keyboard.press(key)
        if page.evaluate(FOCUS_STATE) is None:  # between the page and the browser's bar
            continue
        shown = assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector) and text in shown:
            return
    raise AssertionError(f"{selector} {text!r} not reached with {key}")
