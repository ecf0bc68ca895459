//! Who responded: an organisation, an individual, or someone anonymous. An advocate looking
//! for what the organisations said must not wade through hundreds of personal copies, so every
//! response (and its attachment) carries a respondent type to filter and count by.
//!
//! The site's name field is a poor guide on its own: people who fill in the optional
//! organisation field appear as "Organisation (Person)", and in real consultations that is most
//! often their employer ("ING (Mr …)", "Tilburg university (…)") while the text says "ik". So a
//! response counts as an organisation's when its name is an organisation's and names no person,
//! or when its text or attachment speaks for one ("namens de vereniging", "onze leden", a
//! letterhead), or when an organisation names itself beside a person and the text says "wij"
//! more than "ik".

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// The kind of respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Respondent {
    /// A company, a foundation, a municipality, an association: the response speaks for it.
    Organisation,
    /// A private person.
    Individual,
    /// No name given, or one the site puts for anonymous responses.
    Anonymous,
}

impl Respondent {
    /// The types' names, in the order the facets list them.
    pub const NAMES: &'static [&'static str] = &["organisation", "individual", "anonymous"];

    /// The type's name in filters, facets and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Respondent::Organisation => "organisation",
            Respondent::Individual => "individual",
            Respondent::Anonymous => "anonymous",
        }
    }

    /// Reads a type; `organization` is accepted too.
    pub fn parse(s: &str) -> Result<Respondent, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "organisation" | "organization" | "org" => Ok(Respondent::Organisation),
            "individual" | "person" => Ok(Respondent::Individual),
            "anonymous" | "anoniem" => Ok(Respondent::Anonymous),
            _ => Err(format!(
                "unknown respondent type '{s}' (use {})",
                crate::text::either(Respondent::NAMES)
            )),
        }
    }
}

/// Between a private person's name and place in the index's `person` column.
const PERSON_SEPARATOR: char = '\u{1f}';

/// A private person as the index's `person` column holds them: name and place in one value.
pub(crate) fn person_key(name: &str, place: &str) -> String {
    format!("{}{PERSON_SEPARATOR}{}", name.trim(), place.trim())
}

/// The name and place of a [`person_key`].
pub(crate) fn person_of(key: &str) -> (&str, &str) {
    key.split_once(PERSON_SEPARATOR).unwrap_or((key, ""))
}

/// How the site and respondents write "no name".
const ANONYMOUS: &[&str] = &[
    "anoniem",
    "anon",
    "anonymous",
    "anonym",
    "anonyme",
    "anonimo",
    "anónimo",
];

/// Words that make a name an organisation's, anywhere in it.
static ORGANISATION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(
            stichting|vereniging|federatie|co[oö]peratie|gemeente|provincie|waterschap|
            ministerie|vakbond|bond|raad|platform|netwerk|coalitie|alliantie|kenniscentrum|
            instituut|universiteit|hogeschool|ombudsman|college\ voor|orde\ van|kamer\ van|
            foundation|association|federation|institute|university|network|coalition|
            alliance|council|union|verband|verein|stiftung|fondation|syndicat|collectif|
            fnv|cnv|vno-ncw|mkb-nederland|ggd|amnesty|vluchtelingenwerk|humanitas|
            rode\ kruis|unicef|defence\ for\ children|human\ rights\ watch|
            koninklijke?|bureau|landelijke?|maatschappij|ziekenhuis|unie|fonds|centrum|
            autoriteit|commissie|orgaan|groep|overleg|loket|agentschap|inspectie|koepel|
            advocaten|notarissen|accountants|architecten|bank|prov\.?|
            museum|academie|omroep|international|internationale|nationale\ ombudsman
        )\b",
    )
    .expect("static regex")
});

/// Words that end in what marks an organisation: "Consumentenbond", "Huisartsenvereniging",
/// "Mondriaanfonds", "Hoogheemraadschap", "Cliëntenraad" (but not "Koenraad").
static ORGANISATION_COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\w{3,}(vereniging|federatie|bond|fonds|instituut|centrum|verbond|belang|schap|
        maatschappij|unie|platform|netwerk|coalitie|organisatie|commissie|corporatie|kantoor)\b|
        \b\w{4,}(s|en|te)raad\b"
            .replace(['\n', ' '], "")
            .as_str(),
    )
    .expect("static regex")
});

/// A country closing a name of several words ("Jeugdzorg Nederland", "Mantelzorg NL",
/// "MantelzorgNL", "Zorgthuisnl"): no person is called so.
static COUNTRY_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\S[\s-]+(nederland|nl|the netherlands)$)|\p{Ll}NL$|^(?i:\p{L}{4,}nl)$")
        .expect("static regex")
});

/// "Het Nibud", "Het COA": no person's name opens with "Het".
static ARTICLE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Het|HET|het)\s+\p{Lu}").expect("static regex"));

/// "De Dierenbescherming": "De" and one word.
static ARTICLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^De\s+\p{Lu}\S+$").expect("static regex"));

