//! Who the organisations are across consultations. The site's name field is typed by hand, so
//! one organisation appears as "Amnesty International", "Amnesty International Nederland",
//! "Amnesty Int. NL (J. Jansen)", and "Stichting X" as "X". This module reduces a name to the
//! key that those variants share: accents and case folded, the person written beside the
//! organisation set aside, legal forms (Stichting, Vereniging, B.V., …) and country suffixes
//! (Nederland, NL) dropped, common shortenings written out. An abbreviation the name itself
//! spells out ("Vereniging Nederlandse Gemeenten (VNG)") is kept as an alias, so that "VNG"
//! alone finds the same organisation.
//!
//! Only organisations get a key: a private person's name is never normalised into something
//! that links their responses across consultations.

use std::sync::LazyLock;

use regex::Regex;

use crate::respondent::Respondent;

pub(crate) mod corrections;
pub(crate) mod join;

/// Legal forms, as folded words, dropped wherever they stand in a name.
const LEGAL_FORMS: &[&[&str]] = &[
    &["stichting"],
    &["vereniging"],
    &["cooperatie"],
    &["cooperatieve"],
    &["bv"],
    &["b", "v"],
    &["nv"],
    &["n", "v"],
    &["vof"],
    &["v", "o", "f"],
    &["ua"],
    &["u", "a"],
    &["cv"],
    &["c", "v"],
    &["foundation"],
    &["association"],
    &["ltd"],
    &["inc"],
    &["gmbh"],
    &["e", "v"],
];

/// Country suffixes, as folded words, dropped at the end of a name.
const COUNTRY_SUFFIXES: &[&[&str]] = &[
    &["the", "netherlands"],
    &["netherlands"],
    &["nederland"],
    &["holland"],
    &["nl"],
];

/// Shortenings written out, so that "Amnesty Int." and "Amnesty International" meet.
const SHORTENINGS: &[(&str, &str)] = &[
    ("int", "international"),
    ("intl", "international"),
    ("ned", "nederlandse"),
    ("nat", "nationale"),
    ("ver", "vereniging"),
    ("st", "stichting"),
    ("prov", "provincie"),
    ("gem", "gemeente"),
];

/// Small words initials skip ("Vereniging van Nederlandse Gemeenten" is VNG).
const SMALL_WORDS: &[&str] = &[
    "van", "de", "der", "den", "het", "voor", "en", "of", "the", "and", "in", "tot", "t",
];

/// A name reduced to what its variants share.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrgName {
    /// The organisation's key: its folded words without legal form or country suffix.
    pub key: String,
    /// The name as written, without the person beside it.
    pub display: String,
    /// An abbreviation the name spells out and declares in parentheses, folded ("vng").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
}

/// An organisation's id: stable for as long as its key is, whichever variant of its name came
/// first and across updates and rebuilds ("o-" and 12 hex digits of the key's fingerprint).
pub(crate) fn id(key: &str) -> String {
    format!("o-{:012x}", crate::text::fingerprint(key) >> 16)
}

/// Resolves keys through the aliases the register has seen: "vng" alone is the organisation
/// that declared "(VNG)" beside a name spelling it out. A key that is no alias is itself.
pub(crate) fn resolve<'a>(
    key: &'a str,
    aliases: &'a std::collections::HashMap<String, String>,
) -> &'a str {
    aliases.get(key).map_or(key, String::as_str)
}

