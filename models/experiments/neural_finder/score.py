import json
def total(sp): return sum(b-a for a,b in sp)
def shared(p,g): return sum(max(0,min(b,d)-max(a,c)) for a,b in p for c,d in g)
def overlap(m,src): return any(min(b,d)>max(a,c) for a,b in [m] for c,d in src)
def score(docs, preds):
    """docs: list from data.load; preds: {doc: [dict(spans=[(a,b)], mention=(a,b)|None)]}"""
    R=dict(matched=0,false=0,frag=0,md=0,mr=0,gd=0,gr=0,sp=0,spt=0,pred=0)
    status={}
    for d in docs:
        P=preds.get(d['doc'],[]); G=d['gold']; R['pred']+=len(P)
        for g in G: R['gd' if g['direct'] else 'gr']+=1
        pairs=[]
        for pi,p in enumerate(P):
            pl=total(p['spans'])
            for gi,g in enumerate(G):
                s=shared(p['spans'],g['content'])
                if s>0 and 2*s>=total(g['content']) and 2*s>=pl: pairs.append((-s,pi,gi))
        pairs.sort(); pm={}; gm={}
        for _,pi,gi in pairs:
            if pi not in pm and gi not in gm: pm[pi]=gi; gm[gi]=pi
        for pi,p in enumerate(P):
            if pi in pm:
                g=G[pm[pi]]; R['matched']+=1; R['md' if g['direct'] else 'mr']+=1; st='matched'
                if g['source']:
                    R['spt']+=1
                    if p.get('mention') and overlap(p['mention'],g['source']): R['sp']+=1
            else:
                pl=total(p['spans'])
                if any(2*shared(p['spans'],g['content'])>=pl for g in G): R['frag']+=1; st='fragment'
                else: R['false']+=1; st='false'
            status[(d['doc'],pi)]=st
    R['P']=R['matched']/max(1,R['matched']+R['false']); R['Rd']=R['md']/R['gd']; R['Rr']=R['mr']/R['gr']; R['S']=R['sp']/max(1,R['spt'])
    return R,status
def fmt(R): return f"P {R['P']:.3f} (m {R['matched']} f {R['false']} fr {R['frag']})  Rd {R['Rd']:.3f}  Rr {R['Rr']:.3f}  S {R['S']:.3f}  pred {R['pred']}"
def load_dump(path):
    out={}
    for r in map(json.loads,open(path)):
        out.setdefault(r['doc'],[]).append(dict(spans=[tuple(x) for x in r['spans']],mention=tuple(r['mention']) if r['mention'] else None,kind=r['kind'],cue=r['cue']))
    return out
if __name__=='__main__':
    import sys,data
    docs=data.load('dev')
    for f in sys.argv[1:]: print(f,fmt(score(docs,load_dump(f))[0]))