/// "Wij als Nederlandse Politiebond": speaking as an organisation, named.
static WIJ_ALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Ww]ij\s+als\s+(de\s+|het\s+)?\p{Lu}").expect("static regex"));

/// What an organisation that speaks for members or the public calls itself, unlike an
/// employer: a foundation, an association, a public body.
static ASSOCIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(\b|\w{3,})(stichting|vereniging|federatie|gemeente|provincie|waterschap|raad|
        bond|platform|netwerk|coalitie|koepel|ministerie|college|ombudsman|commissie|
        organisatie|belang|unie|co[oö]peratie|fonds)\b",
    )
    .expect("static regex")
});

/// Words that mark organisations and are surnames too ("Henk de Raad", "S. Bond").
const SURNAME_MARKERS: &[&str] = &["raad", "bond", "bureau", "unie", "kamer"];

/// The small words of Dutch and other surnames ("van der", "de", "ter").
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du",
    "von", "el", "al", "da", "dos", "di", "del",
];

/// What a family writes before its name.
const FAMILY: &[&str] = &["fam", "familie", "gezin", "echtpaar", "fam."];

/// What precedes a name ("Dhr.", "Dr.", "prof.").
const NAME_TITLES: &[&str] = &[
    "dhr", "mevr", "mw", "mevrouw", "heer", "dr", "drs", "prof", "ir", "ing", "mr", "mrs", "ms",
    "phd", "msc", "bsc", "mba", "llm", "ma", "ba",
];

/// Legal forms, which close a company's name ("Parlaxy B.V."), never open a person's ("NV
/// Moshkova" is someone's initials).
static LEGAL_FORM_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|\s)(b\.?\s?v\.?|n\.?\s?v\.?|v\.?o\.?f\.?|c\.?v\.?|gmbh|e\.\s?v\.|ltd\.?|inc\.?|s\.a\.?|u\.a\.?)\s*$")
        .expect("static regex")
});

/// A text speaking for an organisation.
static SPEAKS_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bnamens\s+(de|het|onze?|ons)\s+(\S+\s+){0,4}?
            (stichting|vereniging|organisatie|bestuur|leden|federatie|bond|raad|platform|
             netwerk|coalitie|gemeente|college|branche|achterban|co[oö]peratie|directie)\b
        | \bnamens\s+(stichting|vereniging|federatie|platform|netwerk|coalitie|gemeente)\b
        | \bon\ behalf\ of\ (the|our)\s+(\S+\s+){0,4}?
            (foundation|association|organi[sz]ation|board|members|federation|union|council|
             network|coalition|municipality|alliance)\b
        | \b(onze|our)\s+(leden|members|achterban|organisatie|organi[sz]ation|vereniging|
             stichting|association|foundation|bestuur|board)\b
        | \bwij\ vertegenwoordigen\b | \bwe\ represent\b
        | \bals\s+(een\s+)?((landelijke|nationale|regionale|grote|kleine|lokale|onafhankelijke|
             maatschappelijke|overkoepelende)\s+)?(vereniging|stichting|organisatie|koepel|
             koepelorganisatie|brancheorganisatie|beroepsorganisatie|branchevereniging|
             beroepsvereniging|federatie|instelling|ggz-instelling|zorginstelling|kantoor|
             advocatenkantoor|corporatie|woningcorporatie|netbeheerder|zorgverzekeraar|
             werkgeversorganisatie|co[oö]peratie|gemeente|provincie|waterschap)\b
        | \bim\ namen\ (des|der|unseres|unserer)\b | \bau\ nom\ (de\ l|du|des|de\ notre)\b",
    )
    .expect("static regex")
});

/// Openings of an addressee's line, which a letterhead is not.
static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(aan|t\.?a\.?v\.?|to|dear|geachte|betreft|onderwerp|re|subject|ministerie|minister|de minister|tweede kamer)\b")
        .expect("static regex")
});

static SINGULAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(ik|mij|mijn|me|i|my|ich|mein|meine|moi)\b").expect("static regex")
});
static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(wij|we|ons|onze|our|us|uns|unsere|nous|notre|nos)\b").expect("static regex")
});

/// How far into a text "namens …" and a letterhead are looked for.
const OPENING_CHARS: usize = 3_000;

