//! What a response's text says about who wrote it: whether it speaks for an organisation
//! ("namens de vereniging", "onze leden", "Als X zien wij"), which organisation it names when
//! it does, whether it says "wij" or "ik", whether an attachment opens on a letterhead.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{
    is_initialism, is_organisation_name, looks_like_person, ASSOCIATION, LEGAL_FORM_AT_END,
    ORGANISATION_COMPOUND, ORGANISATION_WORD, SURNAME_MARKERS,
};

/// A text speaking for an organisation.
pub(super) static SPEAKS_FOR: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(aan|t\.?a\.?v\.?|to|dear|geachte|betreft|onderwerp|re|subject|ministerie|minister|de minister|tweede kamer)\b")
        .expect("static regex")
});

pub(super) static SINGULAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(ik|mij|mijn|me|i|my|ich|mein|meine|moi)\b").expect("static regex")
});

pub(super) static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(wij|we|ons|onze|our|us|uns|unsere|nous|notre|nos)\b").expect("static regex")
});

/// How far into a text "namens …" and a letterhead are looked for.
pub(super) const OPENING_CHARS: usize = 3_000;

pub(super) fn opening(text: &str) -> &str {
    crate::text::head(text, OPENING_CHARS)
}

/// A letterhead: among the first lines, a short one naming an organisation that is not the
/// addressee.
pub(super) fn has_letterhead(text: &str) -> bool {
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
pub(super) static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(postbus|p\.?o\.? box)\s*\d|^\S+(\s\S+){0,3}\s\d+\s?[a-z]?$|^\d{4}\s?[a-z]{2}\b",
    )
    .expect("static regex")
});

/// Whether a text speaks as the name it is signed with: "wij" or the name at its opening,
/// never "ik" ("Vitens": "Wij steunen …").
pub(crate) fn speaks_as(name: &str, text: &str) -> bool {
    SINGULAR.find_iter(text).count() == 0 && (PLURAL.is_match(text) || names_whole(name, text))
}

/// Whether a text names the organisation of a name in the third person: its distinctive
/// word ("Natuurmonumenten beheert …"), or "de raad" for "Sociaal-Economische Raad".
pub(super) fn names_itself(org: &str, text: &str) -> bool {
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
pub(super) fn names_whole(name: &str, text: &str) -> bool {
    let name = crate::text::folded_words(name);
    let text = crate::text::folded_words(crate::text::head(text, 200));
    let text = match text.first().map(String::as_str) {
        Some("de" | "het") => &text[1..],
        _ => &text[..],
    };
    !name.is_empty() && text.starts_with(&name)
}

/// A text naming whom it speaks for, written with capitals: "Namens Stichting X", "Namens de
/// KNMG", "Wij, de Vereniging Per Saldo, …".
pub(super) static SPEAKS_FOR_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[Nn]amens\s+(?:de\s+|het\s+)?\p{Lu}[\p{L}\d(]|\b[Ww]ij,\s+(?:de\s+|het\s+)?\p{Lu}|\b[Oo]nze\s+(?:organisatie|vereniging|stichting),\s+\p{Lu}",
    )
    .expect("static regex")
});

/// Roles a person holds at an organisation they write for ("Als beleidsadviseur van X").
pub(super) const ROLES: &str =
    "beleidsadviseur|beleidsmedewerker|adviseur|directeur|voorzitter|secretaris|\
penningmeester|bestuurder|bestuurslid|woordvoerder|medewerker|coördinator|coordinator|\
projectleider|manager|programmamanager";

/// A name as a text writes it: capitalised words, with the small words and hyphenated
/// halves between them ("Stichting Het Vergeten Kind", "Kenniscentrum Kinder- en
/// Jeugdpsychiatrie", "Ieder(in)").
pub(super) const NAME_IN_TEXT: &str = r"\p{Lu}[\p{L}\d()'’&.-]*(?:\s+(?:(?:van|voor|de|der|den|het|en|tot|op|in|&)\s+)*\p{Lu}[\p{L}\d()'’&.-]*)*";

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
}