/// The organisation a response speaks for. Only a response whose respondent type is
/// `organisation` has one: a person who names an employer but writes for themselves is
/// classified an individual and is linked to nothing. The organisation is the name field's
/// organisation part ("Amnesty (J. Jansen)", "J. Jansen namens Amnesty"), else the
/// attachment's letterhead when the name field is a person's or says nothing, else the name
/// field unless it is written as a person's, else the organisation the text speaks for
/// ("Namens Stichting X reageer ik", "Wij, de Vereniging Y, …").
pub(crate) fn of_response(
    name: Option<&str>,
    respondent: Respondent,
    text: &str,
    attachment: Option<&str>,
) -> Option<OrgName> {
    use crate::respondent as r;
    if respondent != Respondent::Organisation {
        return None;
    }
    let name = name.unwrap_or("").trim();
    let (org, person) = r::split_name(name);
    // The whole "Organisation (…)": a parenthesis may be the abbreviation it declares.
    // Only when the organisation opens the name: not "J. Smit namens Raad … (ROB)".
    let whole = if name.ends_with(')') && name.starts_with(org) {
        name
    } else {
        org
    };
    if person.is_some() && !org.is_empty() && !r::is_placeholder(org) {
        return normalize(whole);
    }
    if let Some(head) = attachment.and_then(r::letterhead) {
        return normalize(head);
    }
    // "Sociaal-Economische Raad" reads as a person's name too; the text made it an
    // organisation's.
    if r::is_organisation_name(org) || r::surname_reading(org) {
        return normalize(whole);
    }
    // A person who writes for an organisation is not one: their name is never a key.
    // A name that is no person's by its shape and that the text speaks as ("Vitens": "Wij
    // …"); not a first name whose text speaks for members it does not name ("Marieke": "onze
    // leden …, ik …").
    if !org.is_empty()
        && !r::is_placeholder(org)
        && !r::looks_like_person(org)
        && !r::is_anonymous(org)
        && r::speaks_as(org, text)
    {
        return normalize(whole);
    }
    r::named_in_text(text)
        .or_else(|| attachment.and_then(r::named_in_text))
        .and_then(normalize)
}

/// Reduces a respondent's name field to an organisation's key. `None` when nothing is left
/// (a name that is only a legal form, or empty).
pub(crate) fn normalize(name: &str) -> Option<OrgName> {
    let name = tidy(name);
    let (org, parts) = split_parentheses(&name);
    let display = org.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut words = display_words(&display);
    let spelled = crate::text::folded_words(&display);
    // "Zorgthuisnl": a country written onto the last word.
    if let [only] = words.as_mut_slice() {
        if only.chars().count() >= 6 && only.ends_with("nl") {
            only.truncate(only.len() - 2);
        }
    }
    let mut words = drop_all(words, LEGAL_FORMS);
    loop {
        let before = words.len();
        words = drop_suffix(words, COUNTRY_SUFFIXES);
        words = drop_suffix(words, LEGAL_FORMS);
        if words.len() == before {
            break;
        }
    }
    // Articles and small words: "De Nationale Ombudsman", "Vereniging (van) Zorgaanbieders
    // (voor) Zorgcommunicatie". Never the whole name.
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if !kept.is_empty() {
        words = kept;
    }
    if words.is_empty() {
        return None;
    }
    let alias = parts
        .iter()
        .map(|p| crate::text::folded_words(p).concat())
        .find(|a| (2..=8).contains(&a.len()) && spells(&spelled, a));
    Some(OrgName {
        key: words.join(" "),
        display,
        alias,
    })
}

/// A name's folded words as a key is made of them, before legal forms, countries and small
/// words go: the person in brackets set aside, camel case split, shortenings written out.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let (org, _) = split_parentheses(&tidy(name));
    display_words(&org)
}

fn display_words(display: &str) -> Vec<String> {
    let mut words = crate::text::folded_words(&split_camel(display).replace('&', " en "));
    for w in words.iter_mut() {
        if let Some((_, long)) = SHORTENINGS.iter().find(|(short, _)| short == w) {
            *w = long.to_string();
        }
    }
    words
}

