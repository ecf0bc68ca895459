//! PDF text per page, with the title, author and date the file's Info dictionary records.
//! pdf_oxide does the work: it had the best agreement with poppler on real multi-page PDFs,
//! expands ligatures and recovers damaged files. It runs in the bounded worker process
//! ([`super::worker`]), never in the crawler or the server.

use super::FileText;

/// Extracts in this process. Use [`super::worker::Extractor`] instead unless you are the
/// worker or a fuzz target.
///
/// A file whose cross-reference table is damaged (entries that point to the wrong bytes, as an
/// editing tool that does not update them leaves it) can defeat pdf_oxide 0.3.78: it panics
/// (it slices a string inside a character when an entry points into binary bytes; every panic
/// the fuzzer found was that one), finds no pages, or reads a page as blank. Such a file with a
/// blank page, and any whose first read fails for its structure, is read again with the table
/// hidden, so that pdf_oxide rebuilds it by scanning the file for objects, as poppler does.
/// The second read is kept, marked damaged, when it recovers more words; else the first result
/// stands (a panic then goes to the worker, which records it).
pub(crate) fn extract_in_process(bytes: Vec<u8>) -> Result<FileText, String> {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err("not a PDF (no %PDF header)".into());
    }
    let first = on_fresh_thread(|| extract(bytes.clone()));
    let why = match &first {
        // Only a blank page can be a page pdf_oxide lost: a file it read whole is not read twice.
        Ok(Ok(t)) if t.pages.iter().any(|p| p.trim().is_empty()) && xref_points_astray(&bytes) => {
            Some("cross-reference entries point to the wrong bytes".to_string())
        }
        Ok(Ok(_)) | Ok(Err(Failure::Final(_))) => None,
        Ok(Err(Failure::Damaged(e))) => Some(e.clone()),
        // The panic's message quotes the file's bytes: not for a one-line reason.
        Err(_) => Some("the parser crashed on it".to_string()),
    };
    if let Some(why) = why {
        let second = without_xref(&bytes).map(|hidden| on_fresh_thread(move || extract(hidden)));
        if let Some(Ok(Ok(mut text))) = second {
            let before = match &first {
                Ok(Ok(t)) => words(t),
                _ => 0,
            };
            if words(&text) > before {
                let recovered = text.pages.iter().filter(|p| !p.trim().is_empty()).count();
                text.damage = Some(format!(
                    "the PDF is damaged ({why}); text recovered from {recovered} of {} pages \
                     by rebuilding its cross-reference table",
                    text.pages.len()
                ));
                return Ok(text);
            }
        }
    }
    match first {
        Ok(result) => result.map_err(|(Failure::Final(e) | Failure::Damaged(e))| e),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn words(text: &FileText) -> usize {
    text.pages
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum()
}

/// Whether an entry of a cross-reference table (the classic `xref` sections; streams are not
/// read) points somewhere other than its object's `N G obj` header.
fn xref_points_astray(bytes: &[u8]) -> bool {
    for at in memchr::memmem::find_iter(bytes, b"xref") {
        if at > 0 && !matches!(bytes[at - 1], b'\n' | b'\r') {
            continue; // `startxref`, or the word in a string
        }
        let mut tokens = Tokens { bytes, pos: at + 4 };
        // Subsections: a header `first count`, then `count` entries `offset generation n|f`.
        while let Some((first, count)) = tokens.subsection_header() {
            for id in first..first.saturating_add(count) {
                let (Some(offset), Some(generation), Some(kind)) =
                    (tokens.number(), tokens.number(), tokens.word())
                else {
                    return true;
                };
                if kind == b"n" && offset > 0 && !object_header_at(bytes, offset, id, generation) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `N G obj` for this object starts at `offset`, after white space.
fn object_header_at(bytes: &[u8], offset: u64, id: u64, generation: u64) -> bool {
    let Ok(offset) = usize::try_from(offset) else {
        return false;
    };
    if offset >= bytes.len() {
        return false;
    }
    let mut t = Tokens { bytes, pos: offset };
    t.number() == Some(id) && t.number() == Some(generation) && t.word() == Some(b"obj")
}

/// White-space separated tokens of a cross-reference table.
struct Tokens<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    fn word(&mut self) -> Option<&'a [u8]> {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
        let start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric())
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.bytes[start..self.pos])
    }

    fn number(&mut self) -> Option<u64> {
        let w = self.word()?;
        std::str::from_utf8(w).ok()?.parse().ok()
    }

    /// The next subsection's `first count`, or `None` at `trailer` or anything else.
    fn subsection_header(&mut self) -> Option<(u64, u64)> {
        let save = self.pos;
        let header = self.number().zip(self.number());
        if header.is_none() {
            self.pos = save;
        }
        header
    }
}

/// Runs `f` on a thread of its own and returns its panic, if it panics. pdf_oxide keeps
/// per-thread state while it resolves objects, which a panic leaves behind: a second read on
/// the same thread failed where a fresh one succeeded.
fn on_fresh_thread<T: Send>(f: impl FnOnce() -> T + Send) -> std::thread::Result<T> {
    /// The main thread's stack size: pdf_oxide recurses through nested objects.
    const STACK_BYTES: usize = 8 << 20;
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, f)
            .expect("a thread for the PDF parser")
            .join()
    })
}

