//! A BERT encoder's forward pass, written directly on tch tensors.
//!
//! Why not rust-bert's `BertModel`? It runs three separate query/key/value
//! products, builds the attention mask anew in every layer, and keeps the
//! general machinery (cross-attention, head masks, past states) that a
//! sentence encoder never uses. On short news quotes (about 21 tokens on
//! average in PolNeAR) those extra small operations cost as much as the
//! matrix products, so this module does the minimum: one fused QKV product
//! per layer, then on a CPU with AVX-512 the attention and the residual
//! layer norms by the one-pass kernels of [`super::kernels`] (libtorch runs
//! only the linear layers and GELU), elsewhere libtorch's attention with the
//! additive padding mask built once per batch. The arithmetic is BERT's, so
//! fp32 embeddings equal sentence-transformers' to the last bits (checked
//! against `../shared/data/reference-embeddings.json` by the real-model
//! tests).
//!
//! Only what the packaged encoder (and BERT sentence encoders like it) needs
//! is supported: absolute position embeddings and the exact (erf) GELU. Any
//! other configuration is refused by [`BertEncoder::load`] with the field
//! that differs, never run wrongly.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use tch::{Device, Kind, Tensor};

use super::kernels::add_norm::{self, add_norm, Norm};
use super::kernels::attention::{self, attend, Scratch, Shape};
use super::kernels::{Bf16, Element};
use super::overlay::Overlay;
use super::ScoreError;

/// The config.json fields the forward pass reads.
#[derive(Debug, Deserialize)]
struct BertJson {
    hidden_size: i64,
    num_attention_heads: i64,
    num_hidden_layers: i64,
    max_position_embeddings: i64,
    #[serde(default = "default_eps")]
    layer_norm_eps: f64,
    #[serde(default = "default_act")]
    hidden_act: String,
    #[serde(default = "default_position")]
    position_embedding_type: String,
}

fn default_eps() -> f64 {
    1e-12
}
fn default_act() -> String {
    "gelu".into()
}
fn default_position() -> String {
    "absolute".into()
}

/// How attention is computed. Measured on 4000 PolNeAR quotes (2-core EPYC):
/// the hand-written kernel is a little faster where it runs (bf16 median
/// 6.306 s vs 6.416 s for the whole encoder over 10 alternating rounds of
/// `examples/ab_kernels`; fp32 within noise); elsewhere PyTorch's fused
/// kernel is the faster in fp32, plain matrix products with a softmax between
/// them the faster in bf16 (about 10%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attention {
    /// `scaled_dot_product_attention`.
    Fused,
    /// `softmax(q kᵀ + mask) v`, with the scale folded into the query weights.
    Plain,
    /// [`super::kernels::attention`]: read straight from the QKV output, fp32 inside,
    /// on the CPU for unpadded batches (scale folded into the query weights).
    Kernel,
}

/// One transformer layer's weights, QKV fused into one matrix.
struct Layer {
    qkv_w: Tensor,
    qkv_b: Tensor,
    out_w: Tensor,
    out_b: Tensor,
    ln1_w: Tensor,
    ln1_b: Tensor,
    up_w: Tensor,
    up_b: Tensor,
    down_w: Tensor,
    down_b: Tensor,
    ln2_w: Tensor,
    ln2_b: Tensor,
    /// The two layer norms' parameters as f32 for [`add_norm()`], where the
    /// CPU runs that kernel.
    norms: Option<[Arc<Norm>; 2]>,
}

/// Overlay tensors under this prefix are a task head's, not the encoder's.
pub(crate) const HEAD_PREFIX: &str = "head.";

/// A loaded BERT encoder (no pooler): token ids in, hidden states out.
pub(crate) struct BertEncoder {
    word: Tensor,
    /// Position embeddings with token type 0's embedding already added (every
    /// window is a single segment).
    pos_type0: Tensor,
    emb_ln_w: Tensor,
    emb_ln_b: Tensor,
    layers: Vec<Layer>,
    hidden: i64,
    heads: i64,
    eps: f64,
    max_positions: i64,
    kind: Kind,
    attention: Attention,
}

