//! Words broken at the end of a PDF line. Typeset text hyphenates a word where its line ends
//! ("gezin-" / "nen"), and a PDF keeps the halves on two lines, so the index would hold two
//! words nobody wrote and miss the one they did. A hyphen at a line end may also be the word's
//! own ("Noord-" / "Holland", "e-" / "mail"), or stand for the word a suspended compound leaves
//! out ("gezondheids-" / "en welzijnszorg"). [`join_broken_words`] reads each such hyphen, from
//! how the same text writes the word elsewhere first and from the shape of the line break
//! otherwise, before anything downstream (sentences, quotes, the index's words, campaign
//! sketches) sees the text. Only PDF text needs it: the line ends of Word files and web pages
//! are their writers', not a typesetter's.

use std::collections::HashMap;

/// The soft hyphen: where a word may break, invisible unless it does.
const SOFT: char = '\u{ad}';
/// The non-breaking hyphen: a hyphen of the word that a line may not break at.
const NON_BREAKING: char = '\u{2011}';

/// The characters a word is hyphenated with; dashes (– —) are punctuation.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | SOFT | '\u{2010}' | NON_BREAKING)
}

/// Words that follow the hyphen of a suspended compound ("land- of tuinbouw", "Kinder- und
/// Jugendhilfe", "pre- and post-war", "micro- et macro-économie").
const CONJUNCTIONS: &[&str] = &[
    "en", "of", "tot", "als", "noch", "and", "or", "nor", "und", "oder", "sowie", "et", "ou",
];

/// How a hyphen at the end of a line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The typesetter broke the word: the hyphen goes, the halves join ("gezinnen").
    Broken,
    /// The word's own hyphen: it stays, the halves join ("Noord-Holland").
    Hyphenated,
    /// Two words: the line break stands (a suspended compound, a dash, a list item).
    Apart,
}

/// The pages of one file's text with the words broken at line ends made whole.
///
/// A hyphen (or soft hyphen, U+2010, U+2011) after a letter or digit at the end of a line,
/// with the next line starting with a letter or digit, is read in this order:
///
/// 1. a soft hyphen between letters is a break; a non-breaking hyphen is the word's own;
/// 2. the same text decides when it writes the word elsewhere, whole ("gezinnen") or with its
///    hyphen ("e-mail"), more often one way than the other;
/// 3. a conjunction after it ("gezondheids-" / "en welzijnszorg") makes a suspended compound:
///    the line break stays, standing for the space;
/// 4. an uppercase letter or a digit after it, or a digit before it, keeps the hyphen
///    ("Noord-Holland", "COVID-19", "2024-2025", "18-jarigen");
/// 5. before a lowercase letter the hyphen is the word's own when what precedes it is no
///    syllable a typesetter would leave behind (one letter as in "e-mail", no vowel as in
///    "btw-tarief", capitals as in "AOW-leeftijd") or when three equal vowels would run
///    together ("zee-egel"); otherwise the word was broken.
///
/// A broken word is joined on the line, and page, where it starts; a kept hyphen loses the
/// line break after it; anything else stays as it was. A blank line after the hyphen ends a
/// paragraph, which no word runs across; across a page end only a broken word is joined, since
/// a page may start with its running header or number. Soft hyphens inside a word are dropped,
/// as a reader never sees them.
pub(crate) fn join_broken_words(pages: &[String]) -> Vec<String> {
    let mut lines: Vec<Line> = Vec::new();
    for (page, text) in pages.iter().enumerate() {
        for line in text.split('\n') {
            lines.push(Line {
                page,
                text: without_inner_soft_hyphens(line.strip_suffix('\r').unwrap_or(line)),
                gone: false,
            });
        }
    }
    let forms = Forms::of(&lines);
    for i in 0..lines.len() {
        // A line that took up the whole of the next may end in a hyphen again; each turn
        // takes up a line, so there are at most as many turns as lines.
        for _ in 0..lines.len() {
            let Some((j, across_pages)) = next_line(&lines, i) else {
                break;
            };
            let Some((reading, keep)) = read(&lines[i].text, &lines[j].text, &forms) else {
                break;
            };
            let joins = match reading {
                Reading::Broken => true,
                Reading::Hyphenated => !across_pages,
                Reading::Apart => false,
            };
            if !joins {
                break;
            }
            let next = lines[j].text.trim_start();
            let (word, rest) = next.split_at(next.find(char::is_whitespace).unwrap_or(next.len()));
            let joined = format!("{}{word}", &lines[i].text[..keep]);
            let rest = rest.trim_start().to_string();
            lines[i].text = joined;
            if rest.is_empty() {
                lines[j].gone = true;
            } else {
                lines[j].text = rest;
            }
        }
    }
    let mut out: Vec<Vec<&str>> = vec![Vec::new(); pages.len()];
    for line in lines.iter().filter(|l| !l.gone) {
        out[line.page].push(&line.text);
    }
    out.into_iter().map(|p| p.join("\n")).collect()
}

