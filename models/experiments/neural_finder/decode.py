import sys, pickle, numpy as np, data, score
def runs(tags, conf, offs, text, kinds):
    """tags: per token argmax; returns list of (start_tok,end_tok,piece_kind)"""
    out=[]; cur=None
    for j,t in enumerate(tags):
        cont = j>0 and offs[j][0]==offs[j-1][1] and text[offs[j][0]:offs[j][1]].isalnum()
        if t==0:
            if cur and cont: cur[1]=j+1; continue
            if cur: out.append(cur); cur=None
            continue
        if t==2 or cont:  # I
            if cur: cur[1]=j+1
            else: cur=[j,j+1,1]
        else:
            if cur: out.append(cur)
            cur=[j,j+1,t]
    if cur: out.append(cur)
    return out
def dist(a,b):
    return max(0, max(a[0],b[0])-min(a[1],b[1]))
def decode(text, offs, probs, thr=0.5, link=300):
    n=len(offs)
    if n==0: return []
    ct=probs[:,0:4].argmax(1); qt=probs[:,4:7].argmax(1); st=probs[:,7:10].argmax(1)
    cr=runs(ct,None,offs,text,4)
    contents=[]
    for s,e,k in cr:
        sp=(offs[s][0],offs[e-1][1]); c=float((1-probs[s:e,0]).mean())
        if k==3 and contents and sp[0]-contents[-1]['spans'][-1][1]<400:
            contents[-1]['spans'].append(sp); contents[-1]['toks']+=e-s; contents[-1]['cs'].append(c); continue
        contents.append(dict(spans=[sp],toks=e-s,cs=[c]))
    cues=[(offs[s][0],offs[e-1][1]) for s,e,k in runs(qt,None,offs,text,3)]
    srcs=[(offs[s][0],offs[e-1][1]) for s,e,k in runs(st,None,offs,text,3)]
    preds=[]
    for c in contents:
        conf=float(np.mean(c['cs']))
        if conf<thr: continue
        sp=c['spans']
        inside=lambda x: any(a<=x[0] and x[1]<=b for a,b in sp)
        span=(sp[0][0],sp[-1][1])
        cands=[q for q in cues if not inside(q) and dist(q,span)<link]
        cue=min(cands,key=lambda q:dist(q,span)) if cands else None
        ref=cue or span
        sc=[s for s in srcs if not inside(s) and dist(s,ref)<200]
        m=min(sc,key=lambda s:dist(s,ref)) if sc else None
        preds.append(dict(spans=sp,mention=m,cue=cue,conf=conf,toks=c['toks']))
    return preds
def neural(pk, docs, thr=0.5, mintok=2):
    P={}
    for d in docs:
        offs,probs=pk[d['doc']]
        P[d['doc']]=[p for p in decode(d['text'],offs,probs,thr) if p['toks']>=mintok]
    return P
def ov(a,b): return score.shared(a['spans'],b['spans'])>0
def combine(base, add):
    out={}
    for doc in set(base)|set(add):
        b=list(base.get(doc,[]))
        for p in add.get(doc,[]):
            if not any(ov(p,q) for q in base.get(doc,[])): b.append(p)
        out[doc]=b
    return out
if __name__=='__main__':
    docs=data.load('dev'); pk=pickle.load(open(sys.argv[1],'rb'))
    rules=score.load_dump(sys.argv[2])
    for thr in [0.5,0.6,0.7,0.8,0.9]:
        N=neural(pk,docs,thr)
        print(thr,'neural     ',score.fmt(score.score(docs,N)[0]))
        print(thr,'rules+N    ',score.fmt(score.score(docs,combine(rules,N))[0]))
        print(thr,'N+rules    ',score.fmt(score.score(docs,combine(N,rules))[0]))
