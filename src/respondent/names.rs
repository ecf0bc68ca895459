//! What a name field says about who wrote: anonymous, an organisation's name (an organisation
//! word, a word ending in one, a legal form, a country closing it, an initialism), a person's
//! name (initials or a given name, particles, a surname, titles and degrees around them), or
//! "Organisation (Person)" and "Person namens Organisation" with both. The name alone often
//! cannot tell ("Henk de Raad", "Vitens"); [`super::classify`] asks the text then.

use std::sync::LazyLock;

use regex::Regex;

/// How the site and respondents write "no name".
pub(super) const ANONYMOUS: &[&str] = &[
    "anoniem",
    "anon",
    "anonymous",
    "anonym",
    "anonyme",
    "anonimo",
    "anónimo",
];

/// Words that make a name an organisation's, anywhere in it.
pub(super) static ORGANISATION_WORD: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) static ORGANISATION_COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) static COUNTRY_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\S[\s-]+(nederland|nl|the netherlands)$)|\p{Ll}NL$|^(?i:\p{L}{4,}nl)$")
        .expect("static regex")
});

/// "Het Nibud", "Het COA": no person's name opens with "Het".
pub(super) static ARTICLE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Het|HET|het)\s+\p{Lu}").expect("static regex"));

/// What an organisation that speaks for members or the public calls itself, unlike an
/// employer: a foundation, an association, a public body.
pub(super) static ASSOCIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(\b|\w{3,})(stichting|vereniging|federatie|gemeente|provincie|waterschap|raad|
        bond|platform|netwerk|coalitie|koepel|ministerie|college|ombudsman|commissie|
        organisatie|belang|unie|co[oö]peratie|fonds)\b",
    )
    .expect("static regex")
});

/// Words that mark organisations and are surnames too ("Henk de Raad", "S. Bond").
pub(super) const SURNAME_MARKERS: &[&str] = &["raad", "bond", "bureau", "unie", "kamer"];

/// The small words of Dutch and other surnames ("van der", "de", "ter").
pub(super) const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du",
    "von", "el", "al", "da", "dos", "di", "del",
];

/// What a family writes before its name.
pub(super) const FAMILY: &[&str] = &["fam", "familie", "gezin", "echtpaar", "fam."];

/// What precedes a name ("Dhr.", "Dr.", "prof.").
pub(super) const NAME_TITLES: &[&str] = &[
    "dhr", "mevr", "mw", "mevrouw", "heer", "dr", "drs", "prof", "ir", "ing", "mr", "mrs", "ms",
    "phd", "msc", "bsc", "mba", "llm", "ma", "ba",
];

/// Legal forms, which close a company's name ("Parlaxy B.V."), never open a person's ("NV
/// Moshkova" is someone's initials).
pub(super) static LEGAL_FORM_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|\s)(b\.?\s?v\.?|n\.?\s?v\.?|v\.?o\.?f\.?|c\.?v\.?|gmbh|e\.\s?v\.|ltd\.?|inc\.?|s\.a\.?|u\.a\.?)\s*$")
        .expect("static regex")
});

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
pub(super) static NAMENS_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
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
    let name = undotted(name.trim());
    INITIALISM.is_match(&name)
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !is_placeholder(&name)
}

/// "VNO NCW", "NOC NSF": initialisms alone of at most four letters, one of three or more
/// ("MK KARAHAN" is a person's name in capitals).
pub(super) fn initialisms_only(name: &str) -> bool {
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

pub(super) fn is_title(word: &str) -> bool {
    NAME_TITLES.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

/// "S.", "J.P.", "A": capitals each followed by a full stop, or a lone capital.
/// "S.", "J.P.", "A", "KK", "JBJ", "Th.", "M.y": a name's initials, with or without full
/// stops ("Ver." is a shortened word).
pub(super) fn is_initials(word: &str) -> bool {
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
pub(super) fn is_given_name(word: &str) -> bool {
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

/// What people type in the name or organisation field when they have none ("n/a", "NVT",
/// "Privé", "Zie bijlage").
pub(crate) fn is_placeholder(name: &str) -> bool {
    const NONE: &[&str] = &[
        "n",
        "a",
        "na",
        "nvt",
        "nb",
        "nn",
        "xx",
        "ok",
        "no",
        "none",
        "geen",
        "prive",
        "private",
        "other",
        "anoniem",
        "anonymous",
        "student",
        "zzp",
        "self",
        "employed",
        "zie",
        "bijlage",
        "bijgevoegde",
        "brief",
    ];
    let words = crate::text::folded_words(name);
    words.is_empty() || words.iter().all(|w| NONE.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
