"""The public prize on paper: a vote poster for the entrance (A4 or A3, one per event) and a
card for every stand (two A5 cards on an A4 page, to cut), each with a QR code to the vote
(addresses from the configured public address, never from a request); and the winner's
certificate."""

from dataclasses import dataclass
from typing import IO

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from challenges.awards import voting
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.i18n import as_date
from challenges.links import absolute_url
from challenges.printing import sources
from challenges.printing.certificates import write_certificates
from challenges.printing.pages import (
    BOLD,
    BRAND,
    FONT,
    INK,
    LINE,
    MUTED,
    fit,
    font_size_to_fit,
    new_canvas,
)
from challenges.printing.signs import draw_qr, lines

POSTER_SIZES = {"a4": A4, "a3": A3}


@dataclass(frozen=True)
class Poster:
    title: str
    event: str
    when: str
    call: str
    steps: tuple[str, ...]
    note: str
    url: str


@dataclass(frozen=True)
class StandCard:
    title: str
    stand: str
    team: str
    call: str
    url: str


def _canvas(out: IO[bytes], size: tuple[float, float], title: str, event: Event) -> Canvas:
    canvas = new_canvas(out, size)
    sources.footer(title, event).info().apply(canvas)  # the facts as metadata, not on the page
    return canvas


def _centred_lines(canvas: Canvas, text: str, font: str, size: float, width: float, y: float):
    """The text centred, wrapped onto as many lines as it needs; the y below the last line."""
    page_width = canvas._pagesize[0]
    canvas.setFont(font, size)
    for line in lines(text, font, size, width):
        canvas.drawCentredString(page_width / 2, y, line)
        y -= size * 1.2
    return y


def draw_poster(out: IO[bytes], poster: Poster, size: tuple[float, float], event: Event) -> int:
    """One portrait page; every length follows the page width, so A3 is A4 enlarged."""
    canvas = _canvas(out, size, poster.title, event)
    width, height = size
    scale = width / A4[0]
    margin = 20 * mm * scale
    text_width = width - 2 * margin
    canvas.setFillColor(BRAND)
    canvas.rect(0, height - 16 * mm * scale, width, 16 * mm * scale, stroke=0, fill=1)
    canvas.setFillColor(INK)
    title = font_size_to_fit(poster.title, BOLD, 64 * scale, text_width, 30 * scale)
    y = _centred_lines(canvas, poster.title, BOLD, title, text_width, height - 48 * mm * scale)
    canvas.setFillColor(MUTED)
    y = _centred_lines(canvas, poster.event, FONT, 18 * scale, text_width, y - 2 * mm * scale)
    y = _centred_lines(canvas, poster.when, FONT, 14 * scale, text_width, y)
    canvas.setFillColor(INK)
    y = _centred_lines(canvas, poster.call, BOLD, 26 * scale, text_width, y - 6 * mm * scale)
    qr = 95 * mm * scale
    draw_qr(canvas, poster.url, (width - qr) / 2, y - qr, qr)
    y -= qr + 6 * mm * scale
    canvas.setFont(FONT, 11 * scale)
    canvas.drawCentredString(width / 2, y, fit(poster.url, FONT, 11 * scale, text_width))
    y -= 14 * mm * scale
    for step in poster.steps:
        y = _centred_lines(canvas, step, FONT, 16 * scale, text_width, y) - 2 * mm * scale
    canvas.setFillColor(MUTED)
    _centred_lines(canvas, poster.note, FONT, 11 * scale, text_width, 18 * mm * scale)
    canvas.showPage()
    canvas.save()
    return 1


CARD_WIDTH, CARD_HEIGHT = landscape(A4)[1], A4[1] / 2  # an A5 in landscape: half an A4 page
CARD_QR = 62 * mm


