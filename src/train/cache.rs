//! An on-disk cache of sentence embeddings, so re-training takes seconds.
//!
//! Embedding ~35k training texts costs minutes on two cores; fitting the
//! head costs seconds. The cache is one append-only file of fixed-size
//! records `[32-byte key][dim x f32 little-endian]`, where the key is
//! `sha256(encoder_sha256_hex || 0x00 || text)`: a different encoder can
//! never hit another encoder's vectors, and the format is trivial to read
//! and write from any language. Records are appended and flushed after each
//! embedded batch, so an interrupted run keeps what it computed; a torn
//! last record (crash mid-write) is ignored on load.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Embed, TrainError};

/// Text → embedding, persisted under a cache directory.
pub struct EmbeddingCache {
    path: Option<PathBuf>,
    encoder_sha256: String,
    dim: usize,
    map: HashMap<[u8; 32], Vec<f32>>,
    writer: Option<BufWriter<File>>,
}

/// Counts from [`EmbeddingCache::embed_all`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: usize,
    pub computed: usize,
}

impl EmbeddingCache {
    /// The cache file for `dim`-d embeddings inside `dir`.
    pub fn file_in(dir: &Path, dim: usize) -> PathBuf {
        dir.join(format!("embeddings-{dim}d-v1.bin"))
    }

    /// Opens (or creates) the cache in `dir`; `None` keeps it in memory only.
    pub fn open(dir: Option<&Path>, encoder_sha256: &str, dim: usize) -> Result<Self, TrainError> {
        let mut cache = EmbeddingCache {
            path: dir.map(|d| Self::file_in(d, dim)),
            encoder_sha256: encoder_sha256.to_ascii_lowercase(),
            dim,
            map: HashMap::new(),
            writer: None,
        };
        if let Some(path) = cache.path.clone() {
            let io_err = |source| TrainError::Cache {
                path: path.clone(),
                source,
            };
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io_err)?;
            }
            if path.exists() {
                let mut bytes = Vec::new();
                File::open(&path)
                    .and_then(|mut f| f.read_to_end(&mut bytes))
                    .map_err(io_err)?;
                let rec = 32 + 4 * dim;
                let whole = bytes.len() / rec * rec;
                for chunk in bytes[..whole].chunks_exact(rec) {
                    let mut key = [0u8; 32];
                    key.copy_from_slice(&chunk[..32]);
                    let v = chunk[32..]
                        .chunks_exact(4)
                        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                        .collect();
                    cache.map.insert(key, v);
                }
                if whole != bytes.len() {
                    // Drop the torn tail so later appends stay aligned.
                    let f = OpenOptions::new().write(true).open(&path).map_err(io_err)?;
                    f.set_len(whole as u64).map_err(io_err)?;
                }
            }
        }
        Ok(cache)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn key(&self, text: &str) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.encoder_sha256.as_bytes());
        h.update([0u8]);
        h.update(text.as_bytes());
        h.finalize().into()
    }

    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.map.get(&self.key(text)).map(|v| v.as_slice())
    }

    fn insert(&mut self, text: &str, v: Vec<f32>) -> Result<(), TrainError> {
        let key = self.key(text);
        if let Some(path) = &self.path {
            let io_err = |source| TrainError::Cache {
                path: path.clone(),
                source,
            };
            if self.writer.is_none() {
                let f = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(io_err)?;
                self.writer = Some(BufWriter::new(f));
            }
            if let Some(w) = self.writer.as_mut() {
                w.write_all(&key).map_err(io_err)?;
                for x in &v {
                    w.write_all(&x.to_le_bytes()).map_err(io_err)?;
                }
            }
        }
        self.map.insert(key, v);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), TrainError> {
        if let (Some(w), Some(path)) = (self.writer.as_mut(), &self.path) {
            w.flush().map_err(|source: io::Error| TrainError::Cache {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// Embeddings for `texts` in order, computing only the ones not cached
    /// (each distinct text once) in batches of `batch`; `progress` is called
    /// with (done, to_compute) after each batch.
    pub fn embed_all(
        &mut self,
        texts: &[&str],
        embed: &mut dyn Embed,
        batch: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(Vec<Vec<f32>>, CacheStats), TrainError> {
        let mut missing: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &t in texts {
            if self.get(t).is_none() && seen.insert(t) {
                missing.push(t);
            }
        }
        let stats = CacheStats {
            hits: texts.len() - texts.iter().filter(|t| seen.contains(*t)).count(),
            computed: missing.len(),
        };
        // Similar lengths in one batch waste less padding.
        missing.sort_by_key(|t| t.len());
        let mut done = 0;
        for chunk in missing.chunks(batch.max(1)) {
            let vecs = embed.embed(chunk).map_err(TrainError::Embed)?;
            if vecs.len() != chunk.len() {
                return Err(TrainError::EmbedShape(format!(
                    "asked for {} embeddings, got {}",
                    chunk.len(),
                    vecs.len()
                )));
            }
            for (t, v) in chunk.iter().zip(vecs) {
                if v.len() != self.dim {
                    return Err(TrainError::EmbedShape(format!(
                        "embedding has {} dimensions, expected {}",
                        v.len(),
                        self.dim
                    )));
                }
                self.insert(t, v)?;
            }
            self.flush()?;
            done += chunk.len();
            progress(done, missing.len());
        }
        let out = texts
            .iter()
            .map(|t| self.get(t).map(|v| v.to_vec()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| TrainError::EmbedShape("an embedded text is missing".into()))?;
        Ok((out, stats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::testutil::HashEmbed;

    #[test]
    fn caches_on_disk_and_skips_known_texts() {
        let dir = tempfile::tempdir().unwrap();
        let mut embed = HashEmbed::new(8);
        let mut cache = EmbeddingCache::open(Some(dir.path()), "ab", 8).unwrap();
        let (v, s) = cache
            .embed_all(&["a", "b", "a"], &mut embed, 1, &mut |_, _| {})
            .unwrap();
        assert_eq!(
            s,
            CacheStats {
                hits: 0,
                computed: 2
            }
        );
        assert_eq!(v[0], v[2]);
        assert_eq!(embed.calls, 2);
        drop(cache);

        let mut cache = EmbeddingCache::open(Some(dir.path()), "ab", 8).unwrap();
        assert_eq!(cache.len(), 2);
        let (v2, s) = cache
            .embed_all(&["b", "a", "c"], &mut embed, 4, &mut |_, _| {})
            .unwrap();
        assert_eq!(
            s,
            CacheStats {
                hits: 2,
                computed: 1
            }
        );
        assert_eq!(v2[1], v[0]);

        // Another encoder never sees these vectors.
        let other = EmbeddingCache::open(Some(dir.path()), "cd", 8).unwrap();
        assert!(other.get("a").is_none());
    }

    #[test]
    fn torn_tail_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut embed = HashEmbed::new(4);
        let mut cache = EmbeddingCache::open(Some(dir.path()), "ab", 4).unwrap();
        cache
            .embed_all(&["x"], &mut embed, 8, &mut |_, _| {})
            .unwrap();
        drop(cache);
        let file = EmbeddingCache::file_in(dir.path(), 4);
        let mut f = OpenOptions::new().append(true).open(&file).unwrap();
        f.write_all(&[1, 2, 3]).unwrap();
        drop(f);
        let cache = EmbeddingCache::open(Some(dir.path()), "ab", 4).unwrap();
        assert_eq!(cache.len(), 1);
        assert_eq!(fs::metadata(&file).unwrap().len(), 32 + 16);
    }
}
