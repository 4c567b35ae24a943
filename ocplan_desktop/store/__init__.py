"""The only place SQL and sqlite-utils appear."""
