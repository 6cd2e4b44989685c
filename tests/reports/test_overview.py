import io
import re
from html.parser import HTMLParser

from openpyxl import load_workbook
from pypdf import PdfReader

from challenges.auth.roles import Role
from tests.factories import make_season, make_user

MASK = "< 5"
DASH = "\N{EN DASH}"  # nothing to show
FEW = f"{DASH} (te weinig antwoorden)"  # an average of 1-4 answers in the files
SHEETS = {  # the workbook's Dutch sheet names, by the page's table
    "key": "kerncijfers",
    "categories": "categorieën",
    "schools": "scholen",
    "provinces": "provincies",
    "finals": "finales",
    "seasons": "seizoenen",
    "evaluations": "evaluaties",
}


class PageTables(HTMLParser):
    """The cells of every `<table data-table=...>` on the page, row by row, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "data-table" in attributes:
            self.current = attributes["data-table"]
            self.tables[self.current] = []
        elif tag == "tr" and self.current:
            self.tables[self.current].append([])
        elif tag in ("th", "td") and self.current:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[self.current][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = PageTables()
    parser.feed(html)
    return parser.tables


def as_page_text(value) -> str:
    """A workbook cell as the Dutch page writes it (1.476; 60%; a dash for nothing)."""
    if value is None:
        return DASH
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def log_in(client, reports):
    client.log_in(reports.organiser_email)


def test_the_organiser_sees_every_count(client, reports):
    log_in(client, reports)
    assert "2025-2026 · UNEARTHED" in client.get("/admin/reports/").text
    html = client.get(f"/admin/reports/seasons/{reports.season.id}").text
    tables = page_tables(html)
    assert tables["categories"][1] == ["Challenge", "13", "7", "2", "1", "3", "7", "2", "49"]
    assert tables["categories"][2] == ["Explore", "1", "1", "0", "0", "0", "0", "0", "3"]
    assert tables["finals"][1:] == [
        ["Noord", "6", "10", "60\u00a0%", "2", DASH],
        ["Zuid", "1", DASH, DASH, "0", DASH],
    ]
    assert ["Limburg", "1", "1", "6"] in tables["provinces"]
    assert tables["schools"][1:] == [
        ["Basisscholen", "1"],
        ["Scholen voortgezet onderwijs", "2"],
        ["Nieuw dit seizoen", "2"],
        ["Deden het seizoen ervoor ook mee", "1"],
        ["Totaal", "3"],
    ]
    assert 'class="table-wrap"' in html
    assert "Geheim Team" not in html


def test_the_files_show_the_page_s_figures_with_small_counts_masked(client, reports):
    log_in(client, reports)
    page = page_tables(client.get(f"/admin/reports/seasons/{reports.season.id}").text)
    response = client.get(f"/admin/reports/seasons/{reports.season.id}/report.xlsx")
    assert response.status_code == 200
    assert (
        'filename="seizoensrapport-fll-2025-2026.xlsx"' in response.headers["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [SHEETS[key] for key in page]
    assert book.properties.creator == "Platform Talent voor Technologie"
    masked = 0
    for key, rows in page.items():
        sheet = list(book[SHEETS[key]].iter_rows(min_row=2))
        assert [str(cell.value) for cell in sheet[0]] == rows[0]  # the header
        for page_row, file_row in zip(rows[1:], sheet[1:], strict=True):
            for shown, cell in zip(page_row, file_row, strict=True):
                stored = cell.value
                if stored in (MASK, DASH, FEW):
                    masked += 1  # a count of 1-4, its percentage, an average of 1-4 answers
                    assert re.fullmatch(r"[1-4]|\d+\u00a0%|\d+,\d", shown), (key, page_row)
                elif shown.endswith("%"):  # a fraction shown as a percentage
                    assert cell.number_format == "0%"
                    assert shown == f"{round(stored * 100)}\u00a0%"
                else:
                    assert shown == as_page_text(stored), (key, page_row)
    assert masked > 0


def test_the_pdf_holds_the_figures_and_no_team_names(client, reports):
    log_in(client, reports)
    response = client.get(f"/admin/reports/seasons/{reports.season.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert 'filename="seizoensrapport-fll-2025-2026.pdf"' in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Seizoensrapport" in text
    assert "< 5" in text
    assert "Geheim Team" not in text
    assert "Noord" in text
    fonts = {
        font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert all("DejaVu" in str(font) for font in fonts), fonts


def test_an_unknown_season_is_not_found(client, reports):
    log_in(client, reports)
    assert client.get("/admin/reports/seasons/999999").status_code == 404
    assert client.get("/admin/reports/seasons/999999/report.pdf").status_code == 404


def test_an_empty_season_has_a_page_and_a_report(client, app):
    season = make_season()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    html = client.get(f"/admin/reports/seasons/{season.id}").text
    assert page_tables(html)["categories"][1] == ["Totaal", *["0"] * 8]
    assert client.get(f"/admin/reports/seasons/{season.id}/report.pdf").status_code == 200
    assert client.get(f"/admin/reports/seasons/{season.id}/report.xlsx").status_code == 200


def test_a_coach_may_not_see_the_overview(client, reports):
    client.log_in(make_user(roles=(Role.COACH,)).email)
    assert client.get(f"/admin/reports/seasons/{reports.season.id}").status_code == 403


def test_the_command_writes_the_pdf_and_the_workbook(runner, reports, tmp_path):
    pdf, xlsx = tmp_path / "rapport.pdf", tmp_path / "rapport.xlsx"
    result = runner.invoke(
        args=["report", "season", "fll-2025-2026", "--out", str(pdf), "--xlsx", str(xlsx)]
    )
    assert result.exit_code == 0, result.output
    assert "page(s) written" in result.output
    assert PdfReader(pdf).pages
    book = load_workbook(xlsx)
    assert next(book["kerncijfers"].iter_rows(min_row=3, values_only=True)) == (
        "Ingeschreven teams",
        14,
    )
    finals = list(book["finales"].iter_rows(min_row=3, values_only=True))
    assert finals == [("Noord", 6, 10, 0.6, MASK, None), ("Zuid", MASK, None, None, 0, None)]


def test_the_command_in_english(runner, reports, tmp_path):
    pdf = tmp_path / "report.pdf"
    result = runner.invoke(
        args=["report", "season", "fll-2025-2026", "--out", str(pdf), "--language", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "Season report" in PdfReader(pdf).pages[0].extract_text()


def test_the_command_refuses_a_file_in_a_missing_folder(runner, reports, tmp_path):
    for option, out in (("--out", "ontbreekt/rapport.pdf"), ("--xlsx", "ontbreekt/rapport.xlsx")):
        files = {"--out": str(tmp_path / "rapport.pdf"), option: str(tmp_path / out)}
        args = [
            "report",
            "season",
            "fll-2025-2026",
            *(part for pair in files.items() for part in pair),
        ]
        result = runner.invoke(args=args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert f"De map {tmp_path / 'ontbreekt'} bestaat niet" in result.output
    assert not (tmp_path / "rapport.pdf").exists()


def test_the_command_refuses_an_unknown_season(runner, reports, tmp_path):
    pdf = tmp_path / "rapport.pdf"
    result = runner.invoke(args=["report", "season", "nope", "--out", str(pdf)])
    assert result.exit_code != 0
    assert "There is no season 'nope'" in result.output
    assert not pdf.exists()


def test_the_evaluations_show_marks_and_the_files_mask_a_few_answers(client, reports):
    log_in(client, reports)
    url = f"/admin/reports/seasons/{reports.season.id}"
    html = client.get(url).text
    tables = page_tables(html)
    assert tables["evaluations"][1:] == [
        ["Noord", "8", "6", "75\u00a0%", "7,5", "8,5", "2", "2", "8,5"],
        ["Hele seizoen", "8", "6", "75\u00a0%", "7,5", "8,5", "2", "2", "8,5"],
    ]
    assert ["Cijfer van coaches voor het programma", "7,5"] in tables["key"]
    assert tables["evaluations"][0][1:3] == ["Coaches gevraagd", "Coaches die antwoordden"]
    assert "begeleider" not in html.lower()  # the survey pages' word: coaches
    assert "Geheime opmerking" not in html  # remarks stay on the survey pages
    book = load_workbook(io.BytesIO(client.get(f"{url}/report.xlsx").data))
    stored = list(book["evaluaties"].iter_rows(min_row=3, values_only=True))
    # Two volunteers: their count and their average mark could tell who gave it; the mark
    # is withheld in words ("< 5" would read as a failing mark)
    assert stored[0] == ("Noord", 8, 6, 0.75, 7.5, 8.5, MASK, MASK, FEW)
    text = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(client.get(f"{url}/report.pdf").data)).pages
    )
    assert "Evaluaties" in text
    assert "7,5" in text
    assert "weinig" in text  # the volunteers' mark, withheld in words
    assert "Geheime opmerking" not in text