impl BertEncoder {
    /// Reads `config.json` and the safetensors weights from `dir`, puts them
    /// on `device` in `kind` (`Float` or `BFloat16`). `kernels`: use
    /// [`super::kernels`] where the CPU can run them.
    pub(crate) fn load(
        dir: &Path,
        device: Device,
        kind: Kind,
        kernels: bool,
        overlay: Option<&Overlay>,
    ) -> Result<Self, ScoreError> {
        let config_path = dir.join("config.json");
        let text = std::fs::read_to_string(&config_path).map_err(|source| ScoreError::Io {
            path: config_path.clone(),
            source,
        })?;
        let bad = |reason: String| ScoreError::BadModel {
            path: config_path.clone(),
            reason,
        };
        let cfg: BertJson =
            serde_json::from_str(&text).map_err(|e| bad(format!("not a BERT config: {e}")))?;
        if cfg.hidden_act != "gelu" {
            return Err(bad(format!(
                "hidden_act is {:?}; the sentence encoder supports \"gelu\"",
                cfg.hidden_act
            )));
        }
        if cfg.position_embedding_type != "absolute" {
            return Err(bad(format!(
                "position_embedding_type is {:?}; the sentence encoder supports \"absolute\"",
                cfg.position_embedding_type
            )));
        }
        if cfg.hidden_size <= 0
            || cfg.num_attention_heads <= 0
            || cfg.hidden_size % cfg.num_attention_heads != 0
        {
            return Err(bad(format!(
                "hidden_size {} is not a positive multiple of num_attention_heads {}",
                cfg.hidden_size, cfg.num_attention_heads
            )));
        }

        let weights_path = dir.join("model.safetensors");
        if !weights_path.is_file() {
            return Err(ScoreError::BadModel {
                path: weights_path,
                reason: "missing (quotesent reads safetensors weights)".into(),
            });
        }
        let mut named: HashMap<String, Tensor> = Tensor::read_safetensors(&weights_path)
            .map_err(|e| ScoreError::BadModel {
                path: weights_path.clone(),
                reason: e.to_string(),
            })?
            .into_iter()
            .map(|(name, t)| {
                let name = name.strip_prefix("bert.").unwrap_or(&name).to_string();
                (name, t)
            })
            .collect();
        if let Some(overlay) = overlay {
            // `head.` tensors belong to a task head shipped in the same
            // file (the neural quote finder's), not to the encoder.
            for (name, t) in overlay.tensors_where(|n| !n.starts_with(HEAD_PREFIX))? {
                let base = named.get(&name).ok_or_else(|| ScoreError::BadModel {
                    path: overlay.origin().to_path_buf(),
                    reason: format!("tensor {name:?} is not in the encoder {}", dir.display()),
                })?;
                if base.size() != t.size() {
                    return Err(ScoreError::BadModel {
                        path: overlay.origin().to_path_buf(),
                        reason: format!(
                            "tensor {name:?} has shape {:?}, the encoder's has {:?}",
                            t.size(),
                            base.size()
                        ),
                    });
                }
                named.insert(name, t);
            }
        }
        let mut take = |name: &str, shape: &[i64]| -> Result<Tensor, ScoreError> {
            let t = named.remove(name).ok_or_else(|| ScoreError::BadModel {
                path: weights_path.clone(),
                reason: format!("no tensor {name:?}"),
            })?;
            let fits = t.size().len() == shape.len()
                && t.size()
                    .iter()
                    .zip(shape)
                    .all(|(&d, &want)| want < 0 || d == want);
            if !fits {
                return Err(ScoreError::BadModel {
                    path: weights_path.clone(),
                    reason: format!(
                        "{name} has shape {:?}, config.json implies {shape:?}",
                        t.size()
                    ),
                });
            }
            Ok(t.to_kind(kind).to_device(device))
        };

        let h = cfg.hidden_size;
        let attention = match (device, kind) {
            (Device::Cpu, _) if attention::available((h / cfg.num_attention_heads) as usize) => {
                Attention::Kernel
            }
            (_, Kind::Float) => Attention::Fused,
            _ => Attention::Plain,
        };
        // -1: any size (vocabulary, token types, intermediate width).
        let word = take("embeddings.word_embeddings.weight", &[-1, h])?;
        let pos = take(
            "embeddings.position_embeddings.weight",
            &[cfg.max_position_embeddings, h],
        )?;
        let types = take("embeddings.token_type_embeddings.weight", &[-1, h])?;
        let emb_ln_w = take("embeddings.LayerNorm.weight", &[h])?;
        let emb_ln_b = take("embeddings.LayerNorm.bias", &[h])?;
        // The sum is what BERT computes for token type 0, done once.
        let pos_type0 = &pos + types.get(0);

        let mut layers = Vec::with_capacity(cfg.num_hidden_layers as usize);
        for l in 0..cfg.num_hidden_layers {
            let p = format!("encoder.layer.{l}.");
            let mut q_w = take(&format!("{p}attention.self.query.weight"), &[h, h])?;
            let k_w = take(&format!("{p}attention.self.key.weight"), &[h, h])?;
            let v_w = take(&format!("{p}attention.self.value.weight"), &[h, h])?;
            let mut q_b = take(&format!("{p}attention.self.query.bias"), &[h])?;
            if attention != Attention::Fused {
                let scale = 1.0 / ((h / cfg.num_attention_heads) as f64).sqrt();
                q_w *= scale;
                q_b *= scale;
            }
            let k_b = take(&format!("{p}attention.self.key.bias"), &[h])?;
            let v_b = take(&format!("{p}attention.self.value.bias"), &[h])?;
            layers.push(Layer {
                qkv_w: Tensor::cat(&[q_w, k_w, v_w], 0).contiguous(),
                qkv_b: Tensor::cat(&[q_b, k_b, v_b], 0).contiguous(),
                out_w: take(&format!("{p}attention.output.dense.weight"), &[h, h])?,
                out_b: take(&format!("{p}attention.output.dense.bias"), &[h])?,
                ln1_w: take(&format!("{p}attention.output.LayerNorm.weight"), &[h])?,
                ln1_b: take(&format!("{p}attention.output.LayerNorm.bias"), &[h])?,
                up_w: take(&format!("{p}intermediate.dense.weight"), &[-1, h])?,
                up_b: take(&format!("{p}intermediate.dense.bias"), &[-1])?,
                down_w: take(&format!("{p}output.dense.weight"), &[h, -1])?,
                down_b: take(&format!("{p}output.dense.bias"), &[h])?,
                ln2_w: take(&format!("{p}output.LayerNorm.weight"), &[h])?,
                ln2_b: take(&format!("{p}output.LayerNorm.bias"), &[h])?,
                norms: None,
            });
            let layer = layers.last_mut().expect("just pushed");
            if kernels && device == Device::Cpu && add_norm::available(h as usize) {
                let norm = |w: &Tensor, b: &Tensor| -> Result<Arc<Norm>, ScoreError> {
                    let f32s = |t: &Tensor| {
                        Vec::<f32>::try_from(t.to_kind(Kind::Float)).map_err(|e| {
                            ScoreError::BadModel {
                                path: weights_path.clone(),
                                reason: e.to_string(),
                            }
                        })
                    };
                    Ok(Arc::new(Norm {
                        w: f32s(w)?,
                        b: f32s(b)?,
                        eps: cfg.layer_norm_eps as f32,
                    }))
                };
                layer.norms = Some([
                    norm(&layer.ln1_w, &layer.ln1_b)?,
                    norm(&layer.ln2_w, &layer.ln2_b)?,
                ]);
            }
        }
        Ok(BertEncoder {
            word,
            pos_type0,
            emb_ln_w,
            emb_ln_b,
            layers,
            hidden: h,
            heads: cfg.num_attention_heads,
            eps: cfg.layer_norm_eps,
            max_positions: cfg.max_position_embeddings,
            kind,
            attention,
        })
    }

