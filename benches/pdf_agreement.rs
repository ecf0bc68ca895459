//! Per-page agreement of our PDF extraction with poppler's `pdftotext`, and the time each takes.
//! poppler is the reference here only (Debian `poppler-utils`), never a dependency.
//!
//! ```text
//! cargo bench --bench pdf_agreement -- FILE.pdf... [--runs N]
//! ```
//!
//! For every page, the words of both texts (lowercased, ligatures expanded, split on anything
//! that is not a letter or digit) are compared as multisets: precision, recall and F1 of ours
//! against poppler's. Pages where both have no words count as agreeing. Times are the median of
//! `--runs` runs (default 3) of the whole file: ours through the bounded worker process, as the
//! indexer runs it; poppler's `pdftotext` on the same file.

mod words;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use inspraak::extract::worker::{Extractor, Format};
use words::{agreement, words};

/// A few of the words `a` has more often than `b`, for reading what differs.
fn only(a: &str, b: &str) -> String {
    let (wa, wb) = (words(a), words(b));
    let mut extra: Vec<(String, u32)> = wa
        .into_iter()
        .filter_map(|(w, n)| {
            let m = wb.get(&w).copied().unwrap_or(0);
            (n > m).then_some((w, n - m))
        })
        .collect();
    extra.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let total: u32 = extra.iter().map(|e| e.1).sum();
    let shown: Vec<String> = extra
        .iter()
        .take(6)
        .map(|(w, n)| format!("{w}×{n}"))
        .collect();
    format!("{total} [{}]", shown.join(" "))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    v[v.len() / 2]
}

fn poppler(path: &Path) -> (Vec<String>, f64) {
    let start = Instant::now();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed for this benchmark");
    let secs = start.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    (pages, secs)
}

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut runs = 3;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--bench" => {}
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        eprintln!("usage: cargo bench --bench pdf_agreement -- FILE.pdf... [--runs N]");
        std::process::exit(2);
    }
    let x = Extractor::new(PathBuf::from(env!("CARGO_BIN_EXE_inspraak")));
    println!(
        "| file | pages (ours/poppler) | median page F1 | mean page F1 | pages F1 ≥ 0.95 | words P / R | ours ms/page | poppler ms/page |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let (mut all_f1, mut all_pages, mut ours_total, mut pop_total) = (Vec::new(), 0usize, 0.0, 0.0);
    // (F1, file, page, words only ours has, words only poppler has)
    let mut worst: Vec<(f64, String, usize, String, String)> = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("readable PDF");
        let mut ours_times = Vec::new();
        let mut text = None;
        for _ in 0..runs {
            let start = Instant::now();
            let t = x.extract_as(Format::Pdf, &bytes);
            ours_times.push(start.elapsed().as_secs_f64());
            text = Some(t);
        }
        let mut pop_times = Vec::new();
        let mut reference = Vec::new();
        for _ in 0..runs {
            let (pages, secs) = poppler(path);
            pop_times.push(secs);
            reference = pages;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        let ours = match text.unwrap() {
            Ok(t) => t,
            Err(e) => {
                println!("| {name} | error: {e} | | | | | | |");
                continue;
            }
        };
        let n = ours.pages.len().max(reference.len());
        let mut f1s = Vec::new();
        let (mut common_p, mut common_r) = (Vec::new(), Vec::new());
        for i in 0..n {
            let a = ours.pages.get(i).map(String::as_str).unwrap_or("");
            let b = reference.get(i).map(String::as_str).unwrap_or("");
            let (p, r, f) = agreement(a, b);
            if f < 0.95 {
                worst.push((f, name.to_string(), i + 1, only(a, b), only(b, a)));
            }
            f1s.push(f);
            common_p.push(p);
            common_r.push(r);
        }
        let mean = f1s.iter().sum::<f64>() / n as f64;
        let good = f1s.iter().filter(|f| **f >= 0.95).count();
        let (ot, pt) = (median(ours_times), median(pop_times));
        ours_total += ot;
        pop_total += pt;
        all_pages += n;
        println!(
            "| {name} | {}/{} | {:.3} | {:.3} | {good}/{n} | {:.3} / {:.3} | {:.2} | {:.2} |",
            ours.pages.len(),
            reference.len(),
            median(f1s.clone()),
            mean,
            common_p.iter().sum::<f64>() / n as f64,
            common_r.iter().sum::<f64>() / n as f64,
            ot * 1000.0 / n as f64,
            pt * 1000.0 / n as f64,
        );
        all_f1.extend(f1s);
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("\nworst pages (F1 < 0.95), lowest first:");
    for (f, file, page, ours, theirs) in worst.iter().take(12) {
        println!("  {file} p. {page}: F1 {f:.3}; only ours: {ours}; only poppler: {theirs}");
    }
    let mean = all_f1.iter().sum::<f64>() / all_f1.len().max(1) as f64;
    println!(
        "\nall {} pages: median page F1 {:.3}, mean {:.3}, pages ≥ 0.95: {:.1} %; ours {:.2} ms/page, poppler {:.2} ms/page (ratio {:.2})",
        all_pages,
        median(all_f1.clone()),
        mean,
        100.0 * all_f1.iter().filter(|f| **f >= 0.95).count() as f64 / all_f1.len().max(1) as f64,
        ours_total * 1000.0 / all_pages.max(1) as f64,
        pop_total * 1000.0 / all_pages.max(1) as f64,
        ours_total / pop_total,
    );
}
