//! The statistics behind the report: summaries, cluster bootstrap,
//! article-level permutation test, Cohen's d.
//!
//! Quotes are not independent: one article quotes one speaker several times,
//! and an outlet's framing colours all its quotes. So uncertainty is measured
//! by resampling *articles* (clusters), never single quotes, which would make
//! intervals look tighter than the data allow. Every random draw comes from a
//! `ChaCha8Rng` seeded from the caller's seed and a label naming the
//! computation, so one side's interval does not change when another side is
//! added, and the same rows always give the same numbers. Inputs are sorted
//! before any sum, so floating-point results do not depend on row order.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The quotes of one article (for one side, or for a pair of sides).
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub sum: f64,
    pub n: usize,
}

impl Cluster {
    /// From the optimism values of one article; sorted here so the sum does
    /// not depend on row order.
    pub fn from_values(values: &[f64]) -> Cluster {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        Cluster {
            sum: v.iter().sum(),
            n: v.len(),
        }
    }
}

/// A stable 64-bit hash (FNV-1a) for deriving per-computation seeds.
pub fn label_seed(seed: u64, label: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in label.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ seed
}

pub fn rng_for(seed: u64, label: &str) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(label_seed(seed, label))
}

/// A uniform index in `0..k` (k > 0); 32-bit draws when they suffice,
/// which halves the generator's work in the resampling loops.
#[inline]
fn draw(rng: &mut ChaCha8Rng, k: usize) -> usize {
    match u32::try_from(k) {
        Ok(k32) => rng.gen_range(0..k32) as usize,
        Err(_) => rng.gen_range(0..k),
    }
}

/// Sorted copy of finite values.
pub fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Mean of already sorted values.
pub fn mean(sorted: &[f64]) -> Option<f64> {
    (!sorted.is_empty()).then(|| sorted.iter().sum::<f64>() / sorted.len() as f64)
}

pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Sample standard deviation (n − 1); `None` below two values.
pub fn sd(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n < 2 {
        return None;
    }
    let m = mean(sorted)?;
    let ss: f64 = sorted.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (n - 1) as f64).sqrt())
}

/// Linear-interpolated quantile (type 7) of sorted values.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// 95% percentile interval of bootstrap statistics.
fn percentile_ci(mut stats: Vec<f64>) -> Option<(f64, f64)> {
    stats.sort_by(f64::total_cmp);
    Some((quantile(&stats, 0.025)?, quantile(&stats, 0.975)?))
}

/// 95% cluster-bootstrap CI of the pooled mean (Σsum / Σn): articles are
/// drawn with replacement, as many as there are. `None` below two clusters,
/// where every resample would be the same and the interval a fake zero width.
pub fn bootstrap_mean_ci(
    clusters: &[Cluster],
    resamples: usize,
    rng: &mut ChaCha8Rng,
) -> Option<(f64, f64)> {
    let k = clusters.len();
    if k < 2 || resamples == 0 {
        return None;
    }
    let mut stats = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut s, mut n) = (0.0, 0usize);
        for _ in 0..k {
            let c = &clusters[draw(rng, k)];
            s += c.sum;
            n += c.n;
        }
        if n > 0 {
            stats.push(s / n as f64);
        }
    }
    percentile_ci(stats)
}

/// One article's quotes of two sides, for pairwise comparisons.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCluster {
    pub a: Cluster,
    pub b: Cluster,
}

/// 95% cluster-bootstrap CI of mean(a) − mean(b), resampling articles that
/// hold quotes of either side; a resample lacking one side is redrawn-free
/// skipped, and the interval is given only if at least half are usable.
pub fn bootstrap_diff_ci(
    clusters: &[PairCluster],
    resamples: usize,
    rng: &mut ChaCha8Rng,
) -> Option<(f64, f64)> {
    let k = clusters.len();
    if k < 2 || resamples == 0 {
        return None;
    }
    let mut stats = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut sa, mut na, mut sb, mut nb) = (0.0, 0usize, 0.0, 0usize);
        for _ in 0..k {
            let c = &clusters[draw(rng, k)];
            sa += c.a.sum;
            na += c.a.n;
            sb += c.b.sum;
            nb += c.b.n;
        }
        if na > 0 && nb > 0 {
            stats.push(sa / na as f64 - sb / nb as f64);
        }
    }
    if stats.len() * 2 < resamples {
        return None;
    }
    percentile_ci(stats)
}

