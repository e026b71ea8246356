"""`python -m dashboard.export --deck Aluefoorumi --format pptx|pdf --out FILE` — the monthly report
without opening the app. Slides left out (no data in this installation) are named on stderr.
`python -m dashboard.export --card 729 --out FILE` — a municipality's kuntakortti (`--card all`: every
focus municipality, a page each).
`python -m dashboard.export --review [--since YYYY-MM-DD] --out-dir DIR` — the decision makers' review (what
changed since the date, default the forum's last meeting, and the deck's key slides) as PDF and PPTX.
Exit codes: 0 ok · 2 bad arguments or unknown deck · 3 export failed (e.g. no Chromium to draw the charts)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from dashboard.core.i18n import LANGUAGES
from dashboard.export import card_pdf
from dashboard.export.deck_export import FORMATS, export_deck
from dashboard.export.images import ExportError
from dashboard.export.slides import skipped_slides
from dashboard.forum import decks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__)
    parser.add_argument("--deck", default=decks.DEFAULT_DECK, help="deck name (default: %(default)s)")
    parser.add_argument("--format", choices=sorted(FORMATS), help="the deck's file format (required for a deck)")
    parser.add_argument("--card", metavar="CODE", help="a municipality's one-page card as PDF (e.g. 729), or 'all'")
    parser.add_argument("--out", type=Path, help="file to write (a deck, a card)")
    parser.add_argument("--lang", choices=LANGUAGES, default="fi")
    parser.add_argument("--review", action="store_true", help="write the decision makers' review (PDF + PPTX)")
    parser.add_argument("--since", type=date.fromisoformat, help="review: changes after this date (YYYY-MM-DD)")
    parser.add_argument("--out-dir", type=Path, help="review: folder to write into")
    args = parser.parse_args(argv)
    if args.review:
        if not args.out_dir:
            parser.error("--review needs --out-dir")  # exits 2
        return _review(args)
    if not args.out:
        parser.error("--out is required for a deck or a card")
    if args.card:
        return card_pdf.write_cards(args.card, args.out, args.lang)
    if args.format is None:
        parser.error("--format is required for a deck")
    try:
        deck = decks.load_deck(args.deck, args.lang)
    except decks.DeckError as exc:
        print(f"error: {exc}; decks: {', '.join(decks.deck_names())}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        data = export_deck(deck, args.format, args.lang)
    except ExportError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 3
    args.out.write_bytes(data)
    skipped = skipped_slides(deck.digest(), args.lang, deck)
    if skipped:
        print(f"warning: {len(skipped)} slide(s) left out, their data is not in this installation: "
              f"{', '.join(skipped)}", file=sys.stderr)  # fmt: skip
    print(f"wrote {args.out} ({len(data) // 1024} KiB, {len(deck.slides) - len(skipped)} of {len(deck.slides)} "
          f"slide(s) of the deck) in {time.perf_counter() - start:.1f} s")  # fmt: skip
    return 0


def _review(args: argparse.Namespace) -> int:
    from dashboard.export.review import write_review  # the review's modules load only when asked for

    start = time.perf_counter()
    try:
        written = write_review(args.out_dir, args.lang, args.since)
    except ExportError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 3
    print(f"wrote {', '.join(map(str, written))} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