/// Splits "Organisation (Person)" and "Person namens Organisation" into their parts; a name
/// without either is all organisation-or-person, with no person part. A bracket inside a
/// word ("Ieder(in)") is part of the name.
pub(crate) fn split_name(name: &str) -> (&str, Option<&str>) {
    let name = name.trim();
    if let (Some(open), true) = (name.rfind('('), name.ends_with(')')) {
        let org = name[..open].trim();
        let person = name[open + 1..name.len() - 1].trim();
        let glued = name[..open]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric);
        // "Raad Openbaar Bestuur (ROB)": an abbreviation in brackets is no person.
        // Not "Jan Jansen (ING)", a person and their employer.
        let abbreviation = is_initialism(person)
            && person.chars().count() >= 3
            && !person.contains(' ')
            && !looks_like_person(org);
        if !org.is_empty() && !glued && !abbreviation {
            return (org, Some(person));
        }
    }
    // "Gemeente Utrecht - P. de Vries", "P. de Vries - Gemeente Utrecht".
    if let Some((a, b)) = name
        .split_once(" - ")
        .or_else(|| name.split_once(" – "))
        .map(|(a, b)| (a.trim(), b.trim()))
    {
        if looks_like_person(b) && !looks_like_person(a) {
            return (a, Some(b));
        }
        if looks_like_person(a) && is_organisation_name(b) {
            return (b, Some(a));
        }
    }
    if let Some(m) = NAMENS_IN_NAME.captures(name) {
        let (person, org) = (
            m.get(1).map_or("", |m| m.as_str()),
            m.get(2).map_or("", |m| m.as_str()),
        );
        if !person.trim().is_empty() && !org.trim().is_empty() {
            return (org.trim(), Some(person.trim()));
        }
    }
    (name, None)
}

/// "R. Verhoef namens MantelzorgNL", "J. Smit, namens de FNV".
static NAMENS_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(.+?),?\s+(?:namens|on behalf of|i\.?o\.?v\.?)\s+(?:de\s+|het\s+|the\s+)?(.+)$",
    )
    .expect("static regex")
});

/// True when a name says only that its writer is anonymous ("Anoniem", "Anonymous
/// Anonymous").
pub(crate) fn is_anonymous(s: &str) -> bool {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.is_empty() || words.iter().all(|w| ANONYMOUS.contains(&w.as_str()))
}

/// True when a name is an organisation's: an organisation word or a word ending in one, a
/// legal form at its end, a country closing it, or an initialism ("VNG", "UvW"). A person's
/// name whose surname is such a word ("Henk de Raad") is not, by its name alone.
pub(crate) fn is_organisation_name(name: &str) -> bool {
    let name = name.trim();
    (ORGANISATION_WORD.is_match(name)
        || ORGANISATION_COMPOUND.is_match(name)
        || ARTICLE_FIRST.is_match(name)
        || LEGAL_FORM_AT_END.is_match(name)
        || COUNTRY_AT_END.is_match(name)
        || is_initialism(name)
        || initialisms_only(name))
        && !surname_reading(name)
}

/// "VNG", "KNMG", "UvW", "AOb", "K.N.V.B.": one word of 2 to 8 letters, two capitals or more,
/// no two small letters in a row.
pub(crate) fn is_initialism(name: &str) -> bool {
    static INITIALISM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\p{Lu}\p{Ll}?){2,8}$").expect("static regex"));
    // What people type for "none": "NA", "NVT", "NB".
    const NONE: &[&str] = &["NA", "NVT", "NB", "NN", "XX", "ZZP", "OK", "NO"];
    let name = undotted(name.trim());
    INITIALISM.is_match(&name)
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !NONE.contains(&name.to_uppercase().as_str())
}

/// "VNO NCW", "NOC NSF": initialisms alone of at most four letters, one of three or more
/// ("MK KARAHAN" is a person's name in capitals).
fn initialisms_only(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| is_initialism(w) && w.chars().count() <= 4)
        && words.iter().any(|w| w.chars().count() >= 3)
}

/// "K.N.V.B." is "KNVB": three capitals or more, each with its full stop. Two ("J.P.") are a
/// person's initials.
pub(crate) fn undotted(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let dotted = letters >= 3
        && word.chars().all(|c| c.is_uppercase() || c == '.')
        && word.matches('.').count() + 1 >= letters;
    if dotted {
        word.replace('.', "")
    } else {
        word.to_string()
    }
}

