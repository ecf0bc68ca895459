//! Quotes as people paste them: plain text with the attribution after a dash, Markdown
//! (blockquote and linked attribution), CSV and JSON rows, and CSL-JSON for Zotero and other
//! reference managers. In JSON every quote carries its citation in each of these forms
//! (`cite`), ready to paste.

use std::str::FromStr;

use serde::Serialize;

use super::csv::Table;
use super::{one_line, unknown_format};
use crate::quotes::{Citation, Quote, QuotesResponse};

/// Output formats of `quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFormat {
    /// Each quote on a line with its attribution after a dash.
    Text,
    /// The whole answer, each quote with its citation in every form.
    Json,
    /// Blockquotes with a linked attribution.
    Markdown,
    /// A header and a row per quote.
    Csv,
    /// CSL-JSON items for reference managers.
    CslJson,
}

impl FromStr for QuoteFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<QuoteFormat, String> {
        match s {
            "text" => Ok(QuoteFormat::Text),
            "json" => Ok(QuoteFormat::Json),
            "markdown" => Ok(QuoteFormat::Markdown),
            "csv" => Ok(QuoteFormat::Csv),
            "csl-json" => Ok(QuoteFormat::CslJson),
            _ => Err(unknown_format(s, QuoteFormat::NAMES)),
        }
    }
}

