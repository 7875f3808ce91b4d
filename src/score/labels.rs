//! How a classifier's own labels become an optimism score.
//!
//! A model users bring (an emotion or sentiment classifier from the Hugging
//! Face hub) has labels of its own: `joy`, `optimism`, `sadness`, or
//! `POSITIVE`/`NEGATIVE`. A [`LabelMap`] gives each label a weight in
//! [-1, 1]; the optimism of a text is the probability-weighted sum of the
//! weights, so it stays in [-1, 1] and is a plain expectation. The three
//! class probabilities quotesent reports are the positive mass (`Σ p·w` over
//! positive weights), the negative mass (`Σ p·|w|` over negative weights)
//! and the rest as neutral, so `optimism = p_optimistic − p_pessimistic`
//! holds as it does for the built-in head.
//!
//! Labels are matched by name (case-insensitive), never by position: the
//! model's `config.json` `id2label` says which output is which. A weight for
//! a label the model does not have is an error (a typo would otherwise
//! silently score everything neutral); labels without a weight count as 0.

use std::collections::BTreeMap;

/// Label name → weight in [-1, 1].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelMap {
    weights: BTreeMap<String, f32>,
}

/// Why a label map cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LabelMapError {
    #[error("label map entry {entry:?} is not LABEL=WEIGHT (e.g. optimism=1,joy=0.5,sadness=-1)")]
    Syntax { entry: String },
    #[error("label map weight for {label:?} is {weight}, outside [-1, 1]")]
    OutOfRange { label: String, weight: f32 },
    #[error("label {label:?} is given twice in the label map")]
    Repeated { label: String },
    #[error("the label map names {label:?}, but the model's labels are: {}", known.join(", "))]
    UnknownLabel { label: String, known: Vec<String> },
    #[error(
        "no label map for this model's labels ({}): give one with --label-map, e.g. --label-map {example}, or in quotesent.json beside config.json",
        labels.join(", ")
    )]
    Missing {
        labels: Vec<String>,
        example: String,
    },
}

impl LabelMap {
    /// Parses `optimism=1,joy=0.5,anger=-0.5,sadness=-1` (spaces allowed).
    pub fn parse(spec: &str) -> Result<Self, LabelMapError> {
        let mut map = LabelMap::default();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (label, weight) = entry
                .rsplit_once('=')
                .map(|(l, w)| (l.trim(), w.trim()))
                .filter(|(l, _)| !l.is_empty())
                .ok_or_else(|| LabelMapError::Syntax {
                    entry: entry.to_string(),
                })?;
            let weight: f32 = weight.parse().map_err(|_| LabelMapError::Syntax {
                entry: entry.to_string(),
            })?;
            map.insert(label, weight)?;
        }
        if map.weights.is_empty() {
            return Err(LabelMapError::Syntax {
                entry: spec.to_string(),
            });
        }
        Ok(map)
    }

    /// Builds a map from (label, weight) pairs, as read from a manifest.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, f32)>,
    ) -> Result<Self, LabelMapError> {
        let mut map = LabelMap::default();
        for (label, weight) in pairs {
            map.insert(label, weight)?;
        }
        Ok(map)
    }

    fn insert(&mut self, label: &str, weight: f32) -> Result<(), LabelMapError> {
        if !weight.is_finite() || !(-1.0..=1.0).contains(&weight) {
            return Err(LabelMapError::OutOfRange {
                label: label.to_string(),
                weight,
            });
        }
        let key = label.to_lowercase();
        if self.weights.insert(key, weight).is_some() {
            return Err(LabelMapError::Repeated {
                label: label.to_string(),
            });
        }
        Ok(())
    }

    /// The usual sentiment label sets need no map: positive → +1,
    /// negative → −1, neutral → 0 (`POSITIVE`/`NEGATIVE` of SST-2 models,
    /// `positive`/`neutral`/`negative` of three-way ones, and their `pos`/
    /// `neg`/`neu` short forms). Anything else needs a map.
    pub fn guess(labels: &[String]) -> Result<Self, LabelMapError> {
        let weight = |l: &str| match l.to_lowercase().as_str() {
            "positive" | "pos" => Some(1.0),
            "negative" | "neg" => Some(-1.0),
            "neutral" | "neu" => Some(0.0),
            _ => None,
        };
        let weights: Option<Vec<f32>> = labels.iter().map(|l| weight(l)).collect();
        match weights {
            Some(w) if w.iter().any(|&x| x > 0.0) && w.iter().any(|&x| x < 0.0) => {
                LabelMap::from_pairs(labels.iter().map(String::as_str).zip(w))
            }
            _ => Err(LabelMapError::Missing {
                labels: labels.to_vec(),
                example: labels
                    .iter()
                    .take(2)
                    .zip(["1", "-1"])
                    .map(|(l, w)| format!("{l}={w}"))
                    .collect::<Vec<_>>()
                    .join(","),
            }),
        }
    }

    /// The weight of each of the model's labels, in the model's output
    /// order. Fails when the map names a label the model does not have.
    pub fn weights_for(&self, labels: &[String]) -> Result<Vec<f32>, LabelMapError> {
        let lower: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
        if let Some(unknown) = self.weights.keys().find(|k| !lower.contains(k)) {
            return Err(LabelMapError::UnknownLabel {
                label: unknown.clone(),
                known: labels.to_vec(),
            });
        }
        Ok(lower
            .iter()
            .map(|l| self.weights.get(l).copied().unwrap_or(0.0))
            .collect())
    }
}

