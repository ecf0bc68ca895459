//! What a server the public reaches withholds (`serve --public`). Responses carry the names and
//! places of private persons; published as they are, a name search across consultations
//! profiles a person. An engine made public ([`Engine::public`]) therefore answers as the
//! government's own pages should be read by strangers: a private person's response is "an
//! individual", with its date, consultation and link but no name or place; every private
//! person's name is masked wherever a text shows it (their own signature, someone naming a
//! relative), one `█` per character so that every character offset still points where it
//! did; and `author:`, `place:` and any query that names a private person reach no private
//! person's documents. Organisations and anonymous respondents are shown as they are.
//!
//! Who is a private person comes from the index itself: each individual's response and
//! attachment carries their name and place in a fast column (`person`), and the register of
//! those names is read once per index commit from the columns' dictionaries.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::*;
use crate::quotes::{Quote, QuotesResponse};

/// How a private person is named where their name is withheld.
pub const AN_INDIVIDUAL: &str = "an individual";
/// What stands for each character of a withheld name.
const MASK: char = '█';
/// Words between a name and the place written after it ("Gerda Post, Zwolle", "Mirjam
/// Huisman uit Ede"): the place goes with the name.
const PLACE_LINKS: [&str; 5] = ["uit", "te", "in", "from", "aus"];
/// The most words a name has.
const MAX_NAME_WORDS: usize = 6;

/// The private persons of one index commit.
#[derive(Default)]
pub(crate) struct People {
    /// A name's words (folded, joined by a space) with the places given with it.
    names: HashMap<String, Vec<Vec<String>>>,
    /// By a name's last word, the names' words: to find a name among a query's words in any
    /// order.
    by_last: HashMap<String, Vec<Vec<String>>>,
    /// Every word of every name (folded).
    words: HashSet<String>,
}

impl People {
    /// The register from `(name, place)` pairs as the site gives them.
    pub(crate) fn of<'a>(persons: impl IntoIterator<Item = (&'a str, &'a str)>) -> People {
        let mut people = People::default();
        for (name, place) in persons {
            let place = crate::text::folded_words(place);
            for words in variants(name) {
                let key = words.join(" ");
                let places = people.names.entry(key).or_default();
                if places.is_empty() {
                    people.words.extend(words.iter().cloned());
                    let last = words.last().cloned().unwrap_or_default();
                    people.by_last.entry(last).or_default().push(words);
                }
                if !place.is_empty() && !places.contains(&place) {
                    places.push(place.clone());
                }
            }
        }
        people
    }

    /// True when `word` (folded) is a word of some private person's name: a list of words
    /// from persons' texts leaves it out, as it would show the name.
    pub(crate) fn has_name_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// True when `words` (a query's, folded) hold every word of some private person's name.
    pub(crate) fn named_in(&self, words: &HashSet<String>) -> bool {
        words.iter().any(|w| {
            self.by_last.get(w).is_some_and(|names| {
                names
                    .iter()
                    .any(|name| name.iter().all(|part| words.contains(part)))
            })
        })
    }

    /// How texts are read: with `personal`, as a person's own text (a response that is not an
    /// organisation's), whose e-mail addresses, phone numbers and postcodes are masked too.
    pub(crate) fn lens(&self, personal: bool) -> Lens<'_> {
        Lens {
            people: self,
            personal,
        }
    }

    /// The byte ranges of `text` that name a private person, with the place written right
    /// after a name; sorted and disjoint.
    fn name_spans(&self, text: &str) -> Vec<Range<usize>> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let tokens = crate::text::folded_tokens(text);
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let found = (2..=MAX_NAME_WORDS.min(tokens.len() - i))
                .rev()
                .find_map(|n| {
                    let run = &tokens[i..i + n];
                    if !run.windows(2).all(|p| close(text, &p[0].1, &p[1].1)) {
                        return None;
                    }
                    let key: Vec<&str> = run.iter().map(|t| t.0.as_str()).collect();
                    let places = self.names.get(&key.join(" "))?;
                    // A name with an initial ("M Keshavarz", "A. de Jong") is written with
                    // capitals, on its initials and its last word: "I'm a" and "a deep
                    // concern" are no one's name.
                    let capital = |t: &(String, Range<usize>)| {
                        text[t.1.clone()]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_lowercase())
                    };
                    let mut initials = run.iter().filter(|t| t.0.chars().count() == 1).peekable();
                    let plain = initials.peek().is_none();
                    let written = run.last().is_some_and(capital) && initials.all(capital);
                    (plain || written).then_some((n, places))
                });
            let Some((n, places)) = found else {
                i += 1;
                continue;
            };
            let mut end = tokens[i + n - 1].1.end;
            let mut next = i + n;
            if let Some(k) = place_after(text, &tokens, next, places) {
                end = tokens[next + k - 1].1.end;
                next += k;
            }
            out.push(tokens[i].1.start..end);
            i = next;
        }
        out
    }
}

