//! Word agreement between an extracted text and a reference text, shared by the extraction
//! benchmarks: words lowercased, ligatures expanded, split on anything that is not a letter or
//! digit, compared as multisets (a word twice in both counts twice).

use std::collections::HashMap;

/// The words of a text with their counts.
pub fn words(text: &str) -> HashMap<String, u32> {
    let expanded = text
        .replace('ﬀ', "ff")
        .replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .replace(['ﬅ', 'ﬆ'], "st");
    let mut m = HashMap::new();
    for w in expanded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_default() += 1;
    }
    m
}

/// (precision, recall, F1) of `ours` against `reference`; two empty texts agree fully.
pub fn agreement(ours: &str, reference: &str) -> (f64, f64, f64) {
    let (a, b) = (words(ours), words(reference));
    let na: u32 = a.values().sum();
    let nb: u32 = b.values().sum();
    if na == 0 && nb == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: u32 = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    let p = if na == 0 {
        0.0
    } else {
        common as f64 / na as f64
    };
    let r = if nb == 0 {
        0.0
    } else {
        common as f64 / nb as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
