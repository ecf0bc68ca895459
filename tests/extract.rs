//! PDF and Word extraction through the bounded child process: text per page with page numbers,
//! the files' own metadata, words hyphenated at PDF line ends read as they were meant, and
//! every kind of broken input recorded as an error, never a crash or a hang.

use std::path::PathBuf;
use std::time::Duration;

use crate::support::docx::{make_docx, Block};
use crate::support::pdf::{make_pdf, make_pdf_with, PdfOptions};
use inspraak::extract::extract_file;
use inspraak::extract::worker::Extractor;

/// A binary file from `tests/fixtures` (see its README).
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn extractor() -> Extractor {
    Extractor::new(PathBuf::from(env!("CARGO_BIN_EXE_inspraak")))
}

#[test]
fn text_per_page_keeps_page_numbers() {
    let pdf = make_pdf(&["Eerste pagina", "", "Derde pagina met het woord kersenpit"]);
    let file = extract_file(&pdf, Some("application/pdf"), &extractor()).unwrap();
    assert_eq!(file.pages, Some(3));
    // The empty page is left out but the numbering does not shift.
    assert_eq!(file.sections.len(), 2);
    assert_eq!(file.sections[0].page, Some(1));
    assert_eq!(file.sections[1].page, Some(3));
    assert!(
        file.sections[1].text.contains("kersenpit"),
        "{:?}",
        file.sections
    );
}

#[test]
fn a_pdf_is_recognised_without_its_content_type() {
    let pdf = make_pdf(&["Zonder Content-Type"]);
    let file = extract_file(&pdf, Some("application/octet-stream"), &extractor()).unwrap();
    assert!(file.sections[0].text.contains("Content-Type"));
}

#[test]
fn broken_files_are_errors_with_a_reason() {
    let x = extractor();
    let whole = make_pdf(&["Dit zal niemand lezen"]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", whole[..whole.len() / 3].to_vec()),
        (
            "garbage served as PDF",
            b"\x00\x01garbage\xff\xfe not a pdf".to_vec(),
        ),
        ("empty", Vec::new()),
        ("zero pages", make_pdf(&[])),
        ("header only", b"%PDF-1.7\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let err = extract_file(&bytes, Some("application/pdf"), &x).expect_err(name);
        assert!(!err.is_empty() && !err.contains('\n'), "{name}: {err}");
    }
}

#[test]
fn one_worker_goes_on_after_bad_files_and_is_replaced_in_time() {
    let mut x = extractor();
    x.files_per_worker = 2;
    let good = make_pdf(&["Goed bestand"]);
    let broken = good[..20].to_vec();
    for round in 0..3 {
        assert!(x.extract(&good).is_ok(), "round {round}");
        assert!(x.extract(b"%PDF-1.4 garbage").is_err(), "round {round}");
        assert!(x.extract(&broken).is_err(), "round {round}");
        let text = x.extract(&good).unwrap();
        assert!(text.pages[0].contains("Goed"), "round {round}");
    }
}

#[test]
fn a_hanging_extractor_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hang.sh");
    std::fs::write(&script, "#!/bin/sh\nexec sleep 60\n").unwrap();
    make_executable(&script);
    let mut x = Extractor::new(script);
    x.timeout = Duration::from_millis(300);
    let err = x.extract(&make_pdf(&["x"])).unwrap_err();
    assert!(err.contains("longer than"), "{err}");
}

#[test]
fn a_crashing_extractor_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("crash.sh");
    std::fs::write(&script, "#!/bin/sh\nkill -9 $$\n").unwrap();
    make_executable(&script);
    let err = Extractor::new(script)
        .extract(&make_pdf(&["x"]))
        .unwrap_err();
    assert!(err.contains("killed"), "{err}");
    let missing = Extractor::new(dir.path().join("missing"));
    assert!(missing
        .extract(b"%PDF-1.4")
        .unwrap_err()
        .contains("cannot start"));
}