/// [`People`] reading one kind of text.
pub(crate) struct Lens<'a> {
    people: &'a People,
    personal: bool,
}

impl Lens<'_> {
    /// What to mask in `text`: names, and in a person's own text their contact details;
    /// sorted and disjoint.
    fn spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = self.people.name_spans(text);
        if self.personal {
            spans.extend(contact_spans(text));
            spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
            for s in spans {
                match merged.last_mut() {
                    Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                    _ => merged.push(s),
                }
            }
            spans = merged;
        }
        spans
    }

    /// `text` with what is withheld masked.
    #[cfg(test)]
    fn mask(&self, text: &str) -> String {
        mask(text, &self.spans(text), &[]).0
    }

    /// `text` masked, and `marks` (byte ranges in `text`) moved to where they are in the
    /// masked text.
    pub(crate) fn mask_marked(
        &self,
        text: &str,
        marks: &[Range<usize>],
    ) -> (String, Vec<Range<usize>>) {
        mask(text, &self.spans(text), marks)
    }

    fn mask_in_place(&self, text: &mut String) {
        let spans = self.spans(text);
        if !spans.is_empty() {
            *text = mask(text, &spans, &[]).0;
        }
    }

    fn mask_option(&self, text: &mut Option<String>) {
        if let Some(t) = text {
            self.mask_in_place(t);
        }
    }
}

/// E-mail addresses, Dutch phone numbers and postcodes.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        r"|(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s-]?[0-9]){8}",
        r"|\b0[1-9](?:[\s-]?[0-9]){8}\b",
        r"|\b[1-9][0-9]{3} ?[A-Z]{2}\b",
    ))
    .expect("contact pattern")
});

/// Two capitals after four digits that are no postcode ("2025 EU", "1000 NL").
const NO_POSTCODE: [&str; 8] = ["EU", "NL", "US", "UK", "VS", "AI", "SA", "SS"];

/// Where a person's own text gives a way to find them: an e-mail address, a phone number
/// (06-12345678, +31 20 123 4567), a postcode (1234 AB).
fn contact_spans(text: &str) -> Vec<Range<usize>> {
    CONTACT
        .find_iter(text)
        .filter(|m| {
            let t = m.as_str();
            let postcode = t.len() <= 7 && t.ends_with(|c: char| c.is_ascii_uppercase());
            !postcode || !NO_POSTCODE.contains(&&t[t.len() - 2..])
        })
        .map(|m| m.range())
        .collect()
}

/// Words before a name that are no part of it.
const TITLES: [&str; 14] = [
    "mr", "mevr", "mevrouw", "dhr", "de heer", "heer", "dr", "drs", "ir", "ing", "prof", "mw",
    "mrs", "ms",
];

