//! Language detection with whatlang, restricted to the languages that occur in Dutch
//! consultations. Unrestricted, whatlang takes short Dutch text for Afrikaans (8 of the 1,665
//! responses in the naturalisatietermijn corpus); restricted, it gets every Dutch response right
//! and its remaining mistakes are all flagged unreliable, so those are indexed as `und`.

use whatlang::{Detector, Lang};

/// The languages a document can be detected as, with their ISO 639-1 codes.
pub(crate) const LANGUAGES: [(Lang, &str); 12] = [
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

/// A longer text is sampled in this many slices spread over it, because its first pages (a
/// title page, a list of contributors, the table of contents) often say little about its
/// language: from its first 20,000 bytes, gnuplot's 311-page English manual was undetermined.
const SAMPLE_SLICES: usize = 4;

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
        match self.detector.detect(&sample(text)) {
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
pub(crate) fn is_known_code(code: &str) -> bool {
    code == UNDETERMINED || LANGUAGES.iter().any(|(_, c)| *c == code)
}

/// The text itself when it is short; else [`SAMPLE_SLICES`] slices centred on evenly spaced
/// points, [`SAMPLE_BYTES`] in all.
fn sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SAMPLE_BYTES {
        return text.into();
    }
    let slice = SAMPLE_BYTES / SAMPLE_SLICES;
    let mut out = String::with_capacity(SAMPLE_BYTES + SAMPLE_SLICES);
    for i in 0..SAMPLE_SLICES {
        let centre = (2 * i + 1) * text.len() / (2 * SAMPLE_SLICES);
        let start = crate::text::floor_char_boundary(text, centre.saturating_sub(slice / 2));
        let end = crate::text::floor_char_boundary(text, (start + slice).min(text.len()));
        out.push_str(&text[start..end]);
        out.push('\n');
    }
    out.into()
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
    fn samples_respect_char_boundaries_and_size() {
        let s = "é".repeat(30_000);
        let sampled = sample(&s);
        assert!(sampled.len() <= SAMPLE_BYTES + SAMPLE_SLICES);
        assert!(sampled.len() >= SAMPLE_BYTES - 2 * SAMPLE_SLICES);
        assert_eq!(sample("kort"), "kort");
    }

    #[test]
    fn a_long_report_is_known_by_its_body_not_its_front_matter() {
        // A title page, contributors and a table of contents, then the report itself.
        let mut text = String::from("GNUPLOT 5.4\nAn Interactive Plotting Program\n");
        for i in 0..700 {
            text.push_str(&format!(
                "Bröker Hæmmerle Kühnel Müller-{i} . . . . . . {i}\n"
            ));
        }
        while text.len() < 200_000 {
            text.push_str(
                "The plot command draws the data in the file with the style that was set \
                 before, and every later replot draws it again with the same options.\n",
            );
        }
        assert_eq!(LanguageDetector::default().detect(&text), "en");
    }
}
