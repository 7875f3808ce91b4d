#!/usr/bin/env python3
"""Cross-checks `quotesent score --model DIR` against Hugging Face transformers.

Builds tiny random sequence classifiers of each architecture quotesent runs
(BERT saved as pytorch_model.bin, DistilBERT, RoBERTa and DeBERTa saved as
model.safetensors, each with its fast tokenizer), scores the same texts with
transformers and with the quotesent binary, and compares the optimism
(p_positive - p_negative). Exit 0 when every model agrees to 1e-5.

Usage (transformers in the .venv: bash scripts/bench.sh installs it):
  .venv/bin/python scripts/check_byo_models.py [target/release/quotesent]
"""
import json
import os
import subprocess
import sys
import tempfile

import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (BertConfig, BertForSequenceClassification, BertTokenizerFast,
                          DebertaConfig, DebertaForSequenceClassification, DebertaTokenizerFast,
                          DistilBertConfig, DistilBertForSequenceClassification,
                          RobertaConfig, RobertaForSequenceClassification, RobertaTokenizerFast)

TEXTS = ["the talks were good .", "war , war , the talks collapsed .", "we are hopeful , peace is near ."]
LABELS = {0: "negative", 1: "neutral", 2: "positive"}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/quotesent"
    torch.manual_seed(0)
    work = tempfile.mkdtemp(prefix="quotesent-byo.")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted({w for t in TEXTS for w in t.split()})
    with open(f"{work}/vocab.txt", "w") as f:
        f.write("\n".join(words) + "\n")
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(TEXTS * 50, vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(work)
    wordpiece = lambda: BertTokenizerFast(f"{work}/vocab.txt")
    small = dict(hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
                 id2label=LABELS, label2id={v: k for k, v in LABELS.items()})
    models = [
        ("bert (pytorch_model.bin)", BertConfig, BertForSequenceClassification, wordpiece,
         dict(small, max_position_embeddings=64), False),
        ("distilbert", DistilBertConfig, DistilBertForSequenceClassification, wordpiece,
         dict(dim=16, n_layers=2, n_heads=2, hidden_dim=32, max_position_embeddings=64,
              id2label=LABELS, label2id=small["label2id"]), True),
        ("roberta", RobertaConfig, RobertaForSequenceClassification,
         lambda: RobertaTokenizerFast(f"{work}/vocab.json", f"{work}/merges.txt"),
         dict(small, max_position_embeddings=66), True),
        ("deberta", DebertaConfig, DebertaForSequenceClassification,
         lambda: DebertaTokenizerFast(f"{work}/vocab.json", f"{work}/merges.txt"),
         dict(small, max_position_embeddings=64), True),
    ]
    failed = 0
    for name, Cfg, Model, make_tok, kw, safe in models:
        tok = make_tok()
        kw = dict(kw, vocab_size=len(tok), pad_token_id=tok.pad_token_id)
        model = Model(Cfg(**kw)).eval()
        path = os.path.join(work, name.split()[0])
        model.save_pretrained(path, safe_serialization=safe)
        tok.save_pretrained(path)
        enc = tok(TEXTS, padding=True, return_tensors="pt")
        if "distilbert" in name:
            enc.pop("token_type_ids", None)
        with torch.no_grad():
            p = model(**enc).logits.softmax(-1)
        want = (p[:, 2] - p[:, 0]).tolist()
        out = subprocess.run([binary, "score", "--model", path, "--device", "cpu", "--format", "jsonl", *TEXTS],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name}: quotesent failed: {out.stderr.strip()}")
            failed += 1
            continue
        got = [json.loads(line)["optimism"] for line in out.stdout.splitlines()]
        diff = max(abs(a - b) for a, b in zip(want, got))
        ok = len(got) == len(want) and diff <= 1e-5
        failed += not ok
        print(f"{name}: max |optimism - transformers| = {diff:.1e} over {len(got)} texts: {'ok' if ok else 'DIFFERS'}")
    print(f"byo: {len(models) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
