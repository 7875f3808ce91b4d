"""Writes the reference probabilities the Rust test of `--finder neural`
compares with (tests/data/neural/reference.json): this file's forward pass
(nf.py's, in PyTorch) over the exported finder model, on one text long enough
for three windows.

    python reference.py ../../finder-neural.safetensors ../../../tests/data/neural/reference.json
"""
import sys, json
sys.argv = [sys.argv[0], '--top', '6'] + sys.argv[1:]
MODEL, OUT = sys.argv[3], sys.argv[4]
sys.argv = sys.argv[:3]
import torch, nf
from safetensors.torch import load_file
T = load_file(MODEL)
P = dict(nf.W)
P.update({k: v.float() for k, v in T.items() if not k.startswith('head.')})
heads = nf.Heads()
heads.load_state_dict({f'{h}.{p}': T[f'head.{n}.{p}'].float() for h, n in (('c', 'content'), ('q', 'cue'), ('s', 'source')) for p in ('weight', 'bias')})
paras = [
    "KYIV (Reuters) - Ukraine's defence minister Rustem Umerov emphasized the need for further dialogue on Tuesday, "
    "after talks in Istanbul ended without a ceasefire.",
    "“We are ready to meet again,” Umerov told reporters. “But the other side must come with real proposals.”",
    "Vladimir Medinsky, who led the Russian delegation, said the delegation left satisfied and that a memorandum "
    "would be sent to Kyiv within days.",
    "Ukraine's ambassador to the United Nations, Serhiy Kyslytsya, called the prisoner exchange a 'very good end "
    "to a very difficult day' and warned that Moscow was stalling.",
]
text = '\n\n'.join(paras * 4)
with torch.inference_mode():
    e = nf.tok.encode(text, add_special_tokens=False)
    ids, n = e.ids, len(e.ids)
    wins, s = [], 0
    while True:
        wins.append((s, min(n, s + 254)))
        if s + 254 >= n: break
        s += 200
    probs = [None] * n; best = [1e9] * n
    x, m, am = nf.bottom([[nf.CLS] + ids[a:b] + [nf.SEP] for a, b in wins])
    h = nf.top(x, am, P); lc, lq, ls = heads(h)
    pr = torch.cat([lc.softmax(-1), lq.softmax(-1), ls.softmax(-1)], -1)
    for r, (a, b) in enumerate(wins):
        c = (a + b) / 2
        for j in range(a, b):
            d = abs(j + 0.5 - c)
            if d < best[j]: best[j] = d; probs[j] = [round(float(v), 6) for v in pr[r, 1 + j - a]]
# Byte offsets (Rust's), from the character offsets.
b = [len(text[:i].encode()) for i in range(len(text) + 1)]
json.dump(dict(text=text, windows=len(wins), offsets=[[b[a], b[c]] for a, c in e.offsets], probs=probs), open(OUT, 'w'))
print(n, 'pieces', len(wins), 'windows')
