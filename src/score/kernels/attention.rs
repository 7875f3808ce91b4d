//! Self-attention for short, unpadded windows, computed straight from the
//! fused QKV projection into the context layout the output projection reads.
//!
//! Why by hand? News quotes are short (about 22 tokens in PolNeAR), so each
//! head's attention is a pile of tiny matrix products. Run through libtorch
//! they cost more in layout copies (the permute to `[batch, heads, len,
//! head_dim]` and back), in the bf16 softmax kernel (slow on short rows) and
//! in per-operation overhead than in arithmetic. Here one pass per window and
//! head reads the QKV rows where the linear layer left them, keeps scores and
//! probabilities in fp32, and writes the context where the next linear layer
//! reads it; nothing is rounded to bf16 until the end.
//!
//! The kernel is written with AVX-512 intrinsics (four query rows at a time,
//! sixteen keys per register), because auto-vectorised loops kept a single
//! accumulator chain and ran no faster than libtorch. CPUs without AVX-512
//! never call it: [`available`] says no and the encoder keeps libtorch's
//! attention.
//!
//! Each window is computed alone (batches hold windows of one length, with no
//! padding), so a window's result never depends on the other windows of its
//! batch. The arithmetic is plain softmax attention in fp32 with the
//! exponential by a polynomial accurate to about 1e-7 relative, so results
//! differ from libtorch's only in the last bits (tested below against a
//! direct f64 computation).
//!
//! The layout contract: `qkv` is `[windows, len, 3, heads, head_dim]` (the
//! QKV linear layer's output, query already scaled by 1/sqrt(head_dim)),
//! `out` is `[windows, len, heads, head_dim]`.

use super::Element;

/// Query rows computed together: four accumulator chains keep the FMA units
/// busy while one chain waits on its previous result.
const QUERIES: usize = 4;
/// Keys per score register (f32 lanes of a 512-bit register).
const LANES: usize = 16;

/// Whether this CPU and head size can run the kernel.
pub(crate) fn available(head_dim: usize) -> bool {
    matches!(head_dim, 32 | 64) && super::has_avx512()
}

/// Reusable per-thread buffers, sized for the longest window seen.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Queries of one head: `[len rounded up to QUERIES][head_dim]`.
    q: Vec<f32>,
    /// Keys of one head, transposed and zero-padded to whole registers:
    /// `[head_dim][padded len]`.
    kt: Vec<f32>,
    /// Values of one head: `[len][head_dim]`.
    v: Vec<f32>,
    /// Scores, then probabilities, of QUERIES rows: `[QUERIES][padded len]`.
    scores: Vec<f32>,
    /// One head's context: `[len rounded up to QUERIES][head_dim]`.
    o: Vec<f32>,
}

/// Shapes of one call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub windows: usize,
    pub len: usize,
    pub heads: usize,
    pub head_dim: usize,
}

impl Shape {
    fn hidden(&self) -> usize {
        self.heads * self.head_dim
    }
}

/// Computes attention for every window and head of `qkv` into `out`.
///
/// Panics if the slices do not match `shape` or [`available`] is false for
/// this head size (programming errors: the caller sizes both from the same
/// tensors and asks [`available`] when it loads the model).
pub(crate) fn attend<T: Element>(qkv: &[T], out: &mut [T], shape: Shape, scratch: &mut Scratch) {
    let hidden = shape.hidden();
    assert_eq!(
        qkv.len(),
        shape.windows * shape.len * 3 * hidden,
        "qkv size"
    );
    assert_eq!(out.len(), shape.windows * shape.len * hidden, "out size");
    assert!(
        available(shape.head_dim),
        "no attention kernel for head size {} on this CPU",
        shape.head_dim
    );
    // SAFETY: `available` checked AVX-512F just above.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        match shape.head_dim {
            32 => attend_avx512::<T, 32>(qkv, out, shape, scratch),
            _ => attend_avx512::<T, 64>(qkv, out, shape, scratch),
        }
    }
}

