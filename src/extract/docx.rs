//! Word (DOCX) text: respondents sometimes attach a Word file instead of a PDF. A DOCX is a ZIP
//! of XML parts; the text is in `word/document.xml` (paragraphs and tables), with footnotes and
//! endnotes beside it, which is where letters put the sources they cite. Page breaks that Word
//! recorded (`w:br w:type="page"`, `w:lastRenderedPageBreak`) split the text into pages, so a
//! quote can be cited with the page the respondent saw. Like PDFs, DOCX files are parsed in the
//! bounded worker process; here the parts are also read with a size cap, so a ZIP bomb is an
//! error rather than an exhausted machine.

use std::io::Read;

use quick_xml::events::Event;

use super::FileText;

/// The most bytes one XML part may inflate to.
pub(crate) const MAX_PART_BYTES: u64 = 256 << 20;

/// Extracts a DOCX's text per page, its title, author and date (from `docProps/core.xml`).
/// The error is a one-line reason to record.
pub(crate) fn extract_in_process(bytes: &[u8]) -> Result<FileText, String> {
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
        .map(|p| crate::text::normalize_lines(&p))
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
pub(crate) fn paragraphs(xml: &[u8], split_pages: bool) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut pages = vec![String::new()];
    let mut buf = Vec::new();
    let mut in_text = false;
    // Inside these nothing counts: deleted and moved-away text (tracked changes) is not what
    // the document says, and `mc:Fallback` repeats a text box for older readers.
    let mut hidden = 0u32;
    let hides = |name: &str| matches!(name, "del" | "moveFrom" | "Fallback");
    // Inside a table cell a paragraph ends with a space, so a row stays on one line.
    let mut cells = 0u32;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("the Word document's XML is broken: {e}"))?;
        let page = pages.last_mut().expect("at least one page");
        match ev {
            Event::Start(e) if hides(e.local_name().as_ref()) => hidden += 1,
            Event::End(e) if hides(e.local_name().as_ref()) => hidden = hidden.saturating_sub(1),
            Event::Eof => break,
            _ if hidden > 0 => {}
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => in_text = true,
                "tc" => cells += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
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
            Event::Text(t) if in_text => {
                let s: &str = t.as_ref();
                page.push_str(s);
            }
            Event::GeneralRef(r) if in_text => page.extend(reference(&r)),
            _ => {}
        }
        buf.clear();
    }
    Ok(pages)
}

/// The character a reference between pieces of text stands for (`&#8217;`, `&amp;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    r.resolve_char_ref()
        .ok()
        .flatten()
        .or_else(|| entity(r.as_ref()))
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

/// Title, creator and creation date from `docProps/core.xml`. A value's text arrives in
/// pieces around its entities ("P&amp;G"), which are joined before it is kept.
fn core_properties(xml: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut title, mut author, mut date) = (None, None, None);
    let mut current: Option<String> = None;
    let mut value = String::new();
    while let Ok(ev) = reader.read_event_into(&mut buf) {
        match ev {
            Event::Start(e) => {
                current = Some(e.local_name().into_inner().to_string());
                value.clear();
            }
            Event::Text(t) if current.is_some() => value.push_str(t.as_ref()),
            Event::GeneralRef(r) if current.is_some() => value.extend(reference(&r)),
            Event::End(_) => {
                let v = Some(value.trim().to_string()).filter(|s| !s.is_empty());
                match current.take().as_deref() {
                    Some("title") => title = v,
                    Some("creator") => author = v,
                    Some("created") => date = v.map(|d| d.chars().take(10).collect()),
                    _ => {}
                }
                value.clear();
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

    /// Word 2010 and later store a text box twice: as a DrawingML shape (`mc:Choice`) and, for
    /// older readers, as VML (`mc:Fallback`). Tracked moves keep the moved-away text in
    /// `w:moveFrom`.
    #[test]
    fn text_boxes_once_and_moved_text_where_it_went() {
        let xml = br#"<w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="wps" xmlns:v="v"><w:body>
            <w:p><w:r><w:t xml:space="preserve">Voor het kader. </w:t></w:r>
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>
              <w:txbxContent><w:p><w:r><w:t>Kadertekst</w:t></w:r></w:p></w:txbxContent>
            </wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>
              <w:txbxContent><w:p><w:r><w:t>Kadertekst</w:t></w:r></w:p></w:txbxContent>
            </v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:p><w:moveFrom><w:r><w:t>Verplaatst</w:t></w:r></w:moveFrom>
                 <w:r><w:t xml:space="preserve"> blijft </w:t></w:r>
                 <w:moveTo><w:r><w:t>Verplaatst</w:t></w:r></w:moveTo></w:p>
            </w:body></w:document>"#;
        let text = paragraphs(xml, false).unwrap().concat();
        assert_eq!(text.matches("Kadertekst").count(), 1, "{text:?}");
        assert_eq!(text.matches("Verplaatst").count(), 1, "{text:?}");
        assert!(text.contains("blijft Verplaatst"), "{text:?}");
    }

    #[test]
    fn core_properties_with_entities() {
        let xml = br#"<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc" xmlns:dcterms="dcterms">
            <dc:title>Sekswerk &amp; gezondheid: &quot;reactie&quot;</dc:title>
            <dc:creator>Stichting P&amp;G292</dc:creator>
            <dcterms:created>2025-06-18T10:00:00Z</dcterms:created></cp:coreProperties>"#;
        let (title, author, date) = core_properties(xml);
        assert_eq!(title.as_deref(), Some("Sekswerk & gezondheid: \"reactie\""));
        assert_eq!(author.as_deref(), Some("Stichting P&G292"));
        assert_eq!(date.as_deref(), Some("2025-06-18"));
    }

    #[test]
    fn not_a_docx() {
        assert!(extract_in_process(b"hello").is_err());
        assert!(extract_in_process(b"PK\x03\x04garbage").is_err());
        assert!(extract_in_process(b"").is_err());
    }
}
