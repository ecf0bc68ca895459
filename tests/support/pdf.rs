//! Builds small, valid PDFs with real text (Helvetica, one text line per entry) so tests can
//! check page-by-page extraction without shipping binary files.

fn pdf_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// A PDF with one page per entry; each page's text is split into lines on `\n`.
pub fn make_pdf(pages: &[&str]) -> Vec<u8> {
    make_pdf_with(pages, &PdfOptions::default())
}

/// What else a built PDF carries.
#[derive(Default)]
pub struct PdfOptions<'a> {
    /// Info dictionary entries (`Title`, `Author`, `CreationDate`).
    pub info: &'a [(&'a str, &'a str)],
    /// Add a Standard security handler whose user password is not empty, as a PDF
    /// protected with a password to open it has.
    pub encrypted: bool,
}

/// [`make_pdf`] with metadata or encryption.
pub fn make_pdf_with(pages: &[&str], opts: &PdfOptions<'_>) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, 3 font, then per page: page object and content stream.
    let mut objects: Vec<String> = Vec::new();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_string());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    );
    for (i, text) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        let mut stream = String::from("BT /F1 12 Tf 14 TL 50 780 Td\n");
        for line in text.split('\n') {
            stream.push_str(&format!("({}) Tj T*\n", pdf_string(line)));
        }
        stream.push_str("ET\n");
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    let mut trailer_extra = String::new();
    if !opts.info.is_empty() {
        let entries: Vec<String> = opts
            .info
            .iter()
            .map(|(k, v)| format!("/{k} ({})", pdf_string(v)))
            .collect();
        objects.push(format!("<< {} >>", entries.join(" ")));
        trailer_extra.push_str(&format!(" /Info {} 0 R", objects.len()));
    }
    if opts.encrypted {
        let hex32 = "7a3c9e1f0b5d2e8c4a6f1d3b9e0c7a5f2d8b4e6a1c3f9d0e5b7a2c4e6f8d1b3a";
        objects.push(format!(
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{hex32}> /U <{hex32}> >>"
        ));
        trailer_extra.push_str(&format!(
            " /Encrypt {} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
            objects.len()
        ));
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