/// Gathers each head into f32 scratch, runs [`avx512::head`] on it, scatters
/// the context back. Compiled for AVX-512 as a whole, so the conversions
/// to and from bf16 are vectorised too.
///
/// # Safety
/// The CPU must have AVX-512F; `shape.head_dim` must be `HD`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn attend_avx512<T: Element, const HD: usize>(
    qkv: &[T],
    out: &mut [T],
    shape: Shape,
    scratch: &mut Scratch,
) {
    let Shape {
        windows,
        len,
        heads,
        ..
    } = shape;
    let hd = HD;
    let hidden = shape.hidden();
    let row = 3 * hidden;
    let padded = len.div_ceil(LANES) * LANES;
    let rows = len.div_ceil(QUERIES) * QUERIES;
    // Padding stays zero: zero keys' scores are masked, zero queries'
    // results are never read.
    scratch.q.clear();
    scratch.q.resize(rows * hd, 0.0);
    scratch.kt.clear();
    scratch.kt.resize(hd * padded, 0.0);
    scratch.v.resize(len * hd, 0.0);
    scratch.scores.resize(QUERIES * padded, 0.0);
    scratch.o.resize(rows * hd, 0.0);
    for w in 0..windows {
        let block = &qkv[w * len * row..(w + 1) * len * row];
        let out_block = &mut out[w * len * hidden..(w + 1) * len * hidden];
        for h in 0..heads {
            for j in 0..len {
                let at = j * row + h * hd;
                let (q, k, v) = (
                    &block[at..at + hd],
                    &block[at + hidden..at + hidden + hd],
                    &block[at + 2 * hidden..at + 2 * hidden + hd],
                );
                for (dst, src) in scratch.q[j * hd..(j + 1) * hd].iter_mut().zip(q) {
                    *dst = src.to_f32();
                }
                for (d, src) in k.iter().enumerate() {
                    scratch.kt[d * padded + j] = src.to_f32();
                }
                for (dst, src) in scratch.v[j * hd..(j + 1) * hd].iter_mut().zip(v) {
                    *dst = src.to_f32();
                }
            }
            // SAFETY: the caller promises AVX-512F; the scratch buffers are
            // sized above for `len`, `padded` and `HD`, as `head` expects.
            avx512::head::<HD>(scratch, len, padded);
            for i in 0..len {
                let dst = &mut out_block[i * hidden + h * hd..i * hidden + (h + 1) * hd];
                for (d, &x) in dst.iter_mut().zip(&scratch.o[i * hd..(i + 1) * hd]) {
                    *d = T::from_f32(x);
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::{Scratch, LANES, QUERIES};

    /// One head: `scratch.o = softmax(q kᵀ) v` for `len` rows, from the
    /// gathered `q`, `kt` (padded to `padded` keys) and `v`.
    ///
    /// # Safety
    /// The CPU must have AVX-512F, and the scratch buffers must be sized as
    /// [`super::attend_avx512`] sizes them for `len`, `padded` and `HD`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn head<const HD: usize>(s: &mut Scratch, len: usize, padded: usize) {
        let (q, kt, v) = (s.q.as_ptr(), s.kt.as_ptr(), s.v.as_ptr());
        let (scores, o) = (s.scores.as_mut_ptr(), s.o.as_mut_ptr());
        let blocks = padded / LANES;
        // Lanes of the last key block that hold real keys.
        let tail = len - (blocks - 1) * LANES;
        let tail_mask: __mmask16 = if tail == LANES {
            0xffff
        } else {
            (1u16 << tail) - 1
        };
        let mut i0 = 0;
        while i0 < len {
            // Scores of QUERIES rows, LANES keys at a time.
            for jb in 0..blocks {
                let mut acc = [_mm512_setzero_ps(); QUERIES];
                for d in 0..HD {
                    let k = _mm512_loadu_ps(kt.add(d * padded + jb * LANES));
                    for (r, a) in acc.iter_mut().enumerate() {
                        let qd = _mm512_set1_ps(*q.add((i0 + r) * HD + d));
                        *a = _mm512_fmadd_ps(qd, k, *a);
                    }
                }
                for (r, a) in acc.iter().enumerate() {
                    _mm512_storeu_ps(scores.add(r * padded + jb * LANES), *a);
                }
            }
            // Softmax of each row over its real keys.
            let mut inv = [0f32; QUERIES];
            for (r, inv) in inv.iter_mut().enumerate() {
                let row = scores.add(r * padded);
                let mut max = _mm512_set1_ps(f32::NEG_INFINITY);
                for jb in 0..blocks {
                    let mask = if jb + 1 == blocks { tail_mask } else { 0xffff };
                    let x = _mm512_mask_loadu_ps(
                        _mm512_set1_ps(f32::NEG_INFINITY),
                        mask,
                        row.add(jb * LANES),
                    );
                    max = _mm512_max_ps(max, x);
                }
                let max = _mm512_set1_ps(_mm512_reduce_max_ps(max));
                let mut sum = _mm512_setzero_ps();
                for jb in 0..blocks {
                    let mask = if jb + 1 == blocks { tail_mask } else { 0xffff };
                    let x = _mm512_loadu_ps(row.add(jb * LANES));
                    let e = _mm512_maskz_mov_ps(mask, exp_neg(_mm512_sub_ps(x, max)));
                    _mm512_storeu_ps(row.add(jb * LANES), e);
                    sum = _mm512_add_ps(sum, e);
                }
                *inv = 1.0 / _mm512_reduce_add_ps(sum);
            }
            // Context rows: Σ_j p_j v_j.
            let mut acc = [[_mm512_setzero_ps(); 4]; QUERIES];
            let chunks = HD / LANES;
            for j in 0..len {
                let mut vj = [_mm512_setzero_ps(); 4];
                for (c, x) in vj.iter_mut().take(chunks).enumerate() {
                    *x = _mm512_loadu_ps(v.add(j * HD + c * LANES));
                }
                for (r, a) in acc.iter_mut().enumerate() {
                    let p = _mm512_set1_ps(*scores.add(r * padded + j));
                    for c in 0..chunks {
                        a[c] = _mm512_fmadd_ps(p, vj[c], a[c]);
                    }
                }
            }
            for (r, a) in acc.iter().enumerate() {
                let scale = _mm512_set1_ps(inv[r]);
                for (c, x) in a.iter().take(chunks).enumerate() {
                    _mm512_storeu_ps(o.add((i0 + r) * HD + c * LANES), _mm512_mul_ps(*x, scale));
                }
            }
            i0 += QUERIES;
        }
    }

    /// `e^x` for `x <= 0` (scores minus their row maximum): `x = n ln 2 + r`
    /// with `|r| <= ln 2 / 2`, `e^r` by its Taylor polynomial to degree 7
    /// (relative error about 1e-8 on that range), times `2^n` built from
    /// the exponent bits. Clamped at -87, where the result is below 1e-37 and
    /// vanishes beside the row's largest term, 1.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn exp_neg(x: __m512) -> __m512 {
        let x = _mm512_max_ps(x, _mm512_set1_ps(-87.0));
        // Round to nearest by the 1.5 * 2^23 trick.
        let shifter = _mm512_set1_ps(12_582_912.0);
        let n = _mm512_sub_ps(
            _mm512_fmadd_ps(x, _mm512_set1_ps(std::f32::consts::LOG2_E), shifter),
            shifter,
        );
        let r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693_145_75), x);
        let r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428_606_8e-6), r);
        let mut p = _mm512_set1_ps(1.0 / 5040.0);
        for c in [
            1.0 / 720.0,
            1.0 / 120.0,
            1.0 / 24.0,
            1.0 / 6.0,
            0.5,
            1.0,
            1.0,
        ] {
            p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(c));
        }
        let bits = _mm512_slli_epi32::<23>(_mm512_add_epi32(
            _mm512_cvtps_epi32(n),
            _mm512_set1_epi32(127),
        ));
        _mm512_mul_ps(p, _mm512_castsi512_ps(bits))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{test_values as values, Bf16};
    use super::*;

    /// Softmax attention in f64, straight from the definition.
    fn reference(qkv: &[f32], shape: Shape) -> Vec<f64> {
        let Shape {
            windows,
            len,
            heads,
            head_dim: hd,
        } = shape;
        let hidden = heads * hd;
        let at = |w: usize, t: usize, which: usize, h: usize, d: usize| {
            qkv[((w * len + t) * 3 + which) * hidden + h * hd + d] as f64
        };
        let mut out = vec![0f64; windows * len * hidden];
        for w in 0..windows {
            for h in 0..heads {
                for i in 0..len {
                    let s: Vec<f64> = (0..len)
                        .map(|j| (0..hd).map(|d| at(w, i, 0, h, d) * at(w, j, 1, h, d)).sum())
                        .collect();
                    let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let e: Vec<f64> = s.iter().map(|x| (x - max).exp()).collect();
                    let sum: f64 = e.iter().sum();
                    for d in 0..hd {
                        out[(w * len + i) * hidden + h * hd + d] =
                            (0..len).map(|j| e[j] * at(w, j, 2, h, d)).sum::<f64>() / sum;
                    }
                }
            }
        }
        out
    }

    /// The kernel runs only where AVX-512F is; elsewhere these tests have
    /// nothing to check (the encoder uses libtorch's attention there).
    fn skip() -> bool {
        let skip = !available(32);
        if skip {
            eprintln!("no AVX-512F on this CPU: the attention kernel is not used here");
        }
        skip
    }

    #[cfg(target_arch = "x86_64")]
    fn exp_neg(x: f32) -> f32 {
        use std::arch::x86_64::*;
        // SAFETY: callers checked `available`, i.e. AVX-512F.
        unsafe { _mm512_reduce_max_ps(avx512::exp_neg(_mm512_set1_ps(x))) }
    }

    #[test]
    fn exp_neg_is_accurate_over_the_softmax_range() {
        if skip() {
            return;
        }
        let mut worst = 0f64;
        for i in 0..=200_000 {
            let x = -(i as f32) * 87.0 / 200_000.0;
            let got = exp_neg(x) as f64;
            let want = (x as f64).exp();
            worst = worst.max((got - want).abs() / want);
        }
        assert!(worst < 1e-6, "worst relative error {worst:e}");
        assert_eq!(exp_neg(0.0), 1.0);
        assert!(exp_neg(-1000.0) < 1e-37);
    }

    #[test]
    fn fp32_attention_matches_the_definition() {
        if skip() {
            return;
        }
        for (windows, len, heads, hd) in [
            (1, 1, 1, 32),
            (3, 7, 2, 64),
            (2, 22, 12, 32),
            (1, 130, 4, 32),
            (2, 16, 3, 32),
        ] {
            let shape = Shape {
                windows,
                len,
                heads,
                head_dim: hd,
            };
            // Scores up to ~±30: a peaked softmax, like trained attention.
            let qkv = values(windows * len * 3 * heads * hd, len as u64, 1.0);
            let mut out = vec![0f32; windows * len * heads * hd];
            attend(&qkv, &mut out, shape, &mut Scratch::default());
            let want = reference(&qkv, shape);
            let worst = out
                .iter()
                .zip(&want)
                .map(|(&g, &w)| (g as f64 - w).abs())
                .fold(0f64, f64::max);
            assert!(worst < 1e-5, "{shape:?}: worst abs error {worst:e}");
        }
    }

    #[test]
    fn bf16_attention_rounds_only_its_output() {
        if skip() {
            return;
        }
        let shape = Shape {
            windows: 2,
            len: 9,
            heads: 3,
            head_dim: 32,
        };
        let qkv: Vec<Bf16> = values(2 * 9 * 3 * 3 * 32, 7, 2.0)
            .into_iter()
            .map(Bf16::from_f32)
            .collect();
        let widened: Vec<f32> = qkv.iter().map(|x| x.to_f32()).collect();
        let mut out = vec![Bf16(0); 2 * 9 * 3 * 32];
        attend(&qkv, &mut out, shape, &mut Scratch::default());
        let want = reference(&widened, shape);
        for (g, w) in out.iter().zip(&want) {
            // One bf16 rounding: half a unit in the 8th bit.
            let tolerance = w.abs() * 2f64.powi(-8) + 1e-6;
            assert!((g.to_f32() as f64 - w).abs() <= tolerance, "{g:?} vs {w}");
        }
    }

    #[test]
    fn a_window_does_not_depend_on_its_neighbours() {
        if skip() {
            return;
        }
        let shape = Shape {
            windows: 3,
            len: 5,
            heads: 2,
            head_dim: 32,
        };
        let qkv = values(3 * 5 * 3 * 2 * 32, 11, 1.5);
        let mut all = vec![0f32; 3 * 5 * 2 * 32];
        attend(&qkv, &mut all, shape, &mut Scratch::default());
        let one = Shape {
            windows: 1,
            ..shape
        };
        let per_window = 5 * 3 * 2 * 32;
        let mut alone = vec![0f32; 5 * 2 * 32];
        attend(
            &qkv[per_window..2 * per_window],
            &mut alone,
            one,
            &mut Scratch::default(),
        );
        assert_eq!(&all[5 * 2 * 32..2 * 5 * 2 * 32], alone.as_slice());
    }

    #[test]
    fn bf16_conversion_rounds_to_nearest_even() {
        assert_eq!(Bf16::from_f32(1.0).0, 0x3f80);
        // 1 + 2^-8 is halfway between two bf16 values: ties go to even.
        assert_eq!(Bf16::from_f32(1.0 + 2f32.powi(-8)).0, 0x3f80);
        assert_eq!(Bf16::from_f32(1.0 + 3.0 * 2f32.powi(-8)).0, 0x3f82);
        assert_eq!(Bf16(0xc040).to_f32(), -3.0);
    }
}
