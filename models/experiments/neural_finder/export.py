"""Writes a trained tagger (nf.py's .pt) as the file `quotesent --finder neural`
reads: the fine-tuned encoder layers in float16, named as in the encoder's
model.safetensors, and the three heads in float32 under `head.`:
head.content.{weight,bias} (4 x 384: O, B, I, C), head.cue.* and head.source.*
(3 x 384: O, B, I).

    python export.py t6.pt ../../finder-neural.safetensors
"""
import sys, torch
from safetensors.torch import save_file
ck = torch.load(sys.argv[1])
out = {k: v.to(torch.float16).contiguous() for k, v in ck['P'].items()}
names = {'c': 'content', 'q': 'cue', 's': 'source'}
for k, v in ck['heads'].items():
    head, part = k.split('.')
    out[f'head.{names[head]}.{part}'] = v.float().contiguous()
save_file(out, sys.argv[2], metadata={'format': 'quotesent-neural-finder/1', 'args': str(ck['args'])})
print(len(out), 'tensors', sum(v.numel() for v in out.values()), 'values')
