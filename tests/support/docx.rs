//! Builds small, valid DOCX files (a ZIP of WordprocessingML parts) so tests can check Word
//! extraction without shipping binary files.

use std::io::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A part of a Word document's body.
pub enum Block<'a> {
    Paragraph(&'a str),
    /// Rows of cells.
    Table(&'a [&'a [&'a str]]),
    PageBreak,
}

/// A DOCX with these blocks, optional footnotes and a title in its core properties.
pub fn make_docx(blocks: &[Block<'_>], footnotes: &[&str], title: Option<&str>) -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let para = |t: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(t)
        )
    };
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(t) => body.push_str(&para(t)),
            Block::Table(rows) => {
                body.push_str("<w:tbl>");
                for row in rows.iter() {
                    body.push_str("<w:tr>");
                    for cell in row.iter() {
                        body.push_str(&format!("<w:tc>{}</w:tc>", para(cell)));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
            Block::PageBreak => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    let notes: String = footnotes
        .iter()
        .enumerate()
        .map(|(i, n)| format!("<w:footnote w:id=\"{}\">{}</w:footnote>", i + 1, para(n)))
        .collect();
    let footnotes_xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"{W}\">{notes}</w:footnotes>"
    );
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\
         <dc:title>{}</dc:title><dc:creator>Testbureau</dc:creator>\
         <dcterms:created>2024-03-05T10:00:00Z</dcterms:created></cp:coreProperties>",
        esc(title.unwrap_or(""))
    );
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
        xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" \
        ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        </Types>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        ("[Content_Types].xml", types.to_string()),
        ("word/document.xml", document),
        ("word/footnotes.xml", footnotes_xml),
        ("docProps/core.xml", core),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
