//! Keyness and timelines as people and programs read them: a table of terms with their counts,
//! G2 and log ratio and a sentence to cite each by; buckets of a timeline with a bar each. JSON
//! is the answer as the API gives it; CSV has one row per term or bucket.

use std::io::{self, Write};

use super::csv::{write_row, Attributed};
use super::{write_json, write_jsonl, Format};
use crate::keyness::TermsAnswer;
use crate::search::Timeline;

/// The CSV columns of a term list.
const TERM_COLUMNS: [&str; 13] = [
    "term",
    "forms",
    "phrase",
    "fg",
    "bg",
    "g2",
    "log_ratio",
    "example",
    "author",
    "date",
    "consultation",
    "document",
    "url",
];

/// Prints the terms: a table with examples in text, or JSON, JSON lines (one term a line) or
/// CSV.
pub fn print_terms(answer: &TermsAnswer, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(answer, out),
        Format::Jsonl => write_jsonl(&answer.terms, out),
        Format::Csv => {
            writeln!(out, "{}", TERM_COLUMNS.join(","))?;
            for t in &answer.terms {
                let mut row = vec![
                    t.term.clone(),
                    t.forms.join(" | "),
                    t.phrase.to_string(),
                    t.fg.to_string(),
                    t.bg.to_string(),
                    t.g2.to_string(),
                    t.log_ratio.to_string(),
                ];
                match &t.example {
                    Some(e) => {
                        row.push(e.text.clone());
                        for c in &TERM_COLUMNS[8..] {
                            row.push(e.citation.column(c).unwrap_or_default().into_owned());
                        }
                    }
                    None => row.extend((7..TERM_COLUMNS.len()).map(|_| String::new())),
                }
                write_row(out, &row)?;
            }
            Ok(())
        }
        Format::Text => {
            let against = match &answer.against.query {
                Some(q) => format!("against {q}"),
                None => format!(
                    "against the other units of {}",
                    answer
                        .against
                        .consultations
                        .as_deref()
                        .unwrap_or_default()
                        .join(", ")
                ),
            };
            writeln!(
                out,
                "{} units {against} ({} units), campaigns counted {}{}",
                answer.foreground,
                answer.background,
                serde_json::to_value(answer.campaigns)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                if answer.sampled { ", sampled" } else { "" }
            )?;
            for n in &answer.notes {
                writeln!(out, "note: {n}")?;
            }
            if answer.terms.is_empty() {
                writeln!(out, "no term is over-represented")?;
                return Ok(());
            }
            writeln!(out)?;
            writeln!(
                out,
                "{:<32} {:>6} {:>6} {:>9} {:>7}",
                "term", "fg", "bg", "G2", "log2 r"
            )?;
            for t in &answer.terms {
                let shown = t.forms.first().unwrap_or(&t.term);
                writeln!(
                    out,
                    "{:<32} {:>6} {:>6} {:>9.2} {:>7.2}",
                    shown, t.fg, t.bg, t.g2, t.log_ratio
                )?;
                if let Some(e) = &t.example {
                    let c = &e.citation;
                    writeln!(
                        out,
                        "    \"{}\" ({}, {}, {}) {}",
                        one_line(&e.text),
                        c.author.as_deref().unwrap_or("anonymous"),
                        c.date.as_deref().unwrap_or("undated"),
                        c.consultation,
                        c.url
                    )?;
                }
            }
            Ok(())
        }
    }
}

/// A sentence on one line, at most 200 characters.
fn one_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

/// Prints a timeline: a bar per bucket in text, or JSON, JSON lines (a bucket a line) or CSV.
pub fn print_timeline(t: &Timeline, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(t, out),
        Format::Jsonl => write_jsonl(&t.buckets, out),
        Format::Csv => {
            writeln!(out, "start,total,campaign_copies")?;
            for b in &t.buckets {
                write_row(
                    out,
                    &[
                        b.start.clone().unwrap_or_default(),
                        b.total.to_string(),
                        b.campaign_copies.to_string(),
                    ],
                )?;
            }
            Ok(())
        }
        Format::Text => {
            writeln!(
                out,
                "{} matches, {} of them campaign copies",
                t.total, t.campaign_copies
            )?;
            let most = t.buckets.iter().map(|b| b.total).max().unwrap_or(0).max(1);
            for b in &t.buckets {
                let width = |n: u64| ((n * 50).div_ceil(most)) as usize;
                let copies = width(b.campaign_copies);
                let own = width(b.total).saturating_sub(copies);
                writeln!(
                    out,
                    "{:<10} {:>7} {:>7}  {}{}",
                    b.start.as_deref().unwrap_or("undated"),
                    b.total,
                    b.campaign_copies,
                    "#".repeat(own),
                    "+".repeat(copies)
                )?;
            }
            if t.campaign_copies > 0 {
                writeln!(out, "(# own words, + campaign copies)")?;
            }
            Ok(())
        }
    }
}
