"""The rules pages in docs/: every link between them and every page the code names exists,
and the code no longer points at rules files outside the repository."""

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SOURCES = sorted((REPO / "src/challenges").rglob("*.py"))
PAGES = sorted(DOCS.glob("*.md"))

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DOCS_PATH = re.compile(r"\bdocs/[\w./-]+?\.md\b")
OUTSIDE = ("fll-rules.md", "fair-judging.md", "scheduling.md")


def relative_links(text: str) -> list[str]:
    """Markdown link targets that point inside the repository (no scheme, no bare anchor)."""
    return [
        target
        for target in LINK.findall(text)
        if not re.match(r"^[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")
    ]


def anchors(page: Path) -> set[str]:
    """The heading anchors of a page, as GitHub makes them."""
    found = set()
    for line in page.read_text("utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def docstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    nodes = [tree] + [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    return [text for node in nodes if (text := ast.get_docstring(node, clean=False))]


def broken_links(page: Path) -> list[str]:
    broken = []
    for target in relative_links(page.read_text("utf-8")):
        file_part, _hash, anchor = target.partition("#")
        linked = (page.parent / file_part).resolve()
        if not linked.exists() or (
            anchor and linked.suffix == ".md" and anchor not in anchors(linked)
        ):
            broken.append(target)
    return broken


def test_the_rules_pages_exist():
    names = {page.name for page in PAGES}
    assert {
        "README.md",
        "season-sheets.md",
        "ranking.md",
        "judging.md",
        "awards-and-advancement.md",
        "schedules.md",
        "market.md",
    } <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_points_to_a_file_and_heading(page):
    assert broken_links(page) == []


def test_the_index_links_every_page():
    linked = set(relative_links((DOCS / "README.md").read_text("utf-8")))
    assert {page.name for page in PAGES if page.name != "README.md"} <= linked


@pytest.mark.parametrize("name", ["README.md", "README.nl.md"])
def test_the_project_readmes_link_the_rules(name):
    readme = REPO / name
    assert "docs/README.md" in relative_links(readme.read_text("utf-8"))
    assert [link for link in broken_links(readme) if link.startswith("docs/")] == []


def test_the_link_checks_catch_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other page\n\n## A section\n", "utf-8")
    page.write_text(
        "[ok](other.md) [ok](other.md#a-section) [web](https://example.org/x.md) [here](#top)\n"
        "[gone](missing.md) [gone](missing.md#x) [no heading](other.md#nowhere)\n",
        "utf-8",
    )
    assert broken_links(page) == ["missing.md", "missing.md#x", "other.md#nowhere"]


def test_every_docs_page_named_in_a_docstring_exists():
    named = {
        (path.relative_to(REPO).as_posix(), found)
        for path in SOURCES
        for text in docstrings(path)
        for found in DOCS_PATH.findall(text)
    }
    assert named, "the code names no docs page at all"
    assert sorted(item for item in named if not (REPO / item[1]).exists()) == []


def test_no_docstring_names_a_rules_file_outside_the_repository():
    found = sorted(
        (path.relative_to(REPO).as_posix(), name)
        for path in SOURCES
        for text in docstrings(path)
        for name in OUTSIDE
        if re.search(rf"(?<![\w/]){re.escape(name)}", text)
    )
    assert found == []
