import sys, pickle, time, numpy as np, torch, torch.nn.functional as F
ARGS=sys.argv[1:]
sys.argv=[sys.argv[0],'--top',ARGS[1]]
import nf, data
from nf import *
def run(model_path, split, win=254, stride=200):
    ck=torch.load(model_path)
    P=dict(nf.W); P.update(ck['P']); heads=nf.Heads(); heads.load_state_dict(ck['heads'])
    docs=data.load(split); out={}
    t0=time.time()
    with torch.inference_mode():
        for d in docs:
            e=nf.tok.encode(d['text'],add_special_tokens=False); ids=e.ids; n=len(ids)
            wins=[]; s=0
            while True:
                wins.append((s,min(n,s+win)))
                if s+win>=n: break
                s+=stride
            probs=np.zeros((n,10),np.float32); best=np.full(n,1e9)
            for b0 in range(0,len(wins),16):
                bw=wins[b0:b0+16]
                x,m,am=nf.bottom([[nf.CLS]+ids[s:e_]+[nf.SEP] for s,e_ in bw])
                h=nf.top(x,am,P); lc,lq,ls=heads(h)
                pr=torch.cat([lc.softmax(-1),lq.softmax(-1),ls.softmax(-1)],-1).numpy()
                for r,(s,e_) in enumerate(bw):
                    c=(s+e_)/2
                    for j in range(s,e_):
                        dist=abs(j+0.5-c)
                        if dist<best[j]: best[j]=dist; probs[j]=pr[r,1+j-s]
            out[d['doc']]=(e.offsets,probs)
    print('predict',split,time.time()-t0,'s',file=sys.stderr)
    return out
if __name__=='__main__':
    out=run(ARGS[0],ARGS[2])
    pickle.dump(out,open(ARGS[3],'wb'))