/// What a name field carries beyond the name: a department after a comma or a dash
/// ("GGD Amsterdam, afdeling Milieu", "Gemeente Utrecht - afd. Sociaal Domein (…)"),
/// brackets inside a word ("Ieder(in)"), "&" for "en".
fn tidy(name: &str) -> String {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*(?:,|\s[-–—]\s)\s*(?:afdeling|afd\.?|directie|sector|team|cluster|dienst|divisie|department|faculteit|unit|locatie)\b[^()]*",
        )
        .expect("static regex")
    });
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{L})\((\p{L}+)\)").expect("static regex"));
    let name = GLUED.replace_all(name, "$1$2");
    let name = name
        .split(' ')
        .map(crate::respondent::undotted)
        .collect::<Vec<_>>()
        .join(" ");
    let name = UNIT.replace(&name, "");
    // "Gemeente Utrecht - P. de Vries (beleidsadviseur)": the person after the dash.
    let name = match name.split_once(" - ").or_else(|| name.split_once(" – ")) {
        Some((org, rest))
            if crate::respondent::looks_like_person(split_parentheses(rest).0.trim()) =>
        {
            org.to_string()
        }
        _ => name.into_owned(),
    };
    let name = describe(&name).unwrap_or_else(|| name.to_string());
    name.replace('&', " & ")
}

/// A one-word name followed by what it is, after a dash or comma: "Nibud - Nationaal Instituut
/// voor Budgetvoorlichting", "Pharos, Expertisecentrum Gezondheidsverschillen" are "Nibud"
/// and "Pharos"; an initialism that the rest spells out declares it ("NVP - Nederlandse
/// Vereniging voor Psychotherapie" is that association, "(NVP)" its abbreviation).
fn describe(name: &str) -> Option<String> {
    static DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\S+?)\s*(?:,|\s[-–—|])\s+([^()]+?)\s*(\(.*\))?$").expect("static regex")
    });
    let m = DESCRIBED.captures(name.trim())?;
    let (head, rest) = (m.get(1)?.as_str(), m.get(2)?.as_str());
    let person = m.get(3).map_or("", |p| p.as_str());
    if LEGAL_FORMS
        .iter()
        .any(|f| f.len() == 1 && crate::text::folded_words(head) == [f[0]])
    {
        return None;
    }
    let initials = crate::text::folded_words(head).concat();
    if crate::respondent::is_initialism(head) && spells(&crate::text::folded_words(rest), &initials)
    {
        return Some(format!("{rest} ({head}) {person}"));
    }
    Some(format!("{head} {person}"))
}

/// "MantelzorgNL" is "Mantelzorg NL", "PerSaldo" "Per Saldo": a capital after a small letter
/// starts a word, in words of five letters or more ("UvW" stays).
fn split_camel(name: &str) -> String {
    static CAMEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{Ll})(\p{Lu})").expect("static regex"));
    name.split_whitespace()
        .map(|w| {
            if w.chars().count() >= 5 {
                CAMEL.replace_all(w, "$1 $2").into_owned()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name before its parentheses, and what each parenthesis holds: "Amnesty (J. Jansen)"
/// is ("Amnesty", ["J. Jansen"]). A name that is only a parenthesis keeps it as the name.
fn split_parentheses(name: &str) -> (String, Vec<String>) {
    let mut org = String::new();
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut part = String::new();
    for c in name.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    part.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(std::mem::take(&mut part).trim().to_string());
                } else {
                    part.push(c);
                }
            }
            c if depth > 0 => part.push(c),
            c => org.push(c),
        }
    }
    if depth > 0 {
        parts.push(part.trim().to_string());
    }
    if org.trim().is_empty() {
        if let Some(first) = parts.first() {
            return (first.clone(), parts[1..].to_vec());
        }
    }
    (org.trim().to_string(), parts)
}

