//! Sentence boundaries in Dutch, English and German consultation text. Quotes must start and
//! end where sentences do, so abbreviations (`art.`, `o.a.`, `bijv.`, `e.g.`, `Dr.`), initials,
//! numbered lists, bullets, quotation marks and the hard line breaks of PDF text must not break
//! a sentence wrongly, while paragraph breaks and list items always start a new one.

use std::ops::Range;

/// Abbreviations that end with a full stop but not a sentence (lowercase, without the final
/// full stop; inner full stops kept).
const ABBREVIATIONS: &[&str] = &[
    // Dutch
    "art",
    "artt",
    "o.a",
    "bijv",
    "bv",
    "b.v",
    "e.d",
    "e.a",
    "enz",
    "etc",
    "m.b.t",
    "t.a.v",
    "i.v.m",
    "i.p.v",
    "d.w.z",
    "z.g.a",
    "m.i",
    "n.a.v",
    "t.o.v",
    "t.z.t",
    "o.b.v",
    "ca",
    "nr",
    "nrs",
    "blz",
    "jo",
    "lid",
    "sub",
    "dhr",
    "mevr",
    "mw",
    "mr",
    "drs",
    "ir",
    "ing",
    "prof",
    "dr",
    "st",
    "stb",
    "stcrt",
    "kamerstukken",
    "vgl",
    "zgn",
    "evt",
    "resp",
    "incl",
    "excl",
    "jl",
    "a.s",
    "w.o",
    "c.q",
    "m.a.w",
    "t/m",
    "i.c",
    "d.d",
    "p",
    "pp",
    "cf",
    "red",
    // English
    "e.g",
    "i.e",
    "mr",
    "mrs",
    "ms",
    "vs",
    "no",
    "nos",
    "fig",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "approx",
    "dept",
    "est",
    "vol",
    "al",
    "et al",
    // German
    "z.b",
    "u.a",
    "usw",
    "bzw",
    "ggf",
    "vgl",
    "s",
    "abs",
    "nr",
    "d.h",
    "sog",
    "bspw",
    "u.u",
    "z.t",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if w.is_empty() {
        return false;
    }
    // Initials ("J." in "J. Jansen") and single letters of lists ("a.").
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true;
    }
    ABBREVIATIONS.contains(&w.as_str())
}

/// A list item at the start of a line: a bullet, or a number or letter with `.` or `)`.
fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '•', '*', '–', '—', '·', '▪', '◦']) {
        return true;
    }
    let marker: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = &t[marker.len()..];
    let short = !marker.is_empty()
        && (marker.chars().all(|c| c.is_ascii_digit()) && marker.len() <= 3
            || marker.chars().count() == 1);
    short && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".)"))
}

const TERMINAL: [char; 3] = ['.', '!', '?'];
const CLOSERS: [char; 8] = ['"', '\'', '”', '’', '»', ')', ']', '›'];

