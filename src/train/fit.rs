//! Fitting the optimism head: weighted cross-entropy with L2, minibatch
//! Adam, best-epoch selection on a calibration split, then temperature
//! scaling and binary thresholds on that same split.
//!
//! Plain loops over contiguous `f32` rows: the head has at most a few tens of
//! thousands of parameters and the data a few tens of thousands of rows, so
//! an epoch is a few GFLOP at most and runs in about a second on one core in
//! release builds; no BLAS or autodiff crate is worth its build time here.
//! Everything random (initialisation, shuffling) comes from one ChaCha seed,
//! so a run is reproducible bit for bit on the same machine.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::score::head::{softmax_t, BinaryThresholds, OptimismHead};

use super::metrics;

/// Row-major examples with labels and per-example weights.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub dim: usize,
    pub x: Vec<f32>,
    /// Class index: 0 optimistic, 1 neutral, 2 pessimistic.
    pub y: Vec<u8>,
    pub w: Vec<f32>,
}

impl Dataset {
    pub fn new(dim: usize) -> Self {
        Dataset {
            dim,
            ..Default::default()
        }
    }

    pub fn push(&mut self, x: &[f32], y: u8, w: f32) {
        debug_assert_eq!(x.len(), self.dim);
        self.x.extend_from_slice(x);
        self.y.push(y);
        self.w.push(w);
    }

    pub fn len(&self) -> usize {
        self.y.len()
    }

    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.x[i * self.dim..(i + 1) * self.dim]
    }

    pub fn labels(&self) -> Vec<usize> {
        self.y.iter().map(|&c| c as usize).collect()
    }
}

/// Optimiser settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FitParams {
    /// Hidden ReLU units; 0 = softmax regression.
    pub hidden: usize,
    /// L2 penalty on weights (not biases), added as `l2/2 * |W|^2` per example.
    pub l2: f32,
    pub learning_rate: f32,
    pub epochs: usize,
    pub batch_size: usize,
    pub seed: u64,
}

impl Default for FitParams {
    fn default() -> Self {
        FitParams {
            hidden: 64,
            l2: 1e-4,
            learning_rate: 2e-3,
            epochs: 40,
            batch_size: 128,
            seed: 20260425,
        }
    }
}

/// Adam state for one parameter vector.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(n: usize) -> Self {
        Adam {
            m: vec![0.0; n],
            v: vec![0.0; n],
        }
    }

    fn step(&mut self, p: &mut [f32], g: &[f32], lr: f32, t: i32) {
        const B1: f32 = 0.9;
        const B2: f32 = 0.999;
        let c1 = 1.0 - B1.powi(t);
        let c2 = 1.0 - B2.powi(t);
        for i in 0..p.len() {
            self.m[i] = B1 * self.m[i] + (1.0 - B1) * g[i];
            self.v[i] = B2 * self.v[i] + (1.0 - B2) * g[i] * g[i];
            p[i] -= lr * (self.m[i] / c1) / ((self.v[i] / c2).sqrt() + 1e-8);
        }
    }
}

/// What [`fit`] measured along the way.
#[derive(Debug, Clone, PartialEq)]
pub struct FitLog {
    /// Weighted training loss per epoch (without the L2 term).
    pub train_loss: Vec<f64>,
    /// Unweighted calibration NLL per epoch (temperature 1).
    pub calib_nll: Vec<f64>,
    /// Epoch (1-based) whose weights were kept.
    pub best_epoch: usize,
}

fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// Trains a head on `train`, keeping the epoch with the lowest calibration
/// NLL (or the last epoch when `calib` is empty). Temperature stays 1; see
/// [`fit_temperature`].
pub fn fit(train: &Dataset, calib: &Dataset, p: &FitParams) -> (OptimismHead, FitLog) {
    let d = train.dim;
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let mut head = OptimismHead::zeros(d, p.hidden);
    if let Some(h) = head.hidden.as_mut() {
        // He initialisation for the ReLU layer; the output layer starts at
        // zero so the first predictions are uniform.
        let scale = (2.0 / d as f32).sqrt();
        for w in &mut h.weight {
            *w = normal(&mut rng) * scale;
        }
        let s2 = (1.0 / p.hidden as f32).sqrt();
        for w in &mut head.output.weight {
            *w = normal(&mut rng) * s2 * 0.1;
        }
    }
    let hd = p.hidden;
    let out_in = if hd == 0 { d } else { hd };

    let mut g_w1 = vec![0.0f32; hd * d];
    let mut g_b1 = vec![0.0f32; hd];
    let mut g_w2 = vec![0.0f32; 3 * out_in];
    let mut g_b2 = vec![0.0f32; 3];
    let mut a_w1 = Adam::new(hd * d);
    let mut a_b1 = Adam::new(hd);
    let mut a_w2 = Adam::new(3 * out_in);
    let mut a_b2 = Adam::new(3);
    let mut z = vec![0.0f32; hd];
    let mut gz = vec![0.0f32; hd];

    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut log = FitLog {
        train_loss: Vec::new(),
        calib_nll: Vec::new(),
        best_epoch: 0,
    };
    let mut best: Option<(f64, OptimismHead)> = None;
    let mut t = 0i32;
    let mean_w = (train.w.iter().map(|&w| w as f64).sum::<f64>() / train.len().max(1) as f64)
        .max(1e-12) as f32;

    for _epoch in 0..p.epochs {
        order.shuffle(&mut rng);
        let mut epoch_loss = 0.0f64;
        for batch in order.chunks(p.batch_size.max(1)) {
            g_w1.iter_mut().for_each(|v| *v = 0.0);
            g_b1.iter_mut().for_each(|v| *v = 0.0);
            g_w2.iter_mut().for_each(|v| *v = 0.0);
            g_b2.iter_mut().for_each(|v| *v = 0.0);
            // Weights are normalised by their dataset mean so the learning
            // rate does not depend on how the class weights were scaled.
            let norm = 1.0 / (batch.len() as f32 * mean_w);
            for &i in batch {
                let x = train.row(i);
                let feat: &[f32] = match &head.hidden {
                    None => x,
                    Some(h) => {
                        h.forward_into(x, &mut z);
                        for v in z.iter_mut() {
                            *v = v.max(0.0);
                        }
                        &z
                    }
                };
                let mut logits = [0.0f32; 3];
                head.output.forward_into(feat, &mut logits);
                let pr = softmax_t(logits, 1.0);
                let y = train.y[i] as usize;
                let wi = train.w[i] * norm;
                epoch_loss += (train.w[i] / mean_w) as f64 * -(pr[y].max(1e-12) as f64).ln();
                let mut gl = pr;
                gl[y] -= 1.0;
                for c in 0..3 {
                    let g = gl[c] * wi;
                    g_b2[c] += g;
                    axpy(&mut g_w2[c * out_in..(c + 1) * out_in], g, feat);
                }
                if let Some(h) = &head.hidden {
                    for k in 0..hd {
                        gz[k] = if z[k] > 0.0 {
                            (0..3)
                                .map(|c| gl[c] * wi * head.output.weight[c * hd + k])
                                .sum()
                        } else {
                            0.0
                        };
                    }
                    for k in 0..hd {
                        if gz[k] != 0.0 {
                            g_b1[k] += gz[k];
                            axpy(&mut g_w1[k * d..(k + 1) * d], gz[k], x);
                        }
                    }
                    let _ = h;
                }
            }
            t += 1;
            if let Some(h) = head.hidden.as_mut() {
                axpy(&mut g_w1, p.l2, &h.weight.clone());
                a_w1.step(&mut h.weight, &g_w1, p.learning_rate, t);
                a_b1.step(&mut h.bias, &g_b1, p.learning_rate, t);
            }
            let w2 = head.output.weight.clone();
            axpy(&mut g_w2, p.l2, &w2);
            a_w2.step(&mut head.output.weight, &g_w2, p.learning_rate, t);
            a_b2.step(&mut head.output.bias, &g_b2, p.learning_rate, t);
        }
        log.train_loss.push(epoch_loss / train.len().max(1) as f64);
        if !calib.is_empty() {
            let nll = calib_nll(&head, calib);
            log.calib_nll.push(nll);
            if best.as_ref().is_none_or(|(b, _)| nll < *b) {
                best = Some((nll, head.clone()));
                log.best_epoch = log.calib_nll.len();
            }
        }
    }
    match best {
        Some((_, h)) => (h, log),
        None => {
            log.best_epoch = p.epochs;
            (head, log)
        }
    }
}

