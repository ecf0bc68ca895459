//! Counting terms per unit: each unit's documents are read once, cut at their stored sentence
//! boundaries and into the exact field's words, and every word and two- and three-word phrase
//! is counted once per unit. Terms are counted by 64-bit fingerprint, not by their text: a
//! thousand responses hold millions of distinct phrases, nearly all in one or two of them, and
//! only the few that lead the list are ever spelled out (a second pass over the foreground,
//! [`details`], finds their text, written forms and an example sentence). Work is split into
//! fixed chunks of units that threads take in turn; counts are sums, so the answer does not
//! depend on which thread counted what.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, TantivyDocument};

use super::stopwords;
use crate::error::Result;
use crate::index::Fields;
use crate::search::Engine;
use crate::text::{fingerprint, mix, sentences, FingerprintHasher};

pub(crate) type FastMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<FingerprintHasher>>;
pub(crate) type FastSet = HashSet<u64, std::hash::BuildHasherDefault<FingerprintHasher>>;

/// Units a thread takes at a time.
const CHUNK: usize = 32;

/// A unit to read: its documents, in a stable order (by id).
#[derive(Debug, Clone)]
pub(crate) struct UnitDocs {
    pub docs: Vec<DocAddress>,
}

/// What a term is: a word, or a phrase of two or three words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Word,
    Two,
    Three,
}

/// A term's count in a set, by fingerprint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// Units with the term.
    pub n: u32,
    /// The last unit counted (a unit counts once).
    last: u32,
    pub shape: Shape,
}

/// The stop words of each language, folded as the index folds words; `und` and languages
/// without a list use all four.
struct Stops {
    nl: HashSet<String>,
    en: HashSet<String>,
    de: HashSet<String>,
    fr: HashSet<String>,
    all: HashSet<String>,
}

static STOPS: LazyLock<Stops> = LazyLock::new(|| {
    let fold = |list: &[&str]| -> HashSet<String> {
        list.iter()
            .flat_map(|w| crate::text::folded_words(w))
            .collect()
    };
    let (nl, en, de, fr) = (
        fold(stopwords::DUTCH),
        fold(stopwords::ENGLISH),
        fold(stopwords::GERMAN),
        fold(stopwords::FRENCH),
    );
    let all = nl
        .iter()
        .chain(&en)
        .chain(&de)
        .chain(&fr)
        .cloned()
        .collect();
    Stops {
        nl,
        en,
        de,
        fr,
        all,
    }
});

impl Stops {
    fn of(&self, lang: &str) -> &HashSet<String> {
        match lang {
            "nl" => &self.nl,
            "en" => &self.en,
            "de" => &self.de,
            "fr" => &self.fr,
            _ => &self.all,
        }
    }
}

/// A word of a sentence: its fingerprint, whether a term may begin or end with it, and where
/// it is in the document's text.
struct Token {
    hash: u64,
    content: bool,
    range: Range<usize>,
    text: String,
}

/// A word counts unless it is a stop word, a number or a single character.
fn is_content(word: &str, stops: &HashSet<String>) -> bool {
    word.chars().nth(1).is_some() && !word.chars().all(|c| c.is_numeric()) && !stops.contains(word)
}

fn pair(a: u64, b: u64) -> u64 {
    mix(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b)
}

/// The fingerprint of a phrase's words, as reading a sentence computes it.
#[cfg(test)]
fn phrase_hash(words: &[u64]) -> u64 {
    let mut h = words[0];
    for &w in &words[1..] {
        h = pair(h, w);
    }
    h
}

/// The fingerprint of a word (folded).
pub(crate) fn word_hash(word: &str) -> u64 {
    fingerprint(word)
}

/// Reads documents into sentences of tokens.
struct Reader {
    fields: Fields,
    analyzer: TextAnalyzer,
    tokens: Vec<Token>,
}

/// A term met in a sentence: its fingerprint and shape, and the tokens it spans.
pub(crate) struct Met<'a> {
    pub hash: u64,
    pub shape: Shape,
    pub range: Range<usize>,
    pub words: Vec<&'a str>,
}

