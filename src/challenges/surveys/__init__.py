"""Evaluations: after an event its coaches and volunteers rate it, by a link in one e-mail."""