impl QuoteFormat {
    /// The formats' names, as `--format` and `format=` take them.
    pub const NAMES: &'static [&'static str] = &["text", "json", "markdown", "csv", "csl-json"];

    /// The media type of the format.
    pub fn content_type(self) -> &'static str {
        match self {
            QuoteFormat::Text => "text/plain; charset=utf-8",
            QuoteFormat::Json => "application/json",
            // CSL-JSON's registered media type: reference managers know it by this name.
            QuoteFormat::CslJson => "application/vnd.citationstyles.csl+json",
            QuoteFormat::Markdown => "text/markdown; charset=utf-8",
            QuoteFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

fn who(q: &Quote) -> String {
    let c = &q.citation;
    [c.author.as_deref(), c.place.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

fn what(q: &Quote) -> String {
    let c = &q.citation;
    if c.kind == "report" {
        let title = c.title.as_deref().unwrap_or("report");
        return match &c.publisher {
            Some(p) => format!("‘{title}’ ({p})"),
            None => format!("‘{title}’"),
        };
    }
    let source = match c.kind.as_str() {
        "attachment" => "attachment to a response",
        "document" => "document",
        "consultation" => "consultation page",
        _ => "response",
    };
    format!("{source} to the consultation ‘{}’", c.consultation_title)
}

/// One line of plain text: “…” — Author, Place, response to the consultation ‘Title’, date, URL.
pub(super) fn text_citation(q: &Quote) -> String {
    let mut parts = vec![format!("“{}”", one_line(&q.text))];
    let mut tail = vec![];
    let w = who(q);
    if !w.is_empty() {
        tail.push(w);
    }
    tail.push(what(q));
    if let Some(p) = q.citation.page {
        tail.push(format!("p. {p}"));
    }
    if let Some(d) = &q.citation.date {
        tail.push(d.clone());
    }
    tail.push(q.citation.url.clone());
    parts.push(format!("— {}", tail.join(", ")));
    parts.join(" ")
}

/// A Markdown blockquote with a linked attribution.
pub(super) fn markdown_citation(q: &Quote) -> String {
    let w = who(q);
    let link = format!(
        "[{}]({})",
        if w.is_empty() { "source" } else { &w },
        q.citation.url
    );
    let mut tail = vec![link, what(q)];
    if let Some(p) = q.citation.page {
        tail.push(format!("p. {p}"));
    }
    if let Some(d) = &q.citation.date {
        tail.push(d.clone());
    }
    format!("> {}\n>\n> — {}", one_line(&q.text), tail.join(", "))
}

/// A CSL-JSON item (Zotero imports these as documents; a cited report as a report).
pub(super) fn csl_item(q: &Quote) -> serde_json::Value {
    let c = &q.citation;
    if c.kind == "report" {
        let mut item = serde_json::json!({
            "id": format!("{}@{}", c.id, c.start),
            "type": "report",
            "title": c.title.clone().unwrap_or_default(),
            "URL": c.url,
            "note": one_line(&q.text),
        });
        if let Some(p) = &c.publisher {
            item["publisher"] = p.clone().into();
        }
        return with_common(item, c, false);
    }
    let item = serde_json::json!({
        "id": format!("{}@{}", c.id, c.start),
        "type": "document",
        "title": match (&c.title, c.kind.as_str()) {
            (Some(t), "attachment" | "document") => format!("{t} ({})", what(q)),
            _ => format!("Reactie op de internetconsultatie ‘{}’", c.consultation_title),
        },
        "container-title": c.consultation_title,
        "publisher": "internetconsultatie.nl",
        "genre": what(q),
        "URL": c.url,
        "note": one_line(&q.text),
    });
    with_common(item, c, true)
}

/// Author, place, date and page of a CSL-JSON item.
fn with_common(mut item: serde_json::Value, c: &Citation, place: bool) -> serde_json::Value {
    if let Some(a) = &c.author {
        item["author"] = serde_json::json!([{ "literal": a }]);
    }
    if let Some(p) = c.place.as_ref().filter(|_| place) {
        item["publisher-place"] = p.clone().into();
    }
    if let Some(d) = &c.date {
        let parts: Vec<i64> = d.split('-').filter_map(|x| x.parse().ok()).collect();
        item["issued"] = serde_json::json!({ "date-parts": [parts] });
    }
    if let Some(p) = c.page {
        item["page"] = p.to_string().into();
    }
    item
}

/// The CSV columns of quotes.
pub(super) const COLUMNS: Table = Table {
    columns: &[
        "text",
        "author",
        "place",
        "date",
        "consultation",
        "consultation_title",
        "kind",
        "question",
        "page",
        "url",
        "document",
        "count",
        "response_ids",
    ],
    own: &["text", "count", "response_ids"],
};

/// One quote as a CSV row, with its line end.
fn csv_row(q: &Quote) -> String {
    COLUMNS.row(&q.citation, |column| match column {
        "text" => Some(one_line(&q.text)),
        "count" => Some(q.count.to_string()),
        "response_ids" => Some(q.response_ids.join(" ")),
        _ => None,
    })
}

/// A quote's citation in the forms people paste.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(super) struct Cite {
    /// One line of plain text.
    pub text: String,
    /// A Markdown blockquote with a linked attribution.
    pub markdown: String,
    /// The CSV header and this quote's row.
    pub csv: String,
    /// A CSL-JSON item.
    pub csl: serde_json::Value,
}

impl Cite {
    /// A quote's citation in every form.
    pub(super) fn of(q: &Quote) -> Cite {
        Cite {
            text: text_citation(q),
            markdown: markdown_citation(q),
            csv: format!("{}{}", COLUMNS.header(), csv_row(q)),
            csl: csl_item(q),
        }
    }
}

/// A quote as JSON sends it: the quote's fields, then `cite`.
#[derive(Serialize)]
struct Cited<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    cite: Cite,
}

/// The answer as JSON sends it: [`QuotesResponse`]'s fields, each quote with its `cite`.
#[derive(Serialize)]
struct CitedResponse<'a> {
    query: &'a str,
    passages: u64,
    documents: u64,
    partial: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    quotes: Vec<Cited<'a>>,
}

impl<'a> CitedResponse<'a> {
    fn of(r: &'a QuotesResponse) -> Self {
        // Destructured whole, so that a field added to the answer cannot be left out here.
        let QuotesResponse {
            query,
            passages,
            documents,
            partial,
            notes,
            quotes,
        } = r;
        CitedResponse {
            query,
            passages: *passages,
            documents: *documents,
            partial: *partial,
            notes,
            quotes: quotes
                .iter()
                .map(|quote| Cited {
                    quote,
                    cite: Cite::of(quote),
                })
                .collect(),
        }
    }
}

