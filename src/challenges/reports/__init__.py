"""The season in numbers: counts per programme and season for organisers and funders."""
