//! Evaluation metrics: F1 (binary, per class, macro), ROC AUC, Pearson r,
//! negative log-likelihood and accuracy.
//!
//! Written out here rather than pulled from a crate because they are a few
//! lines each and the edge cases (no positives, constant scores, ties) must
//! behave in documented ways: F1 with no predicted and no true positives is
//! 0, AUC counts ties as one half (the Mann–Whitney definition), and Pearson
//! r of a constant series is 0.

/// F1 of binary predictions against binary truth.
pub fn f1_binary(pred: &[bool], truth: &[bool]) -> f64 {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (&p, &t) in pred.iter().zip(truth) {
        match (p, t) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
    }
    if tp == 0 {
        return 0.0;
    }
    2.0 * tp as f64 / (2 * tp + fp + fneg) as f64
}

/// Per-class F1 for `k` classes (labels `0..k`).
pub fn f1_per_class(pred: &[usize], truth: &[usize], k: usize) -> Vec<f64> {
    (0..k)
        .map(|c| {
            let p: Vec<bool> = pred.iter().map(|&x| x == c).collect();
            let t: Vec<bool> = truth.iter().map(|&x| x == c).collect();
            f1_binary(&p, &t)
        })
        .collect()
}

/// Unweighted mean of per-class F1.
pub fn macro_f1(pred: &[usize], truth: &[usize], k: usize) -> f64 {
    let f = f1_per_class(pred, truth, k);
    f.iter().sum::<f64>() / k as f64
}

pub fn accuracy(pred: &[usize], truth: &[usize]) -> f64 {
    if truth.is_empty() {
        return 0.0;
    }
    pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len() as f64
}

/// Area under the ROC curve of `scores` for separating `positive` items:
/// the probability a random positive outscores a random negative (ties
/// count half). `None` when either class is empty.
pub fn auc(scores: &[f64], positive: &[bool]) -> Option<f64> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    // Average ranks over ties, then the Mann–Whitney U statistic.
    let mut ranks = vec![0.0f64; scores.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        let r = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            ranks[k] = r;
        }
        i = j + 1;
    }
    let n_pos = positive.iter().filter(|&&p| p).count();
    let n_neg = positive.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return None;
    }
    let rank_sum: f64 = ranks
        .iter()
        .zip(positive)
        .filter(|(_, &p)| p)
        .map(|(r, _)| r)
        .sum();
    let u = rank_sum - (n_pos * (n_pos + 1)) as f64 / 2.0;
    Some(u / (n_pos as f64 * n_neg as f64))
}

/// Pearson correlation; 0 when either series is constant or empty.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n == 0 {
        return 0.0;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    if sxx == 0.0 || syy == 0.0 {
        return 0.0;
    }
    sxy / (sxx * syy).sqrt()
}

/// Mean negative log-likelihood of the true classes.
pub fn nll(probs: &[[f32; 3]], truth: &[usize]) -> f64 {
    if truth.is_empty() {
        return 0.0;
    }
    probs
        .iter()
        .zip(truth)
        .map(|(p, &t)| -(p[t].max(1e-12) as f64).ln())
        .sum::<f64>()
        / truth.len() as f64
}

/// Index of the largest probability.
pub fn argmax(p: &[f32; 3]) -> usize {
    let mut best = 0;
    for i in 1..3 {
        if p[i] > p[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_by_hand() {
        // tp=2, fp=1, fn=1 -> 4 / 6
        let f = f1_binary(&[true, true, true, false], &[true, true, false, true]);
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(f1_binary(&[false, false], &[false, false]), 0.0);
        let per = f1_per_class(&[0, 1, 2, 2], &[0, 1, 1, 2], 3);
        assert_eq!(per[0], 1.0);
        assert!((per[1] - 2.0 / 3.0).abs() < 1e-12);
        assert!((per[2] - 2.0 / 3.0).abs() < 1e-12);
        assert!((macro_f1(&[0, 1, 2, 2], &[0, 1, 1, 2], 3) - 7.0 / 9.0).abs() < 1e-12);
        assert_eq!(accuracy(&[0, 1, 2, 2], &[0, 1, 1, 2]), 0.75);
    }

    #[test]
    fn auc_by_hand_with_ties() {
        assert_eq!(
            auc(&[0.1, 0.2, 0.8, 0.9], &[false, false, true, true]),
            Some(1.0)
        );
        assert_eq!(
            auc(&[0.9, 0.8, 0.2, 0.1], &[false, false, true, true]),
            Some(0.0)
        );
        // pos {0.5, 0.7}, neg {0.5, 0.1}: pairs (0.5,0.5)=.5 (0.5,0.1)=1 (0.7,*)=2 -> 3.5/4
        assert_eq!(
            auc(&[0.5, 0.7, 0.5, 0.1], &[true, true, false, false]),
            Some(0.875)
        );
        assert_eq!(auc(&[0.5, 0.7], &[true, true]), None);
    }

    #[test]
    fn pearson_by_hand() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // x = [1,2,3,4], y = [1,3,2,4]: sxy = 4, sxx = syy = 5 -> 0.8
        assert!((pearson(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]) - 0.8).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn nll_and_argmax() {
        let p = [[0.5f32, 0.25, 0.25], [0.1, 0.1, 0.8]];
        let want = -(0.5f64.ln() + 0.8f32.ln() as f64) / 2.0;
        assert!((nll(&p, &[0, 2]) - want).abs() < 1e-6);
        assert_eq!(argmax(&p[1]), 2);
        assert_eq!(argmax(&[0.3, 0.3, 0.3]), 0);
    }
}
