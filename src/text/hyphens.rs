//! Words broken at the end of a PDF line. Typeset text hyphenates a word where its line ends
//! ("gezin-" / "nen"), and a PDF keeps the halves on two lines; a hyphen at a line end may also
//! be the word's own ("Noord-" / "Holland", "e-" / "mail") or stand for the word a suspended
//! compound leaves out ("gezondheids-" / "en welzijnszorg").

#[cfg(test)]
mod cases;

#[cfg(test)]
mod tests {
    use super::cases;

    /// pdf_oxide's `extract_text` joins the halves itself when both sides of the line break
    /// are ASCII lowercase letters (`dehyphenate_line_breaks`): suspended compounds, "e-mail"
    /// and "zee-egel" too, and nothing outside ASCII. This is what that rule alone makes of
    /// the cases (`cargo test --lib hyphens -- --nocapture` lists them).
    #[test]
    fn what_pdf_oxide_alone_makes_of_the_cases() {
        let wrong = cases::wrong(|pages| {
            pages
                .iter()
                .map(|p| pdf_oxide::converters::whitespace::dehyphenate_line_breaks(p))
                .collect()
        });
        for (pdf, got) in &wrong {
            eprintln!("pdf_oxide: {pdf:?}\n        -> {got:?}");
        }
        let right = cases::CASES.len() - wrong.len();
        eprintln!(
            "pdf_oxide alone: {right} of {} cases right",
            cases::CASES.len()
        );
        assert_eq!(right, 33, "pdf_oxide's own dehyphenation changed");
    }
}