impl Reader {
    fn new(fields: Fields) -> Reader {
        Reader {
            fields,
            analyzer: crate::text::analyzers::exact_analyzer(),
            tokens: Vec::new(),
        }
    }

    /// Calls `f` with the text of a stored document, each of its sentences (text and byte
    /// range) and the terms in it.
    fn each_sentence_of(
        &mut self,
        doc: &TantivyDocument,
        mut f: impl FnMut(&str, &str, Range<usize>, &mut dyn Iterator<Item = Met<'_>>),
    ) {
        let f_ = self.fields;
        let body = doc
            .get_first(f_.body)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if body.is_empty() {
            return;
        }
        let lang = doc
            .get_first(f_.lang)
            .and_then(|v| v.as_str())
            .unwrap_or("und")
            .to_string();
        let stops = STOPS.of(&lang);
        let bounds = doc
            .get_first(f_.sentences)
            .and_then(|v| v.as_bytes())
            .and_then(sentences::decode)
            .filter(|b| b.iter().all(|s| body.get(s.range.clone()).is_some()))
            .unwrap_or_else(|| sentences::boundaries(body));
        for s in bounds {
            let sentence = &body[s.range.clone()];
            self.tokens.clear();
            let mut stream = self.analyzer.token_stream(sentence);
            while stream.advance() {
                let t = stream.token();
                self.tokens.push(Token {
                    hash: word_hash(&t.text),
                    content: is_content(&t.text, stops),
                    range: s.range.start + t.offset_from..s.range.start + t.offset_to,
                    text: t.text.clone(),
                });
            }
            let tokens = &self.tokens;
            let mut met = terms(tokens);
            f(body, sentence, s.range.clone(), &mut met);
        }
    }
}

/// The terms of a sentence's tokens: every content word; every two words both content; every
/// three words whose first and last are content (the middle may be "op", "van", "de").
fn terms(tokens: &[Token]) -> impl Iterator<Item = Met<'_>> {
    (0..tokens.len()).flat_map(move |i| {
        let t = &tokens[i];
        let mut out = Vec::new();
        if t.content {
            out.push(Met {
                hash: t.hash,
                shape: Shape::Word,
                range: t.range.clone(),
                words: vec![&t.text],
            });
            if let Some(u) = tokens.get(i + 1).filter(|u| u.content) {
                out.push(Met {
                    hash: pair(t.hash, u.hash),
                    shape: Shape::Two,
                    range: t.range.start..u.range.end,
                    words: vec![&t.text, &u.text],
                });
            }
            if let (Some(m), Some(v)) = (tokens.get(i + 1), tokens.get(i + 2).filter(|v| v.content))
            {
                out.push(Met {
                    hash: pair(pair(t.hash, m.hash), v.hash),
                    shape: Shape::Three,
                    range: t.range.start..v.range.end,
                    words: vec![&t.text, &m.text, &v.text],
                });
            }
        }
        out.into_iter()
    })
}

