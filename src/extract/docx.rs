//! Word (DOCX) text: respondents sometimes attach a Word file instead of a PDF. A DOCX is a ZIP
//! of XML parts; the text is in `word/document.xml` (paragraphs and tables), with footnotes and
//! endnotes beside it, which is where letters put the sources they cite. Page breaks that Word
//! recorded (`w:br w:type="page"`, `w:lastRenderedPageBreak`) split the text into pages, so a
//! quote can be cited with the page the respondent saw. Like PDFs, DOCX files are parsed in the
//! bounded worker process; here the parts are also read with a size cap, so a ZIP bomb is an
//! error rather than an exhausted machine.

use std::io::Read;

use quick_xml::events::Event;

use super::worker::FileText;

/// The most bytes one XML part may inflate to.
pub const MAX_PART_BYTES: u64 = 256 << 20;

/// Extracts a DOCX's text per page, its title, author and date (from `docProps/core.xml`).
/// The error is a one-line reason to record.
pub fn extract_in_process(bytes: &[u8]) -> Result<FileText, String> {
    if !bytes.starts_with(b"PK") {
        return Err("not a Word document (no ZIP header)".into());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word document: {e}"))?;
    let main = read_part(&mut zip, "word/document.xml")?
        .ok_or_else(|| "not a Word document (no word/document.xml)".to_string())?;
    let mut pages = paragraphs(&main, true)?;
    for (part, heading) in [
        ("word/footnotes.xml", "Voetnoten"),
        ("word/endnotes.xml", "Eindnoten"),
    ] {
        if let Some(xml) = read_part(&mut zip, part)? {
            let notes = paragraphs(&xml, false)?.concat();
            if !notes.trim().is_empty() {
                // Notes go after the last page, where a reader of the printed letter finds
                // endnotes; footnotes lose their page but keep their text.
                let last = pages.last_mut().expect("at least one page");
                if !last.is_empty() {
                    last.push_str("\n\n");
                }
                last.push_str(heading);
                last.push('\n');
                last.push_str(notes.trim());
            }
        }
    }
    let pages: Vec<String> = pages
        .into_iter()
        .map(|p| super::site::normalize_lines(&p))
        .collect();
    let (title, author, date) = match read_part(&mut zip, "docProps/core.xml")? {
        Some(xml) => core_properties(&xml),
        None => (None, None, None),
    };
    Ok(FileText {
        pages,
        title,
        author,
        date,
        damage: None,
    })
}

fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: {e}"))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} inflates to more than {} MiB",
            MAX_PART_BYTES >> 20
        ));
    }
    Ok(Some(out))
}

/// The text of a WordprocessingML part, one string per page when `split_pages`. Paragraphs end
/// in a newline; table cells are separated by tabs and rows end in a newline, so a table reads
/// row by row. Public for the fuzz target that feeds it XML directly (past the ZIP checksums).
pub fn paragraphs(xml: &[u8], split_pages: bool) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut pages = vec![String::new()];
    let mut buf = Vec::new();
    let mut in_text = false;
    // Deleted text (tracked changes) is not what the document says.
    let mut deleted = 0u32;
    // Inside a table cell a paragraph ends with a space, so a row stays on one line.
    let mut cells = 0u32;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("the Word document's XML is broken: {e}"))?;
        let page = pages.last_mut().expect("at least one page");
        match ev {
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => in_text = true,
                "del" => deleted += 1,
                "tc" => cells += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "del" => deleted = deleted.saturating_sub(1),
                "p" if cells > 0 => page.push(' '),
                "p" => page.push('\n'),
                "tc" => {
                    cells = cells.saturating_sub(1);
                    page.truncate(page.trim_end_matches(' ').len());
                    page.push('\t');
                }
                "tr" => {
                    if page.ends_with('\t') {
                        page.pop();
                    }
                    page.push('\n');
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => page.push('\t'),
                "br" | "cr" => {
                    let is_page = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.local_name().into_inner() == "type" && a.value == "page");
                    if is_page && split_pages {
                        pages.push(String::new());
                    } else {
                        page.push('\n');
                    }
                }
                "lastRenderedPageBreak" if split_pages && !page.trim().is_empty() => {
                    pages.push(String::new())
                }
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => {
                let s: &str = t.as_ref();
                page.push_str(s);
            }
            Event::GeneralRef(r) if in_text && deleted == 0 => {
                if let Some(c) = r
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .or_else(|| entity(r.as_ref()))
                {
                    page.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(pages)
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Title, creator and creation date from `docProps/core.xml`.
fn core_properties(xml: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut title, mut author, mut date) = (None, None, None);
    let mut current: Option<String> = None;
    while let Ok(ev) = reader.read_event_into(&mut buf) {
        match ev {
            Event::Start(e) => current = Some(e.local_name().into_inner().to_string()),
            Event::End(_) => current = None,
            Event::Text(t) => {
                let value: &str = t.as_ref();
                let value = Some(value.trim().to_string()).filter(|s| !s.is_empty());
                match current.as_deref() {
                    Some("title") => title = value,
                    Some("creator") => author = value,
                    Some("created") => date = value.map(|d| d.chars().take(10).collect()),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    (title, author, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_page_breaks() {
        let xml = br#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>Geachte minister,</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Land</w:t></w:r></w:p></w:tc>
                         <w:tc><w:p><w:r><w:t>Jaar</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t xml:space="preserve">Wij &amp; zij </w:t></w:r><w:del><w:r><w:t>weg</w:t></w:r></w:del></w:p>
            <w:p><w:r><w:br w:type="page"/><w:t>Tweede pagina</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let pages = paragraphs(xml, true).unwrap();
        assert_eq!(pages.len(), 2);
        assert!(pages[0].contains("Geachte minister,"));
        assert!(pages[0].contains("Land"), "{:?}", pages[0]);
        assert!(pages[0].contains("Wij & zij"));
        assert!(!pages[0].contains("weg"));
        assert!(pages[1].contains("Tweede pagina"));
    }

    #[test]
    fn not_a_docx() {
        assert!(extract_in_process(b"hello").is_err());
        assert!(extract_in_process(b"PK\x03\x04garbage").is_err());
        assert!(extract_in_process(b"").is_err());
    }
}
