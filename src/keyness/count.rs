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

/// A unit to read: its place in the list (the foreground's ranked order: examples come from
/// the best) and its documents, in a stable order (by id).
#[derive(Debug, Clone)]
pub(crate) struct UnitDocs {
    pub rank: u32,
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

/// The stop words of each language, folded as the index folds words, by fingerprint (every
/// word read is looked up, and its fingerprint is at hand); `und` and languages without a
/// list use all four.
struct Stops {
    nl: FastSet,
    en: FastSet,
    de: FastSet,
    fr: FastSet,
    all: FastSet,
}

static STOPS: LazyLock<Stops> = LazyLock::new(|| {
    let fold = |list: &[&str]| -> FastSet {
        list.iter()
            .flat_map(|w| crate::text::folded_words(w))
            .map(|w| word_hash(&w))
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
        .copied()
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
    fn of(&self, lang: &str) -> &FastSet {
        match lang {
            "nl" => &self.nl,
            "en" => &self.en,
            "de" => &self.de,
            "fr" => &self.fr,
            _ => &self.all,
        }
    }
}

/// Whether a word (folded) is a stop word of any of the four languages.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOPS.all.contains(&word_hash(word))
}

/// A word of a sentence: its fingerprint, whether a term may begin or end with it, where it
/// is in the document's text, and where its folded form is in the reader's buffer (one buffer
/// a sentence, not a string a word: this loop runs for every word of every unit read).
struct Token {
    hash: u64,
    content: bool,
    range: Range<usize>,
    folded: Range<usize>,
}

/// A word counts unless it is a stop word, a single character, or holds a digit: numbers, and
/// the codes that are not words people argue with (postcodes, "devries1980" of an e-mail
/// address, article numbers).
fn is_content(word: &str, hash: u64, stops: &FastSet) -> bool {
    word.chars().nth(1).is_some() && !word.chars().any(|c| c.is_numeric()) && !stops.contains(&hash)
}

/// The e-mail addresses in a text: the letters, digits and `._%+-` around each `@` with a dot
/// after it. Phone numbers and postcodes need no finding here: words with digits are no terms.
fn email_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let part = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && part(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && part(bytes[end]) {
            end += 1;
        }
        if start < at && text[at + 1..end].contains('.') {
            out.push(start..end);
        }
    }
    out
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
    folded: String,
}

/// A term met in a sentence: its fingerprint and shape, where it is in the document's text,
/// and its words (folded).
pub(crate) struct Met<'a> {
    pub hash: u64,
    pub shape: Shape,
    pub range: Range<usize>,
    words: [&'a str; 3],
}

impl<'a> Met<'a> {
    /// The term's words, folded.
    pub(crate) fn words(&self) -> &[&'a str] {
        let n = match self.shape {
            Shape::Word => 1,
            Shape::Two => 2,
            Shape::Three => 3,
        };
        &self.words[..n]
    }
}

impl Reader {
    fn new(fields: Fields) -> Reader {
        Reader {
            fields,
            analyzer: crate::text::analyzers::exact_analyzer(),
            tokens: Vec::new(),
            folded: String::new(),
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
        // An e-mail address is a way to find a person, not words: "ziggo" of an address is no
        // term (and would show who wrote it).
        let contacts = email_spans(body);
        for s in bounds {
            let sentence = &body[s.range.clone()];
            self.tokens.clear();
            self.folded.clear();
            let mut stream = self.analyzer.token_stream(sentence);
            while stream.advance() {
                let t = stream.token();
                let range = s.range.start + t.offset_from..s.range.start + t.offset_to;
                let contact = contacts
                    .iter()
                    .any(|c| c.start < range.end && range.start < c.end);
                let at = self.folded.len();
                self.folded.push_str(&t.text);
                let hash = word_hash(&t.text);
                self.tokens.push(Token {
                    hash,
                    content: !contact && is_content(&t.text, hash, stops),
                    range,
                    folded: at..self.folded.len(),
                });
            }
            let mut met = Terms {
                tokens: &self.tokens,
                folded: &self.folded,
                at: 0,
                shape: 0,
            };
            f(body, sentence, s.range.clone(), &mut met);
        }
    }
}

/// The terms of a sentence's tokens: every content word; every two words both content; every
/// three words whose first and last are content (the middle may be "op", "van", "de").
struct Terms<'a> {
    tokens: &'a [Token],
    folded: &'a str,
    /// The token a term starts at, and which of its three shapes comes next.
    at: usize,
    shape: u8,
}

impl<'a> Iterator for Terms<'a> {
    type Item = Met<'a>;

