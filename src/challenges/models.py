"""Imports every model module so the mapper registry and Alembic see the whole schema."""

from challenges.auth.models import EventRole, User, UserRole
from challenges.awards.models import Advancement, AwardWinner, PublicPrize, PublicVote
from challenges.events.market.models import MarketPlan, PlannedVisit
from challenges.events.models import AdvancementQuota, Conflict, Event, EventTeam, ScheduleEntry
from challenges.judging.models import PanelMember, RubricAdjustment, RubricEntry, StandClaim
from challenges.mail.models import OutboxMessage
from challenges.printing.models import Branding
from challenges.registration.models import AuditEntry, CoachInvitation, Team, TeamCoach
from challenges.reports.models import EventVisitors
from challenges.robot_game.models import ClosedRound, ScoreboardState, ScoreSheet
from challenges.schools.models import School, SchoolMembership, SchoolRequest
from challenges.seasons.models import Category, Programme, Season
from challenges.surveys.models import Survey, SurveyInvitation
from challenges.tablets.models import RefusedItem

__all__ = [
    "Advancement",
    "AdvancementQuota",
    "AuditEntry",
    "AwardWinner",
    "Branding",
    "Category",
    "ClosedRound",
    "CoachInvitation",
    "Conflict",
    "Event",
    "EventRole",
    "EventTeam",
    "EventVisitors",
    "MarketPlan",
    "OutboxMessage",
    "PanelMember",
    "PlannedVisit",
    "Programme",
    "PublicPrize",
    "PublicVote",
    "RefusedItem",
    "RubricAdjustment",
    "RubricEntry",
    "ScheduleEntry",
    "School",
    "SchoolMembership",
    "SchoolRequest",
    "ScoreSheet",
    "ScoreboardState",
    "Season",
    "StandClaim",
    "Survey",
    "SurveyInvitation",
    "Team",
    "TeamCoach",
    "User",
    "UserRole",
]
