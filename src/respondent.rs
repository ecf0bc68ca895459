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
            rode\ kruis|unicef|defence\ for\ children|human\ rights\ watch
        )\b",
    )
    .expect("static regex")
});

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

/// Splits "Organisation (Person)" into its parts; a name without a trailing parenthesis is
/// all organisation-or-person, with no person part.
pub(crate) fn split_name(name: &str) -> (&str, Option<&str>) {
    let name = name.trim();
    if let (Some(open), true) = (name.rfind('('), name.ends_with(')')) {
        let org = name[..open].trim();
        let person = name[open + 1..name.len() - 1].trim();
        if !org.is_empty() {
            return (org, Some(person));
        }
    }
    (name, None)
}

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

/// True when a name is an organisation's: an organisation word, or a legal form at its end.
pub(crate) fn is_organisation_name(name: &str) -> bool {
    ORGANISATION_WORD.is_match(name) || LEGAL_FORM_AT_END.is_match(name.trim())
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

/// The letterhead's line: among the first lines, the first short one naming an organisation
/// that is not the addressee.
pub fn letterhead(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .find(|l| {
            l.split_whitespace().count() <= 8 && !ADDRESSEE.is_match(l) && is_organisation_name(l)
        })
}

/// Tells what kind of respondent wrote a response, from the published name, the response's
/// text and its attachment's text.
pub fn classify(name: Option<&str>, text: &str, attachment: Option<&str>) -> Respondent {
    let name = name.unwrap_or("").trim();
    let (org, person) = split_name(name);
    let speaks_for = |t: &str| SPEAKS_FOR.is_match(opening(t));
    if speaks_for(text) || attachment.is_some_and(|a| speaks_for(a) || has_letterhead(a)) {
        return Respondent::Organisation;
    }
    match person {
        None if is_anonymous(org) => Respondent::Anonymous,
        None if is_organisation_name(org) => Respondent::Organisation,
        None => Respondent::Individual,
        Some(p) if is_anonymous(p) && (is_anonymous(org) || !is_organisation_name(org)) => {
            Respondent::Anonymous
        }
        Some(_) if is_organisation_name(org) => {
            // An organisation beside a person: the organisation speaks when the text says "we".
            let all = match attachment {
                Some(a) => format!("{text}\n{a}"),
                None => text.to_string(),
            };
            let plural = PLURAL.find_iter(&all).count();
            let singular = SINGULAR.find_iter(&all).count();
            if plural >= 3 && plural > singular {
                Respondent::Organisation
            } else {
                Respondent::Individual
            }
        }
        Some(_) => Respondent::Individual,
    }
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