/// Runs `work` over `units` in chunks on every core; results come back in chunk order.
fn chunked<T: Send>(
    units: &[UnitDocs],
    work: impl Fn(usize, &[UnitDocs]) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let chunks: Vec<(usize, &[UnitDocs])> = units
        .chunks(CHUNK)
        .enumerate()
        .map(|(i, c)| (i * CHUNK, c))
        .collect();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T>>>> =
        Mutex::new((0..chunks.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(chunks.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(start, chunk)) = chunks.get(i) else {
                    break;
                };
                let r = work(start, chunk);
                results.lock().expect("no thread panics holding it")[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .expect("no thread panics holding it")
        .into_iter()
        .map(|r| r.expect("every chunk ran"))
        .collect()
}

/// Where a sentence is: its unit's place in the list read, its document's place in the unit,
/// the document, and the sentence's byte range in the document's text.
#[derive(Debug, Clone)]
struct At {
    unit: u32,
    doc: u32,
    address: DocAddress,
    range: Range<usize>,
}

/// Reads every sentence of every unit's documents on every core, in fixed chunks of units, each
/// chunk with a state of its own from `init` that `visit` fills; the states come back in chunk
/// order.
fn over_units<S: Send>(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    units: &[UnitDocs],
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, &At, &str, &str, &mut dyn Iterator<Item = Met<'_>>) + Sync,
) -> Result<Vec<S>> {
    chunked(units, |start, chunk| {
        let mut reader = Reader::new(engine.fields());
        let mut state = init();
        for (k, unit) in chunk.iter().enumerate() {
            for (d, &address) in unit.docs.iter().enumerate() {
                let doc: TantivyDocument =
                    searcher.doc(address).map_err(|e| engine.index_error(e))?;
                reader.each_sentence_of(&doc, |body, sentence, range, met| {
                    let at = At {
                        unit: (start + k) as u32,
                        doc: d as u32,
                        address,
                        range,
                    };
                    visit(&mut state, &at, body, sentence, met);
                });
            }
        }
        Ok(state)
    })
}

/// The foreground's terms with the units that hold each, and its words spelled out (for
/// their document frequencies; phrases are spelled out only when they lead, [`details`]).
pub(crate) struct Foreground {
    pub counts: FastMap<Slot>,
    pub words: FastMap<String>,
}

/// Every term of the foreground units, with the units that hold it.
pub(crate) fn foreground(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    units: &[UnitDocs],
) -> Result<Foreground> {
    let init = || (FastMap::<Slot>::default(), FastMap::<String>::default());
    let parts = over_units(
        engine,
        searcher,
        units,
        init,
        |(counts, words), at, _, _, met| {
            for m in met {
                let slot = counts.entry(m.hash).or_insert_with(|| {
                    if m.shape == Shape::Word {
                        words.insert(m.hash, m.words[0].to_string());
                    }
                    Slot {
                        n: 0,
                        last: u32::MAX,
                        shape: m.shape,
                    }
                });
                if slot.last != at.unit {
                    slot.last = at.unit;
                    slot.n += 1;
                }
            }
        },
    )?;
    let mut all: FastMap<Slot> = FastMap::default();
    let mut spelled: FastMap<String> = FastMap::default();
    for (part, words) in parts {
        spelled.extend(words);
        for (h, s) in part {
            all.entry(h).and_modify(|t| t.n += s.n).or_insert(Slot {
                n: s.n,
                last: u32::MAX,
                shape: s.shape,
            });
        }
    }
    Ok(Foreground {
        counts: all,
        words: spelled,
    })
}

/// The background units holding each of `wanted` (by fingerprint).
pub(crate) fn background(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    units: &[UnitDocs],
    wanted: &FastSet,
) -> Result<FastMap<u32>> {
    let init = FastMap::<(u32, u32)>::default;
    let parts = over_units(engine, searcher, units, init, |counts, at, _, _, met| {
        for m in met.filter(|m| wanted.contains(&m.hash)) {
            let (n, last) = counts.entry(m.hash).or_insert((0, u32::MAX));
            if *last != at.unit {
                *last = at.unit;
                *n += 1;
            }
        }
    })?;
    let mut all: FastMap<u32> = FastMap::default();
    for part in parts {
        for (h, (n, _)) in part {
            *all.entry(h).or_default() += n;
        }
    }
    Ok(all)
}

/// A term spelled out: its words (folded), written forms with their counts, and the best
/// place to quote it from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Detail {
    pub term: String,
    pub forms: HashMap<String, u32>,
    /// Where to quote it from: the least [`Place::rank`].
    pub example: Option<Place>,
}

/// A sentence that holds a term.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// 1 when the sentence is shorter or longer than reads well.
    fit: u8,
    /// The unit's place in the ranked foreground, the document's in its unit.
    unit: u32,
    doc: u32,
    pub address: DocAddress,
    /// The sentence's byte range in the document's text.
    pub range: Range<usize>,
    /// The term's words (folded), to mark.
    pub words: Vec<String>,
}

impl Place {
    /// Readable sentences first, then the best-ranked unit, its first document, the earliest
    /// sentence.
    fn rank(&self) -> (u8, u32, u32, usize) {
        (self.fit, self.unit, self.doc, self.range.start)
    }
}

/// Sentences of this many characters read well as an example; shorter or longer ones are
/// used only when a term has no other.
const EXAMPLE_CHARS: Range<usize> = 40..400;

/// Spells out `wanted` terms from the foreground units (in their ranked order): text, written
/// forms, and an example sentence from the best-ranked unit that holds the term in a sentence
/// of readable length.
pub(crate) fn details(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    units: &[UnitDocs],
    wanted: &FastSet,
) -> Result<FastMap<Detail>> {
    let init = FastMap::<Detail>::default;
    let parts = over_units(
        engine,
        searcher,
        units,
        init,
        |found, at, body, sentence, met| {
            let fit = u8::from(!EXAMPLE_CHARS.contains(&sentence.chars().count()));
            for m in met.filter(|m| wanted.contains(&m.hash)) {
                let detail = found.entry(m.hash).or_default();
                if detail.term.is_empty() {
                    detail.term = m.words.join(" ");
                }
                let written = body[m.range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                *detail.forms.entry(written).or_default() += 1;
                let place = Place {
                    fit,
                    unit: at.unit,
                    doc: at.doc,
                    address: at.address,
                    range: at.range.clone(),
                    words: Vec::new(),
                };
                if detail
                    .example
                    .as_ref()
                    .is_none_or(|e| place.rank() < e.rank())
                {
                    let words = m.words.iter().map(|w| w.to_string()).collect();
                    detail.example = Some(Place { words, ..place });
                }
            }
        },
    )?;
    let mut all: FastMap<Detail> = FastMap::default();
    for part in parts {
        for (h, d) in part {
            let into = all.entry(h).or_default();
            if into.term.is_empty() {
                into.term = d.term;
            }
            for (form, n) in d.forms {
                *into.forms.entry(form).or_default() += n;
            }
            let better = match (&into.example, &d.example) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(a), Some(b)) => b.rank() < a.rank(),
            };
            if better {
                into.example = d.example;
            }
        }
    }
    Ok(all)
}

