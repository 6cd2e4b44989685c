"""The judged event of the judging tests: four teams with rubrics and robot-game scores."""

from tests.judging.conftest import judged  # noqa: F401 (a fixture)