/// Why a read failed.
enum Failure {
    /// Reading the file another way cannot help: it is encrypted, or its page tree loops.
    Final(String),
    /// Its structure is broken: a rebuilt cross-reference table may help.
    Damaged(String),
}

/// The file with its cross-reference table hidden: the `startxref` keywords and `xref` at the
/// start of a line blanked, offsets unchanged, so that a reader rebuilds the table by scanning
/// for objects. `None` when it has neither.
fn without_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = bytes.to_vec();
    let mut found = false;
    for at in memchr::memmem::find_iter(bytes, b"xref") {
        let start = if at >= 5 && &bytes[at - 5..at] == b"start" {
            Some(at - 5)
        } else if at == 0 || matches!(bytes[at - 1], b'\n' | b'\r') {
            Some(at)
        } else {
            None
        };
        if let Some(start) = start {
            out[start..at + 4].fill(b' ');
            found = true;
        }
    }
    found.then_some(out)
}

fn extract(bytes: Vec<u8>) -> Result<FileText, Failure> {
    use Failure::{Damaged, Final};
    // Whether the file ends as a PDF must: a download cut short does not.
    let tail = bytes[bytes.len().saturating_sub(1024)..].to_vec();
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes).map_err(|e| Damaged(e.to_string()))?;
    if page_tree_loops(&doc) {
        return Err(Final("the PDF's page tree loops back on itself".into()));
    }
    let n = doc.page_count().map_err(|e| {
        if doc.is_encrypted() {
            Final(format!(
                "the PDF is encrypted and cannot be opened without its password ({e})"
            ))
        } else {
            Damaged(e.to_string())
        }
    })?;
    if n == 0 {
        return Err(Damaged("the PDF has no pages".to_string()));
    }
    let mut pages = Vec::with_capacity(n);
    let mut failed = 0;
    for i in 0..n {
        // A page that fails is kept as an empty page so that page numbers stay right.
        let text = match doc.extract_text(i) {
            // The page's spans are cached by the read that made its text.
            Ok(text) => split_joined_line_ends(&text, &doc.extract_spans(i).unwrap_or_default()),
            Err(_) => {
                failed += 1;
                String::new()
            }
        };
        pages.push(text);
    }
    // Whether a hyphen at a line end breaks a word is read from the whole file's text.
    let pages: Vec<String> = crate::text::hyphens::join_broken_words(&pages)
        .iter()
        .map(|p| crate::text::normalize_lines(p))
        .collect();
    let blank = pages.iter().all(|p| p.trim().is_empty());
    if doc.is_encrypted() && blank {
        return Err(Final(
            "the PDF is encrypted and its text could not be read".to_string(),
        ));
    }
    let truncated = !tail.windows(5).any(|w| w == b"%%EOF");
    if truncated && blank {
        return Err(Damaged(
            "the PDF is truncated (no end-of-file marker) and no text could be recovered".into(),
        ));
    }
    let damage = (truncated || failed > 0).then(|| {
        let with_text = pages.iter().filter(|p| !p.trim().is_empty()).count();
        let why = if truncated {
            "truncated: no end-of-file marker".to_string()
        } else {
            format!("{failed} pages do not parse")
        };
        format!("the PDF is damaged ({why}); text recovered from {with_text} of {n} pages")
    });
    let info = info_dictionary(&doc);
    let get = |key: &str| {
        info.as_ref()
            .and_then(|d| d.get(key))
            .and_then(|o| o.as_string())
            .map(pdf_oxide::optional_content::decode_pdf_text_string)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(FileText {
        pages,
        title: get("Title").filter(|t| is_real_title(t)),
        author: get("Author"),
        date: get("CreationDate").and_then(|d| pdf_date(&d)),
        damage,
    })
}