/// A person's name whose surname marks organisations too: "Henk de Raad", "S. Bond",
/// "Sociaal-Economische Raad" (which only its text tells apart). Initials or a given name,
/// surname particles, and the surname last.
pub(crate) fn surname_reading(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    if !(1..=4).contains(&before.len())
        || !last.chars().next().is_some_and(char::is_uppercase)
        || !SURNAME_MARKERS.contains(&last.to_lowercase().as_str())
    {
        return false;
    }
    let mut rest = before;
    while let Some((first, tail)) = rest.split_first() {
        if !is_title(first) {
            break;
        }
        rest = tail;
    }
    let Some((first, middle)) = rest.split_first() else {
        return false;
    };
    (is_initials(first) || is_given_name(first))
        && middle
            .iter()
            .all(|w| is_initials(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// Whether a name is written as a person's: two to five words, initials or a given name,
/// particles, a surname, with a title before them if any ("J. de Vries", "Dr. F. Meijer",
/// "Mevr. A. Verbeek-de Wit", "kees van der linden"), and no word that marks an
/// organisation.
pub(crate) fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) || (is_organisation_name(name) && !surname_reading(name)) {
        return false;
    }
    // "MK KARAHAN": a name in capitals is read as written in the usual way.
    if words.len() >= 2 && name.chars().all(|c| !c.is_lowercase()) {
        let titled: Vec<String> = words
            .iter()
            .map(|w| {
                let mut chars = w.chars();
                match chars.next() {
                    Some(first) if w.chars().count() >= 4 => {
                        first.to_string() + &chars.as_str().to_lowercase()
                    }
                    _ => w.to_string(),
                }
            })
            .collect();
        let titled = titled.join(" ");
        if titled != name {
            return looks_like_person(&titled);
        }
    }
    // "De Dierenbescherming": a name field opens with a given name or initials, not "De".
    if words.len() == 2 && words[0] == "De" {
        return false;
    }
    // "Fam. de Wit", "familie Smits": a family is private persons.
    if FAMILY.contains(&words[0].trim_end_matches('.').to_lowercase().as_str()) {
        return true;
    }
    let mut rest = &words[..];
    while let Some((first, tail)) = rest.split_first() {
        if !is_title(first) || tail.len() < 2 {
            break;
        }
        rest = tail;
    }
    // Degrees after the name ("J. Jansen PhD").
    while let Some((last, init)) = rest.split_last() {
        if !is_title(last) || init.len() < 2 {
            break;
        }
        rest = init;
    }
    let lower = rest.iter().all(|w| w.chars().all(|c| !c.is_uppercase()));
    // A surname or given name among them: "VNO NCW" is initials alone.
    let named = rest
        .iter()
        .any(|w| !is_initials(w) && !NAME_PARTICLES.contains(&w.to_lowercase().as_str()));
    named
        && rest.iter().enumerate().all(|(i, w)| {
            let folded = w.to_lowercase();
            is_initials(w)
                || NAME_PARTICLES.contains(&folded.trim_end_matches('.'))
                || (is_given_name(w) || (lower && w.chars().all(|c| c.is_alphabetic() || c == '-')))
                || (i > 0 && w.contains('-') && w.split('-').all(|p| !p.is_empty()))
        })
}

fn is_title(word: &str) -> bool {
    NAME_TITLES.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

/// "S.", "J.P.", "A": capitals each followed by a full stop, or a lone capital.
/// "S.", "J.P.", "A", "KK", "JBJ", "Th.", "M.y": a name's initials, with or without full
/// stops ("Ver." is a shortened word).
fn is_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    ((1..=3).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c == '.'))
        || ((1..=6).contains(&letters)
            && word.contains('.')
            && word.chars().all(|c| c.is_uppercase() || c == '.'))
        || ((1..=2).contains(&letters)
            && word.contains('.')
            && word.chars().next().is_some_and(char::is_uppercase))
}

/// "Henk", "Jan-Willem", "O'Brien", "McDonald", "Sociaal-Economische": a capital, then
/// small letters, parts joined by hyphens or apostrophes.
fn is_given_name(word: &str) -> bool {
    let word = word
        .strip_prefix("Mac")
        .or_else(|| word.strip_prefix("Mc"))
        .filter(|rest| rest.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or(word);
    word.chars().count() >= 2
        && word.split(['-', '\'', '’']).all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
        })
}

fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING_CHARS);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A letterhead: among the first lines, a short one naming an organisation that is not the
/// addressee.
fn has_letterhead(text: &str) -> bool {
    letterhead(text).is_some()
}

/// The letterhead's line: among the first lines, the first short one naming an organisation,
/// not the addressee, with an address under it; or a first line over what kind of
/// organisation it is.
pub fn letterhead(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .collect();
    let short = |l: &&str| l.split_whitespace().count() <= 8 && !ADDRESSEE.is_match(l);
    // A name on top of what says it is an organisation's: a line naming what kind of
    // organisation it is ("Valente / Branchevereniging voor opvang", "Energie Samen / Koepel
    // van energiecoöperaties"), or an address ("Postbus 123") under a name that is no
    // person's (a person's letter has their name over their street).
    let unpunctuated = |l: &str| !l.ends_with(['.', ',', ';', ':', '?', '!']);
    if let (Some(first), Some(under)) = (lines.first(), lines.get(1)) {
        let name_like = first.split_whitespace().count() <= 5
            && !ADDRESSEE.is_match(first)
            && unpunctuated(first)
            && !ADDRESS.is_match(first)
            && first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        // What kind of organisation, said in its first word: "Koepel van …",
        // "Branchevereniging voor …"; not a sentence that mentions one.
        let opens_with_kind = under
            .split_whitespace()
            .next()
            .is_some_and(|w| ASSOCIATION.is_match(w) || ORGANISATION_COMPOUND.is_match(w));
        let kind = !ADDRESS.is_match(under)
            && unpunctuated(under)
            && under.split_whitespace().count() <= 8
            && opens_with_kind;
        let address = ADDRESS.is_match(under) && !looks_like_person(first);
        if name_like && (kind || address) {
            return Some(first);
        }
    }
    // A line naming an organisation, with its address under it: a heading that names one
    // ("Internationale vergelijking", "Concurrentievermogen van Nederland") has none.
    let addressed = |i: usize| {
        lines
            .iter()
            .skip(i + 1)
            .take(3)
            .any(|l| ADDRESS.is_match(l))
    };
    lines
        .iter()
        .enumerate()
        .find(|(i, l)| {
            short(l)
                && unpunctuated(l)
                && is_organisation_name(l)
                // On top without an address only when it says it is an association or a
                // company ("Vereniging Ondernemers Oost").
                && (addressed(*i)
                    || (*i == 0 && (ASSOCIATION.is_match(l) || LEGAL_FORM_AT_END.is_match(l))))
        })
        .map(|(_, l)| *l)
}

