#!/usr/bin/env python3
"""The Python reference: sentence-transformers encoding the same texts.

Usage: bench_reference.py MODEL_DIR TEXTS_FILE [--batch 64] [--threads N] [--save EMB.npy]
Prints one JSON line: {"texts": n, "load_s": .., "encode_s": .., "texts_per_s": ..}.
"""
import argparse
import json
import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("texts")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--save")
    args = ap.parse_args()
    import torch
    if args.threads:
        torch.set_num_threads(args.threads)
    from sentence_transformers import SentenceTransformer

    with open(args.texts, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f if line.strip()]
    t0 = time.perf_counter()
    model = SentenceTransformer(args.model_dir, device="cpu")
    t1 = time.perf_counter()
    emb = model.encode(texts, batch_size=args.batch, normalize_embeddings=True,
                       convert_to_numpy=True, show_progress_bar=False)
    t2 = time.perf_counter()
    if args.save:
        import numpy as np
        np.save(args.save, emb)
    print(json.dumps({"texts": len(texts), "load_s": round(t1 - t0, 3),
                      "encode_s": round(t2 - t1, 3),
                      "texts_per_s": round(len(texts) / (t2 - t1), 1)}))


if __name__ == "__main__":
    main()
