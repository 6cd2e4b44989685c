"""Printing with ReportLab: scoresheets, rubrics, schedules, results, certificates, signs."""