/// One line of a page's text.
struct Line {
    page: usize,
    text: String,
    /// Taken up whole by the line before it.
    gone: bool,
}

/// The line that follows line `i` as a reader goes on, and whether it is on the next page:
/// the next line on the page, or at the page's end the first line with text on the next page.
/// `None` after a blank line, which ends a paragraph, and at the end of the text.
fn next_line(lines: &[Line], i: usize) -> Option<(usize, bool)> {
    let page = lines[i].page;
    let blank = |l: &Line| l.text.trim().is_empty();
    let mut j = i + 1;
    let mut after_blank = false;
    while j < lines.len() && lines[j].page == page {
        if !lines[j].gone {
            if !blank(&lines[j]) {
                return (!after_blank).then_some((j, false));
            }
            after_blank = true;
        }
        j += 1;
    }
    // Blank lines at a page's end are no paragraph break.
    while j < lines.len() && lines[j].page == page + 1 {
        if !lines[j].gone && !blank(&lines[j]) {
            return Some((j, true));
        }
        j += 1;
    }
    None
}

/// How the hyphen that ends `line` reads before the `next` line, and how many bytes of `line`
/// to keep when the halves join (up to the hyphen, or with it). `None` when the line does not
/// end in a hyphen.
fn read(line: &str, next: &str, forms: &Forms) -> Option<(Reading, usize)> {
    let line = line.trim_end();
    let hyphen = line.chars().next_back().filter(|&c| is_hyphen(c))?;
    let before = &line[..line.len() - hyphen.len_utf8()];
    let broken = Some((Reading::Broken, before.len()));
    let hyphenated = Some((Reading::Hyphenated, line.len()));
    let apart = Some((Reading::Apart, line.len()));
    let right = next.split_whitespace().next().unwrap_or("");
    let rest: String = right.chars().take_while(|c| c.is_alphanumeric()).collect();
    let Some(first) = rest.chars().next() else {
        return apart; // a list item's dash or bullet, a bracket, a quotation mark
    };
    // "cross-<soft hyphen>" / "sectional": the break falls at the word's own hyphen.
    if hyphen == SOFT && before.ends_with(is_hyphen) {
        return Some((Reading::Hyphenated, before.len()));
    }
    let left = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let piece = &left[left
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())..];
    let Some(last) = piece.chars().next_back() else {
        return apart; // a dash after a space or a bracket
    };
    if hyphen == SOFT && last.is_alphabetic() && first.is_alphabetic() {
        return broken;
    }
    if hyphen == NON_BREAKING {
        return hyphenated;
    }
    let whole = forms.count(&format!("{left}{rest}"));
    let with_hyphen = forms.count(&format!("{left}-{rest}"));
    if whole != with_hyphen {
        return if whole > with_hyphen {
            broken
        } else {
            hyphenated
        };
    }
    if right == rest && CONJUNCTIONS.contains(&rest.to_lowercase().as_str()) {
        return apart;
    }
    if first.is_uppercase() || first.is_numeric() || last.is_numeric() {
        return hyphenated;
    }
    if !first.is_lowercase() {
        return apart;
    }
    let letters = piece.chars().count();
    let own = letters == 1
        || !piece.chars().any(is_vowel)
        || !piece.chars().any(char::is_lowercase)
        || vowels_run_together(piece, &rest);
    if own {
        hyphenated
    } else {
        broken
    }
}

/// A line without the soft hyphens inside its words; one at its end is kept, to be read.
fn without_inner_soft_hyphens(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let inner = c == SOFT
                && i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            !inner
        })
        .map(|(_, &c)| c)
        .collect()
}

fn is_vowel(c: char) -> bool {
    c.to_lowercase()
        .all(|c| "aàáâãäåæeèéêëiìíîïoòóôõöøœuùúûüyýÿ".contains(c))
}