    /// A second handle on the same weights (no copy), for another thread.
    pub(crate) fn shallow_clone(&self) -> BertEncoder {
        let layers = self
            .layers
            .iter()
            .map(|l| Layer {
                qkv_w: l.qkv_w.shallow_clone(),
                qkv_b: l.qkv_b.shallow_clone(),
                out_w: l.out_w.shallow_clone(),
                out_b: l.out_b.shallow_clone(),
                ln1_w: l.ln1_w.shallow_clone(),
                ln1_b: l.ln1_b.shallow_clone(),
                up_w: l.up_w.shallow_clone(),
                up_b: l.up_b.shallow_clone(),
                down_w: l.down_w.shallow_clone(),
                down_b: l.down_b.shallow_clone(),
                ln2_w: l.ln2_w.shallow_clone(),
                ln2_b: l.ln2_b.shallow_clone(),
                norms: l.norms.clone(),
            })
            .collect();
        BertEncoder {
            word: self.word.shallow_clone(),
            pos_type0: self.pos_type0.shallow_clone(),
            emb_ln_w: self.emb_ln_w.shallow_clone(),
            emb_ln_b: self.emb_ln_b.shallow_clone(),
            layers,
            ..*self
        }
    }

    pub(crate) fn hidden_size(&self) -> usize {
        self.hidden as usize
    }

