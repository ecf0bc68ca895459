//! How a hyphen at the end of a line varies in the text of real PDF letters, in Dutch, English,
//! German and French: written from how typesetting breaks words and how people write compounds,
//! not from the rule that reads them. Each case is the text as a PDF gives it (pages split by a
//! form feed, `\u{c}`) and the text as its writer meant it, with white space collapsed (a line
//! break and a space read alike; pages stay apart).

/// (as the PDF gives it, as it was meant)
pub(super) const CASES: &[(&str, &str)] = &[
    // Words broken by the typesetter: the hyphen goes and the halves join.
    (
        "Voor gezin-\nnen met een kind in het speciaal onderwijs",
        "Voor gezinnen met een kind in het speciaal onderwijs",
    ),
    (
        "de verant-\nwoordelijkheid van de gemeente",
        "de verantwoordelijkheid van de gemeente",
    ),
    (
        "before the con-\nsultation closes",
        "before the consultation closes",
    ),
    (
        "die Verant-\nwortung der Kommune",
        "die Verantwortung der Kommune",
    ),
    (
        "la responsa-\nbilité des communes",
        "la responsabilité des communes",
    ),
    // A letter outside ASCII before the hyphen, or after it.
    (
        "een inbreuk op het privé-\nleven",
        "een inbreuk op het privéleven",
    ),
    (
        "die Ver-\nänderung des Gesetzes",
        "die Veränderung des Gesetzes",
    ),
    // Spaces around the line break, a Windows line end.
    (
        "wij vragen de ge- \r\n  meente om",
        "wij vragen de gemeente om",
    ),
    // The rest of the word carries punctuation.
    (
        "in de ge-\nmeente, en daarbuiten",
        "in de gemeente, en daarbuiten",
    ),
    ("(zie de bij-\nlage)", "(zie de bijlage)"),
    // Two broken words on consecutive lines; a line that is only the rest of the word.
    (
        "een zeer lang-\ndurige ver-\nbintenis",
        "een zeer langdurige verbintenis",
    ),
    (
        "Voor gezin-\nnen\nmet een kind",
        "Voor gezinnen met een kind",
    ),
    // Two letters are a syllable too.
    ("het ex-\namen", "het examen"),
    // Broken where a trema stood: Dutch hyphenation drops it (financiële, geïnformeerd,
    // geëist, coördinatie); the joined word lacks it, as the PDF did.
    ("financi-\nele gevolgen", "financiele gevolgen"),
    ("wij zijn ge-\ninformeerd", "wij zijn geinformeerd"),
    ("is ge-\neist door", "is geeist door"),
    ("de co-\nordinatie", "de coordinatie"),
    ("de ide-\neën van", "de ideeën van"),
    // Three equal consonants are German spelling, not a hyphen's sign.
    ("die Schiff-\nfahrt", "die Schifffahrt"),
    // A hyphen of the word itself, at a line end: it stays and the halves join.
    (
        "in de kop van Noord-\nHolland, en er rijdt",
        "in de kop van Noord-Holland, en er rijdt",
    ),
    ("familie in Zuid-\nAfrika", "familie in Zuid-Afrika"),
    ("in Nordrhein-\nWestfalen", "in Nordrhein-Westfalen"),
    ("een anti-\nEuropese koers", "een anti-Europese koers"),
    (
        "Wij stuurden een e-\nmail. Op die e-mail kwam geen antwoord.",
        "Wij stuurden een e-mail. Op die e-mail kwam geen antwoord.",
    ),
    // One letter before the hyphen is no syllable a typesetter leaves behind.
    ("bereikbaar per e-\nmail", "bereikbaar per e-mail"),
    // Abbreviations in compounds: no vowel, or capitals.
    ("het btw-\ntarief", "het btw-tarief"),
    ("de ggz-\ninstelling", "de ggz-instelling"),
    ("de AOW-\nleeftijd", "de AOW-leeftijd"),
    (
        "de ICT-\nsystemen van de Belastingdienst",
        "de ICT-systemen van de Belastingdienst",
    ),
    // Digits on either side.
    (
        "tijdens de COVID-\n19 pandemie",
        "tijdens de COVID-19 pandemie",
    ),
    ("in de periode 2024-\n2025", "in de periode 2024-2025"),
    ("voor 18-\njarigen", "voor 18-jarigen"),
    // Dutch writes a hyphen where vowels would run together (klinkerbotsing).
    ("een zee-\negel", "een zee-egel"),
    ("een twee-\neiige tweeling", "een twee-eiige tweeling"),
    ("de mede-\neigenaar", "de mede-eigenaar"),
    ("een auto-\nongeluk", "een auto-ongeluk"),
    // Lowercase compounds with a hyphen of their own.
    ("de oud-\nminister", "de oud-minister"),
    ("het cao-\nakkoord", "het cao-akkoord"),
    (
        "le porte-\nparole du ministère",
        "le porte-parole du ministère",
    ),
    // A word with a hyphen already, broken again.
    ("Noord-Brabant-\nse gemeenten", "Noord-Brabantse gemeenten"),
    // The same text says how it writes the word.
    (
        "de oud-\nminister sprak. Ook oud-minister Jansen sprak.",
        "de oud-minister sprak. Ook oud-minister Jansen sprak.",
    ),
    (
        "het cao-\nakkoord en het cao-akkoord van vorig jaar",
        "het cao-akkoord en het cao-akkoord van vorig jaar",
    ),
    (
        "Stuur ons een e-\nmail. Een email is snel.",
        "Stuur ons een email. Een email is snel.",
    ),
    (
        "ZORG-\nVERZEKERAARS moeten betalen. De zorgverzekeraars weigeren.",
        "ZORGVERZEKERAARS moeten betalen. De zorgverzekeraars weigeren.",
    ),
    (
        "de mede-\neigenaar\u{c}Als mede-eigenaar heeft zij recht op inzage.",
        "de mede-eigenaar\u{c}Als mede-eigenaar heeft zij recht op inzage.",
    ),
    (
        "the materi-\nals are scarce. These materials cost more.",
        "the materials are scarce. These materials cost more.",
    ),
    // Suspended compounds: the hyphen stands for the word left out, and a space follows it.
    (
        "de gezondheids- en welzijnszorg",
        "de gezondheids- en welzijnszorg",
    ),
    (
        "de gezondheids-\nen welzijnszorg",
        "de gezondheids- en welzijnszorg",
    ),
    ("in de land- of tuinbouw", "in de land- of tuinbouw"),
    ("in de land-\nof tuinbouw", "in de land- of tuinbouw"),
    (
        "een zorg-\nof welzijnsinstelling",
        "een zorg- of welzijnsinstelling",
    ),
    ("de in- en uitvoer", "de in- en uitvoer"),
    ("de in-\nen uitvoer", "de in- en uitvoer"),
    (
        "voor vier-\ntot twaalfjarigen",
        "voor vier- tot twaalfjarigen",
    ),
    ("voor 4-\ntot 12-jarigen", "voor 4- tot 12-jarigen"),
    (
        "zowel markt-\nals overheidspartijen",
        "zowel markt- als overheidspartijen",
    ),
    ("pre-\nand post-war housing", "pre- and post-war housing"),
    (
        "public-\nor private-sector bodies",
        "public- or private-sector bodies",
    ),
    (
        "die Kinder-\nund Jugendhilfe",
        "die Kinder- und Jugendhilfe",
    ),
    (
        "nach Bundes-\noder Landesrecht",
        "nach Bundes- oder Landesrecht",
    ),
    (
        "la micro-\net macro-économie",
        "la micro- et macro-économie",
    ),
    // Line ends that are no broken word.
    ("artikel 7:\nde minister", "artikel 7: de minister"),
    // A paragraph break: no word runs on across it.
    ("Voor gezin-\n\nnen met", "Voor gezin- nen met"),
    // List items.
    (
        "Wij vragen:\n- punt een\n- punt twee",
        "Wij vragen: - punt een - punt twee",
    ),
    ("de kosten-\n- punt twee", "de kosten- - punt twee"),
    ("de kosten -\nen baten", "de kosten - en baten"),
    // The end of the text.
    ("met de groeten van gezin-", "met de groeten van gezin-"),
    // Dashes are punctuation, not hyphens.
    (
        "de periode 2024\u{2013}\n2025",
        "de periode 2024\u{2013} 2025",
    ),
    ("het plan\u{2014}\nen dat is", "het plan\u{2014} en dat is"),
    // The end of a page: the word runs on to the next page; it is kept on the page where it
    // starts.
    (
        "Voor gezin-\u{c}nen met een kind",
        "Voor gezinnen\u{c}met een kind",
    ),
    (
        "in de kop van Noord-\u{c}Holland, en er rijdt",
        "in de kop van Noord-Holland,\u{c}en er rijdt",
    ),
    // A page that starts with its page number: what follows it is not the rest of the word.
    ("Voor gezin-\u{c}3\nnen met", "Voor gezin-\u{c}3 nen met"),
    // Soft hyphens (U+00AD) mark where a word may break: one at a line end is a break, one
    // inside a line is invisible. After a hyphen-minus it marks a break at the word's own hyphen.
    ("Voor gezin\u{ad}\nnen met", "Voor gezinnen met"),
    ("WERK\u{ad}\nGEVERS betalen", "WERKGEVERS betalen"),
    ("ge\u{ad}zin\u{ad}nen met een kind", "gezinnen met een kind"),
    ("cross-\u{ad}\nsectional data", "cross-sectional data"),
    // The Unicode hyphen (U+2010) is both; the non-breaking hyphen (U+2011) is the word's own.
    ("Voor gezin\u{2010}\nnen met", "Voor gezinnen met"),
    (
        "kop van Noord\u{2010}\nHolland",
        "kop van Noord\u{2010}Holland",
    ),
    ("per e\u{2011}\nmail", "per e\u{2011}mail"),
    (
        "sociaal\u{2011}\neconomisch beleid",
        "sociaal\u{2011}economisch beleid",
    ),
];

/// Text with white space collapsed within each page, pages apart: what the cases compare.
pub(super) fn collapsed(pages: &[String]) -> String {
    pages
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\u{c}")
}

/// The cases a rule gets wrong: (as the PDF gives it, what the rule made of it).
pub(super) fn wrong(rule: impl Fn(&[String]) -> Vec<String>) -> Vec<(&'static str, String)> {
    CASES
        .iter()
        .filter_map(|&(pdf, meant)| {
            let pages: Vec<String> = pdf.split('\u{c}').map(str::to_string).collect();
            let got = collapsed(&rule(&pages));
            (got != meant).then_some((pdf, got))
        })
        .collect()
}
