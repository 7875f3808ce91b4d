"""Chooses `--finder neural`'s cuts on articles the tagger did not train on.

Mirrors src/quote/neural/mod.rs `combine`: a neural statement is kept when
its confidence reaches `alone`, or `confirmed` when a hybrid quote overlaps
it (it then takes that quote's speaker mention); with `direct`, a kept
statement whose best-overlapping hybrid quote is direct gives way to that
quote; `others` says which hybrid quotes that no kept statement overlaps are
kept too (none, marked = direct and partial, all); with `marked`, a reported
one is kept too when the tagger's mean `1 - P(O)` over the word pieces it
touches (`support`, `Pieces::support` in Rust) reaches `supported`.

The hybrid dump must come from a tagger that did not see the held-out
articles either (train-extractor on the other nine tenths):

    $PY nf.py --top 6 --epochs 4 --lr 8e-5 --holdout 0 --out h6
    $PY predict.py h6.pt 6 'train%0' h6-hold.pkl
    # HOLD: the 84 held-out articles, TRAIN90: the other 756 (text/ and attributions/)
    quotesent train-extractor --gold TRAIN90 --out ex90.qst
    QUOTESENT_EVAL_DUMP=hold-hyb.jsonl quotesent eval --gold HOLD --extractor ex90.qst
    $PY sweep.py h6-hold.pkl hold-hyb.jsonl 'train%0'
"""
import sys, pickle, itertools, numpy as np, data, score, decode

KINDS = {'none': (), 'marked': ('direct', 'partial'), 'all': ('direct', 'partial', 'reported')}


def support(pk, doc, spans):
    offs, probs = pk[doc]
    st = np.array([o[0] for o in offs]); en = np.array([o[1] for o in offs])
    idx = np.concatenate([np.nonzero((st < b) & (en > a))[0] for a, b in spans])
    return float((1 - probs[idx, 0]).mean()) if len(idx) else 0.0


def combine(neural, hybrid, alone, confirmed, direct=True, others='marked', supported=2.0, pk=None):
    out = {}
    for doc in set(neural) | set(hybrid):
        hy = hybrid.get(doc, [])
        kept, taken = [], set()
        for n in neural.get(doc, []):
            cands = [(score.shared(n['spans'], q['spans']), i) for i, q in enumerate(hy)]
            cands = [c for c in cands if c[0] > 0]
            i = max(cands)[1] if cands else None
            q = hy[i] if i is not None else None
            if n['conf'] < (confirmed if q else alone):
                continue
            if direct and q and q['kind'] == 'direct':
                if i not in taken:
                    taken.add(i)
                    kept.append(q)
                continue
            kept.append(dict(spans=n['spans'], mention=(q['mention'] if q and q['mention'] else n['mention'])))
        kept += [q for q in hy if (q['kind'] in KINDS[others]
                                   or (others == 'marked' and supported <= 1 and support(pk, doc, q['spans']) >= supported))
                 and not any(score.shared(k['spans'], q['spans']) > 0 for k in kept)]
        out[doc] = kept
    return out


if __name__ == '__main__':
    pk = pickle.load(open(sys.argv[1], 'rb'))
    hybrid = score.load_dump(sys.argv[2])
    docs = data.load(sys.argv[3])
    neural = decode.neural(pk, docs, 0.0)
    print('hybrid alone      ', score.fmt(score.score(docs, hybrid)[0]))
    grid = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
    for direct, others, alone, confirmed in itertools.product([True, False], KINDS, grid, grid):
        R = score.score(docs, combine(neural, hybrid, alone, confirmed, direct, others))[0]
        print(f"direct {int(direct)} others {others} alone {alone:.2f} confirmed {confirmed:.2f}  {score.fmt(R)}", flush=True)
    # stop 29: reported hybrid quotes the tagger supports, with `marked`
    for alone, confirmed, sup in itertools.product(grid[3:], grid[3:], [0.4, 0.5, 0.6, 0.7, 0.8]):
        R = score.score(docs, combine(neural, hybrid, alone, confirmed, True, 'marked', sup, pk))[0]
        print(f"direct 1 others marked alone {alone:.2f} confirmed {confirmed:.2f} supported {sup:.2f}  {score.fmt(R)}", flush=True)
