"""`ocplan`: the app's jobs without a window, and the entry point that opens the window.

`ocplan` with no command opens the window (on `--db PATH`, the last workspace, or the demo).
Every user mistake ends in one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ocplan_desktop import __version__
from ocplan_desktop.commands import register_all
from ocplan_desktop.domain.errors import OcplanError

EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line, not the whole usage text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (try --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ocplan",
        description="Council governance workspace: meetings, minutes, recommendations, indicators, "
        "engagement feedback and briefing packs. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"ocplan {__version__}")
    parser.add_argument(
        "--db", dest="window_db", metavar="PATH", help="workspace to open in the window"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the demo workspace (made if missing)"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, visit every view, and exit 0 (for CI)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    register_all(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from ocplan_desktop.app import run_window

            return run_window(args.window_db, demo=args.demo, smoke=args.smoke)
        handler = args.handler
        return int(handler(args) or 0)
    except OcplanError as error:
        print(f"ocplan: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("ocplan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
