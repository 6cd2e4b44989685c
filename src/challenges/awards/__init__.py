"""Awards, deliberation, advancement to the national final, public prize and results pages."""