/// The byte ranges of the sentences in `text`, trimmed, in order, never empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            // A blank line, or a line break after a sentence end, a colon or before a list item,
            // ends the sentence; other line breaks are wrapped lines.
            let line_start = text[..pos].rfind('\n').map_or(0, |p| p + 1);
            let line = text[line_start..pos].trim_end();
            let next_start = pos + 1;
            let next_line = text[next_start..].lines().next().unwrap_or("");
            let blank = next_line.trim().is_empty();
            let ended = line.ends_with(TERMINAL)
                || line.ends_with(':')
                || line.ends_with(CLOSERS) && line.trim_end_matches(CLOSERS).ends_with(TERMINAL);
            let heading = !line.is_empty() && line.len() < 60 && !line.ends_with([',', ';']) && {
                let first = next_line.trim_start().chars().next();
                first.is_some_and(char::is_uppercase) && !line.ends_with(char::is_lowercase)
            };
            if blank || ended || starts_list_item(next_line) || starts_list_item(line) || heading {
                push(text, start, pos, &mut out);
                start = next_start;
            }
            i += 1;
            continue;
        }
        if TERMINAL.contains(&c) {
            // Run of terminal marks and closing quotes/brackets.
            let mut j = i + 1;
            while j < chars.len()
                && (TERMINAL.contains(&chars[j].1) || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            let followed_by_space = chars.get(j).is_none_or(|x| x.1 == ' ' || x.1 == '\t');
            if followed_by_space && j < chars.len() {
                let next = text[end..].trim_start_matches([' ', '\t']);
                let next_char = next.chars().next();
                let word_start = text[..pos].rfind(char::is_whitespace).map_or(0, |p| p + 1);
                let word = &text[word_start..pos];
                let abbreviation = c == '.' && is_abbreviation(word);
                // "... 10 jaar." ends, "art. 12" and "1. Inleiding" at a line start do not.
                let number_marker = c == '.'
                    && !word.is_empty()
                    && word.chars().all(|ch| ch.is_ascii_digit())
                    && text[..word_start]
                        .trim_end_matches([' ', '\t'])
                        .ends_with('\n');
                let lower_next = next_char.is_some_and(char::is_lowercase);
                let ellipsis = text[pos..end].starts_with("..") && lower_next;
                if !abbreviation
                    && !number_marker
                    && !ellipsis
                    && !lower_next
                    && next_char.is_some_and(|n| n != '\n')
                {
                    push(text, start, end, &mut out);
                    start = end;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(start + lead..end - trail);
    }
}

/// A sentence's place in its text: its byte range and the position of its first word as the
/// index counts words, so a word's position in the index leads to its sentence without
/// reading the text again.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The sentence's byte range in the text.
    pub range: Range<usize>,
    /// Words before the sentence.
    pub word: u32,
}

/// The sentences of `text` with the position of each one's first word, in the index's count:
/// a word is a run of alphanumeric characters (tantivy's `SimpleTokenizer`; the filters after
/// it drop or change words but never renumber them).
pub fn boundaries(text: &str) -> Vec<Boundary> {
    let ranges = split(text);
    let mut out = Vec::with_capacity(ranges.len());
    let (mut words, mut in_word) = (0u32, false);
    let mut chars = text.char_indices().peekable();
    for r in ranges {
        while let Some(&(i, c)) = chars.peek() {
            if i >= r.start {
                break;
            }
            let alnum = c.is_alphanumeric();
            if alnum && !in_word {
                words += 1;
            }
            in_word = alnum;
            chars.next();
        }
        // A sentence never starts inside a word, but a split at a word's middle still counts
        // the word as the sentence's first.
        let word = if in_word && text[..r.start].ends_with(char::is_alphanumeric) {
            words - 1
        } else {
            words
        };
        out.push(Boundary { range: r, word });
    }
    out
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Sentence boundaries in a few bytes each: gaps and lengths as variable-length integers.
pub fn encode(boundaries: &[Boundary]) -> Vec<u8> {
    let mut out = Vec::with_capacity(boundaries.len() * 4);
    let (mut end, mut word) = (0usize, 0u32);
    for b in boundaries {
        put_varint(&mut out, (b.range.start - end) as u64);
        put_varint(&mut out, (b.range.end - b.range.start) as u64);
        put_varint(&mut out, u64::from(b.word - word));
        end = b.range.end;
        word = b.word;
    }
    out
}

/// The boundaries [`encode`] stored; `None` for bytes it did not write.
pub fn decode(bytes: &[u8]) -> Option<Vec<Boundary>> {
    let mut out = Vec::new();
    let (mut at, mut end, mut word) = (0usize, 0usize, 0u32);
    while at < bytes.len() {
        let start = end + get_varint(bytes, &mut at)? as usize;
        end = start + get_varint(bytes, &mut at)? as usize;
        word += get_varint(bytes, &mut at)? as u32;
        out.push(Boundary {
            range: start..end,
            word,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_count_words_as_the_index_does_and_survive_encoding() {
        use tantivy::tokenizer::TokenStream;
        let text = "Dit is één zin. En nóg een, met 12 woorden!\n\n- Een lijst: punt (a).";
        let b = boundaries(text);
        let mut analyzer = crate::text::analyzers::exact_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut starts = Vec::new();
        while stream.advance() {
            let t = stream.token();
            starts.push((t.offset_from, t.position as u32));
        }
        for s in &b {
            let first = starts.iter().find(|(o, _)| *o >= s.range.start).unwrap();
            assert_eq!(s.word, first.1, "{:?}", &text[s.range.clone()]);
        }
        assert_eq!(decode(&encode(&b)).unwrap(), b);
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn dutch_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Zie art. 12 van de wet, o.a. lid 3. Dit geldt bijv. voor sekswerkers. Dr. Jansen is het eens."),
            [
                "Zie art. 12 van de wet, o.a. lid 3.",
                "Dit geldt bijv. voor sekswerkers.",
                "Dr. Jansen is het eens."
            ]
        );
        assert_eq!(
            sentences("De termijn gaat van 5 naar 10 jaar. Dat is te lang! Waarom? Geen idee."),
            [
                "De termijn gaat van 5 naar 10 jaar.",
                "Dat is te lang!",
                "Waarom?",
                "Geen idee."
            ]
        );
    }

    #[test]
    fn english_and_german_abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Sex workers, e.g. in Norway, face harm. J. Smith said so. See Fig. 2 for details."
            ),
            [
                "Sex workers, e.g. in Norway, face harm.",
                "J. Smith said so.",
                "See Fig. 2 for details."
            ]
        );
        assert_eq!(
            sentences("Das gilt z.B. für Bordelle. Die Anmeldepflicht wirkt nicht."),
            [
                "Das gilt z.B. für Bordelle.",
                "Die Anmeldepflicht wirkt nicht."
            ]
        );
    }

    #[test]
    fn lists_and_bullets_are_items() {
        let text = "Wij hebben drie bezwaren:\n1. De registratie is onveilig\n2. De vergunning is duur\n- en het werkt niet";
        assert_eq!(
            sentences(text),
            [
                "Wij hebben drie bezwaren:",
                "1. De registratie is onveilig",
                "2. De vergunning is duur",
                "- en het werkt niet"
            ]
        );
    }

    #[test]
    fn quotes_and_wrapped_lines() {
        assert_eq!(
            sentences("Zij zei: \"Dit is onveilig.\" Daarna ging zij weg."),
            ["Zij zei: \"Dit is onveilig.\"", "Daarna ging zij weg."]
        );
        // A PDF's hard line breaks inside a sentence do not split it; a blank line does.
        let text = "De Raad van State adviseert om het\nwetsvoorstel niet in te dienen.\n\nNieuwe alinea hier";
        assert_eq!(
            sentences(text),
            [
                "De Raad van State adviseert om het\nwetsvoorstel niet in te dienen.",
                "Nieuwe alinea hier"
            ]
        );
        assert_eq!(
            sentences("Wacht even... dat klopt niet."),
            ["Wacht even... dat klopt niet."]
        );
    }

    #[test]
    fn ranges_cover_only_text_and_never_panic_on_odd_input() {
        for text in [
            "",
            "   ",
            ".",
            "?!",
            "a.b.c",
            "…",
            "é. É. ü.",
            "1.\n2.\n",
            "\"\n\"",
            "x\n\n\ny",
        ] {
            for r in split(text) {
                assert!(!text[r.clone()].trim().is_empty(), "{text:?} {r:?}");
            }
        }
    }
}
