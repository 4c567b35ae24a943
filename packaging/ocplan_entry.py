"""Entry point of the packaged app: the same as `ocplan` and `python -m ocplan_desktop`."""

import sys

from ocplan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
