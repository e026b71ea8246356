"""Projects and funding: registers and the coordinator's projects, funding position, impact, scorecard, editor forms."""
