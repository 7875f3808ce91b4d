//! The tagger's weights and their file format.
//!
//! Features are hashed into `2^bits` buckets; only buckets with a weight are
//! stored. The file is small and versioned:
//!
//! ```text
//! "QSTAG1\n"  magic
//! u8          bits
//! f32         scale (weight = i16 * scale)
//! u32         n, the number of stored buckets
//! n times:    u32 bucket, then 7 x i16 weights (one per tag)
//! ```
//!
//! All numbers little-endian. Weights are quantized to i16 against the
//! largest one: tagging depends on which tag scores highest, and the
//! rounding (under 1/32767 of the largest weight) changes no decision on the
//! dev set (checked by a test on the packaged model).

use super::N_TAGS;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const MAGIC: &[u8] = b"QSTAG1\n";

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a quotesent extractor model (bad magic)")]
    Magic,
    #[error("extractor model truncated at byte {0}")]
    Truncated(usize),
    #[error("extractor model has {0} hash bits; 8..=30 supported")]
    Bits(u8),
}

/// Bucket numbers are already hashes: no need to hash them again.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Buckets = HashMap<u32, [f32; N_TAGS], BuildHasherDefault<IdentityHasher>>;

/// Weights of the tagger: per feature bucket, one weight per tag.
#[derive(Debug, Clone)]
pub struct TaggerModel {
    bits: u8,
    weights: Buckets,
}

impl TaggerModel {
    pub(crate) fn new(bits: u8, weights: impl IntoIterator<Item = (u32, [f32; N_TAGS])>) -> Self {
        TaggerModel {
            bits,
            weights: weights.into_iter().collect(),
        }
    }

    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// How many feature buckets carry weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub(crate) fn bucket(bits: u8, feature: u64) -> u32 {
        (feature >> (64 - bits as u32)) as u32
    }

    /// Adds the weights of `features` to `scores`.
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32; N_TAGS]) {
        for &f in features {
            if let Some(w) = self.weights.get(&Self::bucket(self.bits, f)) {
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
    }

    /// Serialises in the format above.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys: Vec<&u32> = self.weights.keys().collect();
        keys.sort();
        let mut out = Vec::with_capacity(16 + keys.len() * (4 + 2 * N_TAGS));
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            out.extend_from_slice(&k.to_le_bytes());
            for w in &self.weights[k] {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Reads the format above.
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        if !b.starts_with(MAGIC) {
            return Err(ModelError::Magic);
        }
        let mut at = MAGIC.len();
        let mut take = |n: usize| -> Result<&[u8], ModelError> {
            let s = b.get(at..at + n).ok_or(ModelError::Truncated(at))?;
            at += n;
            Ok(s)
        };
        let bits = take(1)?[0];
        if !(8..=30).contains(&bits) {
            return Err(ModelError::Bits(bits));
        }
        let scale = f32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
        let n = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes")) as usize;
        let mut weights = Buckets::default();
        // A corrupt count must not reserve gigabytes: each bucket takes 18 bytes.
        weights.reserve(n.min(b.len() / (4 + 2 * N_TAGS)));
        for _ in 0..n {
            let k = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
            let mut w = [0f32; N_TAGS];
            for x in &mut w {
                *x = i16::from_le_bytes(take(2)?.try_into().expect("2 bytes")) as f32 * scale;
            }
            weights.insert(k, w);
        }
        Ok(TaggerModel { bits, weights })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_quantization() {
        let m = TaggerModel::new(
            12,
            vec![(3, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 4.0]), (77, [0.0; 7])],
        );
        let b = m.to_bytes();
        let r = TaggerModel::from_bytes(&b).unwrap();
        assert_eq!(r.bits(), 12);
        assert_eq!(r.len(), 2);
        let w = r.weights[&3];
        assert!((w[1] + 2.0).abs() < 4.0 / 32767.0);
        assert!((w[6] - 4.0).abs() < 4.0 / 32767.0);
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(matches!(
            TaggerModel::from_bytes(b"nope"),
            Err(ModelError::Magic)
        ));
        let m = TaggerModel::new(12, vec![(3, [1.0; 7])]);
        let b = m.to_bytes();
        assert!(matches!(
            TaggerModel::from_bytes(&b[..b.len() - 1]),
            Err(ModelError::Truncated(_))
        ));
        // A corrupt bucket count is refused as truncated, without first
        // reserving room for four billion buckets.
        let mut huge = b[..MAGIC.len() + 5].to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            TaggerModel::from_bytes(&huge),
            Err(ModelError::Truncated(_))
        ));
    }
}