/// The ways a private person's name is matched in texts. The site writes a person who also
/// named an organisation as "Organisation (Person)": the person is in the brackets, unless
/// what stands there is no person's name ("Jan Jansen (ING)"); an organisation's name is never
/// taken for a person's ("Eindhoven University of Technology (J. Doe)" is J. Doe). Titles go
/// ("Dr Tianyi Lu" is Tianyi Lu), and each name is matched with its first name as an initial
/// too ("A. de Jong"). What is no name is left alone: one word (as often an ordinary word,
/// "Bakker", "Burger"), initials alone ("M A"), "Anoniem" and "Self employed" written as a
/// name.
fn variants(name: &str) -> Vec<Vec<String>> {
    let (outside, inside) = crate::respondent::split_name(name);
    let candidates = match inside {
        Some(person) => vec![person, outside],
        None => vec![outside],
    };
    let Some(words) = candidates.into_iter().find_map(person_words) else {
        return Vec::new();
    };
    let mut out = vec![words.clone()];
    if words[0].chars().count() > 1 {
        let mut short = words;
        short[0] = short[0].chars().take(1).collect();
        out.push(short);
    }
    out
}

/// Words that stand where a name is expected but name no one.
const NO_NAME: [&str; 6] = ["self", "employed", "zzp", "zzper", "particulier", "burger"];

/// The folded words of a person's name, without a title; `None` for what is no person's name.
fn person_words(name: &str) -> Option<Vec<String>> {
    if crate::respondent::is_organisation_name(name) || crate::respondent::is_anonymous(name) {
        return None;
    }
    let mut words = crate::text::folded_words(name);
    while words.len() > 2 && TITLES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    let named = words.len() >= 2
        && words.len() <= MAX_NAME_WORDS
        && words.iter().any(|w| w.chars().count() >= 3)
        && !words.iter().all(|w| NO_NAME.contains(&w.as_str()));
    named.then_some(words)
}

/// True when two words of a text stand next to each other as a name's words do: only spaces,
/// a line break or an initial's full stop between them.
fn close(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= 3
        && !gap.is_empty()
        && gap.chars().all(|c| c.is_whitespace() || c == '.')
}

/// How many tokens from `at` are one of `places` written right after a name, with the word
/// that links them if any (", Zwolle", " uit Ede", " (Breda)").
fn place_after(
    text: &str,
    tokens: &[(String, Range<usize>)],
    at: usize,
    places: &[Vec<String>],
) -> Option<usize> {
    let name_end = tokens[at.checked_sub(1)?].1.end;
    let linked = tokens
        .get(at)
        .is_some_and(|t| PLACE_LINKS.contains(&t.0.as_str()));
    for skip in [0, usize::from(linked)] {
        let from = at + skip;
        for place in places {
            let n = place.len();
            if from + n > tokens.len()
                || tokens[from..from + n].iter().map(|t| &t.0).ne(place.iter())
            {
                continue;
            }
            let gap = &text[name_end..tokens[from].1.start];
            let gap = gap
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '-' | '–'))
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>();
            let fits = match gap.as_slice() {
                [] => true,
                [w] => skip == 1 && PLACE_LINKS.contains(&w.to_lowercase().as_str()),
                _ => false,
            };
            if fits {
                return Some(skip + n);
            }
        }
    }
    None
}

/// Masks `spans` of `text` (sorted, disjoint byte ranges), one [`MASK`] per character, and moves
/// `marks` with the text; a mark that overlaps a masked span is dropped.
fn mask(text: &str, spans: &[Range<usize>], marks: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    if spans.is_empty() {
        return (text.to_string(), marks.to_vec());
    }
    let mut out = String::with_capacity(text.len() + spans.len() * 8);
    // (old end of a span, how far everything after it moved)
    let mut moved: Vec<(usize, isize)> = Vec::with_capacity(spans.len());
    let mut pos = 0;
    let mut shift: isize = 0;
    for s in spans {
        out.push_str(&text[pos..s.start]);
        let chars = text[s.clone()].chars().count();
        out.extend(std::iter::repeat_n(MASK, chars));
        shift += (chars * MASK.len_utf8()) as isize - s.len() as isize;
        moved.push((s.end, shift));
        pos = s.end;
    }
    out.push_str(&text[pos..]);
    let at = |offset: usize| -> usize {
        let shift = moved
            .iter()
            .take_while(|(end, _)| *end <= offset)
            .last()
            .map_or(0, |(_, s)| *s);
        (offset as isize + shift) as usize
    };
    let kept = marks
        .iter()
        .filter(|m| !spans.iter().any(|s| m.start < s.end && s.start < m.end))
        .map(|m| at(m.start)..at(m.end))
        .collect();
    (out, kept)
}

