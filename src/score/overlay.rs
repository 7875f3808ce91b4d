//! Encoder overlays: fine-tuned copies of some of the encoder's tensors,
//! put over the packaged weights when the encoder loads.
//!
//! Why an overlay and not a second model? Fine-tuning only the top encoder
//! layers (issue 4; the shipped overlay has the top three) changes ~5.3M of
//! MiniLM's 22.7M parameters. Shipping those as a 10 MB float16 safetensors
//! file keeps the 90 MB packaged encoder the
//! one source of every other weight (its checksum is still checked against
//! the manifest), and the overlay's own checksum is in the manifest too, so
//! a head is never run on an encoder state it was not trained on.
//!
//! The file holds tensors named as in the encoder's `model.safetensors`
//! (with or without the `bert.` prefix), in f32, f16 or bf16; each must name
//! a tensor the encoder has, with the same shape. Half-precision tensors are
//! widened to f32 on load, so the encoder runs as it would without one.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tch::{Kind, Tensor};

use super::ScoreError;

/// The overlay's bytes and where they came from (for messages).
#[derive(Clone)]
pub struct Overlay {
    origin: PathBuf,
    bytes: Cow<'static, [u8]>,
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay")
            .field("origin", &self.origin)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Overlay {
    /// An overlay compiled into the binary; `origin` names it in errors.
    pub fn from_static(origin: impl Into<PathBuf>, bytes: &'static [u8]) -> Self {
        Overlay {
            origin: origin.into(),
            bytes: Cow::Borrowed(bytes),
        }
    }

    /// Reads an overlay file.
    pub fn read(path: &Path) -> Result<Self, ScoreError> {
        let bytes = std::fs::read(path).map_err(|source| ScoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Overlay {
            origin: path.to_path_buf(),
            bytes: Cow::Owned(bytes),
        })
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Where it came from.
    pub fn origin(&self) -> &Path {
        &self.origin
    }

    /// Lower-case hex SHA-256 of the file's bytes.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(&self.bytes);
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Refuses an overlay whose checksum is not `expected` (from a manifest).
    pub fn check(&self, expected: &str) -> Result<(), ScoreError> {
        let found = self.sha256();
        if found.eq_ignore_ascii_case(expected) {
            Ok(())
        } else {
            Err(self.bad(format!(
                "sha256 is {found}, but the manifest expects {expected}; \
                 the head was trained with another overlay"
            )))
        }
    }

    fn bad(&self, reason: String) -> ScoreError {
        ScoreError::BadModel {
            path: self.origin.clone(),
            reason,
        }
    }

    /// The tensors whose name (without `bert.`) `keep` accepts, as f32,
    /// sorted by that name: only
    /// those are converted (a finder's encoder layers are 10M values; its
    /// heads, a few thousand).
    pub(crate) fn tensors_where(
        &self,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, Tensor)>, ScoreError> {
        let st = safetensors::SafeTensors::deserialize(&self.bytes)
            .map_err(|e| self.bad(format!("not a safetensors file: {e}")))?;
        if st.is_empty() {
            return Err(self.bad("holds no tensors".into()));
        }
        let mut out = Vec::new();
        for (name, view) in st.tensors() {
            let short = name.strip_prefix("bert.").unwrap_or(&name);
            if !keep(short) {
                continue;
            }
            let kind = match view.dtype() {
                safetensors::Dtype::F32 => Kind::Float,
                safetensors::Dtype::F16 => Kind::Half,
                safetensors::Dtype::BF16 => Kind::BFloat16,
                other => {
                    return Err(self.bad(format!(
                        "tensor {name} is {other:?}; overlays hold f32, f16 or bf16"
                    )))
                }
            };
            let shape: Vec<i64> = view.shape().iter().map(|&d| d as i64).collect();
            let t = Tensor::f_from_data_size(view.data(), &shape, kind)
                .and_then(|t| t.f_to_kind(Kind::Float))
                .map_err(|e| self.bad(format!("tensor {name}: {e}")))?;
            out.push((short.to_string(), t));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use safetensors::tensor::TensorView;
    use safetensors::Dtype;

    /// An overlay file's bytes holding the given (name, dtype, shape, data).
    fn file(tensors: &[(&str, Dtype, Vec<usize>, Vec<u8>)]) -> &'static [u8] {
        let views: Vec<(String, TensorView<'_>)> = tensors
            .iter()
            .map(|(n, d, s, b)| (n.to_string(), TensorView::new(*d, s.clone(), b).unwrap()))
            .collect();
        let bytes = safetensors::serialize(views, &None).unwrap();
        Box::leak(bytes.into_boxed_slice())
    }

    /// 0.5, -1.25 and 2.0 as little-endian IEEE half floats.
    const HALVES: [u8; 6] = [0x00, 0x38, 0x00, 0xbd, 0x00, 0x40];

    #[test]
    fn half_tensors_widen_to_f32_and_lose_the_bert_prefix() {
        let bytes = file(&[
            (
                "bert.encoder.layer.5.output.dense.bias",
                Dtype::F16,
                vec![3],
                HALVES.to_vec(),
            ),
            (
                "encoder.layer.5.output.LayerNorm.bias",
                Dtype::F32,
                vec![2],
                [1.5f32, -3.0]
                    .iter()
                    .flat_map(|x| x.to_le_bytes())
                    .collect(),
            ),
        ]);
        let o = Overlay::from_static("test overlay", bytes);
        let t = o.tensors_where(|_| true).unwrap();
        let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "encoder.layer.5.output.LayerNorm.bias",
                "encoder.layer.5.output.dense.bias"
            ]
        );
        assert_eq!(t[1].1.kind(), Kind::Float);
        assert_eq!(Vec::<f32>::try_from(&t[1].1).unwrap(), [0.5, -1.25, 2.0]);
        assert_eq!(Vec::<f32>::try_from(&t[0].1).unwrap(), [1.5, -3.0]);
    }

    #[test]
    fn bad_overlays_are_refused_naming_the_file_and_the_tensor() {
        let ints = Overlay::from_static(
            "ints.safetensors",
            file(&[("encoder.layer.5.x", Dtype::I64, vec![1], vec![0; 8])]),
        );
        let err = ints.tensors_where(|_| true).unwrap_err().to_string();
        assert!(
            err.contains("ints.safetensors") && err.contains("encoder.layer.5.x"),
            "{err}"
        );

        let junk = Overlay::from_static("junk.safetensors", b"not safetensors at all");
        let err = junk.tensors_where(|_| true).unwrap_err().to_string();
        assert!(
            err.contains("junk.safetensors") && err.contains("not a safetensors file"),
            "{err}"
        );

        let empty = Overlay::from_static("empty.safetensors", file(&[]));
        assert!(empty
            .tensors_where(|_| true)
            .unwrap_err()
            .to_string()
            .contains("no tensors"));
    }

    #[test]
    fn the_checksum_is_the_files_and_a_different_one_is_refused() {
        let bytes = file(&[("a", Dtype::F32, vec![1], vec![0; 4])]);
        let o = Overlay::from_static("o.safetensors", bytes);
        let sha = o.sha256();
        assert_eq!(sha.len(), 64);
        assert_eq!(sha, format!("{:x}", Sha256::digest(bytes)));
        o.check(&sha.to_uppercase()).unwrap();
        let err = o.check(&"0".repeat(64)).unwrap_err().to_string();
        assert!(
            err.contains(&sha) && err.contains("another overlay"),
            "{err}"
        );
    }
}