    pub(crate) fn max_positions(&self) -> usize {
        self.max_positions as usize
    }

    /// Hidden states `[batch, len, hidden]` (in the encoder's kind) for token
    /// ids `[batch, len]` with `mask` 1 on real tokens and 0 on padding.
    /// Call under `tch::no_grad_guard()`.
    pub(crate) fn forward(&self, ids: &Tensor, mask: &Tensor) -> Tensor {
        let (b, len) = ids.size2().expect("ids are [batch, len]");
        let (h, heads) = (self.hidden, self.heads);
        let head_dim = h / heads;
        let mut x = self.word.index_select(0, &ids.view([-1])).view([b, len, h])
            + self.pos_type0.narrow(0, 0, len);
        x = x.layer_norm(
            [h],
            Some(&self.emb_ln_w),
            Some(&self.emb_ln_b),
            self.eps,
            false,
        );
        // Additive mask: 0 on real tokens, -inf on padding; every row has at
        // least [CLS] and [SEP], so no softmax row is all -inf. Batches are
        // cut from windows sorted by length, so most have no padding at all
        // and need no mask.
        let padded = mask.eq(0);
        let additive = (padded.any().int64_value(&[]) != 0).then(|| {
            Tensor::zeros([b, 1, 1, len], (self.kind, ids.device()))
                .masked_fill(&padded.view([b, 1, 1, len]), f64::NEG_INFINITY)
        });
        // (Full length: libtorch 2.4's CPU kernel misreads a mask broadcast
        // along the key axis.)
        let no_mask = (self.attention == Attention::Fused)
            .then(|| Tensor::zeros([1, 1, 1, len], (self.kind, ids.device())));
        let mut scratch = Scratch::default();
        for layer in &self.layers {
            let qkv = x.linear(&layer.qkv_w, Some(&layer.qkv_b));
            if self.attention == Attention::Kernel && additive.is_none() {
                let ctx = self.kernel_attention(&qkv, b, len, &mut scratch);
                let attended = ctx.linear(&layer.out_w, Some(&layer.out_b));
                x = self.add_norm(&attended, &x, layer, 0);
                x = self.feed_forward(&x, layer);
                continue;
            }
            let qkv = qkv
                .view([b, len, 3, heads, head_dim])
                .permute([2, 0, 3, 1, 4]);
            let (q, k, v) = (qkv.get(0), qkv.get(1), qkv.get(2));
            let ctx = match self.attention {
                // tch passes `None` as an undefined tensor, which the kernel
                // refuses; a broadcast zero stands for "no mask".
                Attention::Fused => Tensor::scaled_dot_product_attention(
                    &q,
                    &k,
                    &v,
                    additive.as_ref().or(no_mask.as_ref()),
                    0.0,
                    false,
                    None::<f64>,
                ),
                Attention::Plain | Attention::Kernel => {
                    // The 1/sqrt(head_dim) scale is folded into the query
                    // weights at load time.
                    let mut scores = q.matmul(&k.transpose(-1, -2));
                    if let Some(additive) = &additive {
                        scores += additive;
                    }
                    scores.softmax(-1, self.kind).matmul(&v)
                }
            }
            .transpose(1, 2)
            .reshape([b, len, h]);
            let attended = ctx.linear(&layer.out_w, Some(&layer.out_b));
            x = self.add_norm(&attended, &x, layer, 0);
            x = self.feed_forward(&x, layer);
        }
        x
    }

