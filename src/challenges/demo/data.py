"""The demo world: fictional schools in real Dutch towns; FLL's running season with its finals
ahead, and last season of both programmes as a finished archive (dates in `dates`)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from challenges.auth.roles import Role
from challenges.demo.dates import (
    LAST_REGISTRATION_DAY,
    TUESDAY,
    WEDNESDAY,
    amsterdam_today,
    archive_year,
    midnight,
    nth_weekday,
    opening,
    running_year,
    season_name,
    upcoming_year,
)

PASSWORD_PREFIX = "demo-"

PROGRAMMES = [
    {
        "key": "fll-challenge",
        "name": "FIRST LEGO League Challenge",
        "has_robot_game": True,
        "numbers_teams": True,
        "allows_clubs": True,
    },
    {"key": "vakkanjers", "name": "Vakkanjers", "has_robot_game": False, "numbers_teams": False},
]


# Categories: (name, description, team size min, max, school year min, max, levels).
# School years: groep 1-8 are 1-8; klas 1-6 of secondary school are 9-14.
FLL_CATEGORIES = [("Challenge", "9-15 jaar", 2, 10, None, None, None)]
VAKKANJERS_CATEGORIES = [
    ("Junior", "groep 7-8", 2, 6, 7, 8, None),
    ("Scout", "klas 1", 2, 6, 9, 9, None),
    ("Explorer", "klas 2-3 havo/vwo", 2, 6, 10, 11, "havo,vwo"),
    ("Pioneer", "bovenbouw vmbo", 2, 6, 11, 14, "vmbo"),
]

# (vestigingscode, name, town, postcode, province, kind)
SCHOOLS = [
    ("90AA00", "Basisschool De Regenboog", "Groningen", "9712 AB", "Groningen", "po"),
    ("90AB00", "Praedinius Techniek College", "Groningen", "9718 CD", "Groningen", "vo"),
    ("90AC00", "OBS Het Kompas", "Leeuwarden", "8911 EF", "Friesland", "po"),
    ("90AD00", "Piter Jelles Montessori", "Leeuwarden", "8913 GH", "Friesland", "vo"),
    ("90AE00", "CBS De Fontein", "Zwolle", "8011 JK", "Overijssel", "po"),
    ("90AF00", "Thomas a Kempis Lyceum", "Zwolle", "8022 LM", "Overijssel", "vo"),
    ("90AG00", "Stedelijk Gymnasium Arnhem", "Arnhem", "6811 NP", "Gelderland", "vo"),
    ("90AH00", "Basisschool Het Klaverblad", "Nijmegen", "6511 RS", "Gelderland", "po"),
    ("90AJ00", "Utrechts Technasium", "Utrecht", "3511 TV", "Utrecht", "vo"),
    ("90AK00", "Jenaplanschool De Wereldboom", "Amersfoort", "3811 WX", "Utrecht", "po"),
    ("90AL00", "Amsterdams Lyceum Oost", "Amsterdam", "1091 AB", "Noord-Holland", "vo"),
    ("90AM00", "OBS De Zeehoeve", "Haarlem", "2011 CD", "Noord-Holland", "po"),
    ("90AN00", "Rijnlands College", "Leiden", "2311 EF", "Zuid-Holland", "vo"),
    ("90AP00", "Basisschool De Singel", "Rotterdam", "3011 GH", "Zuid-Holland", "po"),
    ("90AQ00", "Haags Montessori Lyceum", "Den Haag", "2511 JK", "Zuid-Holland", "vo"),
    ("90AR00", "Zeeuws Technisch College", "Middelburg", "4331 LM", "Zeeland", "vo"),
    ("90AS00", "Basisschool Sint-Jozef", "'s-Hertogenbosch", "5211 NP", "Noord-Brabant", "po"),
    ("90AT00", "Eindhovens Techniek Lyceum", "Eindhoven", "5611 RS", "Noord-Brabant", "vo"),
    ("90AU00", "Brede School De Kempen", "Sint-Oedenrode", "5491 TV", "Noord-Brabant", "po"),
    ("90AV00", "Maaslandcollege Venlo", "Venlo", "5911 WX", "Limburg", "vo"),
    ("90AW00", "Basisschool Op de Berg", "Maastricht", "6211 AB", "Limburg", "po"),
]

TEAM_NAMES = [
    "Brick Breakers",
    "De Robotrakkers",
    "Team Turbo",
    "Lego Legends",
    "Code Krakers",
    "Mindstorm Masters",
    "De Graafmachines",
    "Fossil Finders",
    "Digging Dragons",
    "Bot Bouwers",
    "Spike Squad",
    "De Uitvinders",
    "Gear Gang",
    "Techno Tijgers",
    "Robo Rangers",
    "Pixel Pioniers",
    "De Schatzoekers",
    "Circuit Crew",
    "Motor Makers",
    "De Denktank",
]

# The running season: last season's teams are back, and some new ones.
RUNNING_TEAM_NAMES = [
    *TEAM_NAMES,
    "Glimwormen",
    "Bio Beacons",
    "De Vuurvliegjes",
    "Neon Nerds",
    "Lumen Lab",
    "Fluor Force",
    "Lichtpuntjes",
    "Glow Getters",
    "Algen Alliantie",
    "Lantaarnvissen",
    "Photon Ploeg",
    "De Lichtbrengers",
]

VAKKANJERS_TEAM_NAMES = [
    "Dansvloer Dynamo",
    "Afval Alarm",
    "Kraan Kanjers",
    "Groene Beats",
    "Statiegeld Squad",
    "Waterwachters",
    "Feest zonder Rest",
    "Energie Explosie",
    "Circulaire Crew",
    "Slimme Bakken",
    "Herbruik Helden",
    "Plastic Piraten",
    "Zonne Stage",
    "Druppel Detectives",
    "Festival Fixers",
    "Kringloop Kids",
    "Stroom Stampers",
    "Bekers Bende",
    "Regen Recyclers",
    "De Terugwinners",
]

# The running Vakkanjers season: some of last season's teams are back, and new ones.
RUNNING_VAKKANJERS_TEAM_NAMES = [
    *VAKKANJERS_TEAM_NAMES[:8],
    "Regenton Rebellen",
    "Koele Kikkers",
    "Schaduw Scouts",
    "Sponsstad",
    "Groen Dak Ploeg",
    "Hitte Helden",
    "Waterpleinwerkers",
    "Druppelteller",
    "Boom Bouwers",
    "Wadi Wizards",
    "De Koelkasten",
    "Plensbui Patrouille",
]

# The demo coach teaches at this school and coaches its teams.
COACH_SCHOOL = "90AT00"

# One account per role; event roles are held at the running season's first regional final.
ACCOUNTS = [
    ("organiser@demo.challenges.nl", "Olga Organisator", Role.ORGANISER),
    ("eventmanager@demo.challenges.nl", "Evert Evenement", Role.EVENT_MANAGER),
    ("headreferee@demo.challenges.nl", "Hanna Hoofdscheidsrechter", Role.HEAD_REFEREE),
    ("referee@demo.challenges.nl", "Ruben Scheidsrechter", Role.REFEREE),
    ("judgeadvisor@demo.challenges.nl", "Jet Jurycoördinator", Role.JUDGE_ADVISOR),
    ("judge@demo.challenges.nl", "Jan Jurylid", Role.JUDGE),
    ("coach@demo.challenges.nl", "Carla Coach", Role.COACH),
]
# The jury of the running Vakkanjers season's first Markt (log-ins printed by the seed).
MARKET_JURORS = [
    ("jurylid1@demo.challenges.nl", "Lotte de Vries"),
    ("jurylid2@demo.challenges.nl", "Ahmed Bouali"),
    ("jurylid3@demo.challenges.nl", "Pieter Kok"),
]
JUROR_PASSWORD = f"{PASSWORD_PREFIX}juror-2025"
DEMO_EVENT_MANAGER = "eventmanager@demo.challenges.nl"
DEMO_JUDGE = "judge@demo.challenges.nl"
DEMO_JUDGE_ADVISOR = "judgeadvisor@demo.challenges.nl"


def demo_password(role: Role) -> str:
    return f"{PASSWORD_PREFIX}{role.value.replace('_', '-')}-2025"


# The demo's certificates: images under static/img/, drawn for the demo.
LOGO = "demo-logo.png"
SIGNATURE = "demo-signature.png"
SIGNATORY = ("Olga Organisator", "Programmaleider, Platform Talent voor Technologie (demo)")


@dataclass(frozen=True)
class World:
    """The seasons and events of the demo as loaded on one day, and which play which part."""

    seasons: list[dict]
    events: list[dict]
    running: str  # the running FLL season's key
    fll_archive: str  # last season's keys
    vakkanjers_archive: str
    vakkanjers_running: str  # the running Vakkanjers season's key
    demo_event: str  # the running season's final the demo crew works at (slug)
    demo_market: str  # the running Vakkanjers season's Markt the demo's jury works at (slug)
    finished: tuple[str, str]  # last season's finished FLL final and Vakkanjers Markt (slugs)


def _regional(season: str, slug: str, name: str, venue: str, town: str, day: date) -> dict:
    """An FLL regional final: a day with four robot tables and three judging rooms."""
    return {
        "season": season,
        "slug": slug,
        "kind": "regional",
        "name": name,
        "venue": venue,
        "town": town,
        "starts_on": day,
        "capacity": 24,
        "start_time": time(9, 0),
        "end_time": time(17, 0),
        "tables": 4,
        "rooms": 3,
    }


def _event(season: str, slug: str, kind: str, name: str, venue: str, town: str, day: date):
    return {
        "season": season,
        "slug": slug,
        "kind": kind,
        "name": name,
        "venue": venue,
        "town": town,
        "starts_on": day,
        "capacity": 40 if kind == "national" else 30,
    }


WEEK = timedelta(days=7)


def _fll_national_final(year: int) -> date:
    return nth_weekday(year + 1, 3, 2)


def _fll_national(season_key: str, year: int) -> dict:
    return _event(
        season_key,
        f"fll-{year}-landelijke-finale",
        "national",
        "Landelijke finale FLL Challenge",
        "Jaarbeurs",
        "Utrecht",
        _fll_national_final(year),
    )


def _vakkanjers_national_final(year: int) -> date:
    return nth_weekday(year + 1, 6, 1, TUESDAY)


def _fll_season(year: int, theme: str, robot_game_key: str, opens, closes_on: date) -> dict:
    return {
        "programme": "fll-challenge",
        "key": f"fll-challenge-{season_name(year)}",
        "name": season_name(year),
        "theme": theme,
        "client": None,
        "design_questions": None,
        "robot_game_key": robot_game_key,
        "rubric_set_key": "fll-challenge-2024",
        "registration_opens_at": opens,
        "registration_closes_at": midnight(closes_on + timedelta(days=1)),
        "categories": FLL_CATEGORIES,
    }


def _running_fll(today: date) -> tuple[dict, list[dict]]:
    """BIOGLOW: registration open until 15 January, four regional finals in January-February."""
    year = running_year(today)
    season = _fll_season(
        year,
        "BIOGLOW",
        "fll-2026-bioglow-founders",
        opening(year, 5, 31, today),
        date(year + 1, *LAST_REGISTRATION_DAY),
    )
    key, finals = season["key"], year + 1
    events = [
        _regional(
            key,
            f"fll-{year}-regio-{town.lower()}",
            f"Regiofinale {town}",
            venue,
            town,
            day,
        )
        for town, venue, day in (
            ("Eindhoven", "Evoluon", nth_weekday(finals, 1, 3)),
            ("Groningen", "Zernike Campus", nth_weekday(finals, 1, 4)),
            ("Rotterdam", "Hogeschool Rotterdam", nth_weekday(finals, 2, 1)),
            ("Nijmegen", "Radboud Universiteit", nth_weekday(finals, 2, 2)),
        )
    ]
    events.append(_fll_national(key, year))
    return season, events


def _archived_fll(today: date) -> tuple[dict, list[dict]]:
    """UNEARTHED, over: registration closed on 31 October, finals in January-March."""
    year = archive_year(today, _fll_national_final)
    season = _fll_season(
        year, "UNEARTHED", "fll-2025-unearthed", midnight(date(year, 5, 31)), date(year, 10, 31)
    )
    key, eindhoven = season["key"], nth_weekday(year + 1, 1, 4)
    return season, [
        _regional(
            key,
            f"fll-{year}-regio-eindhoven",
            "Regiofinale Eindhoven",
            "Evoluon",
            "Eindhoven",
            eindhoven,
        ),
        _regional(
            key,
            f"fll-{year}-regio-groningen",
            "Regiofinale Groningen",
            "Zernike Campus",
            "Groningen",
            eindhoven + WEEK,
        ),
        _fll_national(key, year),
    ]


def _vakkanjers(
    year: int, theme: tuple[str, str, str], opens: datetime, towns: tuple[tuple[str, str], ...]
) -> tuple[dict, list[dict]]:
    """A Vakkanjers season: registration until 31 January, a Vakkanjers Markt a week in April
    per (town, venue) and the national final in June. theme: (theme, client, questions)."""
    key = f"vakkanjers-{season_name(year)}"
    name, client, questions = theme
    season = {
        "programme": "vakkanjers",
        "key": key,
        "name": season_name(year),
        "theme": name,
        "client": client,
        "design_questions": questions,
        "robot_game_key": None,
        "rubric_set_key": "vakkanjers-jury",
        "registration_opens_at": opens,
        "registration_closes_at": midnight(date(year + 1, 2, 1)),
        "categories": VAKKANJERS_CATEGORIES,
    }
    first = _first_market(year)
    markets = [(town, venue, first + n * WEEK) for n, (town, venue) in enumerate(towns)]
    return season, [
        *(
            _event(
                key,
                f"vk-{year}-markt-{town.lower()}",
                "regional",
                f"Vakkanjers Markt {town}",
                venue,
                town,
                day,
            )
            for town, venue, day in markets
        ),
        _event(
            key,
            f"vk-{year}-landelijke-finale",
            "national",
            "Landelijke finale Vakkanjers",
            "Next Nature Museum",
            "Eindhoven",
            _vakkanjers_national_final(year),
        ),
    ]


def _first_market(year: int) -> date:
    return nth_weekday(year + 1, 4, 1, WEDNESDAY)


CIRCULAIR_FESTIVAL = (
    "Circulair Festival",
    "Milieu Centraal",
    "Ontwerp een dansvloer die energie opwekt.\n"
    "Ontwerp een slim afvalsysteem voor een festival.\n"
    "Ontwerp een waterpunt dat verspilling voorkomt.",
)
# The running season's theme and client are made up for the demo.
KOELE_KLAS = (
    "Koele Klas",
    "Waterschap De Delta (demo)",
    "Ontwerp een schoolplein dat regenwater vasthoudt.\n"
    "Ontwerp een koele plek voor een hete zomerdag.\n"
    "Ontwerp een systeem dat op tijd waarschuwt voor wateroverlast.",
)


def _archived_vakkanjers(today: date) -> tuple[dict, list[dict]]:
    """Circulair Festival, over (its national final is behind today)."""
    year = archive_year(today, _vakkanjers_national_final)
    towns = (("Zwolle", "Windesheim"), ("Rotterdam", "RDM Rotterdam"))
    return _vakkanjers(year, CIRCULAIR_FESTIVAL, midnight(date(year, 8, 31)), towns)


def _running_vakkanjers(today: date) -> tuple[dict, list[dict]]:
    """Koele Klas: the school year whose Vakkanjers Markten are all still ahead."""
    year = upcoming_year(today, _first_market)
    towns = (("Utrecht", "Hogeschool Utrecht"), ("Groningen", "Zernike Campus"))
    return _vakkanjers(year, KOELE_KLAS, opening(year, 8, 31, today), towns)


def world(today: date) -> World:
    fll, fll_events = _archived_fll(today)
    vakkanjers, vakkanjers_events = _archived_vakkanjers(today)
    running, running_events = _running_fll(today)
    market_season, market_events = _running_vakkanjers(today)
    return World(
        seasons=[fll, vakkanjers, running, market_season],
        events=fll_events + vakkanjers_events + running_events + market_events,
        running=running["key"],
        fll_archive=fll["key"],
        vakkanjers_archive=vakkanjers["key"],
        vakkanjers_running=market_season["key"],
        demo_event=running_events[0]["slug"],
        demo_market=market_events[0]["slug"],
        finished=(fll_events[1]["slug"], vakkanjers_events[0]["slug"]),
    )


# The demo event of a demo loaded today (for tests and tools that reach the seeded demo).
DEMO_EVENT = world(amsterdam_today()).demo_event
