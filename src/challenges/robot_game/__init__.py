"""Robot Game: season missions as data, referee sheets, verification, ranking, scoreboard."""
