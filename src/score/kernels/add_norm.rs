//! A transformer layer's residual step, `layer_norm(out + residual)`, in
//! one pass over each row instead of libtorch's three (add, moments,
//! normalise), with no intermediate tensor.
//!
//! Numerics follow libtorch's: the sum is rounded to the tensors' type
//! before the norm (as libtorch's add stores it), mean and (biased)
//! variance are computed in fp32, and only the result is rounded again. So
//! bf16 output differs from libtorch's only where fp32 summation order tips
//! a rounding, and fp32 output only in the last bits (tested below against
//! an f64 computation).

use super::Element;

/// Layer-norm parameters as f32, converted once when the model loads.
pub(crate) struct Norm {
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    pub eps: f32,
}

/// f32 lanes summed side by side: fixed-width partial sums vectorise, a
/// single running float sum does not.
const LANES: usize = 16;

/// Whether this CPU and width can run the kernel.
pub(crate) fn available(hidden: usize) -> bool {
    hidden > 0 && hidden.is_multiple_of(LANES) && super::has_avx512()
}

/// `dst[r] = layer_norm(out[r] + residual[r])` for every row `r` of width
/// `norm.w.len()`.
///
/// Panics if the slices do not match each other or [`available`] is false
/// (programming errors: the caller sizes them from one tensor shape and asks
/// [`available`] when it loads the model).
pub(crate) fn add_norm<T: Element>(out: &[T], residual: &[T], norm: &Norm, dst: &mut [T]) {
    let hidden = norm.w.len();
    assert!(available(hidden), "no add-norm kernel for width {hidden}");
    assert_eq!(norm.b.len(), hidden, "bias width");
    assert_eq!(out.len() % hidden, 0, "rows");
    assert_eq!(out.len(), residual.len(), "residual size");
    assert_eq!(out.len(), dst.len(), "output size");
    let mut row = vec![0f32; hidden];
    // SAFETY: `available` checked AVX-512F just above; the slices hold whole
    // rows of `hidden`, a multiple of LANES, and `row` holds one.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        for ((o, r), y) in out
            .chunks_exact(hidden)
            .zip(residual.chunks_exact(hidden))
            .zip(dst.chunks_exact_mut(hidden))
        {
            avx512::row(o, r, norm, &mut row, y);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::super::{avx512 as simd, Element};
    use super::{Norm, LANES};

    /// One row. `buf` holds the rounded sums between the passes.
    ///
    /// # Safety
    /// The CPU must have AVX-512F; `o`, `r`, `y`, `buf`, `norm.w`, `norm.b`
    /// all have the same length, a multiple of LANES.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn row<T: Element>(
        o: &[T],
        r: &[T],
        norm: &Norm,
        buf: &mut [f32],
        y: &mut [T],
    ) {
        let n = o.len();
        let chunks = n / LANES;
        let buf = buf.as_mut_ptr();
        let mut sum = _mm512_setzero_ps();
        for c in 0..chunks {
            let at = c * LANES;
            let s = _mm512_add_ps(
                simd::load(o.as_ptr().add(at)),
                simd::load(r.as_ptr().add(at)),
            );
            // Rounded to T, as libtorch's add would store it.
            let s = simd::round_to::<T>(s);
            _mm512_storeu_ps(buf.add(at), s);
            sum = _mm512_add_ps(sum, s);
        }
        let mean = _mm512_reduce_add_ps(sum) / n as f32;
        let mean_v = _mm512_set1_ps(mean);
        let mut sq = _mm512_setzero_ps();
        for c in 0..chunks {
            let d = _mm512_sub_ps(_mm512_loadu_ps(buf.add(c * LANES)), mean_v);
            sq = _mm512_fmadd_ps(d, d, sq);
        }
        let rstd = 1.0 / (_mm512_reduce_add_ps(sq) / n as f32 + norm.eps).sqrt();
        let rstd_v = _mm512_set1_ps(rstd);
        for c in 0..chunks {
            let at = c * LANES;
            let x = _mm512_mul_ps(_mm512_sub_ps(_mm512_loadu_ps(buf.add(at)), mean_v), rstd_v);
            let x = _mm512_fmadd_ps(
                x,
                _mm512_loadu_ps(norm.w.as_ptr().add(at)),
                _mm512_loadu_ps(norm.b.as_ptr().add(at)),
            );
            simd::store(y.as_mut_ptr().add(at), x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{test_values as values, Bf16};
    use super::*;

    fn norm(hidden: usize) -> Norm {
        Norm {
            w: values(hidden, 3, 1.0).iter().map(|x| 1.0 + x).collect(),
            b: values(hidden, 4, 0.5),
            eps: 1e-12,
        }
    }

    /// The definition in f64, from already-rounded sums.
    fn reference(sums: &[f64], norm: &Norm) -> Vec<f64> {
        let h = norm.w.len();
        sums.chunks(h)
            .flat_map(|row| {
                let mean = row.iter().sum::<f64>() / h as f64;
                let var = row.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / h as f64;
                let rstd = 1.0 / (var + norm.eps as f64).sqrt();
                row.iter()
                    .enumerate()
                    .map(move |(k, x)| (x - mean) * rstd * norm.w[k] as f64 + norm.b[k] as f64)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn skip() -> bool {
        let skip = !available(384);
        if skip {
            eprintln!("no AVX-512F on this CPU: the add-norm kernel is not used here");
        }
        skip
    }

    #[test]
    fn fp32_matches_the_definition() {
        if skip() {
            return;
        }
        for hidden in [16, 384, 768] {
            let (out, res) = (values(5 * hidden, 1, 3.0), values(5 * hidden, 2, 1.0));
            let norm = norm(hidden);
            let mut dst = vec![0f32; 5 * hidden];
            add_norm(&out, &res, &norm, &mut dst);
            let sums: Vec<f64> = out.iter().zip(&res).map(|(a, b)| (a + b) as f64).collect();
            let want = reference(&sums, &norm);
            let worst = dst
                .iter()
                .zip(&want)
                .map(|(&g, &w)| (g as f64 - w).abs())
                .fold(0f64, f64::max);
            assert!(worst < 1e-5, "width {hidden}: worst abs error {worst:e}");
        }
    }

    #[test]
    fn bf16_rounds_the_sum_then_the_result() {
        if skip() {
            return;
        }
        let hidden = 384;
        let to_bf16 = |v: Vec<f32>| v.into_iter().map(Bf16::from_f32).collect::<Vec<_>>();
        let (out, res) = (
            to_bf16(values(3 * hidden, 5, 3.0)),
            to_bf16(values(3 * hidden, 6, 1.0)),
        );
        let norm = norm(hidden);
        let mut dst = vec![Bf16(0); 3 * hidden];
        add_norm(&out, &res, &norm, &mut dst);
        let sums: Vec<f64> = out
            .iter()
            .zip(&res)
            .map(|(a, b)| Bf16::from_f32(a.to_f32() + b.to_f32()).to_f32() as f64)
            .collect();
        for (g, w) in dst.iter().zip(reference(&sums, &norm)) {
            // One bf16 rounding of the result, plus fp32 noise.
            let tolerance = w.abs() * 2f64.powi(-8) + 1e-5;
            assert!((g.to_f32() as f64 - w).abs() <= tolerance, "{g:?} vs {w}");
        }
    }

    #[test]
    fn rows_are_independent() {
        if skip() {
            return;
        }
        let hidden = 32;
        let (out, res) = (values(4 * hidden, 7, 2.0), values(4 * hidden, 8, 2.0));
        let norm = norm(hidden);
        let mut all = vec![0f32; 4 * hidden];
        add_norm(&out, &res, &norm, &mut all);
        let mut one = vec![0f32; hidden];
        add_norm(
            &out[2 * hidden..3 * hidden],
            &res[2 * hidden..3 * hidden],
            &norm,
            &mut one,
        );
        assert_eq!(&all[2 * hidden..3 * hidden], one.as_slice());
    }
}