/// Two-sided permutation test at the article level: the units are
/// (article, side) groups of quotes, and the side labels are shuffled among
/// them, keeping each unit's quotes together. p = (1 + #{|Δ*| ≥ |Δ|}) /
/// (1 + permutations), so it is never reported as exactly zero.
///
/// Each permutation draws the smaller group as a uniform random subset
/// (partial Fisher–Yates over an index that carries over between rounds),
/// and the other group's sums follow from the totals, so a round costs
/// O(min(|a|, |b|)), not a full shuffle.
pub fn permutation_p(
    a: &[Cluster],
    b: &[Cluster],
    permutations: usize,
    rng: &mut ChaCha8Rng,
) -> Option<f64> {
    if a.is_empty() || b.is_empty() || permutations == 0 {
        return None;
    }
    let total = |cs: &[Cluster]| {
        cs.iter()
            .fold((0.0, 0usize), |(s, n), c| (s + c.sum, n + c.n))
    };
    let ((sa, na), (sb, nb)) = (total(a), total(b));
    if na == 0 || nb == 0 {
        return None;
    }
    let observed = (sa / na as f64 - sb / nb as f64).abs();
    let units: Vec<(f64, usize)> = a.iter().chain(b.iter()).map(|c| (c.sum, c.n)).collect();
    let (all_s, all_n) = (sa + sb, na + nb);
    let k = units.len();
    let m = a.len().min(b.len());
    let mut idx: Vec<usize> = (0..k).collect();
    let mut extreme = 0usize;
    // Tolerance so ties with the observed statistic count as extreme
    // despite rounding in the sums.
    let eps = 1e-12 * observed.max(1.0);
    for _ in 0..permutations {
        let (mut s, mut n) = (0.0, 0usize);
        for i in 0..m {
            let j = i + draw(rng, k - i);
            idx.swap(i, j);
            let (us, un) = units[idx[i]];
            s += us;
            n += un;
        }
        if n == 0 || n == all_n {
            continue;
        }
        let diff = s / n as f64 - (all_s - s) / (all_n - n) as f64;
        if diff.abs() >= observed - eps {
            extreme += 1;
        }
    }
    Some((1 + extreme) as f64 / (1 + permutations) as f64)
}

