"""Backups of the whole database: a portable file, made while the app runs, restored by command."""
