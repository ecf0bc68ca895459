//! Text helpers every stage shares: a text's words, its lines, its sentences and stable
//! fingerprints. Extraction normalises lines with them, campaigns shingle words and sentences,
//! quotes cut sentences into passages, and the crawl state fingerprints URLs; keeping them here,
//! below all of those, lets each use them without reaching into another's module.

pub mod analyzers;
pub(crate) mod hyphens;
pub mod sentences;

/// A text's words, lowercased, diacritics and punctuation aside.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Names as a list to choose from, in the messages that refuse a value: "a, b or c".
pub fn either(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.to_string(),
        None => String::new(),
    }
}

/// The largest char boundary of `s` at or before byte `i`.
pub(crate) fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first `bytes` of a text or less, cut at a char boundary.
pub(crate) fn head(text: &str, bytes: usize) -> &str {
    &text[..floor_char_boundary(text, bytes)]
}

/// A text's words as the exact field indexes them: lower case, accents folded ("Coöperatie"
/// → "cooperatie"), split at anything that is not a letter or digit.
pub(crate) fn folded_words(text: &str) -> Vec<String> {
    let mut analyzer = analyzers::exact_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A text's words as the exact field indexes them, each with its byte range in `text`.
pub(crate) fn folded_tokens(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut analyzer = analyzers::exact_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from..t.offset_to));
    }
    out
}

/// A text's words as [`words`] gives them, with words hyphenated at a line end ("gezin-\nnen",
/// as PDF text has them) joined again.
pub(crate) fn unwrapped_words(text: &str) -> Vec<String> {
    static HYPHEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = HYPHEN
        .get_or_init(|| regex::Regex::new(r"(\p{L})-[ \t]*\r?\n\s*(\p{Ll})").expect("valid regex"));
    words(&re.replace_all(text, "$1$2"))
}

/// A sentence's lines, trimmed, without empty ones.
pub fn lines(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// Collapses white space within lines and drops empty lines.
pub fn normalize_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut first = true;
        for word in line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
                first = false;
            } else {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// A stable 64-bit fingerprint of a string (FNV-1a, mixed), for comparing many stored strings
/// in little memory.
pub(crate) fn fingerprint(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// A hasher for keys that are [`fingerprint`]s already: they are spread evenly, so hashing them
/// again (SipHash) is wasted work when a million of them are looked up.
#[derive(Default, Clone, Copy)]
pub struct FingerprintHasher(u64);

impl std::hash::Hasher for FingerprintHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by fingerprints.
pub type ByFingerprint<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<FingerprintHasher>>;
/// A set of fingerprints.
pub type Fingerprints =
    std::collections::HashSet<u64, std::hash::BuildHasherDefault<FingerprintHasher>>;

/// The finaliser of SplitMix64: spreads FNV's weak low bits over the whole word.
pub(crate) const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_to_choose_from() {
        assert_eq!(either(&["a", "b", "c"]), "a, b or c");
        assert_eq!(either(&["a", "b"]), "a or b");
        assert_eq!(either(&["a"]), "a");
        assert_eq!(either(&[]), "");
    }
}
