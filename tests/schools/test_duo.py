import pytest

from challenges.schools.duo import DuoHeaderError, SchoolKind, parse_duo_file, tidy_case

CURRENT_HEADER = (
    "INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;"
    "PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;TELEFOONNUMMER;INTERNETADRES;PROVINCIE"
)


def current_file(*rows: str, encoding: str = "cp1252") -> bytes:
    return "\r\n".join([CURRENT_HEADER, *rows]).encode(encoding)


BOSCH = "12AB;12AB00;Basisschool De Kiëvit;KERKSTRAAT;12a;5211AB;'S-HERTOGENBOSCH;0796;'S-HERTOGENBOSCH;Rooms-Katholiek;073-1234567;www.kievit.nl;NOORD-BRABANT"
RODE = "34CD;34CD01;Café-school Sint-Jozef;Markt;1;5491 TV;SINT-OEDENRODE;1948;MEIERIJSTAD;Openbaar;;;NOORD-BRABANT"
ZOOM = "56EF;56EF00;OBS De Wegwijzer;Dorpsstraat;3;4611 AA;BERGEN OP ZOOM;0748;BERGEN OP ZOOM;Openbaar;;;NOORD-BRABANT"


def test_current_headers_in_windows_1252():
    result = parse_duo_file(current_file(BOSCH, RODE, ZOOM))
    assert result.encoding == "cp1252"
    assert result.header_generation == "current"
    assert result.rejected == []
    bosch, rode, zoom = result.records
    assert bosch.vestigingscode == "12AB00"
    assert bosch.brin == "12AB"
    assert bosch.name == "Basisschool De Kiëvit"
    assert bosch.town == "'s-Hertogenbosch"
    assert bosch.street == "Kerkstraat 12a"
    assert bosch.postcode == "5211 AB"
    assert bosch.province == "Noord-Brabant"
    assert bosch.kind is SchoolKind.PRIMARY
    assert rode.town == "Sint-Oedenrode"
    assert rode.name == "Café-school Sint-Jozef"
    assert rode.website is None
    assert zoom.town == "Bergen op Zoom"


def test_utf8_with_bom_gives_the_same_records():
    utf8 = b"\xef\xbb\xbf" + current_file(BOSCH, RODE, encoding="utf-8")
    result = parse_duo_file(utf8)
    assert result.encoding == "utf-8"
    assert [r.name for r in result.records] == ["Basisschool De Kiëvit", "Café-school Sint-Jozef"]


def test_old_headers_compose_the_vestigingscode():
    data = (
        "BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM;PLAATSNAAM;POSTCODE\n"
        "12AB;1;De Regenboog;GRONINGEN;9712 AB\n"
        "12AB;02;De Regenboog dependance;GRONINGEN;9712 AC\n"
    ).encode("cp1252")
    result = parse_duo_file(data)
    assert result.header_generation == "old"
    assert [r.vestigingscode for r in result.records] == ["12AB01", "12AB02"]


def test_columns_are_found_by_name_in_any_order():
    data = b"PLAATSNAAM;VESTIGINGSNAAM;VESTIGINGSCODE\nDelft;Het Lyceum;78GH00\n"
    [record] = parse_duo_file(data).records
    assert (record.vestigingscode, record.name, record.town) == ("78GH00", "Het Lyceum", "Delft")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("12A;12A;Kort;;;;Delft;;;;;;", "not 2 digits, 2 letters and 2 digits"),
        ("12AB;12AB00;School;;;12345;Delft;;;;;;", "not a Dutch postcode"),
        ("12AB;12AB00;;;;;Delft;;;;;;", "no name"),
        ("12AB;12AB00;School;;;;;;;;;;", "no town"),
        ("12AB;12AB00;School;Delft", "4 fields where the header has 13"),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(row, reason):
    result = parse_duo_file(current_file(BOSCH, row))
    assert len(result.records) == 1
    [rejected] = result.rejected
    assert rejected.line == 3
    assert reason in rejected.reason
    assert rejected.raw == row


def test_lowercase_code_is_normalised():
    [record] = parse_duo_file(current_file("12ab;12ab00;School;;;;Delft;;;;;;")).records
    assert record.vestigingscode == "12AB00"


def test_duplicate_code_rejects_the_later_row():
    result = parse_duo_file(current_file(BOSCH, BOSCH))
    assert len(result.records) == 1
    assert "already on line 2" in result.rejected[0].reason


def test_blank_lines_are_skipped():
    assert len(parse_duo_file(current_file(BOSCH, "", RODE)).records) == 2


def test_missing_required_header_stops_everything():
    with pytest.raises(DuoHeaderError) as error:
        parse_duo_file(b"VESTIGINGSCODE;NAAM\n12AB00;School\n")
    assert error.value.missing == ["VESTIGINGSNAAM", "PLAATSNAAM"]
    assert "NAAM" in error.value.found


@pytest.mark.parametrize("data", [b"", b"no semicolons here\n"])
def test_empty_or_foreign_file(data):
    with pytest.raises(DuoHeaderError):
        parse_duo_file(data)


def test_kind_is_recognised_or_given():
    secondary = f"{CURRENT_HEADER};ONDERWIJSSTRUCTUUR\n{BOSCH};VWO/HAVO".encode("cp1252")
    assert parse_duo_file(secondary).records[0].kind is SchoolKind.SECONDARY
    assert (
        parse_duo_file(current_file(BOSCH), SchoolKind.SECONDARY).records[0].kind
        is SchoolKind.SECONDARY
    )


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("'S-GRAVENHAGE", "'s-Gravenhage"),
        ("DEN HAAG", "Den Haag"),
        ("Delft", "Delft"),
        ("NOORD-HOLLAND", "Noord-Holland"),
        ("ALPHEN AAN DEN RIJN", "Alphen aan den Rijn"),
    ],
)
def test_all_caps_names_are_tidied(raw, tidy):
    assert tidy_case(raw) == tidy


def test_ten_thousand_rows():
    rows = [
        f"{i % 90 + 10:02d}{chr(65 + i // 2600 % 26)}{chr(65 + i // 100 % 26)};"
        f"{i % 90 + 10:02d}{chr(65 + i // 2600 % 26)}{chr(65 + i // 100 % 26)}{i % 100:02d};"
        f"School {i};;;;Utrecht;;;;;;"
        for i in range(10_000)
    ]
    result = parse_duo_file(current_file(*rows))
    assert len(result.records) + len(result.rejected) == 10_000
    assert len(result.records) >= 9_000
