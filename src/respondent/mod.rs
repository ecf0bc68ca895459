//! Who responded: an organisation, an individual, or someone anonymous. An advocate looking
//! for what the organisations said must not wade through hundreds of personal copies, so every
//! response (and its attachment) carries a respondent type to filter and count by.
//!
//! The site's name field is a poor guide on its own: people who fill in the optional
//! organisation field appear as "Organisation (Person)", and in real consultations that is most
//! often their employer ("ING (Mr …)", "Tilburg university (…)") while the text says "ik" or
//! "we" for a family. So the name (`names.rs`) and the text (`text.rs`) decide together, in
//! [`classify`]; where they cannot, the response is a person's, whose name is then hidden in
//! public and never joins an organisation.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

mod names;
mod text;

pub(crate) use names::{
    is_anonymous, is_initialism, is_organisation_name, is_placeholder, looks_like_person,
    split_name, surname_reading, undotted,
};
use names::{ASSOCIATION, NAMENS_IN_NAME};
pub use text::letterhead;
use text::{
    has_letterhead, names_itself, names_whole, opening, PLURAL, SINGULAR, SPEAKS_FOR,
    SPEAKS_FOR_NAMED,
};
pub(crate) use text::{named_in_text, speaks_as};
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

/// "De Dierenbescherming": "De" and one word.
static ARTICLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^De\s+\p{Lu}\S+$").expect("static regex"));

/// "Wij als Nederlandse Politiebond": speaking as an organisation, named.
static WIJ_ALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Ww]ij\s+als\s+(de\s+|het\s+)?\p{Lu}").expect("static regex"));

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