    /// The feed-forward block with its residual step.
    fn feed_forward(&self, x: &Tensor, layer: &Layer) -> Tensor {
        let up = x.linear(&layer.up_w, Some(&layer.up_b)).gelu("none");
        let down = up.linear(&layer.down_w, Some(&layer.down_b));
        self.add_norm(&down, x, layer, 1)
    }

    /// Attention by [`super::kernels::attention`] for `qkv` `[b, len, 3 * hidden]`
    /// (contiguous, on the CPU): the context `[b, len, hidden]`.
    fn kernel_attention(&self, qkv: &Tensor, b: i64, len: i64, scratch: &mut Scratch) -> Tensor {
        let qkv = qkv.contiguous();
        let out = Tensor::empty([b, len, self.hidden], (self.kind, Device::Cpu));
        let shape = Shape {
            windows: b as usize,
            len: len as usize,
            heads: self.heads as usize,
            head_dim: (self.hidden / self.heads) as usize,
        };
        // SAFETY: both tensors are contiguous CPU tensors of `self.kind`
        // (matched below); `out` is fresh, so nothing else aliases it.
        unsafe {
            match self.kind {
                Kind::BFloat16 => {
                    attend::<Bf16>(elements(&qkv), elements_mut(&out), shape, scratch)
                }
                Kind::Float => attend::<f32>(elements(&qkv), elements_mut(&out), shape, scratch),
                other => panic!("attention kernel runs fp32 or bf16, not {other:?}"),
            }
        }
        out
    }

    /// BERT's residual step: layer norm of a sublayer's output plus its
    /// input, with `layer`'s first (`which` 0) or second norm.
    fn add_norm(&self, out: &Tensor, residual: &Tensor, layer: &Layer, which: usize) -> Tensor {
        let (w, b) = if which == 0 {
            (&layer.ln1_w, &layer.ln1_b)
        } else {
            (&layer.ln2_w, &layer.ln2_b)
        };
        let Some(norms) = &layer.norms else {
            return (out + residual).layer_norm([self.hidden], Some(w), Some(b), self.eps, false);
        };
        let (out, residual) = (out.contiguous(), residual.contiguous());
        let dst = out.empty_like();
        let norm = &norms[which];
        // SAFETY: all three tensors are contiguous CPU tensors of
        // `self.kind` (norms exist only for CPU models; matched below);
        // `dst` is fresh, so nothing else aliases it.
        unsafe {
            match self.kind {
                Kind::BFloat16 => add_norm::<Bf16>(
                    elements(&out),
                    elements(&residual),
                    norm,
                    elements_mut(&dst),
                ),
                Kind::Float => add_norm::<f32>(
                    elements(&out),
                    elements(&residual),
                    norm,
                    elements_mut(&dst),
                ),
                other => panic!("add-norm kernel runs fp32 or bf16, not {other:?}"),
            }
        }
        dst
    }
}

/// A tensor's elements as a slice.
///
/// # Safety
/// `t` is contiguous, on the CPU, and holds `T`s (bf16 for [`Bf16`], fp32
/// for `f32`); nothing writes it while the slice lives.
unsafe fn elements<T: Element>(t: &Tensor) -> &[T] {
    std::slice::from_raw_parts(t.data_ptr() as *const T, t.numel())
}

/// A tensor's elements as a mutable slice.
///
/// # Safety
/// As for [`elements`], and nothing else reads or writes `t` while the slice
/// lives (a tensor freshly allocated by the caller).
#[allow(clippy::mut_from_ref)]
unsafe fn elements_mut<T: Element>(t: &Tensor) -> &mut [T] {
    std::slice::from_raw_parts_mut(t.data_ptr() as *mut T, t.numel())
}