/// Folds a model's label probabilities into quotesent's three classes,
/// `[optimistic, neutral, pessimistic]` (see the module docs).
pub fn fold_probs(probs: &[f32], weights: &[f32]) -> [f32; 3] {
    let mut pos = 0f32;
    let mut neg = 0f32;
    for (&p, &w) in probs.iter().zip(weights) {
        if w > 0.0 {
            pos += p * w;
        } else {
            neg -= p * w;
        }
    }
    let neutral = (1.0 - pos - neg).max(0.0);
    [pos, neutral, neg]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_the_cardiffnlp_emotion_mapping() {
        let m = LabelMap::parse("optimism=1, joy=0.5 ,anger=-0.5,sadness=-1").unwrap();
        let w = m
            .weights_for(&labels(&["anger", "joy", "optimism", "sadness"]))
            .unwrap();
        assert_eq!(w, vec![-0.5, 0.5, 1.0, -1.0]);
    }

    #[test]
    fn weights_follow_the_models_label_order_not_the_maps() {
        let m = LabelMap::parse("POSITIVE=1,NEGATIVE=-1").unwrap();
        assert_eq!(
            m.weights_for(&labels(&["NEGATIVE", "POSITIVE"])).unwrap(),
            vec![-1.0, 1.0]
        );
        assert_eq!(
            m.weights_for(&labels(&["positive", "negative"])).unwrap(),
            vec![1.0, -1.0]
        );
    }

    #[test]
    fn unlisted_labels_weigh_zero_and_unknown_ones_are_errors() {
        let m = LabelMap::parse("joy=1").unwrap();
        assert_eq!(
            m.weights_for(&labels(&["joy", "surprise"])).unwrap(),
            vec![1.0, 0.0]
        );
        let m = LabelMap::parse("joyy=1").unwrap();
        let e = m.weights_for(&labels(&["joy", "anger"])).unwrap_err();
        assert!(e.to_string().contains("joyy") && e.to_string().contains("joy, anger"));
    }

    #[test]
    fn bad_specs_say_what_is_wrong() {
        assert!(matches!(
            LabelMap::parse("joy"),
            Err(LabelMapError::Syntax { .. })
        ));
        assert!(matches!(
            LabelMap::parse("joy=lots"),
            Err(LabelMapError::Syntax { .. })
        ));
        assert!(matches!(
            LabelMap::parse("joy=2"),
            Err(LabelMapError::OutOfRange { .. })
        ));
        assert!(matches!(
            LabelMap::parse("joy=1,JOY=0.5"),
            Err(LabelMapError::Repeated { .. })
        ));
        assert!(matches!(
            LabelMap::parse(" , "),
            Err(LabelMapError::Syntax { .. })
        ));
    }

    #[test]
    fn sentiment_label_sets_are_guessed_others_are_not() {
        let g = LabelMap::guess(&labels(&["NEGATIVE", "POSITIVE"])).unwrap();
        assert_eq!(
            g.weights_for(&labels(&["NEGATIVE", "POSITIVE"])).unwrap(),
            vec![-1.0, 1.0]
        );
        let g = LabelMap::guess(&labels(&["negative", "neutral", "positive"])).unwrap();
        assert_eq!(
            g.weights_for(&labels(&["negative", "neutral", "positive"]))
                .unwrap(),
            vec![-1.0, 0.0, 1.0]
        );
        let e = LabelMap::guess(&labels(&["LABEL_0", "LABEL_1"])).unwrap_err();
        assert!(
            e.to_string().contains("--label-map LABEL_0=1,LABEL_1=-1"),
            "{e}"
        );
        assert!(LabelMap::guess(&labels(&["joy", "anger"])).is_err());
    }

    #[test]
    fn folded_probabilities_keep_optimism_as_the_weighted_sum() {
        // anger, joy, optimism, sadness
        let w = [-0.5, 0.5, 1.0, -1.0];
        let p = [0.1, 0.2, 0.3, 0.4];
        let [opt, neu, pes] = fold_probs(&p, &w);
        let expected: f32 = p.iter().zip(&w).map(|(a, b)| a * b).sum();
        assert!((opt - pes - expected).abs() < 1e-6);
        assert!((opt + neu + pes - 1.0).abs() < 1e-6);
        assert!((opt - 0.4).abs() < 1e-6 && (pes - 0.45).abs() < 1e-6);
    }
}
