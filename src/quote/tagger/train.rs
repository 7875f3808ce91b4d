//! Training the tagger on brat-annotated articles (PolNeAR's format).
//!
//! Gold tags come from the attributions: every token overlapping a Content
//! span is content, then Cue and Source tokens that no content covers. The
//! longest contents are tagged first, so nested attributions inside a
//! statement stay part of it (the tagger learns the outer statement, which
//! is the one readers quote).
//!
//! Averaged perceptron, greedy decoding with the model's own history (the
//! features of earlier tags come from its predictions, as at run time), a
//! fixed seed for the article order: the same data gives the same bytes.

use super::model::TaggerModel;
use super::{best_allowed, History, Sequence, Tag, N_TAGS};
use crate::eval::EvalError;
use crate::quote::lexicon::CueLexicon;
use crate::segment::{RuleSegmenter, Segmenter};
use crate::types::Span;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::path::Path;

/// One training sequence with its gold tags.
#[derive(Debug, Clone)]
pub struct Example {
    pub seq: Sequence,
    pub gold: Vec<Tag>,
}

/// Byte offset of every char offset (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Gold sequences of one article.
pub fn examples(
    text: &str,
    gold: &[crate::eval::GoldAttribution],
    cues: &CueLexicon,
) -> Vec<Example> {
    let c2b = char_to_byte(text);
    let byte = |c: usize| c2b[c.min(c2b.len() - 1)];
    let to_spans = |v: &[(usize, usize)]| -> Vec<Span> {
        v.iter()
            .filter(|(a, b)| a < b)
            .map(|&(a, b)| Span::new(byte(a), byte(b)))
            .collect()
    };
    // (role, owner, spans); contents longest first.
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| {
        std::cmp::Reverse(gold[i].content.iter().map(|(a, b)| b - a).sum::<usize>())
    });
    let mut marks: Vec<(u8, usize, Vec<Span>)> = Vec::new();
    for &i in &order {
        marks.push((1, i, to_spans(&gold[i].content)));
    }
    for &i in &order {
        if let Some(c) = &gold[i].cue {
            marks.push((2, i, to_spans(c)));
        }
        if let Some(s) = &gold[i].source {
            marks.push((3, i, to_spans(s)));
        }
    }
    let seg = RuleSegmenter::default().segment(text);
    let mut out = Vec::new();
    for seq in Sequence::article(text, &seg, cues) {
        let n = seq.len();
        let mut role = vec![0u8; n];
        let mut owner = vec![usize::MAX; n];
        for (r, o, spans) in &marks {
            for (k, t) in seq.toks.iter().enumerate() {
                if role[k] == 0 && spans.iter().any(|s| s.overlaps(t.span)) {
                    role[k] = *r;
                    owner[k] = *o;
                }
            }
        }
        let gold_tags: Vec<Tag> = (0..n)
            .map(|k| {
                let r = role[k];
                if r == 0 {
                    return Tag::O;
                }
                let cont = k > 0
                    && role[k - 1] == r
                    && owner[k - 1] == owner[k]
                    && seq.sent[k - 1] == seq.sent[k];
                Tag::ALL[(2 * r - u8::from(!cont)) as usize]
            })
            .collect();
        out.push(Example {
            seq,
            gold: gold_tags,
        });
    }
    out
}

/// Reads every article of a brat directory (`text/`, `attributions/`).
pub fn read_dir(dir: &Path, cues: &CueLexicon) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for (text, gold) in crate::eval::read_gold_dir(dir)? {
        out.extend(examples(&text, &gold, cues));
    }
    Ok(out)
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub bits: u8,
    pub seed: u64,
    /// Buckets whose largest weight is smaller are left out of the model
    /// (they rarely change a decision and make up most of the file).
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 14,
            bits: 22,
            seed: 13,
            prune: 0.0,
        }
    }
}

/// Averaged perceptron over dense hashed weights.
struct Perceptron {
    bits: u8,
    w: Vec<f32>,
    /// Sum of `step * update`, for lazy averaging.
    u: Vec<f64>,
    step: f64,
}

impl Perceptron {
    fn new(bits: u8) -> Self {
        let n = (1usize << bits) * N_TAGS;
        Perceptron {
            bits,
            w: vec![0.0; n],
            u: vec![0.0; n],
            step: 1.0,
        }
    }

    fn scores(&self, feats: &[u64], s: &mut [f32; N_TAGS]) {
        for &f in feats {
            let b = TaggerModel::bucket(self.bits, f) as usize * N_TAGS;
            for (t, x) in s.iter_mut().enumerate() {
                *x += self.w[b + t];
            }
        }
    }

    fn update(&mut self, feats: &[u64], tag: usize, d: f32) {
        for &f in feats {
            let i = TaggerModel::bucket(self.bits, f) as usize * N_TAGS + tag;
            self.w[i] += d;
            self.u[i] += self.step * d as f64;
        }
    }

    fn averaged(&self, prune: f32) -> TaggerModel {
        let mut out = Vec::new();
        for (b, (w, u)) in self
            .w
            .chunks_exact(N_TAGS)
            .zip(self.u.chunks_exact(N_TAGS))
            .enumerate()
        {
            let mut a = [0f32; N_TAGS];
            let mut largest = 0f32;
            for t in 0..N_TAGS {
                a[t] = (w[t] as f64 - u[t] / self.step) as f32;
                largest = largest.max(a[t].abs());
            }
            if largest > 0.0 && largest >= prune {
                out.push((b as u32, a));
            }
        }
        TaggerModel::new(self.bits, out)
    }
}

/// Trains a model; `progress` is called after each epoch with
/// (epoch, token accuracy on the training data during that epoch).
pub fn train(
    examples: &[Example],
    opts: TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> TaggerModel {
    let mut p = Perceptron::new(opts.bits);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(opts.seed);
    let mut feats = Vec::with_capacity(64);
    for epoch in 0..opts.epochs {
        order.shuffle(&mut rng);
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let ex = &examples[e];
            let seq = &ex.seq;
            let mut hist = History::default();
            for i in 0..seq.len() {
                if i > 0 && seq.sent[i] != seq.sent[i - 1] {
                    hist = History::default();
                }
                feats.clear();
                feats.extend_from_slice(seq.statics(i));
                hist.features(seq, i, &mut feats);
                let mut s = [0f32; N_TAGS];
                p.scores(&feats, &mut s);
                let prev = Tag::ALL[hist.prev as usize];
                let guess = best_allowed(&s, prev);
                // Past a wrong guess, the best move left is to start the
                // gold role afresh (B for an I the history no longer allows).
                let gold = match ex.gold[i] {
                    g if g.may_follow(prev) => g,
                    g => Tag::ALL[g as usize - 1],
                };
                if guess != gold {
                    p.update(&feats, gold as usize, 1.0);
                    p.update(&feats, guess as usize, -1.0);
                } else {
                    right += 1;
                }
                total += 1;
                p.step += 1.0;
                hist.advance(guess);
            }
        }
        progress(epoch + 1, right as f64 / total.max(1) as f64);
    }
    p.averaged(opts.prune)
}