/// Whether `alias` is the initials of the name's words, with or without its small words.
fn spells(words: &[String], alias: &str) -> bool {
    let initials = |skip: bool| -> String {
        words
            .iter()
            .filter(|w| !skip || !SMALL_WORDS.contains(&w.as_str()))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    initials(true) == alias || initials(false) == alias
}

fn drop_all(words: Vec<String>, phrases: &[&[&str]]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    'words: while i < words.len() {
        for phrase in phrases {
            let n = phrase.len();
            if i + n <= words.len() && words[i..i + n].iter().zip(*phrase).all(|(w, p)| w == p) {
                // A single letter is a legal form's only inside one ("B V"), not alone.
                if n > 1 || phrase[0].len() > 1 {
                    i += n;
                    continue 'words;
                }
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

fn drop_suffix(mut words: Vec<String>, phrases: &[&[&str]]) -> Vec<String> {
    for phrase in phrases {
        let n = phrase.len();
        // Never the whole name: "Nederland" alone stays a name.
        if words.len() > n
            && words[words.len() - n..]
                .iter()
                .zip(*phrase)
                .all(|(w, p)| w == p)
        {
            words.truncate(words.len() - n);
            return words;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        normalize(name).map(|o| o.key).unwrap_or_default()
    }

    #[test]
    fn variants_of_one_organisation_share_a_key() {
        let amnesty = key("Amnesty International");
        for variant in [
            "Amnesty International Nederland",
            "Amnesty Int. NL (J. Jansen)",
            "AMNESTY INTERNATIONAL (afdeling beleid)",
            "Stichting Amnesty International",
            "Amnesty International, the Netherlands",
        ] {
            assert_eq!(key(variant), amnesty, "{variant}");
        }
        assert_eq!(key("Stichting SoaAids Nederland"), key("SoaAids"));
        assert_eq!(key("ASN Bank N.v (S.M Atmuri)"), key("ASN Bank"));
        assert_eq!(key("Parlaxy B.V."), key("Parlaxy"));
        assert_eq!(key("Coöperatie Rabobank U.A."), key("Rabobank"));
    }

    /// The variants people type (issue 23) reduce to one key.
    #[test]
    fn as_people_write_them() {
        for (a, b) in [
            ("De Nationale Ombudsman", "NATIONALE OMBUDSMAN"),
            (
                "Vereniging van Zorgaanbieders voor Zorgcommunicatie",
                "Vereniging Zorgaanbieders Zorgcommunicatie",
            ),
            ("MantelzorgNL", "Mantelzorg NL"),
            ("PerSaldo", "Vereniging Per Saldo"),
            ("Ieder(in)", "Iederin"),
            (
                "GGD Amsterdam, afdeling Milieu en Gezondheid",
                "GGD Amsterdam",
            ),
            (
                "Gemeente Utrecht - afd. Sociaal Domein (L. Hoekstra)",
                "gemeente Utrecht",
            ),
            (
                "Jeugdfonds Sport & Cultuur",
                "Stichting Jeugdfonds Sport en Cultuur",
            ),
            ("Gemeente ‘s-Hertogenbosch", "Gemeente 's-Hertogenbosch"),
            (
                "Hoogheemraadschap van Delfland",
                "Hoogheemraadschap Delfland",
            ),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("Rode Kruis Nederland", "Rode Kruis Vlaanderen"),
            ("Gemeente Utrecht", "Provincie Utrecht"),
            ("Raad voor Cultuur", "Nederlandse Vereniging voor Cultuur"),
            ("UvW", "UvA"),
        ] {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn only_organisations_have_one_and_a_person_beside_it_is_set_aside() {
        let org = Respondent::Organisation;
        let of = |name: &str, attachment: Option<&str>| {
            of_response(Some(name), org, "", attachment).map(|o| o.key)
        };
        assert_eq!(
            of("Amnesty Int. NL (J. Jansen)", None).as_deref(),
            Some("amnesty international")
        );
        // Known only from the letterhead: the name field is a person's.
        let letter = "Stichting Humanitas\nPostbus 71\n\nAan de minister van Justitie\n";
        assert_eq!(
            of("J. de Vries", Some(letter)).as_deref(),
            Some("humanitas")
        );
        // A person's name alone, without a letterhead, names no organisation.
        assert_eq!(of("J. de Vries", None), None);
        // Named in the text, in the name field after "namens", or a one-word name.
        let named =
            |name: &str, text: &str| of_response(Some(name), org, text, None).map(|o| o.key);
        assert_eq!(
            named(
                "Ilse van Dam",
                "Namens Stichting Het Vergeten Kind reageer ik."
            )
            .as_deref(),
            Some("vergeten kind")
        );
        assert_eq!(
            named("R. Verhoef namens MantelzorgNL", "").as_deref(),
            Some("mantelzorg")
        );
        assert_eq!(
            named("Vitens", "Wij steunen het voorstel.").as_deref(),
            Some("vitens")
        );
        assert_eq!(named("Zie bijlage", "Zie bijlage"), None);
        // A person is never a key (the review of issue 23): not beside "namens", not after a
        // dash, not as the name a text speaks for, not on top of their own letter.
        assert_eq!(
            named("J. Smit namens Raad Openbaar Bestuur (ROB)", "").as_deref(),
            Some("raad openbaar bestuur")
        );
        assert_eq!(
            named(
                "Gemeente Utrecht - P. de Vries (beleidsadviseur)",
                "Wij vragen."
            )
            .as_deref(),
            Some("gemeente utrecht")
        );
        assert_eq!(
            named("Marieke", "Onze leden vragen dit; ik sluit me aan."),
            None
        );
        assert_eq!(
            named("A. Bos", "Namens Piet en mij vraag ik uitstel."),
            None
        );
        assert_eq!(named("A. Bos", "Wij, Jan en Els, vragen uitstel."), None);
        let letter = "Sean O'Brien\nKerkstraat 12\n1234 AB Utrecht\n\nGeachte minister,";
        assert_eq!(of("Sean O'Brien", Some(letter)), None);
        assert_eq!(crate::respondent::letterhead(letter), None);
        assert_eq!(of("n/a (N Lombard)", None), None);
        assert_eq!(of("Vereniging Leden", None).as_deref(), Some("leden"));
        assert_eq!(of("VNG", None).as_deref(), Some("vng"));
        let vng = of_response(
            Some("Vereniging Nederlandse Gemeenten (VNG)"),
            org,
            "",
            None,
        )
        .unwrap();
        assert_eq!(vng.alias.as_deref(), Some("vng"));
        assert_eq!(
            of("Jan Jansen", None),
            None,
            "a person's name is no organisation's"
        );
        // A person who names an employer but writes for themselves: never linked.
        assert_eq!(
            of_response(Some("ING (Mr A Jansen)"), Respondent::Individual, "", None),
            None
        );
        assert_eq!(
            of_response(Some("Anoniem"), Respondent::Anonymous, "", None),
            None
        );
    }

    #[test]
    fn ids_are_stable_and_aliases_resolve() {
        assert_eq!(id("amnesty international"), id("amnesty international"));
        assert_ne!(id("humanitas"), id("humanitas dmh"));
        assert!(id("x").starts_with("o-") && id("x").len() == 14);
        let vng = normalize("Vereniging Nederlandse Gemeenten (VNG)").unwrap();
        let aliases: std::collections::HashMap<String, String> =
            [(vng.alias.clone().unwrap(), vng.key.clone())].into();
        assert_eq!(resolve(&key("VNG"), &aliases), vng.key);
        assert_eq!(resolve(&key("Humanitas"), &aliases), "humanitas");
    }

    #[test]
    fn confusable_names_stay_apart() {
        assert_ne!(key("Humanitas"), key("Humanitas DMH"));
        assert_ne!(key("ING"), key("ING bank"));
        assert_ne!(key("Raad van State"), key("Raad voor de rechtspraak"));
        // A country that is the name itself is not a suffix to drop.
        assert_eq!(key("Nederland"), "nederland");
        assert_eq!(key("Stichting"), "");
    }

    #[test]
    fn an_abbreviation_the_name_spells_out_is_an_alias() {
        let vng = normalize("Vereniging Nederlandse Gemeenten (VNG)").unwrap();
        assert_eq!(vng.key, "nederlandse gemeenten");
        assert_eq!(vng.alias.as_deref(), Some("vng"));
        assert_eq!(vng.display, "Vereniging Nederlandse Gemeenten");
        let vng = normalize("Vereniging van Nederlandse Gemeenten (VNG)").unwrap();
        assert_eq!(vng.alias.as_deref(), Some("vng"));
        // A person in parentheses is no alias.
        assert_eq!(
            normalize("Amnesty International (J. Jansen)")
                .unwrap()
                .alias,
            None
        );
        assert_eq!(
            normalize("INGKA Digital BV (IKEA) (M Usman)")
                .unwrap()
                .alias,
            None
        );
    }
}
