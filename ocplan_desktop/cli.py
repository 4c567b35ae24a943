"""`ocplan`: the app's jobs without a window, and the entry point that opens the window.

`ocplan` with no command opens the window (on `--db PATH`, the last workspace, or the demo).
Every user mistake ends in one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ocplan_desktop import __version__
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
    from ocplan_desktop.commands import register_all

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    register_all(commands)
    return parser


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(message)


def _window_parser() -> argparse.ArgumentParser:
    parser = _QuietParser(prog="ocplan", add_help=False)
    parser.add_argument("--db", dest="window_db")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    return parser


def _opens_window(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when the command line only asks for the window, else None.

    Opening the window does not build the whole parser: that imports every command module, which
    start-up can do without.
    """
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    try:
        args, rest = _window_parser().parse_known_args(list(argv))
    except ValueError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    # The real command line keeps a log (tests pass their own arguments and keep none); the
    # window starts it once it is on screen.
    keep_log = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        window = _opens_window(argv)
        if window is not None:
            from ocplan_desktop.app import run_window

            return run_window(
                window.window_db, demo=window.demo, smoke=window.smoke, keep_log=keep_log
            )
        if keep_log:
            from ocplan_desktop.logs import start_logging

            start_logging()
        args = build_parser().parse_args(argv)
        if args.command is None:
            from ocplan_desktop.app import run_window

            return run_window(args.window_db, demo=args.demo, smoke=args.smoke, keep_log=keep_log)
        return int(args.handler(args) or 0)
    except OcplanError as error:
        import logging

        logging.getLogger("ocplan").warning("%s", error)
        print(f"ocplan: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("ocplan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
