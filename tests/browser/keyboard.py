"""Keyboard-only steps for the browser journeys. After every key the focused element must be on
the screen, not covered by anything (such as the sheet's sticky total bar) and show a focus
ring (a computed outline or box shadow)."""

from playwright.sync_api import Locator, Page

# Why the focused element cannot be seen, or null when it can.
FOCUS_UNSEEN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return "nothing has the focus";
  const name = element.outerHTML.slice(0, 120);
  const box = element.getBoundingClientRect();
  if (!box.width || !box.height) return `not shown: ${name}`;
  // A browser scrolls a field just into view (its edge may sit a fraction past the screen's),
  // and Chromium not at all when part of it is on the screen already: enough of it must show
  // to see the ring and where one types (24 px, or all of a smaller field or button).
  const shown = (start, end, size) => Math.min(end, size) - Math.max(start, 0);
  const enough = (length, seen) => seen >= Math.min(length, 24) - 1;
  if (!enough(box.height, shown(box.top, box.bottom, innerHeight))
      || !enough(box.width, shown(box.left, box.right, innerWidth))) {
    const where = `${Math.round(box.top)} to ${Math.round(box.bottom)} of ${innerHeight}`;
    return `off the screen (${where}): ${name}`;
  }
  const points = [[box.left + 2, box.top + 2], [box.right - 2, box.bottom - 2]];
  for (const [x, y] of points) {
    const seen = document.elementFromPoint(x, y);
    if (seen && !element.contains(seen) && !seen.contains(element)) {
      return `covered by ${seen.outerHTML.slice(0, 80)}: ${name}`;
    }
  }
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  if (!outline && style.boxShadow === "none") return `no focus ring: ${name}`;
  return null;
}"""

FOCUSED = """() => {
  const element = document.activeElement;
  const group = element.type === "radio" ? element.form.elements[element.name] : null;
  return {
    id: element.id,
    name: element.name ?? "",
    type: element.type ?? "",
    value: element.value ?? "",
    answered: group ? [...group].some((option) => option.checked) : Boolean(element.value),
  };
}"""


def assert_focus_seen(page: Page) -> None:
    problem = page.evaluate(FOCUS_UNSEEN)
    assert problem is None, problem


def press(page: Page, key: str) -> None:
    """One key, and a look at where the focus went."""
    page.keyboard.press(key)
    assert_focus_seen(page)


def follow(page: Page) -> None:
    """Enter on the focused link or button, and the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def focused(page: Page) -> dict:
    """The focused field: id, name, type, value and whether it (or its radio group) is answered."""
    return page.evaluate(FOCUSED)


def has_focus(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, backwards: bool = False, limit: int = 200) -> None:
    """Tab (or Shift+Tab) until `target` has the focus, looking at every stop on the way."""
    for _stop in range(limit):
        press(page, "Shift+Tab" if backwards else "Tab")
        if has_focus(target):
            return
    raise AssertionError(f"{limit} tab stops without reaching {target}")