/// An address line: a post box, a street with its number, a postcode.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(postbus|p\.?o\.? box)\s*\d|^\S+(\s\S+){0,3}\s\d+\s?[a-z]?$|^\d{4}\s?[a-z]{2}\b",
    )
    .expect("static regex")
});

/// Tells what kind of respondent wrote a response, from the published name, the response's
/// text and its attachment's text.
///
/// A text that speaks for an organisation ("namens", "onze leden", "Wij als X", a letterhead)
/// makes it an organisation's. Otherwise the name decides where it can: anonymous, an
/// organisation's name, a person's. Where it cannot, the text does, and only when it never
/// says "I": a one-word name ("Vitens", not "Lotte") and a person's name whose surname marks
/// organisations ("Henk de Raad") when the text says "we"; any name the text opens with ("LTO
/// Noord behartigt …"); an association or public body beside a person ("Gemeente Utrecht (L.
/// Hoekstra)") when the text says "we" or names it. People write "we" for their families
/// beside their employer's name, so "we" alone makes no other name an organisation's.
pub fn classify(name: Option<&str>, text: &str, attachment: Option<&str>) -> Respondent {
    let name = name.unwrap_or("").trim();
    let (org, person) = split_name(name);
    // "Namens X" when X is an organisation's name ("Namens Piet en mij" is not).
    let speaks_for = |t: &str| {
        SPEAKS_FOR.is_match(opening(t))
            || (SPEAKS_FOR_NAMED.is_match(opening(t)) && named_in_text(t).is_some())
    };
    if speaks_for(text) || attachment.is_some_and(|a| speaks_for(a) || has_letterhead(a)) {
        return Respondent::Organisation;
    }
    // "Wij als Nederlandse Politiebond": the cheap test first, most texts have no "wij als".
    if WIJ_ALS.is_match(opening(text)) && named_in_text(text).is_some_and(is_organisation_name) {
        return Respondent::Organisation;
    }
    let all = match attachment {
        Some(a) => format!("{text}\n{a}"),
        None => text.to_string(),
    };
    // Counted only where a name leaves the question open: most responses are decided by their
    // name, and counting every pronoun of every text with Unicode word boundaries is not
    // free.
    let counted = std::cell::OnceCell::new();
    let voice = || {
        *counted.get_or_init(|| {
            (
                PLURAL.find_iter(&all).count(),
                SINGULAR.find_iter(&all).count(),
            )
        })
    };
    let plural = || voice().0;
    let singular = || voice().1;
    let we = || plural() > 0 && singular() == 0;
    if person.is_some() && NAMENS_IN_NAME.is_match(name) && !name.ends_with(')') {
        // "J. Smit namens de FNV": the name field says whom the response speaks for.
        return Respondent::Organisation;
    }
    match person {
        None if is_anonymous(org) => Respondent::Anonymous,
        // "ING (JPK)" may be a person's initials after all: an "I" text says so.
        None if is_organisation_name(org) && !(org.ends_with(')') && singular() > plural()) => {
            Respondent::Organisation
        }
        None if surname_reading(org) => {
            if singular() == 0 && (plural() > 0 || names_itself(org, &all)) {
                Respondent::Organisation
            } else {
                Respondent::Individual
            }
        }
        // A one-word name ("Vitens") or "De Dierenbescherming" in a text that says "wij" and
        // never "ik"; any name in a text that opens with it and never says "ik" ("Bits of
        // Freedom waarschuwt …", "MKB Limburg vertegenwoordigt …"). Not "wij" alone for
        // longer names: people type sentences, addresses and oddly written names into the
        // name field ("Request for exemption of current applicants …", "MAryam …") and write
        // "we" for their family.
        None if ((org.split_whitespace().count() == 1 || ARTICLE_NAME.is_match(org))
            && plural() > 0
            || names_whole(org, &all))
            && singular() == 0 =>
        {
            Respondent::Organisation
        }
        None => Respondent::Individual,
        Some(p) if is_anonymous(p) && (is_anonymous(org) || !is_organisation_name(org)) => {
            Respondent::Anonymous
        }
        Some(_) if is_organisation_name(org) => {
            let mentioned = || singular() == 0 && names_itself(org, &all);
            // Only an association, a foundation, a public body: people who name their
            // employer ("ASML (…)", "ING bank (…)", "Tilburg university (…)") write "we" for
            // their family and name the employer, and "we" outnumbering "I" is no proof.
            if ASSOCIATION.is_match(org) && ((we() && plural() >= 2) || mentioned()) {
                Respondent::Organisation
            } else {
                Respondent::Individual
            }
        }
        Some(_) => Respondent::Individual,
    }
}

