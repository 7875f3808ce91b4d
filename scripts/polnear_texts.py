#!/usr/bin/env python3
"""Writes the Content texts of PolNeAR attributions, one per line, for benchmarks.

Usage: polnear_texts.py SPLIT_DIR OUT [LIMIT]
Reads SPLIT_DIR/attributions/*.ann (first annotator file per article, sorted by
name), slices each Content span (discontinuous pieces joined by a space) out of
SPLIT_DIR/text/<doc>.txt, collapses whitespace, and writes the texts in file order.
"""
import os
import re
import sys


def main():
    split, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    ann_dir = os.path.join(split, "attributions")
    seen = set()
    texts = []
    for name in sorted(os.listdir(ann_dir)):
        doc = name.rsplit("_", 1)[0]
        if doc in seen:
            continue
        seen.add(doc)
        with open(os.path.join(split, "text", doc + ".txt"), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(ann_dir, name), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2 or not parts[0].startswith("T"):
                    continue
                label, _, spans = parts[1].partition(" ")
                if label != "Content":
                    continue
                pieces = []
                for piece in spans.split(";"):
                    a, b = piece.split()
                    pieces.append(text[int(a):int(b)])
                t = re.sub(r"\s+", " ", " ".join(pieces)).strip()
                if t:
                    texts.append(t)
    if limit:
        texts = texts[:limit]
    with open(out, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t + "\n")
    print(f"{len(texts)} texts -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