/// An answer with what a public server withholds taken out.
pub(crate) trait Withhold {
    /// Withholds private persons' names and places.
    fn withhold(&mut self, people: &People);
}

fn is_individual(respondent: Option<&str>) -> bool {
    respondent == Some(Respondent::Individual.as_str())
}

/// True for a response (or attachment) that is not an organisation's: a person's own text.
fn is_personal(respondent: Option<&str>) -> bool {
    respondent.is_some_and(|r| r != Respondent::Organisation.as_str())
}

impl Withhold for Attribution {
    fn withhold(&mut self, people: &People) {
        let lens = people.lens(is_personal(self.respondent.as_deref()));
        if is_individual(self.respondent.as_deref()) {
            self.author = Some(AN_INDIVIDUAL.into());
            self.place = None;
        } else {
            lens.mask_option(&mut self.author);
        }
        lens.mask_option(&mut self.title);
    }
}

impl Withhold for Related {
    fn withhold(&mut self, people: &People) {
        let lens = people.lens(is_personal(self.respondent.as_deref()));
        if is_individual(self.respondent.as_deref()) {
            self.author = Some(AN_INDIVIDUAL.into());
        } else {
            lens.mask_option(&mut self.author);
        }
        lens.mask_option(&mut self.title);
    }
}

impl Withhold for Hit {
    fn withhold(&mut self, people: &People) {
        let lens = people.lens(is_personal(self.attribution.respondent.as_deref()));
        self.attribution.withhold(people);
        let (text, marks) = &self.snippet_plain;
        let (text, marks) = lens.mask_marked(text, marks);
        self.snippet = mark_html(&text, &marks);
        self.snippet_plain = (text, marks);
    }
}

impl Withhold for SearchResponse {
    fn withhold(&mut self, people: &People) {
        for h in &mut self.hits {
            h.withhold(people);
        }
    }
}

impl Withhold for DocView {
    fn withhold(&mut self, people: &People) {
        let lens = people.lens(is_personal(self.attribution.respondent.as_deref()));
        self.attribution.withhold(people);
        lens.mask_in_place(&mut self.text);
        for s in &mut self.sections {
            lens.mask_in_place(&mut s.text);
            lens.mask_option(&mut s.heading);
        }
        for r in self.related.iter_mut().chain(&mut self.cited_by) {
            r.withhold(people);
        }
        for s in self.campaign_added.iter_mut().flatten() {
            lens.mask_in_place(s);
        }
    }
}

/// A campaign's texts are its members' responses: read as persons' own.
impl Withhold for CampaignInfo {
    fn withhold(&mut self, people: &People) {
        people.lens(true).mask_in_place(&mut self.start);
    }
}

impl Withhold for CampaignDetail {
    fn withhold(&mut self, people: &People) {
        self.campaign.withhold(people);
        people.lens(true).mask_in_place(&mut self.template);
        for m in &mut self.members {
            let lens = people.lens(is_personal(m.attribution.respondent.as_deref()));
            m.attribution.withhold(people);
            for s in &mut m.added {
                lens.mask_in_place(s);
            }
        }
    }
}

impl Withhold for OrganisationDetail {
    fn withhold(&mut self, people: &People) {
        for r in &mut self.responses {
            let lens = people.lens(is_personal(r.attribution.respondent.as_deref()));
            r.attribution.withhold(people);
            lens.mask_in_place(&mut r.start);
        }
    }
}

impl Withhold for Quote {
    fn withhold(&mut self, people: &People) {
        let c = &mut self.citation;
        let lens = people.lens(is_personal(c.respondent.as_deref()));
        if is_individual(c.respondent.as_deref()) {
            c.author = Some(AN_INDIVIDUAL.into());
            c.place = None;
        } else {
            lens.mask_option(&mut c.author);
        }
        lens.mask_option(&mut c.title);
        let (text, marks) = lens.mask_marked(&self.text, &self.marks);
        self.marked = mark_html(&text, &marks);
        self.text = text;
        self.marks = marks;
        lens.mask_option(&mut self.before);
        lens.mask_option(&mut self.after);
    }
}