fn calib_nll(head: &OptimismHead, data: &Dataset) -> f64 {
    let probs: Vec<[f32; 3]> = (0..data.len()).map(|i| head.probs(data.row(i))).collect();
    metrics::nll(&probs, &data.labels())
}

fn normal(rng: &mut ChaCha8Rng) -> f32 {
    // Box–Muller; `1 - u` keeps the log argument in (0, 1].
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen::<f64>();
    ((-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()) as f32
}

/// The temperature in [0.05, 20] minimising NLL of `logits` (golden-section
/// search on log T; NLL is unimodal in T for fixed logits).
pub fn fit_temperature(logits: &[[f32; 3]], truth: &[usize]) -> f32 {
    if logits.is_empty() {
        return 1.0;
    }
    let nll_at = |log_t: f64| {
        let t = log_t.exp() as f32;
        let probs: Vec<[f32; 3]> = logits.iter().map(|&l| softmax_t(l, t)).collect();
        metrics::nll(&probs, truth)
    };
    let (mut a, mut b) = (0.05f64.ln(), 20.0f64.ln());
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - g * (b - a);
    let mut d = a + g * (b - a);
    let (mut fc, mut fd) = (nll_at(c), nll_at(d));
    for _ in 0..60 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = nll_at(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = nll_at(d);
        }
    }
    (((a + b) / 2.0).exp()) as f32
}

/// The cut-off on `scores` (probabilities) maximising binary F1, searched on
/// a 0.01 grid; 0.5 when there are no positives.
pub fn best_threshold(scores: &[f32], truth: &[bool]) -> f32 {
    if !truth.iter().any(|&t| t) {
        return 0.5;
    }
    let mut best = (f64::MIN, 0.5f32);
    for k in 1..100 {
        let t = k as f32 / 100.0;
        let pred: Vec<bool> = scores.iter().map(|&s| s >= t).collect();
        let f = metrics::f1_binary(&pred, truth);
        if f > best.0 {
            best = (f, t);
        }
    }
    best.1
}

/// Fits binary thresholds for "optimism" and "pessimism" decisions.
pub fn fit_thresholds(
    probs: &[[f32; 3]],
    optimism: &[bool],
    pessimism: &[bool],
) -> BinaryThresholds {
    let po: Vec<f32> = probs.iter().map(|p| p[0]).collect();
    let pp: Vec<f32> = probs.iter().map(|p| p[2]).collect();
    BinaryThresholds {
        optimism: best_threshold(&po, optimism),
        pessimism: best_threshold(&pp, pessimism),
    }
}

/// L2-regularised logistic regression for one yes/no label, fit by
/// full-batch Adam on standardised features (so one `l2` suits any embedding
/// scale) and returned in the raw feature space: `logit = w . x + b`.
///
/// The objective is the mean log-loss plus `l2 / 2 * |w|^2` (sklearn's `C` is
/// `1 / (l2 * n)`). The problem is convex and the start is zero, so the result
/// depends on nothing random. Rows are `x.len() / dim` rows of `dim` values.
pub fn fit_logistic(x: &[f32], dim: usize, y: &[bool], l2: f32, iters: usize) -> (Vec<f32>, f32) {
    let n = y.len();
    assert_eq!(x.len(), n * dim, "rows and labels disagree");
    if n == 0 {
        return (vec![0.0; dim], 0.0);
    }
    let mut mean = vec![0.0f64; dim];
    let mut sq = vec![0.0f64; dim];
    for r in x.chunks_exact(dim) {
        for (j, &v) in r.iter().enumerate() {
            mean[j] += v as f64;
            sq[j] += (v as f64) * (v as f64);
        }
    }
    let mu: Vec<f32> = mean.iter().map(|m| (m / n as f64) as f32).collect();
    let sd: Vec<f32> = sq
        .iter()
        .zip(&mean)
        .map(|(s, m)| {
            let m = m / n as f64;
            ((s / n as f64 - m * m).max(0.0).sqrt() as f32).max(1e-6)
        })
        .collect();
    let z: Vec<f32> = x
        .chunks_exact(dim)
        .flat_map(|r| {
            r.iter()
                .zip(mu.iter().zip(&sd))
                .map(|(v, (m, s))| (v - m) / s)
        })
        .collect();

    // Parameters: dim weights, then the bias.
    let mut p = vec![0.0f32; dim + 1];
    let mut g = vec![0.0f32; dim + 1];
    let mut adam = Adam::new(dim + 1);
    for t in 1..=iters {
        g.iter_mut().for_each(|v| *v = 0.0);
        for (r, &yi) in z.chunks_exact(dim).zip(y) {
            let logit = p[dim] + crate::score::head::dot(&p[..dim], r);
            let err = 1.0 / (1.0 + (-logit).exp()) - if yi { 1.0 } else { 0.0 };
            axpy(&mut g[..dim], err, r);
            g[dim] += err;
        }
        for j in 0..=dim {
            g[j] /= n as f32;
            if j < dim {
                g[j] += l2 * p[j];
            }
        }
        adam.step(&mut p, &g, 0.02, t as i32);
    }
    let w: Vec<f32> = p[..dim].iter().zip(&sd).map(|(w, s)| w / s).collect();
    let b = p[dim] - w.iter().zip(&mu).map(|(w, m)| w * m).sum::<f32>();
    (w, b)
}