/// Whether a text speaks as the name it is signed with: "wij" or the name at its opening,
/// never "ik" ("Vitens": "Wij steunen …").
pub(crate) fn speaks_as(name: &str, text: &str) -> bool {
    SINGULAR.find_iter(text).count() == 0 && (PLURAL.is_match(text) || names_whole(name, text))
}

/// Whether a text names the organisation of a name in the third person: its distinctive
/// word ("Natuurmonumenten beheert …"), or "de raad" for "Sociaal-Economische Raad".
fn names_itself(org: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    let words = crate::text::folded_words(org);
    let initialisms: Vec<String> = org
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3 && is_initialism(w))
        .map(str::to_lowercase)
        .collect();
    let own = words.iter().filter(|w| {
        (w.chars().count() >= 5
            && !ORGANISATION_WORD.is_match(w)
            && !ORGANISATION_COMPOUND.is_match(w))
            || initialisms.contains(w)
    });
    let text_words = crate::text::folded_words(&text);
    own.clone().any(|w| text_words.contains(w))
        || words.last().is_some_and(|last| {
            SURNAME_MARKERS.contains(&last.as_str())
                && (text.starts_with(&format!("de {last} "))
                    || text.contains(&format!(". de {last} ")))
        })
}

/// Whether a text opens with a name as its subject ("LTO Noord behartigt …", "Het Nibud
/// adviseert …"). Only the opening: people sign their letters with their own name.
fn names_whole(name: &str, text: &str) -> bool {
    let name = crate::text::folded_words(name);
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = crate::text::folded_words(&text[..end]);
    let text = match text.first().map(String::as_str) {
        Some("de" | "het") => &text[1..],
        _ => &text[..],
    };
    !name.is_empty() && text.starts_with(&name)
}

/// A text naming whom it speaks for, written with capitals: "Namens Stichting X", "Namens de
/// KNMG", "Wij, de Vereniging Per Saldo, …".
static SPEAKS_FOR_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[Nn]amens\s+(?:de\s+|het\s+)?\p{Lu}[\p{L}\d(]|\b[Ww]ij,\s+(?:de\s+|het\s+)?\p{Lu}|\b[Oo]nze\s+(?:organisatie|vereniging|stichting),\s+\p{Lu}",
    )
    .expect("static regex")
});

/// Roles a person holds at an organisation they write for ("Als beleidsadviseur van X").
const ROLES: &str = "beleidsadviseur|beleidsmedewerker|adviseur|directeur|voorzitter|secretaris|\
penningmeester|bestuurder|bestuurslid|woordvoerder|medewerker|coördinator|coordinator|\
projectleider|manager|programmamanager";

/// A name as a text writes it: capitalised words, with the small words and hyphenated
/// halves between them ("Stichting Het Vergeten Kind", "Kenniscentrum Kinder- en
/// Jeugdpsychiatrie", "Ieder(in)").
const NAME_IN_TEXT: &str = r"\p{Lu}[\p{L}\d()'’&.-]*(?:\s+(?:(?:van|voor|de|der|den|het|en|tot|op|in|&)\s+)*\p{Lu}[\p{L}\d()'’&.-]*)*";

