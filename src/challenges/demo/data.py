"""The demo world: fictional schools in real Dutch towns, two programmes' 2025-2026 seasons."""

from datetime import UTC, date, datetime, time

from challenges.auth.roles import Role

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


def _moment(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 0, tzinfo=UTC)  # midnight in Amsterdam, winter time


# Categories: (name, description, team size min, max, school year min, max, levels).
# School years: groep 1-8 are 1-8; klas 1-6 of secondary school are 9-14.
FLL_CATEGORIES = [("Challenge", "9-15 jaar / years", 2, 10, None, None, None)]
VAKKANJERS_CATEGORIES = [
    ("Junior", "groep 7-8", 2, 6, 7, 8, None),
    ("Scout", "klas 1", 2, 6, 9, 9, None),
    ("Explorer", "klas 2-3 havo/vwo", 2, 6, 10, 11, "havo,vwo"),
    ("Pioneer", "bovenbouw vmbo", 2, 6, 11, 14, "vmbo"),
]

SEASONS = [
    {
        "programme": "fll-challenge",
        "key": "fll-challenge-2025-2026",
        "name": "2025-2026",
        "theme": "UNEARTHED",
        "client": None,
        "design_questions": None,
        "robot_game_key": "fll-2025-unearthed",
        "rubric_set_key": "fll-challenge-2024",
        "registration_opens_at": _moment(2025, 5, 31),
        "registration_closes_at": _moment(2025, 10, 31),
        "categories": FLL_CATEGORIES,
    },
    {
        "programme": "vakkanjers",
        "key": "vakkanjers-2025-2026",
        "name": "2025-2026",
        "theme": "Circulair Festival",
        "client": "Milieu Centraal",
        "design_questions": (
            "Ontwerp een dansvloer die energie opwekt.\n"
            "Ontwerp een slim afvalsysteem voor een festival.\n"
            "Ontwerp een waterpunt dat verspilling voorkomt."
        ),
        "robot_game_key": None,
        "rubric_set_key": "vakkanjers-jury",
        "registration_opens_at": _moment(2025, 8, 31),
        "registration_closes_at": _moment(2026, 1, 31),
        "categories": VAKKANJERS_CATEGORIES,
    },
    {
        "programme": "fll-challenge",
        "key": "fll-challenge-2026-2027",
        "name": "2026-2027",
        "theme": "BIOGLOW",
        "client": None,
        "design_questions": None,
        "robot_game_key": "fll-2026-bioglow-founders",
        "rubric_set_key": "fll-challenge-2024",
        "registration_opens_at": _moment(2026, 5, 31),
        "registration_closes_at": _moment(2027, 1, 15),
        "categories": FLL_CATEGORIES,
    },
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

EVENTS = [
    {
        "season": "fll-challenge-2025-2026",
        "slug": "fll-2025-regio-eindhoven",
        "kind": "regional",
        "name": "Regiofinale Eindhoven",
        "venue": "Evoluon",
        "town": "Eindhoven",
        "starts_on": date(2026, 1, 24),
        "capacity": 24,
        "start_time": time(9, 0),
        "end_time": time(17, 0),
        "tables": 4,
        "rooms": 3,
    },
    {
        "season": "fll-challenge-2025-2026",
        "slug": "fll-2025-regio-groningen",
        "kind": "regional",
        "name": "Regiofinale Groningen",
        "venue": "Zernike Campus",
        "town": "Groningen",
        "starts_on": date(2026, 1, 31),
        "capacity": 24,
        "start_time": time(9, 0),
        "end_time": time(17, 0),
        "tables": 4,
        "rooms": 3,
    },
    {
        "season": "fll-challenge-2025-2026",
        "slug": "fll-2025-landelijke-finale",
        "kind": "national",
        "name": "Landelijke finale FLL Challenge",
        "venue": "Jaarbeurs",
        "town": "Utrecht",
        "starts_on": date(2026, 3, 14),
        "capacity": 40,
    },
    {
        "season": "vakkanjers-2025-2026",
        "slug": "vk-2025-markt-zwolle",
        "kind": "regional",
        "name": "Vakkanjers Markt Zwolle",
        "venue": "Windesheim",
        "town": "Zwolle",
        "starts_on": date(2026, 4, 1),
        "capacity": 30,
    },
    {
        "season": "vakkanjers-2025-2026",
        "slug": "vk-2025-markt-rotterdam",
        "kind": "regional",
        "name": "Vakkanjers Markt Rotterdam",
        "venue": "RDM Rotterdam",
        "town": "Rotterdam",
        "starts_on": date(2026, 4, 8),
        "capacity": 30,
    },
    {
        "season": "vakkanjers-2025-2026",
        "slug": "vk-2025-landelijke-finale",
        "kind": "national",
        "name": "Landelijke finale Vakkanjers",
        "venue": "Next Nature Museum",
        "town": "Eindhoven",
        "starts_on": date(2026, 6, 2),
        "capacity": 40,
    },
]

# The demo coach teaches at this school and coaches its teams.
COACH_SCHOOL = "90AT00"

# One account per role; event roles are held at the Eindhoven regional final.
ACCOUNTS = [
    ("organiser@demo.challenges.nl", "Olga Organisator", Role.ORGANISER),
    ("eventmanager@demo.challenges.nl", "Evert Evenement", Role.EVENT_MANAGER),
    ("headreferee@demo.challenges.nl", "Hanna Hoofdscheidsrechter", Role.HEAD_REFEREE),
    ("referee@demo.challenges.nl", "Ruben Scheidsrechter", Role.REFEREE),
    ("judgeadvisor@demo.challenges.nl", "Jet Jurycoördinator", Role.JUDGE_ADVISOR),
    ("judge@demo.challenges.nl", "Jan Jurylid", Role.JUDGE),
    ("coach@demo.challenges.nl", "Carla Coach", Role.COACH),
]
DEMO_EVENT = "fll-2025-regio-eindhoven"


DEMO_JUDGE = "judge@demo.challenges.nl"


def demo_password(role: Role) -> str:
    return f"{PASSWORD_PREFIX}{role.value.replace('_', '-')}-2025"