/// Cohen's d with the pooled sample standard deviation; `None` when either
/// group has fewer than two values or the pooled sd is zero.
pub fn cohens_d(a_sorted: &[f64], b_sorted: &[f64]) -> Option<f64> {
    let (na, nb) = (a_sorted.len(), b_sorted.len());
    let (sa, sb) = (sd(a_sorted)?, sd(b_sorted)?);
    let pooled =
        (((na - 1) as f64 * sa * sa + (nb - 1) as f64 * sb * sb) / (na + nb - 2) as f64).sqrt();
    let diff = mean(a_sorted)? - mean(b_sorted)?;
    (pooled > 0.0).then(|| diff / pooled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        let v = sorted(&[3.0, 1.0, 2.0, f64::NAN, 4.0]);
        assert_eq!(v, [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(mean(&v), Some(2.5));
        assert_eq!(median(&v), Some(2.5));
        assert_eq!(median(&v[..3]), Some(2.0));
        assert!((sd(&v).unwrap() - 1.290_994_448_735_805_6).abs() < 1e-12);
        assert_eq!(sd(&v[..1]), None);
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 1.0), Some(4.0));
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn bootstrap_ci_brackets_the_mean_and_is_reproducible() {
        let clusters: Vec<Cluster> = (0..20)
            .map(|i| Cluster::from_values(&[f64::from(i) / 20.0, 0.5]))
            .collect();
        let ci = bootstrap_mean_ci(&clusters, 2000, &mut rng_for(42, "x")).unwrap();
        let again = bootstrap_mean_ci(&clusters, 2000, &mut rng_for(42, "x")).unwrap();
        assert_eq!(ci, again);
        let m = (0..20).map(|i| f64::from(i) / 20.0 + 0.5).sum::<f64>() / 40.0;
        assert!(ci.0 < m && m < ci.1, "{ci:?} vs {m}");
        assert!(ci.1 - ci.0 < 0.3);
        let other = bootstrap_mean_ci(&clusters, 2000, &mut rng_for(42, "y")).unwrap();
        assert_ne!(ci, other);
    }

    #[test]
    fn one_cluster_gives_no_interval() {
        let c = [Cluster::from_values(&[0.1, 0.9, 0.5])];
        assert_eq!(bootstrap_mean_ci(&c, 100, &mut rng_for(1, "")), None);
    }

    #[test]
    fn cluster_bootstrap_is_wider_than_naive_for_clustered_data() {
        // Ten articles, each with ten identical quotes: the real evidence is
        // ten values, and the cluster interval must reflect that.
        let clusters: Vec<Cluster> = (0..10)
            .map(|i| Cluster::from_values(&[f64::from(i) / 10.0; 10]))
            .collect();
        let naive: Vec<Cluster> = (0..10)
            .flat_map(|i| std::iter::repeat_n(Cluster::from_values(&[f64::from(i) / 10.0]), 10))
            .collect();
        let c = bootstrap_mean_ci(&clusters, 2000, &mut rng_for(42, "c")).unwrap();
        let n = bootstrap_mean_ci(&naive, 2000, &mut rng_for(42, "c")).unwrap();
        assert!(c.1 - c.0 > 2.0 * (n.1 - n.0), "{c:?} {n:?}");
    }

    #[test]
    fn permutation_test_separates_clear_differences() {
        let a: Vec<Cluster> = (0..8)
            .map(|i| Cluster::from_values(&[0.6 + f64::from(i) * 0.01]))
            .collect();
        let b: Vec<Cluster> = (0..8)
            .map(|i| Cluster::from_values(&[-0.6 + f64::from(i) * 0.01]))
            .collect();
        let p = permutation_p(&a, &b, 2000, &mut rng_for(42, "p")).unwrap();
        assert!(p < 0.01, "{p}");
        let same: Vec<Cluster> = (0..8)
            .map(|i| Cluster::from_values(&[f64::from(i % 2)]))
            .collect();
        let p = permutation_p(&same, &same, 2000, &mut rng_for(42, "p")).unwrap();
        assert!(p > 0.5, "{p}");
        assert_eq!(permutation_p(&a, &[], 10, &mut rng_for(42, "p")), None);
    }

    #[test]
    fn diff_ci_and_effect_size() {
        let pairs: Vec<PairCluster> = (0..10)
            .map(|i| PairCluster {
                a: Cluster::from_values(&[0.5 + f64::from(i) * 0.02]),
                b: Cluster::from_values(&[0.1 + f64::from(i) * 0.02]),
            })
            .collect();
        let ci = bootstrap_diff_ci(&pairs, 1000, &mut rng_for(42, "d")).unwrap();
        assert!(
            (ci.0 - 0.4).abs() < 1e-9 && (ci.1 - 0.4).abs() < 1e-9,
            "{ci:?}"
        );
        let a = sorted(&[1.0, 2.0, 3.0]);
        let b = sorted(&[2.0, 3.0, 4.0]);
        assert!((cohens_d(&a, &b).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(cohens_d(&[1.0, 1.0], &[1.0, 1.0]), None);
    }
}