    fn next(&mut self) -> Option<Met<'a>> {
        let word = |t: &Token| &self.folded[t.folded.clone()];
        loop {
            let t = self.tokens.get(self.at)?;
            let shape = self.shape;
            self.shape += 1;
            if !t.content || shape > 2 {
                self.at += 1;
                self.shape = 0;
                continue;
            }
            let next = self.tokens.get(self.at + 1);
            let met = match shape {
                0 => Some(Met {
                    hash: t.hash,
                    shape: Shape::Word,
                    range: t.range.clone(),
                    words: [word(t), "", ""],
                }),
                1 => next.filter(|u| u.content).map(|u| Met {
                    hash: pair(t.hash, u.hash),
                    shape: Shape::Two,
                    range: t.range.start..u.range.end,
                    words: [word(t), word(u), ""],
                }),
                _ => next
                    .zip(self.tokens.get(self.at + 2).filter(|v| v.content))
                    .map(|(m, v)| Met {
                        hash: pair(pair(t.hash, m.hash), v.hash),
                        shape: Shape::Three,
                        range: t.range.start..v.range.end,
                        words: [word(t), word(m), word(v)],
                    }),
            };
            if met.is_some() {
                return met;
            }
        }
    }
}

/// Runs `work` over `units` in chunks on every core, each thread with a state of its own
/// from `init`; the states come back in the threads' order. Which thread reads which chunk
/// depends on timing, so callers merge the states by sums and least keys, which do not.
/// Units are read in the order of their first document's address: neighbours share the
/// document store's compressed blocks.
fn chunked<S: Send>(
    units: &[UnitDocs],
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &UnitDocs) -> Result<()> + Sync,
) -> Result<Vec<S>> {
    let mut order: Vec<&UnitDocs> = units.iter().collect();
    order.sort_by_key(|u| (u.docs.first().copied(), u.rank));
    let chunks: Vec<&[&UnitDocs]> = order.chunks(CHUNK).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(chunks.len())
        .max(1);
    let states: Mutex<Vec<(usize, Result<S>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (chunks, next, states, init, work) = (&chunks, &next, &states, &init, &work);
            scope.spawn(move || {
                let mut state = init();
                let result = loop {
                    let Some(chunk) = chunks.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break Ok(());
                    };
                    if let Err(e) = chunk.iter().try_for_each(|u| work(&mut state, u)) {
                        // The others stop at their next chunk.
                        next.store(chunks.len(), Ordering::Relaxed);
                        break Err(e);
                    }
                };
                states
                    .lock()
                    .expect("no thread panics holding it")
                    .push((t, result.map(|()| state)));
            });
        }
    });
    let mut states = states.into_inner().expect("no thread panics holding it");
    states.sort_by_key(|(t, _)| *t);
    states.into_iter().map(|(_, s)| s).collect()
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

/// Reads every sentence of every unit's documents on every core, each thread with a state of
/// its own from `init` that `visit` fills.
fn over_units<S: Send>(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    units: &[UnitDocs],
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, &At, &str, &str, &mut dyn Iterator<Item = Met<'_>>) + Sync,
) -> Result<Vec<S>> {
    let init = || (Reader::new(engine.fields()), init());
    let states = chunked(units, init, |(reader, state), unit| {
        for (d, &address) in unit.docs.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine.index_error(e))?;
            reader.each_sentence_of(&doc, |body, sentence, range, met| {
                let at = At {
                    unit: unit.rank,
                    doc: d as u32,
                    address,
                    range,
                };
                visit(state, &at, body, sentence, met);
            });
        }
        Ok(())
    })?;
    Ok(states.into_iter().map(|(_, s)| s).collect())
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
                        words.insert(m.hash, m.words()[0].to_string());
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
    /// The term's words (folded) but its stop words, to mark.
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
                    detail.term = m.words().join(" ");
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
                    // The middle of "recht op zelfbeschikking" is marked nowhere else in the
                    // sentence either: stop words are not what the term is.
                    let words = m
                        .words()
                        .iter()
                        .filter(|w| !is_stop_word(w))
                        .map(|w| w.to_string())
                        .collect();
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

    fn tokens(text: &str, lang: &str) -> (Vec<Token>, String) {
        let mut a = crate::text::analyzers::exact_analyzer();
        let mut s = a.token_stream(text);
        let (mut out, mut folded) = (Vec::new(), String::new());
        while s.advance() {
            let t = s.token();
            let at = folded.len();
            folded.push_str(&t.text);
            let hash = word_hash(&t.text);
            out.push(Token {
                hash,
                content: is_content(&t.text, hash, STOPS.of(lang)),
                range: t.offset_from..t.offset_to,
                folded: at..folded.len(),
            });
        }
        (out, folded)
    }

    fn terms<'a>(tokens: &'a [Token], folded: &'a str) -> Terms<'a> {
        Terms {
            tokens,
            folded,
            at: 0,
            shape: 0,
        }
    }

    fn spelled(text: &str, lang: &str) -> Vec<String> {
        let (t, f) = tokens(text, lang);
        terms(&t, &f).map(|m| m.words().join(" ")).collect()
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
    fn e_mail_addresses_are_found_around_their_at() {
        let text = "Mail j.devries1980@ziggo.nl of info@stichting-x.nl, niet @twitter.";
        let found: Vec<&str> = email_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["j.devries1980@ziggo.nl", "info@stichting-x.nl"]);
    }

    #[test]
    fn a_phrase_has_the_same_fingerprint_however_it_was_met() {
        let (t, f) = tokens("vrije keuze", "nl");
        let met: Vec<u64> = terms(&t, &f).map(|m| m.hash).collect();
        assert!(met.contains(&phrase_hash(&[word_hash("vrije"), word_hash("keuze")])));
    }
}