/// A page's text with the words pdf_oxide joined at line ends split again as the page has them
/// (`gezin-` / `nen`), for [`crate::text::hyphens::join_broken_words`] to read. pdf_oxide 0.3.78
/// joins every ASCII lowercase letter, hyphen, line break and ASCII lowercase letter into one
/// word and one line: suspended compounds ("gezondheids-" / "en welzijnszorg" becomes
/// "gezondheidsen welzijnszorg"), "e-" / "mail" and "zee-" / "egel" too. The page's spans show
/// where a line ended in such a hyphen and the next began. A joined word is split again only
/// where the text holds it exactly as often as the spans break it: a word the page also writes
/// whole stays joined, which is how the rule would read it anyway.
fn split_joined_line_ends(text: &str, spans: &[pdf_oxide::layout::TextSpan]) -> String {
    use std::collections::HashMap;
    let lower = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase());
    let spans: Vec<_> = spans.iter().filter(|s| !s.text.trim().is_empty()).collect();
    // The joined word → where the line broke it and how often; `None` when two breaks would
    // cut it differently.
    let mut breaks: HashMap<String, Option<(usize, usize)>> = HashMap::new();
    for pair in spans.windows(2) {
        let (a, b) = (pair[0].text.trim_end(), pair[1].text.trim_start());
        let Some(before) = a.strip_suffix('-') else {
            continue;
        };
        let other_line = (pair[0].bbox.y - pair[1].bbox.y).abs()
            > pair[0].font_size.max(pair[1].font_size) / 2.0;
        if other_line && lower(before.chars().next_back()) && lower(b.chars().next()) {
            let end = &before[word_spans(before).last().map_or(0, |w| w.0)..];
            let start = &b[..word_spans(b).first().map_or(0, |w| w.1)];
            let entry = breaks
                .entry(format!("{end}{start}"))
                .or_insert(Some((end.len(), 0)));
            *entry = entry
                .filter(|(cut, _)| *cut == end.len())
                .map(|(cut, n)| (cut, n + 1));
        }
    }
    if breaks.is_empty() {
        return text.to_string();
    }
    let words = word_spans(text);
    let mut held: HashMap<&str, usize> = HashMap::new();
    for &(s, e) in &words {
        *held.entry(&text[s..e]).or_insert(0) += 1;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &(s, e) in &words {
        let word = &text[s..e];
        if let Some(Some((cut, n))) = breaks.get(word) {
            if held.get(word) == Some(n) {
                out.push_str(&text[at..s + cut]);
                out.push_str("-\n");
                at = s + cut;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Where each word (a run of letters and digits) of a text starts and ends, in bytes.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Page-tree nodes a walk may visit before the tree counts as looping: a real tree has about
/// one node per page.
const MAX_PAGE_TREE_VISITS: usize = 1_000_000;

/// Whether the page tree lists a node inside itself (`2 0 obj << /Type /Pages /Kids [2 0 R
/// 2 0 R] >>`), or branches into more nodes than [`MAX_PAGE_TREE_VISITS`]. pdf_oxide 0.3.78
/// counts pages without remembering which nodes it has seen, down to a depth of 50, so such a
/// tree takes it 2^50 steps; every such file the fuzzer found (`tests/fixtures/README.md`) would
/// hold a worker until its time limit. Trees this walk cannot read are left to pdf_oxide.
fn page_tree_loops(doc: &pdf_oxide::PdfDocument) -> bool {
    fn walk(
        doc: &pdf_oxide::PdfDocument,
        node: pdf_oxide::object::ObjectRef,
        path: &mut Vec<pdf_oxide::object::ObjectRef>,
        visits: &mut usize,
    ) -> bool {
        /// Deeper than pdf_oxide goes (50).
        const MAX_DEPTH: usize = 64;
        *visits += 1;
        if *visits > MAX_PAGE_TREE_VISITS || path.contains(&node) {
            return true;
        }
        if path.len() >= MAX_DEPTH {
            return false;
        }
        let Ok(obj) = doc.load_object(node) else {
            return false;
        };
        let Some(dict) = obj.as_dict() else {
            return false;
        };
        if dict.get("Type").and_then(|t| t.as_name()) != Some("Pages") {
            return false;
        }
        let Some(kids) = dict.get("Kids").and_then(|k| k.as_array()) else {
            return false;
        };
        path.push(node);
        let loops = kids
            .iter()
            .filter_map(|k| k.as_reference())
            .any(|kid| walk(doc, kid, path, visits));
        path.pop();
        loops
    }
    let root = doc.catalog().ok().and_then(|c| {
        c.as_dict()
            .and_then(|d| d.get("Pages"))
            .and_then(|p| p.as_reference())
    });
    root.is_some_and(|r| walk(doc, r, &mut Vec::new(), &mut 0))
}

fn info_dictionary(
    doc: &pdf_oxide::PdfDocument,
) -> Option<std::collections::HashMap<String, pdf_oxide::object::Object>> {
    let trailer = doc.trailer().as_dict()?;
    let info = trailer.get("Info")?;
    let info = match info.as_reference() {
        Some(r) => doc.load_object(r).ok()?,
        None => info.clone(),
    };
    info.as_dict().cloned()
}

/// Word processors fill the Title with the file name or a template's placeholder; those are
/// no title.
fn is_real_title(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    !(lower.ends_with(".docx")
        || lower.ends_with(".doc")
        || lower.ends_with(".pdf")
        || lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || lower == "title"
        || t.chars().filter(|c| c.is_alphabetic()).count() < 3)
}

/// A PDF date (`D:YYYYMMDDHHmmSS…`) as `YYYY-MM-DD`.
pub(crate) fn pdf_date(s: &str) -> Option<String> {
    let digits: String = s
        .trim_start_matches("D:")
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() < 4 {
        return None;
    }
    let year: i32 = digits[..4].parse().ok()?;
    let part = |r: std::ops::Range<usize>| digits.get(r).and_then(|p| p.parse::<u32>().ok());
    let month = part(4..6).unwrap_or(1);
    let day = part(6..8).unwrap_or(1);
    chrono::NaiveDate::from_ymd_opt(year, month, day)
        .filter(|_| (1990..=2100).contains(&year))
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        assert_eq!(
            pdf_date("D:20230915120000+02'00'").as_deref(),
            Some("2023-09-15")
        );
        assert_eq!(pdf_date("D:2019").as_deref(), Some("2019-01-01"));
        assert_eq!(pdf_date("D:20231345").as_deref(), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn the_cross_reference_table_is_hidden_in_place() {
        let pdf: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Note (an xref in text) >>\nendobj\n\
                          xref\n0 2\ntrailer\n<< /Root 1 0 R >>\nstartxref\n52\n%%EOF\n";
        let hidden = without_xref(pdf).unwrap();
        assert_eq!(hidden.len(), pdf.len());
        let text = String::from_utf8(hidden).unwrap();
        assert!(
            !text.contains("startxref") && !text.contains("\nxref"),
            "{text}"
        );
        assert!(text.contains("(an xref in text)") && text.contains("trailer"));
        assert_eq!(without_xref(b"%PDF-1.4 no table"), None);
    }

    #[test]
    fn placeholder_titles_are_no_titles() {
        assert!(!is_real_title("Microsoft Word - brief.docx"));
        assert!(!is_real_title("rapport.pdf"));
        assert!(is_real_title("Evaluatie Prostituiertenschutzgesetz"));
    }
}