/// The whole answer in a format.
pub fn render(r: &QuotesResponse, format: QuoteFormat) -> String {
    match format {
        QuoteFormat::Json => {
            let cited = CitedResponse::of(r);
            let mut s = serde_json::to_string_pretty(&cited).expect("quotes serialize");
            s.push('\n');
            s
        }
        QuoteFormat::CslJson => {
            let items: Vec<serde_json::Value> = r.quotes.iter().map(csl_item).collect();
            let mut s = serde_json::to_string_pretty(&items).expect("CSL-JSON serializes");
            s.push('\n');
            s
        }
        QuoteFormat::Markdown => r
            .quotes
            .iter()
            .map(|q| format!("{}\n\n", markdown_citation(q)))
            .collect(),
        QuoteFormat::Text => {
            let mut out = if r.partial {
                format!(
                    "no passage holds every part of {}: {} quotes that hold most of them, from {} passages\n",
                    r.query,
                    r.quotes.len(),
                    r.passages
                )
            } else {
                format!(
                    "{} quotes from {} matching passages for {}\n",
                    r.quotes.len(),
                    r.passages,
                    r.query
                )
            };
            for q in &r.quotes {
                out.push('\n');
                out.push_str(&text_citation(q));
                out.push('\n');
                if !q.lacks.is_empty() {
                    out.push_str(&format!("  (lacks {})\n", q.lacks.join(", ")));
                }
                if q.count > 1 {
                    out.push_str(&format!(
                        "  (the same passage is in {} responses)\n",
                        q.count
                    ));
                }
            }
            out
        }
        QuoteFormat::Csv => {
            let mut out = COLUMNS.header();
            for q in &r.quotes {
                out.push_str(&csv_row(q));
            }
            out
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A quote from a response, with every citation field set.
    pub(in crate::output) fn a_quote() -> Quote {
        Quote {
            text: "Sekswerk is werk,\n en verdient \"bescherming\".".into(),
            marked: String::new(),
            marks: Vec::new(),
            before: None,
            after: None,
            citation: Citation {
                id: "r1".into(),
                kind: "response".into(),
                response_id: Some("u-1".into()),
                author: Some("A. de Vries".into()),
                place: Some("Utrecht".into()),
                date: Some("2025-10-01".into()),
                consultation: "wrs".into(),
                consultation_title: "Wet regulering sekswerk".into(),
                title: None,
                publisher: None,
                question: Some("Vraag 1".into()),
                page: Some(3),
                url: "https://example.org/r1#page=3".into(),
                start: 0,
                end: 10,
                respondent: Some("individual".into()),
            },
            count: 2,
            response_ids: vec!["u-1".into(), "u-2".into()],
            lacks: Vec::new(),
        }
    }

    #[test]
    fn json_sends_the_answer_with_each_quote_cited() {
        let r = QuotesResponse {
            query: "sekswerk".into(),
            passages: 1,
            documents: 1,
            partial: false,
            notes: Vec::new(),
            quotes: vec![a_quote()],
        };
        let plain = serde_json::to_value(&r).unwrap();
        let sent: serde_json::Value = serde_json::from_str(&render(&r, QuoteFormat::Json)).unwrap();
        let keys =
            |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&plain), keys(&sent));
        let mut quote = sent["quotes"][0].clone();
        let cite = quote.as_object_mut().unwrap().remove("cite").unwrap();
        assert_eq!(quote, plain["quotes"][0]);
        assert_eq!(
            cite["csv"],
            "text,author,place,date,consultation,consultation_title,kind,question,page,url,document,count,response_ids\n\
             \"Sekswerk is werk, en verdient \"\"bescherming\"\".\",A. de Vries,Utrecht,2025-10-01,wrs,Wet regulering sekswerk,response,Vraag 1,3,https://example.org/r1#page=3,r1,2,u-1 u-2\n"
        );
        assert!(cite["text"].as_str().unwrap().starts_with(
            "“Sekswerk is werk, en verdient \"bescherming\".” — A. de Vries, Utrecht"
        ));
    }
}
