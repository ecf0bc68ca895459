//! The keyness statistic: Dunning's log-likelihood G2 over the 2x2 table of unit counts, and
//! the log ratio beside it. G2 says how sure we can be that a word's share differs between the
//! two sets (it grows with the evidence); the log ratio says by how much (it does not). Corpus
//! linguists report both (AntConc, WordSmith, Hardie's "log ratio"); ranking by G2 alone puts
//! the words with the most evidence first, which is what a reader checking a claim needs.

/// A term's counts: foreground units with it (`a`) of `n1`, background units with it (`b`)
/// of `n2`. Counts are reals because a sampled set's counts are scaled estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Table {
    pub a: f64,
    pub b: f64,
    pub n1: f64,
    pub n2: f64,
}

impl Table {
    /// Dunning's G2 = 2 Σ O ln(O / E) over the four cells (with the word, without it; in the
    /// foreground, in the background), E from the margins; a cell with O = 0 adds nothing.
    pub(crate) fn g2(&self) -> f64 {
        let Table { a, b, n1, n2 } = *self;
        let n = n1 + n2;
        if n1 <= 0.0 || n2 <= 0.0 {
            return 0.0;
        }
        let with = a + b;
        let without = n - with;
        let cells = [
            (a, n1 * with / n),
            (b, n2 * with / n),
            (n1 - a, n1 * without / n),
            (n2 - b, n2 * without / n),
        ];
        let sum: f64 = cells
            .iter()
            .filter(|(o, e)| *o > 0.0 && *e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum();
        (2.0 * sum).max(0.0)
    }

    /// log2 of the ratio of the relative frequencies (a/n1) / (b/n2), with 0.5 for a zero
    /// count so that a word the background never has gets a finite, comparable value (and for
    /// a scaled estimate below 0.5, so that a smaller count never gives a larger ratio).
    pub(crate) fn log_ratio(&self) -> f64 {
        let half = |x: f64| x.max(0.5);
        ((half(self.a) / self.n1) / (half(self.b) / self.n2)).log2()
    }

    /// Whether the word is more frequent in the foreground than in the background.
    pub(crate) fn over(&self) -> bool {
        self.n1 > 0.0 && self.n2 > 0.0 && self.a / self.n1 > self.b / self.n2
    }
}

/// G2 and log ratio rounded for answers: four decimals are more than a reader uses, and the
/// same on every platform's last bits.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(a: f64, b: f64, n1: f64, n2: f64) -> Table {
        Table { a, b, n1, n2 }
    }

    /// Values computed by hand from the formula:
    /// a=10, b=5, N1=100, N2=200: E = 5, 10, 95, 190;
    /// G2 = 2 (10 ln 2 + 5 ln 0.5 + 90 ln(90/95) + 195 ln(195/190)) = 7.3298.
    #[test]
    fn g2_matches_hand_computed_values() {
        let g = t(10.0, 5.0, 100.0, 200.0).g2();
        let by_hand = 2.0
            * (10.0 * 2f64.ln()
                + 5.0 * 0.5f64.ln()
                + 90.0 * (90.0f64 / 95.0).ln()
                + 195.0 * (195.0f64 / 190.0).ln());
        assert!((g - by_hand).abs() < 1e-9);
        assert!((g - 7.3298).abs() < 1e-4, "{g}");
        // A word in 20 of 50 and in none of 150: E = 5, 15, 45, 135;
        // G2 = 2 (20 ln 4 + 30 ln(30/45) + 150 ln(150/135)) = 62.7320.
        let g = t(20.0, 0.0, 50.0, 150.0).g2();
        assert!((g - 62.7320).abs() < 1e-4, "{g}");
        // The same share on both sides is no evidence at all.
        assert!(t(10.0, 20.0, 100.0, 200.0).g2().abs() < 1e-12);
        // Symmetric in the sets: swapping them gives the same G2.
        let (x, y) = (t(7.0, 3.0, 40.0, 90.0), t(3.0, 7.0, 90.0, 40.0));
        assert!((x.g2() - y.g2()).abs() < 1e-9);
    }

    #[test]
    fn log_ratio_uses_a_half_for_zero() {
        // (10/100) / (5/200) = 4: log2 = 2.
        assert!((t(10.0, 5.0, 100.0, 200.0).log_ratio() - 2.0).abs() < 1e-12);
        // b = 0 reads as 0.5: (20/50) / (0.5/150) = 120.
        assert!((t(20.0, 0.0, 50.0, 150.0).log_ratio() - 120f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn only_words_more_frequent_in_the_foreground_are_over() {
        assert!(t(10.0, 5.0, 100.0, 200.0).over());
        assert!(!t(10.0, 20.0, 100.0, 200.0).over());
        assert!(!t(1.0, 30.0, 100.0, 200.0).over());
        assert!(!t(3.0, 0.0, 10.0, 0.0).over());
    }
}
