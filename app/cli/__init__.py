"""The ``freshflow`` console script: the core, scriptable and headless.

Exit codes: 0 success, 1 a domain or input error (one line on stderr, never
a traceback), 2 a usage error. ``--db`` and ``--json`` go before or after
the command.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence

from app.cli import commands
from app.config import data_dir
from app.errors import DomainError
from app.i18n import _

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit 2 with usage; keep that, one line
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL (else FRESHFLOW_DB_URL, else settings, else embedded SQLite)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output on stdout")
    parser = _Parser(prog="freshflow", description="FreshFlow back office, from the command line.",
                     parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    commands.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    try:
        return int(args.handler(args) or EXIT_OK)
    except DomainError as error:
        _fail(args, str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _fail(args, _("interrupted"))
        return EXIT_ERROR
    except Exception as error:  # a bug: one line here, the traceback in the log file
        log_path = data_dir() / "freshflow-cli.log"
        try:
            with open(log_path, "a", encoding="utf-8") as log_file:
                traceback.print_exc(file=log_file)
        except OSError:
            log_path = None
        _fail(args, _("internal error ({kind}: {detail}); details in {log}").format(
            kind=type(error).__name__, detail=str(error).splitlines()[0] if str(error) else "", log=log_path))
        return EXIT_ERROR


def _fail(args: argparse.Namespace, message: str) -> None:
    message = " ".join(message.split("\n"))
    if getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False))
    print(f"freshflow: {message}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