/// The organisation a text says it speaks for, as it writes the name: after "namens", in
/// "Wij, de X, …", after "als <role> van", in "Wij als X" and "Als X zien wij", or a text that
/// opens with an organisation's name ("Het Kenniscentrum X wil graag reageren"). `None` when the text names none.
pub(crate) fn named_in_text(text: &str) -> Option<&str> {
    static PATTERNS: LazyLock<[Regex; 6]> = LazyLock::new(|| {
        [
            format!(r"\b[Nn]amens\s+(?:de\s+|het\s+)?({NAME_IN_TEXT})"),
            format!(r"\b[Ww]ij,\s+(?:de\s+|het\s+)?({NAME_IN_TEXT})|\b[Oo]nze\s+(?:organisatie|vereniging|stichting),\s+({NAME_IN_TEXT}),"),
            format!(r"\b[Aa]ls\s+(?:{ROLES})\s+(?:van|bij)\s+(?:de\s+|het\s+)?({NAME_IN_TEXT})"),
            format!(r"\b[Ww]ij\s+als\s+(?:de\s+|het\s+)?({NAME_IN_TEXT})"),
            format!(r"\b[Aa]ls\s+(?:de\s+|het\s+)?({NAME_IN_TEXT})\s+\p{{Ll}}+\s+wij\b"),
            format!(r"^(?:De\s+|Het\s+)?({NAME_IN_TEXT})\s+\p{{Ll}}"),
        ]
        .map(|p| Regex::new(&p).expect("static regex"))
    });
    let text = opening(text.trim_start());
    PATTERNS.iter().enumerate().find_map(|(i, re)| {
        let m = re.captures(text)?;
        let name = m
            .get(1)
            .or_else(|| m.get(2))?
            .as_str()
            .trim_end_matches(['.', ',', '-']);
        // A sentence's first word is no name's: "Als", "Namens", "Wij".
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        if matches!(
            first.as_str(),
            "als" | "namens" | "wij" | "ik" | "onze" | "ons" | "in" | "op" | "voor" | "graag"
        ) {
            return None;
        }
        // Only "Wij, de X," and a role at X ("Als beleidsadviseur van Ieder(in)") say by
        // themselves that X is an organisation; after "namens", "wij als" and in an opening the
        // name must say so ("namens Piet en mij", "wij als Nederland" are no organisations).
        let fits = match i {
            // "Wij, Jan en Els, …" are people.
            1 => is_organisation_name(name) || (!looks_like_person(name) && !name.contains(" en ")),
            2 => !name.is_empty(),
            _ => is_organisation_name(name),
        };
        (fits && !looks_like_person(name)).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_types_names() {
        for name in Respondent::NAMES {
            assert_eq!(Respondent::parse(name).unwrap().as_str(), *name);
        }
    }

    const I: &str = "Ik wil mijn zorgen uiten over dit voorstel, want het raakt mijn gezin.";

    #[test]
    fn names_alone() {
        use Respondent::*;
        for (name, want) in [
            ("Anoniem", Anonymous),
            ("", Anonymous),
            ("Anonymous (Anonymous Anonymous Anonymous)", Anonymous),
            ("Stichting Sekswerk Nederland", Organisation),
            ("Gemeente Amsterdam", Organisation),
            ("Parlaxy B.V.", Organisation),
            ("Federatie Opvang", Organisation),
            ("Raad voor de rechtspraak", Organisation),
            ("J. de Vries", Individual),
            // Initials that look like a legal form, and a surname that contains "bond".
            ("NV Moshkova", Individual),
            ("R de Bondt", Individual),
            // The employer in the organisation field, a person writing as "ik".
            ("ING (MR Gurban Adigozalov)", Individual),
            ("Tilburg university (Muhammad Azeem)", Individual),
            ("CCM B.V. (S.K Ananthula)", Individual),
            ("Privé (Mr J.N. Barnard)", Individual),
        ] {
            assert_eq!(classify(Some(name), I, None), want, "{name}");
        }
        assert_eq!(classify(None, I, None), Anonymous);
    }

    #[test]
    fn texts_that_speak_for_an_organisation() {
        use Respondent::*;
        let namens = "Namens de Vereniging van Sekswerkers reageren wij op het wetsvoorstel.";
        assert_eq!(classify(Some("P. Jansen"), namens, None), Organisation);
        let members = "Our members are sex workers in Amsterdam and Utrecht; we ask you to...";
        assert_eq!(classify(Some("A. Smith"), members, None), Organisation);
        // "namens mijn familie" is a person speaking for their family.
        let family = "Met deze reactie wil ik namens mijn familie onze zorgen uitspreken.";
        assert_eq!(classify(Some("A. Kuzin"), family, None), Individual);
        // A letterhead in the attachment, and an addressee that is not one.
        let letter = "Stichting Proud\nPostbus 123\n1000 AB Amsterdam\n\nAan de minister\n\nGeachte minister,";
        assert_eq!(
            classify(Some("J. Bakker"), "Zie bijlage", Some(letter)),
            Organisation
        );
        let personal = "Aan: Ministerie van Asiel en Migratie\nBetreft: naturalisatie\n\nIk schrijf u omdat...";
        assert_eq!(
            classify(Some("J. Bakker"), "Zie bijlage", Some(personal)),
            Individual
        );
        // An organisation beside its contact person, writing as "wij".
        let wij = "Wij zijn een vereniging van werkgevers. Wij vragen u dit voorstel te \
                   heroverwegen, omdat onze werknemers ons laten weten dat ...";
        assert_eq!(
            classify(Some("Werkgeversvereniging Zuid B.V. (J. Smit)"), wij, None),
            Organisation
        );
    }

    /// Names never seen before: the name and the text decide together (issue 23).
    #[test]
    fn names_and_texts_together() {
        use Respondent::*;
        let we = "Wij vragen om duidelijkheid. Onze achterban wil zekerheid.";
        let we_plain = "Als werkgever steunen wij het voorstel. Wij verwachten weinig gevolgen.";
        for (name, text, want) in [
            ("VNG", I, Organisation),
            ("UvW", I, Organisation),
            ("Consumentenbond", I, Organisation),
            ("Jeugdzorg Nederland", I, Organisation),
            ("MantelzorgNL", I, Organisation),
            ("Hoogheemraadschap Delfland", I, Organisation),
            // One word that says nothing: the voice decides.
            ("Vitens", we_plain, Organisation),
            ("Lotte", "Ik ben 19 en heb zelf in de jeugdzorg gezeten.", Individual),
            // A surname that marks organisations.
            ("Henk de Raad", "Ik ben vrijwilliger bij een klein theater.", Individual),
            ("S. Bond", "Ik heb slechte ervaringen.", Individual),
            ("Sociaal-Economische Raad", "De raad verwijst naar zijn advies.", Organisation),
            // "NA" is no initialism, and people naming an employer say "we" for their family.
            ("NA (Mnr A Jansen van Rensburg)", "Als expats dragen wij bij. Wij hopen op uitzondering.", Individual),
            (
                "ASML (Sushma Thippa)",
                "My family and I came here. We sold our homes and we are learning the language; our children are Dutch.",
                Individual,
            ),
            ("Gemeente Utrecht - afd. Sociaal Domein (L. Hoekstra)", we_plain, Organisation),
            ("Vereniging Natuurmonumenten (dr. E. Brink)", "Natuurmonumenten beheert buitenplaatsen.", Organisation),
            ("Philips (A. Sadeghi)", "Ik reageer op persoonlijke titel.", Individual),
            // A person who speaks for one, by name.
            ("Ilse van Dam", "Namens Stichting Het Vergeten Kind reageer ik op dit voorstel.", Organisation),
            ("Marloes Kuipers", "Wij, de Vereniging Per Saldo, vertegenwoordigen budgethouders.", Organisation),
            ("Marloes Kuipers", "Namens mijn gezin vraag ik aandacht.", Individual),
            ("R. Verhoef namens MantelzorgNL", we, Organisation),
            ("Bits of Freedom", "Bits of Freedom waarschuwt voor camera's.", Organisation),
            ("Natuur & Milieu", "Natuur & Milieu steunt een actief grondbeleid.", Organisation),
            // Written like a person's name, "wij" alone does not make it an organisation's.
            ("Natuur en Milieu", we_plain, Individual),
            ("Alliander NV (ir. H. Postma)", we_plain, Individual),
            ("VNO NCW", we_plain, Organisation),
            ("De Dierenbescherming", we_plain, Organisation),
            ("Ingrid Bureau", "Ik maak me zorgen.", Individual),
            ("Fam. de Wit", we_plain, Individual),
            // As the naturalisation consultation writes them: initials in capitals, names in
            // capitals, initials alone, a sentence or an address in the name field, "wij als
            // Nederland", a signature under the text.
            ("KK Korzun", "Veel kennismigranten dragen bij. Wij vragen begrip.", Individual),
            ("MK KARAHAN", "We must keep our word. We ask you.", Individual),
            ("V B", "Wij maken ons zorgen. Wij vragen een overgangsregeling.", Individual),
            ("Mr S M", "We strongly oppose the proposal. Our families are here.", Individual),
            (
                "Request for exemption of current applicants Sm M",
                "Please dont include people who already here: we are almost there.",
                Individual,
            ),
            ("J.A. Wolters", "Ik vind dat wij als Nederland ons woord houden.", Individual),
            (
                "Mohsen Sarsani",
                "De huidige wet verdient heroverweging. Met vriendelijke groet, Mohsen Sarsani",
                Individual,
            ),
            ("ANON ANONIEM", "Wij maken ons zorgen.", Anonymous),
            ("A. Bos", "Namens Piet en mij vraag ik uitstel.", Individual),
            ("Sean O'Brien", "Zie bijlage.", Individual),
        ] {
            assert_eq!(classify(Some(name), text, None), want, "{name}: {text}");
        }
    }

    #[test]
    fn the_organisation_a_text_speaks_for() {
        for (text, want) in [
            (
                "Namens Stichting Het Vergeten Kind reageer ik op dit voorstel.",
                Some("Stichting Het Vergeten Kind"),
            ),
            (
                "Wij, de Vereniging Per Saldo, vertegenwoordigen mensen met een pgb.",
                Some("Vereniging Per Saldo"),
            ),
            (
                "Als beleidsadviseur van Ieder(in) reageer ik namens onze achterban.",
                Some("Ieder(in)"),
            ),
            (
                "Het Kenniscentrum Kinder- en Jeugdpsychiatrie wil graag reageren op dit voorstel.",
                Some("Kenniscentrum Kinder- en Jeugdpsychiatrie"),
            ),
            (
                "Namens de KNMG wijs ik op de positie van artsen.",
                Some("KNMG"),
            ),
            // A person's name, and an opening that is no organisation's, name none.
            ("Namens Jan de Vries en mij vragen wij aandacht.", None),
            ("Marloes Kuipers vindt dit een slecht plan.", None),
            ("Ik vind dit een slecht plan.", None),
        ] {
            assert_eq!(named_in_text(text), want, "{text}");
        }
    }

    #[test]
    fn names_written_as_persons() {
        for name in [
            "J. de Vries",
            "Dr. F. Meijer",
            "Mevr. A. Verbeek-de Wit",
            "kees van der linden",
            "Marloes Kuipers",
            "Henk de Raad",
        ] {
            assert!(looks_like_person(name), "{name}");
        }
        for name in [
            "Vitens",
            "Mondriaan Fonds",
            "Zie bijlage",
            "Jeugdzorg Nederland",
            "KNMG",
        ] {
            assert!(!looks_like_person(name), "{name}");
        }
    }

    #[test]
    fn parses_types() {
        assert_eq!(
            Respondent::parse("organization"),
            Ok(Respondent::Organisation)
        );
        assert!(Respondent::parse("robot")
            .unwrap_err()
            .contains("organisation"));
    }
}
