//! Quotes as people paste them: plain text with the attribution after a dash, Markdown
//! (blockquote and linked attribution), CSV and JSON rows, and CSL-JSON for Zotero and other
//! reference managers.

use super::{Quote, QuotesResponse};

/// Output formats of `quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuoteFormat {
    Text,
    Json,
    Markdown,
    Csv,
    #[value(name = "csl-json")]
    CslJson,
}

impl QuoteFormat {
    /// Parses a format name (`text`, `json`, `markdown`, `csv`, `csl-json`).
    pub fn parse(s: &str) -> Result<QuoteFormat, String> {
        match s {
            "text" => Ok(QuoteFormat::Text),
            "json" => Ok(QuoteFormat::Json),
            "markdown" => Ok(QuoteFormat::Markdown),
            "csv" => Ok(QuoteFormat::Csv),
            "csl-json" => Ok(QuoteFormat::CslJson),
            _ => Err(format!(
                "unknown format '{s}' (use text, json, markdown, csv or csl-json)"
            )),
        }
    }

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
pub fn text_citation(q: &Quote) -> String {
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
pub fn markdown_citation(q: &Quote) -> String {
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
pub fn csl_item(q: &Quote) -> serde_json::Value {
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
fn with_common(mut item: serde_json::Value, c: &super::Citation, place: bool) -> serde_json::Value {
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

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One quote as a CSV row (without a line end), in the order of [`CSV_COLUMNS`].
pub fn csv_row(q: &Quote) -> String {
    let c = &q.citation;
    let page = c.page.map(|p| p.to_string()).unwrap_or_default();
    let count = q.count.to_string();
    let ids = q.response_ids.join(" ");
    let text = one_line(&q.text);
    let cells = [
        text.as_str(),
        c.author.as_deref().unwrap_or(""),
        c.place.as_deref().unwrap_or(""),
        c.date.as_deref().unwrap_or(""),
        c.consultation.as_str(),
        c.consultation_title.as_str(),
        c.kind.as_str(),
        c.question.as_deref().unwrap_or(""),
        page.as_str(),
        c.url.as_str(),
        c.id.as_str(),
        count.as_str(),
        ids.as_str(),
    ];
    let row: Vec<String> = cells.iter().map(|x| crate::cli::csv_cell(x)).collect();
    row.join(",")
}

/// CSV columns of quotes.
pub const CSV_COLUMNS: &str = "text,author,place,date,consultation,consultation_title,kind,question,page,url,document,count,response_ids";

/// The whole answer in a format.
pub fn render(r: &QuotesResponse, format: QuoteFormat) -> String {
    match format {
        QuoteFormat::Json => {
            let mut s = serde_json::to_string_pretty(r).expect("quotes serialize");
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
            let mut out = format!("{CSV_COLUMNS}\n");
            for q in &r.quotes {
                out.push_str(&csv_row(q));
                out.push('\n');
            }
            out
        }
    }
}
