"""Judging: rubric sets as data, judges in rooms, filled rubrics, fairness statistics."""
