//! PDF text per page, with the title, author and date the file's Info dictionary records.
//! pdf_oxide does the work: it had the best agreement with poppler on real consultation PDFs,
//! expands ligatures and recovers damaged files. It runs in the bounded worker process
//! ([`super::worker`]), never in the crawler or the server.

use super::worker::FileText;

/// Extracts in this process. Use [`super::worker::Extractor`] instead unless you are the
/// worker or a fuzz target.
pub fn extract_in_process(bytes: Vec<u8>) -> Result<FileText, String> {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err("not a PDF (no %PDF header)".into());
    }
    // Whether the file ends as a PDF must: a download cut short does not.
    let tail = bytes[bytes.len().saturating_sub(1024)..].to_vec();
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes).map_err(|e| e.to_string())?;
    if page_tree_loops(&doc) {
        return Err("the PDF's page tree loops back on itself".into());
    }
    let n = doc.page_count().map_err(|e| {
        if doc.is_encrypted() {
            format!("the PDF is encrypted and cannot be opened without its password ({e})")
        } else {
            e.to_string()
        }
    })?;
    if n == 0 {
        return Err("the PDF has no pages".to_string());
    }
    let mut pages = Vec::with_capacity(n);
    let mut failed = 0;
    for i in 0..n {
        // A page that fails is kept as an empty page so that page numbers stay right.
        let text = doc.extract_text(i).unwrap_or_else(|_| {
            failed += 1;
            String::new()
        });
        pages.push(super::site::normalize_lines(&text));
    }
    let blank = pages.iter().all(|p| p.trim().is_empty());
    if doc.is_encrypted() && blank {
        return Err("the PDF is encrypted and its text could not be read".to_string());
    }
    let truncated = !tail.windows(5).any(|w| w == b"%%EOF");
    if truncated && blank {
        return Err(
            "the PDF is truncated (no end-of-file marker) and no text could be recovered".into(),
        );
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
pub fn pdf_date(s: &str) -> Option<String> {
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
    fn placeholder_titles_are_no_titles() {
        assert!(!is_real_title("Microsoft Word - brief.docx"));
        assert!(!is_real_title("rapport.pdf"));
        assert!(is_real_title("Evaluatie Prostituiertenschutzgesetz"));
    }
}