/// Ridge regression: the `w`, `b` minimising `sum (y - w . x - b)^2 + l2 *
/// |w|^2` (the bias unpenalised), in closed form. Rows are `x.len() / dim`
/// rows of `dim` values. The normal equations of the centred data are solved
/// by a Cholesky factorisation in `f64`: with a few hundred dimensions that
/// is exact and takes milliseconds, and nothing depends on a seed.
pub fn fit_ridge(x: &[f32], dim: usize, y: &[f32], l2: f64) -> (Vec<f32>, f32) {
    let n = y.len();
    assert_eq!(x.len(), n * dim, "rows and targets disagree");
    if n == 0 {
        return (vec![0.0; dim], 0.0);
    }
    let mut mu = vec![0.0f64; dim];
    for r in x.chunks_exact(dim) {
        for (m, &v) in mu.iter_mut().zip(r) {
            *m += v as f64;
        }
    }
    mu.iter_mut().for_each(|m| *m /= n as f64);
    let y_mean = y.iter().map(|&v| v as f64).sum::<f64>() / n as f64;
    // a = Xc' Xc + l2 I (lower triangle), rhs = Xc' yc.
    let mut a = vec![0.0f64; dim * dim];
    let mut rhs = vec![0.0f64; dim];
    let mut c = vec![0.0f64; dim];
    for (r, &yi) in x.chunks_exact(dim).zip(y) {
        for (cj, (&v, m)) in c.iter_mut().zip(r.iter().zip(&mu)) {
            *cj = v as f64 - m;
        }
        let yc = yi as f64 - y_mean;
        for i in 0..dim {
            rhs[i] += c[i] * yc;
            let ci = c[i];
            let row = &mut a[i * dim..i * dim + i + 1];
            for (aij, cj) in row.iter_mut().zip(&c[..=i]) {
                *aij += ci * cj;
            }
        }
    }
    for i in 0..dim {
        a[i * dim + i] += l2.max(1e-9);
    }
    // In-place Cholesky: a = L L'.
    for j in 0..dim {
        let mut d = a[j * dim + j];
        for k in 0..j {
            d -= a[j * dim + k] * a[j * dim + k];
        }
        let d = d.max(1e-12).sqrt();
        a[j * dim + j] = d;
        for i in j + 1..dim {
            let mut v = a[i * dim + j];
            for k in 0..j {
                v -= a[i * dim + k] * a[j * dim + k];
            }
            a[i * dim + j] = v / d;
        }
    }
    // Solve L z = rhs, then L' w = z.
    let mut z = rhs;
    for i in 0..dim {
        for k in 0..i {
            z[i] -= a[i * dim + k] * z[k];
        }
        z[i] /= a[i * dim + i];
    }
    for i in (0..dim).rev() {
        for k in i + 1..dim {
            z[i] -= a[k * dim + i] * z[k];
        }
        z[i] /= a[i * dim + i];
    }
    let b = y_mean - z.iter().zip(&mu).map(|(w, m)| w * m).sum::<f64>();
    (z.iter().map(|&w| w as f32).collect(), b as f32)
}

