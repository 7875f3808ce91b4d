#!/usr/bin/env python3
"""Turns a PolNeAR split into jsonl articles that `quotesent` reads.

Usage: polnear_to_jsonl.py SPLIT_DIR OUT.jsonl

Reads SPLIT_DIR/text/*.txt (sorted by name), one article per file, with
id = the file stem. When SPLIT_DIR/../metadata.tsv exists (the PolNeAR
metadata: filename, publisher, publication_date, title, ...), each article
gets its title, date and source (the publisher) from the row whose
`filename` is the stem; missing rows or "None" cells become empty fields.
The text is written exactly as read (UTF-8, no normalisation), so character
offsets in the quote rows stay comparable with the PolNeAR annotations.

Why a file and not stdin: the Spark job and the plain run must see the very
same bytes; `OUT.jsonl` is written once and both read it. `-` as OUT writes
to stdout. Prints "N articles -> OUT" on stderr; exits 2 when SPLIT_DIR/text
is missing or holds no .txt file.
"""
import csv
import json
import os
import sys


def read_metadata(split_dir):
    """filename -> {title, date, source}, or {} when there is no metadata.tsv."""
    path = os.path.join(os.path.dirname(os.path.abspath(split_dir)), "metadata.tsv")
    if not os.path.isfile(path):
        return {}
    meta = {}
    with open(path, encoding="utf-8", newline="") as f:
        # Titles hold quote marks: no CSV quoting, tabs only.
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = (row.get("filename") or "").strip()
            if not name:
                continue

            def cell(key):
                v = (row.get(key) or "").strip()
                return "" if v == "None" else v

            meta[name] = {
                "title": cell("title"),
                "date": cell("publication_date"),
                "source": cell("publisher"),
            }
    return meta


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    split_dir, out = argv[1], argv[2]
    text_dir = os.path.join(split_dir, "text")
    if not os.path.isdir(text_dir):
        print(f"error: {text_dir} is not a folder (expected a PolNeAR split)", file=sys.stderr)
        return 2
    names = sorted(n for n in os.listdir(text_dir) if n.endswith(".txt"))
    if not names:
        print(f"error: no .txt file in {text_dir}", file=sys.stderr)
        return 2
    meta = read_metadata(split_dir)
    sink = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="\n")
    try:
        for name in names:
            stem = name[: -len(".txt")]
            # newline="" keeps \r\n as is: offsets must match the file on disk.
            with open(os.path.join(text_dir, name), encoding="utf-8", newline="") as f:
                text = f.read()
            m = meta.get(stem, {})
            article = {
                "id": stem,
                "title": m.get("title", ""),
                "date": m.get("date", ""),
                "source": m.get("source", ""),
                "url": "",
                "text": text,
            }
            sink.write(json.dumps(article, ensure_ascii=False) + "\n")
    finally:
        if sink is not sys.stdout:
            sink.close()
    print(f"{len(names)} articles -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
