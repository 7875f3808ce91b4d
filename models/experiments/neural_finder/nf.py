import sys, json, math, random, time, argparse
import numpy as np, torch, torch.nn.functional as F
from safetensors.torch import load_file
import data
ap=argparse.ArgumentParser()
ap.add_argument('--top',type=int,default=3); ap.add_argument('--epochs',type=int,default=2)
ap.add_argument('--lr',type=float,default=1e-4); ap.add_argument('--win',type=int,default=254)
ap.add_argument('--stride',type=int,default=200); ap.add_argument('--out',default='finder-run')
ap.add_argument('--limit',type=int,default=0); ap.add_argument('--holdout',type=int,default=-1); ap.add_argument('--bench',action='store_true')
a=ap.parse_args()
torch.set_num_threads(2); torch.manual_seed(13); random.seed(13)
tok=data.tokenizer()
W={k.removeprefix('bert.'):v for k,v in load_file(data.ENC+'/model.safetensors').items()}
NL=6; H=384; HEADS=12; frozen=NL-a.top
CLS,SEP=tok.token_to_id('[CLS]'),tok.token_to_id('[SEP]')
def layer(x,am,l,P):
    B,L,_=x.shape; g=lambda n:P[f'encoder.layer.{l}.{n}']
    def proj(n):
        return F.linear(x,g(f'attention.self.{n}.weight'),g(f'attention.self.{n}.bias')).view(B,L,HEADS,H//HEADS).transpose(1,2)
    att=F.scaled_dot_product_attention(proj('query'),proj('key'),proj('value'),attn_mask=am).transpose(1,2).reshape(B,L,H)
    x=F.layer_norm(F.linear(att,g('attention.output.dense.weight'),g('attention.output.dense.bias'))+x,(H,),g('attention.output.LayerNorm.weight'),g('attention.output.LayerNorm.bias'),1e-12)
    h=F.gelu(F.linear(x,g('intermediate.dense.weight'),g('intermediate.dense.bias')))
    return F.layer_norm(F.linear(h,g('output.dense.weight'),g('output.dense.bias'))+x,(H,),g('output.LayerNorm.weight'),g('output.LayerNorm.bias'),1e-12)
def mask(lens,L):
    m=torch.zeros(len(lens),L)
    for r,n in enumerate(lens): m[r,:n]=1
    return m, torch.zeros(len(lens),1,1,L).masked_fill(m[:,None,None,:]==0,float('-inf'))
def embed(ids):
    L=ids.shape[1]
    x=W['embeddings.word_embeddings.weight'][ids]+W['embeddings.position_embeddings.weight'][:L]+W['embeddings.token_type_embeddings.weight'][0]
    return F.layer_norm(x,(H,),W['embeddings.LayerNorm.weight'],W['embeddings.LayerNorm.bias'],1e-12)

def doc_windows(doc):
    e=tok.encode(doc['text'],add_special_tokens=False)
    ids=e.ids; offs=e.offsets; n=len(ids)
    wins=[]; s=0
    while True:
        wins.append((s,min(n,s+a.win)))
        if s+a.win>=n: break
        s+=a.stride
    return ids,offs,wins

def labels(doc,offs):
    n=len(offs); text=doc['text']
    C=np.zeros(n,np.int64); Q=np.zeros(n,np.int64); S=np.zeros(n,np.int64)
    # char -> token
    starts=np.array([o[0] for o in offs]); ends=np.array([o[1] for o in offs])
    def toks(a_,b_):
        return np.nonzero((starts<b_)&(ends>a_))[0]
    # outermost content first: longest total
    golds=sorted(doc['gold'],key=lambda g:-sum(b-a for a,b in g['content']))
    taken=np.zeros(n,bool)
    for g in golds:
        tl=[toks(a_,b_) for a_,b_ in g['content']]
        if any(taken[t].any() for t in tl if len(t)): continue
        for pi,t in enumerate(tl):
            if not len(t): continue
            C[t]=2; C[t[0]]=1 if pi==0 else 3; taken[t]=True
        for key,arr in (('cue',Q),('source',S)):
            if g[key]:
                for a_,b_ in g[key]:
                    t=toks(a_,b_)
                    if len(t) and (arr[t]==0).all(): arr[t]=2; arr[t[0]]=1
    # nested (inner) attributions: cue/source still labelled
    for g in doc['gold']:
        for key,arr in (('cue',Q),('source',S)):
            if g[key]:
                for a_,b_ in g[key]:
                    t=toks(a_,b_)
                    if len(t) and (arr[t]==0).all(): arr[t]=2; arr[t[0]]=1
    return C,Q,S

class Heads(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.c=torch.nn.Linear(H,4); s.q=torch.nn.Linear(H,3); s.s=torch.nn.Linear(H,3)
    def forward(s,x): return s.c(x),s.q(x),s.s(x)

def bottom(batch_ids):
    L=max(len(i) for i in batch_ids)
    ids=torch.zeros(len(batch_ids),L,dtype=torch.long)
    for r,i in enumerate(batch_ids): ids[r,:len(i)]=torch.tensor(i)
    m,am=mask([len(i) for i in batch_ids],L)
    x=embed(ids)
    for l in range(frozen): x=layer(x,am,l,W)
    return x,m,am
def top(x,am,P):
    for l in range(frozen,NL): x=layer(x,am,l,P)
    return x

if __name__=='__main__':
    docs=data.load('train')
    if a.limit: docs=docs[:a.limit]
    if a.holdout>=0: docs=[d for i,d in enumerate(docs) if i%10!=a.holdout]
    items=[]
    for d in docs:
        ids,offs,wins=doc_windows(d); C,Q,S=labels(d,offs)
        for s,e in wins:
            items.append(([CLS]+ids[s:e]+[SEP], np.concatenate([[-100],C[s:e],[-100]]), np.concatenate([[-100],Q[s:e],[-100]]), np.concatenate([[-100],S[s:e],[-100]])))
    print(len(items),'windows',flush=True)
    t0=time.time(); cache=[]
    with torch.inference_mode():
        order=list(range(len(items)))
        for s in range(0,len(order),32):
            b=order[s:s+32]; x,m,am=bottom([items[i][0] for i in b])
            for r,i in enumerate(b): cache.append(x[r,:len(items[i][0])].to(torch.float16).clone())
            if a.bench and s>=64: break
    print('bottom',time.time()-t0,flush=True)
    names=[k for k in W if any(k.startswith(f'encoder.layer.{l}.') for l in range(frozen,NL))]
    P={k:v.clone() for k,v in W.items()}
    for k in names: P[k].requires_grad_(True)
    heads=Heads()
    opt=torch.optim.AdamW([{'params':heads.parameters(),'lr':2e-3,'weight_decay':1e-4},{'params':[P[k] for k in names],'lr':a.lr,'weight_decay':0.01}])
    idx=list(range(len(cache))); BS=16
    steps=a.epochs*math.ceil(len(idx)/BS); step=0
    for ep in range(a.epochs):
        random.shuffle(idx); t0=time.time(); tot=0
        for s in range(0,len(idx),BS):
            b=idx[s:s+BS]
            L=max(cache[i].shape[0] for i in b)
            x=torch.zeros(len(b),L,H)
            for r,i in enumerate(b): x[r,:cache[i].shape[0]]=cache[i].float()
            m,am=mask([cache[i].shape[0] for i in b],L)
            def lab(j):
                y=torch.full((len(b),L),-100,dtype=torch.long)
                for r,i in enumerate(b): y[r,:len(items[i][j])]=torch.tensor(items[i][j])
                return y
            yc,yq,ys=lab(1),lab(2),lab(3)
            h=top(x,am,P); lc,lq,ls=heads(h)
            loss=F.cross_entropy(lc.reshape(-1,4),yc.reshape(-1))+F.cross_entropy(lq.reshape(-1,3),yq.reshape(-1))+F.cross_entropy(ls.reshape(-1,3),ys.reshape(-1))
            frac=step/steps; 
            for gi,g in enumerate(opt.param_groups): g['lr']=(2e-3 if gi==0 else a.lr)*min(1,(step+1)/100)*(1-frac)
            opt.zero_grad(); loss.backward(); opt.step(); step+=1; tot+=loss.item()
            if (s//BS)%50==0: print(ep,s,len(idx),round(tot/(s//BS+1),4),round(time.time()-t0),flush=True)
            if a.bench and s>=64: print('bench',(time.time()-t0)/5,'s/batch'); sys.exit()
        torch.save({'P':{k:P[k].detach() for k in names},'heads':heads.state_dict(),'args':vars(a)},a.out+'.pt')
        print('epoch',ep,tot,time.time()-t0,flush=True)
