//! Hand-written CPU kernels for the encoder's small, memory-bound steps.
//!
//! Why: on short news quotes the matrix products of the linear layers run
//! near the CPU's peak in libtorch, but the steps between them (attention
//! over a few dozen tokens, the residual add and layer norm) cost more in
//! libtorch than their arithmetic: separate passes over memory, layout
//! copies, a slow bf16 softmax, per-operation dispatch. These kernels do
//! each step in one pass, in fp32 inside whatever the tensors hold. The
//! gain is small (about 2% of the encoder's time in bf16, measured with
//! `examples/ab_kernels`), because the linear layers, already at the CPU's
//! bf16 peak, are most of the rest.
//!
//! They are written for AVX-512 (as the CPUs that make bf16 worth having
//! are). Elsewhere [`has_avx512`] is false and the encoder keeps libtorch's
//! operations; the two paths agree to 1e-6 in fp32 and to a cosine of
//! 0.9999 in bf16 (each kernel is also tested against a direct f64
//! computation).

pub(crate) mod add_norm;
pub(crate) mod attention;

/// Whether this CPU has AVX-512F, which every kernel here needs.
pub(crate) fn has_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// An element type the kernels read and write: fp32 or bf16 (as raw bits).
pub(crate) trait Element: Copy + Send + Sync {
    /// True for [`Bf16`]: lets vector code pick its loads and stores at
    /// compile time.
    const BF16: bool;
    fn to_f32(self) -> f32;
    fn from_f32(x: f32) -> Self;
}

impl Element for f32 {
    const BF16: bool = false;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        self
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        x
    }
}

/// bfloat16 as its bit pattern: the top half of an f32.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub(crate) struct Bf16(pub u16);

impl Element for Bf16 {
    const BF16: bool = true;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        f32::from_bits((self.0 as u32) << 16)
    }
    /// Round to nearest, ties to even (what libtorch does); no NaNs reach
    /// here from finite weights.
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        let bits = x.to_bits();
        let rounding = 0x7fff + ((bits >> 16) & 1);
        Bf16((bits.wrapping_add(rounding) >> 16) as u16)
    }
}

/// Deterministic pseudo-random values in [-amp, amp], for the kernels'
/// tests.
#[cfg(test)]
pub(crate) fn test_values(n: usize, seed: u64, amp: f32) -> Vec<f32> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * amp
        })
        .collect()
}

/// Sixteen-lane loads and stores of either element type, as f32.
#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512 {
    use std::arch::x86_64::*;

    use super::Element;

    /// Sixteen elements at `p`, widened to f32.
    ///
    /// # Safety
    /// AVX-512F; sixteen readable elements at `p`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn load<T: Element>(p: *const T) -> __m512 {
        if T::BF16 {
            let bits = _mm512_cvtepu16_epi32(_mm256_loadu_si256(p as *const __m256i));
            _mm512_castsi512_ps(_mm512_slli_epi32::<16>(bits))
        } else {
            _mm512_loadu_ps(p as *const f32)
        }
    }

    /// `x` rounded to T (to nearest, ties to even) and widened back.
    ///
    /// # Safety
    /// AVX-512F.
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn round_to<T: Element>(x: __m512) -> __m512 {
        if T::BF16 {
            let high = _mm512_srli_epi32::<16>(round_bits(x));
            _mm512_castsi512_ps(_mm512_slli_epi32::<16>(high))
        } else {
            x
        }
    }

    /// Stores sixteen f32 lanes at `p` as T (bf16 rounded to nearest even).
    ///
    /// # Safety
    /// AVX-512F; sixteen writable elements at `p`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn store<T: Element>(p: *mut T, x: __m512) {
        if T::BF16 {
            let high = _mm512_srli_epi32::<16>(round_bits(x));
            _mm256_storeu_si256(p as *mut __m256i, _mm512_cvtepi32_epi16(high));
        } else {
            _mm512_storeu_ps(p as *mut f32, x)
        }
    }

    /// f32 bits with the rounding increment for bf16 added.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn round_bits(x: __m512) -> __m512i {
        let bits = _mm512_castps_si512(x);
        let odd = _mm512_and_si512(_mm512_srli_epi32::<16>(bits), _mm512_set1_epi32(1));
        _mm512_add_epi32(bits, _mm512_add_epi32(odd, _mm512_set1_epi32(0x7fff)))
    }
}