#[test]
fn broken_and_unknown_types_are_reported_not_indexed_empty() {
    let x = extractor();
    let err = extract_file(b"PK\x03\x04rest", None, &x).unwrap_err();
    assert!(err.contains("Word"), "{err}");
    let err = extract_file(b"\xd0\xcf\x11\xe0old", Some("application/msword"), &x).unwrap_err();
    assert!(err.contains(".doc"), "{err}");
    assert!(extract_file(b"\x89PNG\r\n", Some("image/png"), &x).is_err());
    let html = extract_file(
        b"<html><body><nav>menu</nav><p>Hallo wereld</p></body></html>",
        Some("text/html"),
        &x,
    )
    .unwrap();
    assert_eq!(html.sections[0].text, "Hallo wereld");
}

fn make_executable(p: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn pdf_metadata_title_author_and_date() {
    let pdf = make_pdf_with(
        &["Evaluation des Prostituiertenschutzgesetzes", "Seite zwei"],
        &PdfOptions {
            info: &[
                ("Title", "Evaluation ProstSchG"),
                ("Author", "KFN"),
                ("CreationDate", "D:20250618093000+02'00'"),
            ],
            ..Default::default()
        },
    );
    let file = extract_file(&pdf, Some("application/pdf"), &extractor()).unwrap();
    assert_eq!(file.title.as_deref(), Some("Evaluation ProstSchG"));
    assert_eq!(file.author.as_deref(), Some("KFN"));
    assert_eq!(
        file.date.map(|d| d.to_string()).as_deref(),
        Some("2025-06-18")
    );
}

#[test]
fn an_encrypted_pdf_is_recorded_as_encrypted() {
    let pdf = make_pdf_with(
        &["Geheim rapport"],
        &PdfOptions {
            encrypted: true,
            ..Default::default()
        },
    );
    let err = extract_file(&pdf, Some("application/pdf"), &extractor()).unwrap_err();
    assert!(err.contains("encrypted"), "{err}");
}

#[test]
fn word_paragraphs_tables_footnotes_and_pages() {
    let docx = make_docx(
        &[
            Block::Paragraph("Geachte minister, wij schrijven over de eekhoornregeling."),
            Block::Table(&[&["Jaar", "Aantal"], &["2023", "boterbloemtelling 412"]]),
            Block::PageBreak,
            Block::Paragraph("Op de tweede pagina staat het woord hazelaarpit."),
        ],
        &["Kamerstukken II 2019/20, 35 583, nr. 3."],
        Some("Reactie op de Wrs"),
    );
    let file = extract_file(
        &docx,
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        &extractor(),
    )
    .unwrap();
    assert_eq!(file.pages, Some(2));
    assert_eq!(file.title.as_deref(), Some("Reactie op de Wrs"));
    assert_eq!(
        file.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-05")
    );
    let page = |n: u32| {
        file.sections
            .iter()
            .find(|s| s.page == Some(n))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    assert!(page(1).contains("eekhoornregeling"));
    // A table row reads as one line, its cells apart.
    assert!(
        page(1)
            .lines()
            .any(|l| l.contains("2023") && l.contains("boterbloemtelling 412")),
        "{}",
        page(1)
    );
    assert!(page(2).contains("hazelaarpit"));
    assert!(
        page(2).contains("35 583, nr. 3"),
        "footnotes follow the text: {}",
        page(2)
    );
}

#[test]
fn broken_word_files_are_errors_with_a_reason() {
    let x = extractor();
    let whole = make_docx(&[Block::Paragraph("Niet te lezen")], &[], None);
    let ct = Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    let mut ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    ole.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", whole[..whole.len() / 2].to_vec(), ""),
        ("garbage", b"PK\x03\x04 not really a zip".to_vec(), ""),
        ("encrypted", ole, "encrypted"),
        (
            "a zip without a document",
            {
                let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                z.start_file("x.txt", zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.finish().unwrap().into_inner()
            },
            "word/document.xml",
        ),
    ];
    for (name, bytes, says) in cases {
        let err = extract_file(&bytes, ct, &x).expect_err(name);
        assert!(!err.contains('\n') && err.contains(says), "{name}: {err}");
    }
}

/// Found by the `pdf` fuzz target: this file makes pdf_oxide 0.3.78 slice a string inside a
/// UTF-8 character (document.rs, `has_standalone_obj_keyword`) and panic. The worker must turn
/// that into a recorded reason and the next file must extract as usual.
#[test]
fn a_pdf_that_makes_the_parser_panic_is_recorded_and_the_next_one_extracts() {
    let x = extractor();
    let crash = fixture("pdf-parser-panic.pdf");
    let err = extract_file(&crash, Some("application/pdf"), &x).unwrap_err();
    assert!(err.contains("crashed"), "{err}");
    assert!(!err.contains('\n'), "{err}");
    let ok = extract_file(&make_pdf(&["Na de crash"]), Some("application/pdf"), &x).unwrap();
    assert!(ok.sections[0].text.contains("Na de crash"));
}

/// Words of a text, lowercased, for comparing extractions as multisets.
fn word_counts(text: &str) -> std::collections::HashMap<String, u32> {
    let mut m = std::collections::HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_default() += 1;
    }
    m
}

/// Real pages (Python's documentation, saved as fixtures): the report extractor keeps the text
/// Sphinx marks as main (word F1 ≥ 0.95) and drops the sidebar, navigation and footer.
#[test]
fn real_pages_keep_their_main_text_and_lose_their_boilerplate() {
    use inspraak::extract::{report, site};
    for name in ["python-secrets.html", "python-appetite.html"] {
        let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
        let html = std::fs::read_to_string(&path).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let main = scraper::Selector::parse("div[role=main]").unwrap();
        let truth = site::text_of(doc.select(&main).next().unwrap());
        let ours = report::extract_html(&html, "https://docs.python.org/3.11/").unwrap();
        let (a, b) = (word_counts(&ours.text), word_counts(&truth));
        let common: u32 = a
            .iter()
            .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
            .sum();
        let p = common as f64 / a.values().sum::<u32>() as f64;
        let r = common as f64 / b.values().sum::<u32>() as f64;
        let f1 = 2.0 * p * r / (p + r);
        assert!(f1 >= 0.95, "{name}: precision {p:.3}, recall {r:.3}");
        for boilerplate in ["Previous topic", "This Page", "Report a Bug", "Show Source"] {
            assert!(
                !ours.text.contains(boilerplate),
                "{name}: {boilerplate:?} kept"
            );
        }
        assert!(ours.title.is_some(), "{name}");
    }
}

/// Real encryption, made with qpdf: many government PDFs carry only an owner password (no
/// password to open them), and their text must be read; a PDF that needs a password to open
/// is recorded as encrypted.
#[test]
fn owner_password_pdfs_are_read_and_user_password_pdfs_recorded() {
    let x = extractor();
    let owner = extract_file(&fixture("pdf-owner-password-only.pdf"), None, &x).unwrap();
    assert_eq!(owner.pages, Some(2));
    assert!(
        owner.sections[1].text.contains("registratieplicht"),
        "{:?}",
        owner.sections
    );
    let err = extract_file(&fixture("pdf-user-password.pdf"), None, &x).unwrap_err();
    assert!(err.contains("encrypted"), "{err}");
}

/// Found by the `pdf` fuzz target: page trees that list a node inside itself, directly
/// (`pdf-parser-hang.pdf`: `2 0 obj << /Type /Pages /Kids [2 0 R 2 0 R 8 0 R]`) or through
/// another node (`pdf-page-tree-cycle.pdf`). pdf_oxide 0.3.78's page count walks them for
/// hours, which held a worker until its time limit; they are now recorded as looping before
/// pdf_oxide walks them, and the same worker reads the next file. The time limit here only
/// turns a regression into a failure instead of a hang.
#[test]
fn a_pdf_whose_page_tree_loops_is_recorded_and_the_next_one_extracts() {
    let mut x = extractor();
    x.timeout = Duration::from_secs(30);
    for name in ["pdf-parser-hang.pdf", "pdf-page-tree-cycle.pdf"] {
        let err = extract_file(&fixture(name), Some("application/pdf"), &x).unwrap_err();
        assert!(err.contains("page tree loops"), "{name}: {err}");
    }
    let ok = extract_file(&make_pdf(&["Na de lus"]), Some("application/pdf"), &x).unwrap();
    assert!(ok.sections[0].text.contains("Na de lus"));
}

/// A damaged file of the kind an editing tool leaves: a cross-reference entry that points into
/// binary bytes. For such an entry pdf_oxide 0.3.78 panics (the page objects), finds no pages
/// (the page tree), or reads a page as blank without an error (the font, the content stream);
/// with the table rebuilt by scanning for objects, as poppler does, every page is read and the
/// document says it was damaged. For the catalog pdf_oxide finds its way alone.
#[test]
fn a_pdf_whose_cross_references_point_into_binary_bytes_is_read_by_scanning() {
    let x = extractor();
    let mut rebuilt = Vec::new();
    for object in 1..=7 {
        let mut pdf = make_pdf(&["Eerste pagina herstel", "Tweede pagina herstel"]);
        let junk = pdf.len();
        pdf.extend_from_slice(b"\xffabobj\n");
        let table = pdf.windows(6).rposition(|w| w == b"\nxref\n").unwrap();
        let first_entry = table + pdf[table..].iter().position(|b| *b == b'f').unwrap() + 3;
        let entry = first_entry + 20 * (object - 1);
        pdf[entry..entry + 10].copy_from_slice(format!("{junk:010}").as_bytes());
        let doc = extract_file(&pdf, Some("application/pdf"), &x)
            .unwrap_or_else(|e| panic!("object {object}: {e}"));
        let texts: Vec<(Option<u32>, &str)> = doc
            .sections
            .iter()
            .map(|s| (s.page, s.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (Some(1), "Eerste pagina herstel"),
                (Some(2), "Tweede pagina herstel")
            ],
            "object {object}: {:?}",
            doc.damage
        );
        if doc.damage.is_some_and(|d| d.contains("cross-reference")) {
            rebuilt.push(object);
        }
    }
    assert_eq!(rebuilt, [2, 3, 4, 5, 6, 7]);
}

/// A PDF's line ends through the worker: words the typesetter broke are whole, on the page
/// where they start; a word's own hyphen stays ("e-mail", as the letter writes it elsewhere;
/// "zee-egel"; "ggz-instelling"); a suspended compound keeps its hyphen and the space after
/// it. pdf_oxide alone makes "gezondheidsen", "landof", "email" and "zeeegel" of these.
#[test]
fn words_hyphenated_at_pdf_line_ends_read_as_they_were_meant() {
    let pdf = make_pdf(&[
        "Wij pleiten voor betere gezondheids-\nen welzijnszorg in de regio. Stuur een e-\n\
         mail naar ons; ons e-mail adres staat onderaan.\nDe zee-\negel is beschermd. Voor \
         gezin-\nnen met een kind is dit duur, net als voor de land-\nof tuinbouw. De verant-",
        "woordelijkheid ligt bij de gemeente.\nDe ggz-\ninstelling en de btw-\ntarieven.",
    ]);
    let file = extract_file(&pdf, Some("application/pdf"), &extractor()).unwrap();
    let pages: Vec<(Option<u32>, Vec<&str>)> = file
        .sections
        .iter()
        .map(|s| (s.page, s.text.split_whitespace().collect()))
        .collect();
    let words = |page: usize| pages[page].1.join(" ");
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert_eq!(
        words(0),
        "Wij pleiten voor betere gezondheids- en welzijnszorg in de regio. Stuur een e-mail \
         naar ons; ons e-mail adres staat onderaan. De zee-egel is beschermd. Voor gezinnen met \
         een kind is dit duur, net als voor de land- of tuinbouw. De verantwoordelijkheid"
    );
    assert_eq!(
        words(1),
        "ligt bij de gemeente. De ggz-instelling en de btw-tarieven."
    );
    assert_eq!((pages[0].0, pages[1].0), (Some(1), Some(2)));
}

/// Response 57 of the `ties` fixture attaches a PDF that breaks "gezin-" / "nen" and
/// "Noord-" / "Holland" at line ends and writes "e-mail" whole. Crawled and indexed, the
/// attachment is found by the whole words, in a phrase too, and not by the halves, and its
/// sentence is quoted as one that two responses share, though each groups it with a sentence
/// of its own.
#[test]
fn a_word_broken_at_a_pdf_line_end_is_found_quoted_and_counted_whole() {
    use crate::support::{inspraak, json_of, server::Server, ties};
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let server = Server::start(ties::site());
    crate::support::crawl(&index, &server.url(), &[ties::SLUG]);
    let attachment = format!("a-{}", ties::uuid(57));
    let finds = |q: &str| -> bool {
        let v = json_of(inspraak(&index).args(["search", q, "--limit", "100", "--format", "json"]));
        let hits = v["hits"].as_array().unwrap();
        assert!(hits.len() < 100, "{q}: more hits than asked for");
        hits.iter().any(|h| h["id"] == attachment.as_str())
    };
    for q in [
        "gezinnen",
        "\"gezinnen met een kind in het speciaal onderwijs\"",
        "\"kop van Noord-Holland\"",
        "e-mail",
    ] {
        assert!(finds(q), "{q} does not find {attachment}");
    }
    // "gezinnen" stems to "gezin", so only the exact word tells the halves apart.
    for q in ["\"gezin\"", "text:gezin", "nen", "text:nen"] {
        assert!(!finds(q), "{q} finds {attachment} by half a word");
    }
    let engine = inspraak::search::Engine::open(&index).unwrap();
    let text = engine.document(&attachment).unwrap().unwrap().text;
    for whole in [
        "Voor gezinnen",
        "kop van Noord-Holland,",
        "een e-mail gestuurd",
    ] {
        assert!(text.contains(whole), "{whole:?} not in {text:?}");
    }
    assert!(!text.contains("gezin-"), "{text:?}");
    // Quotes count its sentence with response 40's, who has it unbroken in her web answer.
    let (sentence, shared) = ties::SHARED
        .iter()
        .find(|(s, _)| s.starts_with("Voor gezinnen"))
        .unwrap();
    let v = json_of(inspraak(&index).args([
        "quotes",
        "\"gezinnen met een kind in het speciaal onderwijs\"",
        "--consultation",
        ties::SLUG,
        "--format",
        "json",
    ]));
    let quotes: Vec<&serde_json::Value> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            let words: Vec<&str> = q["text"].as_str().unwrap().split_whitespace().collect();
            words.join(" ") == *sentence
        })
        .collect();
    assert_eq!(quotes.len(), 1, "{v}");
    assert_eq!(quotes[0]["count"], *shared, "{v}");
    let mut ids: Vec<&str> = quotes[0]["response_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, [ties::uuid(40), ties::uuid(57)]);
    // The sentence alone is still exactly its document's text between its offsets.
    let cite = &quotes[0]["citation"];
    let doc = engine
        .document(cite["id"].as_str().unwrap())
        .unwrap()
        .unwrap();
    let (start, end) = (
        cite["start"].as_u64().unwrap() as usize,
        cite["end"].as_u64().unwrap() as usize,
    );
    let slice: String = doc.text.chars().skip(start).take(end - start).collect();
    assert_eq!(slice, quotes[0]["text"].as_str().unwrap());
    // So is every sentence the fixture's responses share, whatever its neighbours in each.
    for (sentence, shared) in ties::SHARED {
        let phrase = format!("\"{}\"", sentence.trim_end_matches('.'));
        let v = json_of(inspraak(&index).args([
            "quotes",
            &phrase,
            "--consultation",
            ties::SLUG,
            "--format",
            "json",
        ]));
        let holding = v["quotes"].as_array().unwrap().iter().find(|q| {
            let words: Vec<&str> = q["text"].as_str().unwrap().split_whitespace().collect();
            words.join(" ").contains(sentence)
        });
        assert_eq!(holding.map(|q| &q["count"]), Some(&(*shared).into()), "{v}");
    }
}