def _card(canvas: Canvas, card: StandCard, bottom: float) -> None:
    top = bottom + CARD_HEIGHT
    margin = 14 * mm
    canvas.setFillColor(BRAND)
    canvas.rect(0, top - 10 * mm, CARD_WIDTH, 10 * mm, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 16)
    canvas.drawString(margin, top - 22 * mm, card.title)
    canvas.setFont(BOLD, 64)
    canvas.drawString(margin, top - 48 * mm, card.stand)
    text_width = CARD_WIDTH - CARD_QR - 3 * margin
    size = font_size_to_fit(card.team, BOLD, 28, text_width, 16)
    y = top - 62 * mm
    canvas.setFont(BOLD, size)
    for line in lines(card.team, BOLD, size, text_width)[:3]:
        canvas.drawString(margin, y, line)
        y -= size * 1.15
    canvas.setFont(FONT, 14)
    canvas.setFillColor(MUTED)
    for line in lines(card.call, FONT, 14, text_width):
        canvas.drawString(margin, y - 3 * mm, line)
        y -= 17
    qr_left = CARD_WIDTH - CARD_QR - margin
    draw_qr(canvas, card.url, qr_left, bottom + 18 * mm, CARD_QR)
    canvas.setFont(FONT, 7)
    canvas.drawCentredString(  # for a phone without a camera
        qr_left + CARD_QR / 2, bottom + 13 * mm, fit(card.url, FONT, 7, CARD_QR + margin)
    )


def draw_stand_cards(out: IO[bytes], cards: list[StandCard], event: Event) -> int:
    """Two cards per A4 page, a dashed line to cut between them."""
    canvas = _canvas(out, A4, cards[0].title, event)
    for index, card in enumerate(cards):
        upper = index % 2 == 0
        _card(canvas, card, CARD_HEIGHT if upper else 0)
        if upper:
            canvas.setStrokeColor(LINE)
            canvas.setDash(4, 4)
            canvas.line(0, CARD_HEIGHT, CARD_WIDTH, CARD_HEIGHT)
            canvas.setDash()
        if not upper or index == len(cards) - 1:
            canvas.showPage()
    canvas.save()
    return len(cards)


def vote_url(event: Event, team_id: int | None = None) -> str:
    """The vote's full address; with a team, the form opens with that team chosen."""
    extra = {"team": team_id} if team_id is not None else {}
    return absolute_url("awards_results.vote", event_ref=event.slug, **extra)


def write_poster(out: IO[bytes], event: Event, size: str = "a4") -> int:
    numbered = any(stand is not None for stand, _team in voting.stands(event))
    poster = Poster(
        title=_("Public prize"),
        event=event.name,
        when=f"{as_date(event.starts_on)}{' · ' + event.town if event.town else ''}",
        call=_("Vote for your favourite team!"),
        steps=(
            _("1. Scan the QR code."),
            _("2. Choose the team by its stand number.") if numbered else _("2. Choose the team."),
            _("3. Confirm your vote with the link in the e-mail."),
        ),
        note=_("Every e-mail address votes once. The public prize is separate from the jury."),
        url=vote_url(event),
    )
    return draw_poster(out, poster, POSTER_SIZES[size], event)


def write_stand_cards(out: IO[bytes], event: Event) -> int:
    """A card per stand, by stand number; teams without a stand number get none."""
    cards = [
        StandCard(
            title=_("Public prize"),
            stand=_("Stand %(number)s", number=stand),
            team=team.name,
            call=_("Scan the code and vote for this team."),
            url=vote_url(event, team.id),
        )
        for stand, team in voting.stands(event)
        if stand is not None
    ]
    if not cards:
        raise DomainError(
            _("The stands have no numbers yet: number them on the Markt page first."), status=409
        )
    return draw_stand_cards(out, cards, event)


def write_winner_certificate(out: IO[bytes], event: Event) -> int:
    prize = voting.winner(event)
    if prize is None:
        raise DomainError(_("The winner of the public prize is not recorded yet."), status=404)
    return write_certificates(
        out,
        [sources.public_prize_certificate(event, prize.team)],
        sources.branding(event),
        sources.footer(_("Certificates"), event),
    )
