"""ocplan_desktop: offline governance workspace for council officers."""

__version__ = "0.1.0"
APP_NAME = "ocplan"
APP_TITLE = "ocplan desktop"
ORGANISATION = "ocplan"
