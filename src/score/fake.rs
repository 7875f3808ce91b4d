//! A deterministic stand-in scorer for tests and `--scorer fake`.
//!
//! It counts a few hopeful and gloomy words. It is not a model and no report
//! made with it means anything; it exists so the pipeline, the reports and
//! the CLI can be tested in milliseconds without libtorch (hyperfine keeps a
//! mock executor for the same reason).

use super::{ScoreError, Scorer};
use crate::types::OptimismScore;

const HOPEFUL: &[&str] = &[
    "good",
    "hope",
    "hopeful",
    "optimism",
    "optimistic",
    "progress",
    "satisfied",
    "welcome",
    "constructive",
    "agreement",
    "peace",
    "positive",
    "success",
    "breakthrough",
];
const GLOOMY: &[&str] = &[
    "bad",
    "difficult",
    "fail",
    "failed",
    "failure",
    "war",
    "threat",
    "concern",
    "worried",
    "crisis",
    "collapse",
    "no",
    "not",
    "never",
    "pessimistic",
    "impossible",
];

/// Word-count scorer; see the module docs.
#[derive(Debug, Default, Clone, Copy)]
pub struct FakeScorer;

impl FakeScorer {
    pub fn score_one(text: &str) -> OptimismScore {
        let (mut up, mut down) = (0f32, 0f32);
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let w = word.to_lowercase();
            if HOPEFUL.contains(&w.as_str()) {
                up += 1.0;
            } else if GLOOMY.contains(&w.as_str()) {
                down += 1.0;
            }
        }
        let (e_up, e_down, e_neutral) = (up.exp(), down.exp(), 1.5f32.exp());
        let total = e_up + e_down + e_neutral;
        OptimismScore::from_probs([e_up / total, e_neutral / total, e_down / total])
    }
}

impl Scorer for FakeScorer {
    fn score(&mut self, texts: &[&str]) -> Result<Vec<OptimismScore>, ScoreError> {
        Ok(texts.iter().map(|t| Self::score_one(t)).collect())
    }

    fn describe(&self) -> String {
        "fake scorer (word counts, for tests)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Label;

    #[test]
    fn fake_scorer_is_deterministic_and_directional() {
        let mut s = FakeScorer;
        let out = s
            .score(&[
                "a good step toward peace and progress",
                "war and crisis, a failure",
                "The meeting is on Tuesday.",
            ])
            .unwrap();
        assert_eq!(out[0].label, Label::Optimistic);
        assert_eq!(out[1].label, Label::Pessimistic);
        assert_eq!(out[2].label, Label::Neutral);
        assert_eq!(
            out,
            s.score(&[
                "a good step toward peace and progress",
                "war and crisis, a failure",
                "The meeting is on Tuesday."
            ])
            .unwrap()[..]
        );
    }
}
