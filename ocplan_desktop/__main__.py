"""`python -m ocplan_desktop`: the same entry point as the `ocplan` console script."""

from __future__ import annotations

import sys

from ocplan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
