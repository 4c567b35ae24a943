"""Entry point of the packaged app: the same as `ocplan` and `python -m ocplan_desktop`."""

import os
import sys

# A program built without a console (the Windows window) has no standard streams: printing a
# message would raise instead of showing it. Give them somewhere to go (the log has the messages).
for name in ("stdout", "stderr"):
    if getattr(sys, name) is None:
        setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from ocplan_desktop.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
