//! Language detection with whatlang, restricted to the languages that occur in Dutch
//! consultations. Unrestricted, whatlang takes short Dutch text for Afrikaans (8 of the 1,665
//! responses in the naturalisatietermijn corpus); restricted, it gets every Dutch response right
//! and its remaining mistakes are all flagged unreliable, so those are indexed as `und`.

use whatlang::{Detector, Lang};

/// The languages a document can be detected as, with their ISO 639-1 codes.
pub const LANGUAGES: [(Lang, &str); 12] = [
    (Lang::Nld, "nl"),
    (Lang::Eng, "en"),
    (Lang::Deu, "de"),
    (Lang::Fra, "fr"),
    (Lang::Spa, "es"),
    (Lang::Ita, "it"),
    (Lang::Por, "pt"),
    (Lang::Pol, "pl"),
    (Lang::Tur, "tr"),
    (Lang::Ara, "ar"),
    (Lang::Ukr, "uk"),
    (Lang::Rus, "ru"),
];

/// The code for text whose language is not known reliably.
pub const UNDETERMINED: &str = "und";

/// Detection looks at this many bytes at most: more text does not change the answer.
const SAMPLE_BYTES: usize = 20_000;

/// A detector restricted to [`LANGUAGES`].
pub struct LanguageDetector {
    detector: Detector,
}

impl Default for LanguageDetector {
    fn default() -> Self {
        LanguageDetector {
            detector: Detector::with_allowlist(LANGUAGES.iter().map(|(l, _)| *l).collect()),
        }
    }
}

impl LanguageDetector {
    /// The ISO 639-1 code of the text's language, or `und` when unsure or empty.
    pub fn detect(&self, text: &str) -> &'static str {
        let sample = truncate(text, SAMPLE_BYTES);
        match self.detector.detect(sample) {
            Some(info) if info.is_reliable() => iso639_1(info.lang()).unwrap_or(UNDETERMINED),
            _ => UNDETERMINED,
        }
    }
}

/// The ISO 639-1 code of one of [`LANGUAGES`].
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    LANGUAGES.iter().find(|(l, _)| *l == lang).map(|(_, c)| *c)
}

/// True for a code a user may filter on.
pub fn is_known_code(code: &str) -> bool {
    code == UNDETERMINED || LANGUAGES.iter().any(|(_, c)| *c == code)
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dutch_is_not_afrikaans() {
        let d = LanguageDetector::default();
        let text = "Ik ben het niet eens met dit voorstel omdat het de integratie van \
                    mensen die hier al jaren wonen en werken ernstig zal belemmeren.";
        assert_eq!(d.detect(text), "nl");
        // The unrestricted detector is the reason for the allowlist.
        assert_ne!(
            whatlang::detect("Dat is geen goed idee").map(|i| i.lang()),
            Some(Lang::Nld)
        );
        assert_ne!(d.detect("Dat is geen goed idee"), "af");
    }

    #[test]
    fn english_german_and_unsure() {
        let d = LanguageDetector::default();
        assert_eq!(
            d.detect("I strongly object to this proposal because it will harm families who have lived here for years."),
            "en"
        );
        assert_eq!(
            d.detect("Die Auswirkungen des Prostituiertenschutzgesetzes auf die Prostitutionsszene in Nordrhein-Westfalen wurden untersucht."),
            "de"
        );
        assert_eq!(d.detect(""), UNDETERMINED);
        assert_eq!(d.detect("ok"), UNDETERMINED);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let s = "é".repeat(20);
        assert_eq!(truncate(&s, 5).len(), 4);
    }
}