/// Whether three equal vowels meet where the halves join ("zee" / "egel"): Dutch writes a
/// hyphen there, and no word is spelt with them.
fn vowels_run_together(left: &str, right: &str) -> bool {
    let tail: Vec<char> = left.chars().rev().take(2).collect::<Vec<_>>();
    let head: Vec<char> = right.chars().take(2).collect();
    let seam: Vec<char> = tail
        .iter()
        .rev()
        .chain(head.iter())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let at = tail.len();
    (at.saturating_sub(2)..at)
        .filter(|&s| s + 3 <= seam.len())
        .any(|s| is_vowel(seam[s]) && seam[s] == seam[s + 1] && seam[s] == seam[s + 2])
}

/// How often each word form occurs in a text, in lower case with every hyphen written `-`:
/// the evidence of how the text itself writes a word.
struct Forms(HashMap<String, usize>);

impl Forms {
    fn of(lines: &[Line]) -> Forms {
        let mut counts = HashMap::new();
        for line in lines {
            for token in line.text.split_whitespace() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                if !word.is_empty() {
                    *counts.entry(form(word)).or_insert(0) += 1;
                }
            }
        }
        Forms(counts)
    }

    fn count(&self, word: &str) -> usize {
        self.0.get(&form(word)).copied().unwrap_or(0)
    }
}

fn form(word: &str) -> String {
    word.chars()
        .map(|c| if is_hyphen(c) { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod cases;

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases no rule on the text alone can tell from others it reads right: each has a
    /// twin with the same letters around the hyphen that reads the other way.
    const NO_RULE_CAN_TELL: &[&str] = &[
        // "ge-" / "eist" (geëist) and "co-" / "ordinatie" (coördinatie) join.
        "de mede-\neigenaar",
        "een auto-\nongeluk",
        // Lowercase compounds with their own hyphen, as "ver-" / "minderen" is broken;
        // the same text writing them whole decides (the cases after them).
        "de oud-\nminister",
        "het cao-\nakkoord",
        "le porte-\nparole du ministère",
        // Across a page end, "Holland" may as well be the next page's running header.
        "in de kop van Noord-\u{c}Holland, en er rijdt",
    ];

    /// `cargo test --lib hyphens -- --nocapture` prints the score and what each case became.
    #[test]
    fn line_end_hyphens_read_as_their_writers_meant() {
        let wrong = cases::wrong(join_broken_words);
        for (pdf, got) in &wrong {
            eprintln!("rule: {pdf:?}\n   -> {got:?}");
        }
        eprintln!(
            "the rule: {} of {} cases right",
            cases::CASES.len() - wrong.len(),
            cases::CASES.len()
        );
        let inputs: Vec<&str> = wrong.iter().map(|(pdf, _)| *pdf).collect();
        assert_eq!(inputs, NO_RULE_CAN_TELL);
    }

    /// pdf_oxide's `extract_text` joins the halves itself when both sides of the line break
    /// are ASCII lowercase letters (`dehyphenate_line_breaks`): suspended compounds, "e-mail"
    /// and "zee-egel" too, and nothing outside ASCII. `extract::pdf` undoes that by its shape,
    /// so a change in it must be noticed; this is what it alone makes of the cases.
    #[test]
    fn what_pdf_oxide_alone_makes_of_the_cases() {
        let wrong = cases::wrong(|pages| {
            pages
                .iter()
                .map(|p| pdf_oxide::converters::whitespace::dehyphenate_line_breaks(p))
                .collect()
        });
        for (pdf, got) in &wrong {
            eprintln!("pdf_oxide: {pdf:?}\n        -> {got:?}");
        }
        let right = cases::CASES.len() - wrong.len();
        eprintln!(
            "pdf_oxide alone: {right} of {} cases right",
            cases::CASES.len()
        );
        assert_eq!(right, 33, "pdf_oxide's own dehyphenation changed");
    }

    #[test]
    fn lines_pages_and_other_text_stay_as_they_were() {
        let pages = vec![
            "Eerste regel\n\n  ingesprongen regel\r".to_string(),
            String::new(),
            "gezin-\nnen".to_string(),
        ];
        assert_eq!(
            join_broken_words(&pages),
            ["Eerste regel\n\n  ingesprongen regel", "", "gezinnen"]
        );
        assert!(join_broken_words(&[]).is_empty());
    }
}