/// Quick deterministic 3-way split helper: `true` for roughly `frac` of
/// keys, decided by a seeded hash of the key so it is stable across runs
/// and independent of file order.
pub fn in_fraction(key: &str, seed: u64, frac: f64) -> bool {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(key.as_bytes());
    let d = h.finalize();
    let v = u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
    (v as f64 / u64::MAX as f64) < frac
}

/// Which of `k` buckets a key falls in, by a seeded hash (stable across
/// runs and file order).
pub fn bucket(key: &str, seed: u64, k: usize) -> usize {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(b"bucket");
    h.update(key.as_bytes());
    let d = h.finalize();
    (u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]) % k.max(1) as u64)
        as usize
}

/// Seeded sample of `k` indices out of `n` (all of them when `k >= n`), in
/// increasing order.
pub fn sample_indices(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    if k < n {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        idx.shuffle(&mut rng);
        idx.truncate(k);
        idx.sort_unstable();
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three Gaussian clusters on the unit sphere in `dim` dimensions.
    fn clusters(n_per: usize, dim: usize, spread: f32, seed: u64) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut ds = Dataset::new(dim);
        for c in 0..3u8 {
            for _ in 0..n_per {
                let mut v: Vec<f32> = (0..dim).map(|_| normal(&mut rng) * spread).collect();
                v[c as usize] += 1.0;
                let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.iter_mut().for_each(|x| *x /= n);
                ds.push(&v, c, 1.0);
            }
        }
        ds
    }

    fn accuracy(head: &OptimismHead, ds: &Dataset) -> f64 {
        let pred: Vec<usize> = (0..ds.len())
            .map(|i| metrics::argmax(&head.probs(ds.row(i))))
            .collect();
        metrics::accuracy(&pred, &ds.labels())
    }

    #[test]
    fn softmax_and_mlp_separate_clusters() {
        let train = clusters(60, 16, 0.15, 1);
        let test = clusters(40, 16, 0.15, 2);
        for hidden in [0, 8] {
            let p = FitParams {
                hidden,
                epochs: 30,
                batch_size: 16,
                learning_rate: 1e-2,
                ..Default::default()
            };
            let (head, log) = fit(&train, &test, &p);
            assert!(accuracy(&head, &test) > 0.95, "hidden {hidden}");
            assert!(log.train_loss.last().unwrap() < &log.train_loss[0]);
            assert!(log.best_epoch >= 1);
        }
    }

    #[test]
    fn fit_is_deterministic() {
        let train = clusters(20, 8, 0.3, 3);
        let p = FitParams {
            hidden: 4,
            epochs: 3,
            batch_size: 8,
            ..Default::default()
        };
        assert_eq!(
            fit(&train, &Dataset::new(8), &p).0,
            fit(&train, &Dataset::new(8), &p).0
        );
    }

    #[test]
    fn class_weights_shift_decisions() {
        // Overlapping classes 0 and 2; upweighting class 2 must win it more
        // of the ambiguous region.
        let mut train = clusters(50, 6, 1.0, 4);
        let base = FitParams {
            hidden: 0,
            epochs: 20,
            batch_size: 16,
            learning_rate: 1e-2,
            ..Default::default()
        };
        let count2 = |h: &OptimismHead, ds: &Dataset| {
            (0..ds.len())
                .filter(|&i| metrics::argmax(&h.probs(ds.row(i))) == 2)
                .count()
        };
        let (h1, _) = fit(&train, &Dataset::new(6), &base);
        let n1 = count2(&h1, &train);
        for (y, w) in train.y.iter().zip(train.w.iter_mut()) {
            if *y == 2 {
                *w = 5.0;
            }
        }
        let (h2, _) = fit(&train, &Dataset::new(6), &base);
        let n2 = count2(&h2, &train);
        assert!(n2 > n1, "{n2} vs {n1}");
    }

    #[test]
    fn temperature_scaling_lowers_nll_of_overconfident_logits() {
        // Logits that are right 70% of the time but claim ~99%.
        let mut logits = Vec::new();
        let mut truth = Vec::new();
        for i in 0..100 {
            let pred = i % 3;
            let y = if i % 10 < 7 { pred } else { (pred + 1) % 3 };
            let mut l = [0.0f32; 3];
            l[pred] = 6.0;
            logits.push(l);
            truth.push(y);
        }
        let t = fit_temperature(&logits, &truth);
        let p1: Vec<_> = logits.iter().map(|&l| softmax_t(l, 1.0)).collect();
        let pt: Vec<_> = logits.iter().map(|&l| softmax_t(l, t)).collect();
        assert!(t > 1.5, "t = {t}");
        assert!(metrics::nll(&pt, &truth) < metrics::nll(&p1, &truth) - 0.5);
        // Optimal calibration: p(pred) should be close to 0.7.
        assert!((pt[0][0] - 0.7).abs() < 0.02, "{:?}", pt[0]);
    }

    #[test]
    fn logistic_regression_separates_and_shrinks_with_l2() {
        // y = x0 > 0.3 on a grid, plus an irrelevant, offset, widely scaled x1.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let a = i as f32 / 200.0;
            x.extend_from_slice(&[a, 50.0 + ((i * 37) % 11) as f32 * 10.0]);
            y.push(a > 0.3);
        }
        let (w, b) = fit_logistic(&x, 2, &y, 1e-3, 400);
        let correct = x
            .chunks_exact(2)
            .zip(&y)
            .filter(|(r, &t)| ((w[0] * r[0] + w[1] * r[1] + b) > 0.0) == t)
            .count();
        assert!(correct >= 196, "{correct}/200 with w {w:?} b {b}");
        assert!(w[0] > 0.0 && w[1].abs() < w[0].abs() / 50.0, "{w:?}");
        let (w_strong, _) = fit_logistic(&x, 2, &y, 1.0, 400);
        assert!(w_strong[0].abs() < w[0].abs(), "{w_strong:?} vs {w:?}");
        assert_eq!(fit_logistic(&x, 2, &y, 1e-3, 400), (w, b), "deterministic");
    }

    #[test]
    fn ridge_recovers_a_linear_map_and_shrinks_with_l2() {
        // y = 2 x0 - 3 x1 + 0.5, x2 irrelevant; three correlated-free columns.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..300 {
            let (a, b, c) = (
                (i % 17) as f32 / 17.0,
                ((i * 7) % 23) as f32 / 23.0,
                ((i * 13) % 29) as f32 / 29.0,
            );
            x.extend_from_slice(&[a, b, c]);
            y.push(2.0 * a - 3.0 * b + 0.5);
        }
        let (w, b) = fit_ridge(&x, 3, &y, 1e-6);
        for (got, want) in w.iter().zip([2.0, -3.0, 0.0]) {
            assert!((got - want).abs() < 1e-3, "{w:?}");
        }
        assert!((b - 0.5).abs() < 1e-3, "{b}");
        let (w_strong, b_strong) = fit_ridge(&x, 3, &y, 100.0);
        assert!(w_strong[0].abs() < w[0].abs() && w_strong[1].abs() < w[1].abs());
        // The bias is not penalised: with w shrunk it moves to the mean of y.
        let y_mean = y.iter().sum::<f32>() / y.len() as f32;
        assert!((b_strong - y_mean).abs() < (b - y_mean).abs(), "{b_strong}");
        assert_eq!(fit_ridge(&x, 3, &y, 1.0), fit_ridge(&x, 3, &y, 1.0));
        assert_eq!(fit_ridge(&[], 3, &[], 1.0), (vec![0.0; 3], 0.0));
    }

    #[test]
    fn thresholds_maximise_f1() {
        let scores = [0.1, 0.2, 0.35, 0.4, 0.9];
        let truth = [false, false, true, true, true];
        let t = best_threshold(&scores, &truth);
        assert!(t > 0.2 && t <= 0.35, "{t}");
        assert_eq!(best_threshold(&scores, &[false; 5]), 0.5);
    }

    #[test]
    fn splits_and_samples_are_stable() {
        let n = (0..1000)
            .filter(|i| in_fraction(&i.to_string(), 7, 0.1))
            .count();
        assert!((60..140).contains(&n), "{n}");
        assert_eq!(in_fraction("abc", 1, 0.5), in_fraction("abc", 1, 0.5));
        let s = sample_indices(100, 10, 3);
        assert_eq!(s, sample_indices(100, 10, 3));
        assert_eq!(s.len(), 10);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample_indices(5, 10, 3), vec![0, 1, 2, 3, 4]);
        let mut counts = [0usize; 5];
        for i in 0..1000 {
            counts[bucket(&i.to_string(), 7, 5)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (150..250).contains(&c)),
            "{counts:?}"
        );
    }
}