impl Withhold for QuotesResponse {
    /// A quote whose query words were all in a withheld name ("Gerda Post, Zwolle" for
    /// `Zwolle`) has nothing left to quote: it goes.
    fn withhold(&mut self, people: &People) {
        self.quotes.retain_mut(|q| {
            let marked = !q.marks.is_empty();
            q.withhold(people);
            !marked || !q.marks.is_empty()
        });
    }
}

impl Engine {
    /// This engine, answering as a server the public reaches does (see the module's
    /// documentation); a cache of answers then keeps only withheld answers.
    pub fn public(mut self) -> Engine {
        self.public = true;
        self
    }

    /// True when this engine withholds private persons' names.
    pub fn is_public(&self) -> bool {
        self.public
    }

    /// `answer` as this engine may give it: withheld when public.
    pub(crate) fn withheld<T: Withhold>(&self, mut answer: T) -> Result<T> {
        if self.public {
            let people = self.people(&self.reader.searcher())?;
            answer.withhold(&people);
        }
        Ok(answer)
    }

    /// The private persons of the searcher's commit, read once per commit.
    pub(crate) fn people(&self, searcher: &tantivy::Searcher) -> Result<Arc<People>> {
        let generation = searcher.generation().generation_id();
        if let Some(kept) = self.people.get(generation, "") {
            return Ok(kept);
        }
        let mut keys: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let Some(col) = segment
                .fast_fields()
                .str("person")
                .map_err(|e| self.index_error(e))?
            else {
                continue;
            };
            let ords: Vec<u64> = (0..col.num_terms() as u64).collect();
            keys.extend(crate::index::terms_of(&col, &ords));
        }
        keys.sort_unstable();
        keys.dedup();
        let people = Arc::new(People::of(
            keys.iter().map(|k| crate::respondent::person_of(k)),
        ));
        self.people.put(generation, String::new(), people.clone());
        Ok(people)
    }

    /// For a public engine, `q` restricted to documents that are not a private person's:
    /// what `author:` and `place:` reach.
    pub(super) fn not_a_person(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        if !self.public {
            return q;
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (
                Occur::MustNot,
                raw_term(self.fields.respondent, Respondent::Individual.as_str()),
            ),
        ]))
    }

    /// For a public engine, whether a query names a private person: every word of their name
    /// among its words, in any order.
    pub(super) fn names_a_person(&self, query: &str) -> Result<bool> {
        if !self.public || query.trim().is_empty() {
            return Ok(false);
        }
        let words: HashSet<String> = crate::text::folded_words(query).into_iter().collect();
        Ok(self.people(&self.reader.searcher())?.named_in(&words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> People {
        People::of([
            ("Gerda Post", "Zwolle"),
            ("Anna de Jong", "Groningen"),
            ("Anna de Jong", "Breda"),
            ("Mirjam Huisman", "Ede"),
            ("Jan Jansen (ING)", "Utrecht"),
            ("ING (MR Gurban Adigozalov)", "Utrecht"),
            ("Jan Smit (Stichting Open Data)", "Delft"),
            ("Eindhoven University of Technology (J. Doe)", "Eindhoven"),
            ("Mr A Deep", "Delft"),
            ("M A", "Delft"),
            ("Overheid (N Anoniem)", "Delft"),
            ("Self employed (U.S Tak)", "Delft"),
            ("Bakker", "Emmen"),
        ])
    }

    #[test]
    fn names_and_the_places_written_after_them_are_masked() {
        let p = people();
        let hidden = |s: &str| MASK.to_string().repeat(s.chars().count());
        assert_eq!(
            p.lens(false).mask("Ik woon in Zwolle.\nGerda Post, Zwolle"),
            format!("Ik woon in Zwolle.\n{}", hidden("Gerda Post, Zwolle"))
        );
        assert_eq!(
            p.lens(false)
                .mask("Met vriendelijke groet,\nMirjam Huisman uit Ede"),
            format!(
                "Met vriendelijke groet,\n{}",
                hidden("Mirjam Huisman uit Ede")
            )
        );
        assert_eq!(
            p.lens(false).mask("A. de Jong (Breda) schreef"),
            format!("{}) schreef", hidden("A. de Jong (Breda"))
        );
        assert_eq!(
            p.lens(false).mask("Anna de Jong, Utrecht"),
            format!("{}, Utrecht", hidden("Anna de Jong"))
        );
        assert_eq!(
            p.lens(false).mask("Jan Jansen van de ING"),
            format!("{} van de ING", hidden("Jan Jansen"))
        );
        assert_eq!(
            p.lens(false)
                .mask("Met vriendelijke groet, Gurban Adigozalov"),
            format!("Met vriendelijke groet, {}", hidden("Gurban Adigozalov"))
        );
        // An affiliation after a full name is the organisation's name, not the person's.
        assert_eq!(
            p.lens(false).mask("Stichting Open Data schreef"),
            "Stichting Open Data schreef"
        );
        // The site's "Organisation (Person)": the person is in the brackets.
        assert_eq!(
            p.lens(false)
                .mask("At Eindhoven University of Technology, J. Doe wrote"),
            format!(
                "At Eindhoven University of Technology, {} wrote",
                hidden("J. Doe")
            )
        );
        // An initial is a capital: "a deep concern" and "I'm a" are no one's name.
        assert_eq!(
            p.lens(false).mask("I'm a student with a deep concern"),
            "I'm a student with a deep concern"
        );
        assert_eq!(
            p.lens(false).mask("Regards, A Deep"),
            format!("Regards, {}", hidden("A Deep"))
        );
        assert_eq!(
            p.lens(false).mask("self employed, anoniem"),
            "self employed, anoniem"
        );
        assert_eq!(p.lens(false).mask("U.S Tak"), hidden("U.S Tak"));
        // Case and a line break inside the name do not hide it.
        assert_eq!(p.lens(false).mask("GERDA\nPOST"), hidden("GERDA\nPOST"));
        // One word alone is a word: the baker stays; so do names split by punctuation.
        assert_eq!(
            p.lens(false).mask("De bakker en Gerda"),
            "De bakker en Gerda"
        );
        assert_eq!(p.lens(false).mask("Anna, de Jong"), "Anna, de Jong");
    }

    #[test]
    fn masks_keep_characters_and_move_marks() {
        let p = people();
        let text = "Zwolle: Gerda Post schreef één zin.";
        let zin = text.find("zin").unwrap();
        let (masked, marks) = p
            .lens(false)
            .mask_marked(text, &[0..6, 8..13, zin..zin + 3]);
        assert_eq!(masked.chars().count(), text.chars().count());
        assert_eq!(marks.len(), 2, "the mark on the name goes");
        assert_eq!(&masked[marks[0].clone()], "Zwolle");
        assert_eq!(&masked[marks[1].clone()], "zin");
    }

    #[test]
    fn a_persons_own_text_loses_its_contact_details() {
        let p = people();
        let text = "Bel 06-12345678 of +31 20 123 4567, mail secretariaat@example.nl, \
                    post 6834DX 14 of 1234 AB Utrecht. In 2025 EU-breed, 1000 NL.";
        let own = p.lens(true).mask(text);
        for gone in ["12345678", "123 4567", "example.nl", "6834DX", "1234 AB"] {
            assert!(!own.contains(gone), "{gone}: {own}");
        }
        assert!(own.contains("In 2025 EU-breed, 1000 NL."), "{own}");
        assert_eq!(own.chars().count(), text.chars().count());
        // An organisation's letter keeps its own address and number.
        assert_eq!(p.lens(false).mask(text), text);
    }

    #[test]
    fn a_query_names_a_person_by_all_their_words() {
        let p = people();
        let set = |q: &str| crate::text::folded_words(q).into_iter().collect();
        assert!(p.named_in(&set("post gerda")));
        assert!(p.named_in(&set("\"Anna de Jong\" leerlingenvervoer")));
        assert!(p.named_in(&set("jan jansen")));
        assert!(!p.named_in(&set("post")));
        assert!(!p.named_in(&set("anna jong")));
        assert!(!p.named_in(&set("bakker")));
    }
}
