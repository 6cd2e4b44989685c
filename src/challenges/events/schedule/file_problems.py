"""What makes a schedule file unusable, at the file's own line (pure)."""

from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass(frozen=True)
class FileProblem:
    message: str  # in the user's language
    line: int | None = None  # None: the file as a whole

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("line %(line)s: %(problem)s", line=self.line, problem=self.message)


class Unreadable(ValueError):
    """The file cannot be read on from here."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