/// Written forms, most frequent first (ties by the form), at most `n`.
pub(crate) fn top_forms(forms: &HashMap<String, u32>, n: usize) -> Vec<String> {
    let mut v: Vec<(&String, &u32)> = forms.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(f, _)| f.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, lang: &str) -> Vec<Token> {
        let mut a = crate::text::analyzers::exact_analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push(Token {
                hash: word_hash(&t.text),
                content: is_content(&t.text, STOPS.of(lang)),
                range: t.offset_from..t.offset_to,
                text: t.text.clone(),
            });
        }
        out
    }

    fn spelled(text: &str, lang: &str) -> Vec<String> {
        let t = tokens(text, lang);
        terms(&t).map(|m| m.words.join(" ")).collect()
    }

    #[test]
    fn phrases_neither_begin_nor_end_with_a_stop_word() {
        let got = spelled("Het recht op zelfbeschikking van sekswerkers", "nl");
        assert_eq!(
            got,
            [
                "recht",
                "recht op zelfbeschikking",
                "zelfbeschikking",
                "zelfbeschikking van sekswerkers",
                "sekswerkers"
            ]
        );
    }

    #[test]
    fn numbers_single_letters_and_stop_words_are_not_terms() {
        let got = spelled("In 2025 is a de wet b 12 ingevoerd", "nl");
        assert_eq!(got, ["wet", "ingevoerd"]);
        // Stop words follow the document's language; folded as the index folds ("één").
        assert!(!spelled("Één keer", "nl").contains(&"een".to_string()));
        assert_eq!(spelled("The war is over", "en"), ["war"]);
        assert_eq!(spelled("die Regel war", "de"), ["regel"]);
    }

    #[test]
    fn a_phrase_has_the_same_fingerprint_however_it_was_met() {
        let t = tokens("vrije keuze", "nl");
        let met: Vec<u64> = terms(&t).map(|m| m.hash).collect();
        assert!(met.contains(&phrase_hash(&[word_hash("vrije"), word_hash("keuze")])));
    }
}
