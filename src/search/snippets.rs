//! Snippets: the part of a hit's text around its matches, with the matches marked, from the
//! field that matched (stemmed matches are marked too), and the PDF page they are on.

use super::*;

/// Snippet generators for the exact field and each stemmed field: a document's snippet comes
/// from its language's stemmed field (which marks stem matches too), else from the exact one.
pub(super) struct Snippets {
    exact: SnippetGenerator,
    stemmed: HashMap<&'static str, SnippetGenerator>,
    chars: usize,
}

impl Snippets {
    /// Generators for the words the query asks for: its words and phrases, not what it
    /// excludes. Each language's generator marks the stems of all of them, so that a document
    /// found by a phrase shows the phrase even when its snippet comes from the stemmed field.
    /// `prefixed` are the words the query's prefixes stand for, with their document counts.
    pub(super) fn new(
        searcher: &tantivy::Searcher,
        expr: &Expr,
        prefixed: &[(String, u64)],
        f: &Fields,
        chars: usize,
    ) -> tantivy::Result<Snippets> {
        let mut texts = Vec::new();
        positive_texts(expr, &mut texts);
        let weighted =
            |field: Field, mut analyzer: TextAnalyzer| -> tantivy::Result<SnippetGenerator> {
                let mut terms: BTreeMap<String, Score> = BTreeMap::new();
                for text in &texts {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        let token = stream.token().text.clone();
                        let df = searcher.doc_freq(&Term::from_field_text(field, &token))?;
                        if df > 0 {
                            // Rarer words make better fragments, as in tantivy's own generator.
                            terms.insert(token, 1.0 / (1.0 + df as Score));
                        }
                    }
                }
                // A prefix's words come with their counts: thousands of lookups saved.
                for (word, df) in prefixed {
                    let mut stream = analyzer.token_stream(word);
                    while stream.advance() {
                        let weight = 1.0 / (1.0 + *df as Score);
                        let slot = terms.entry(stream.token().text.clone()).or_insert(0.0);
                        *slot = slot.max(weight);
                    }
                }
                let mut g = SnippetGenerator::new(terms, analyzer, field, chars);
                g.set_max_num_chars(chars);
                Ok(g)
            };
        let mut stemmed = HashMap::new();
        for (code, _, _) in crate::index::schema::STEMMED {
            let analyzer = crate::index::schema::stemmed_analyzer(code).expect("stemmed language");
            stemmed.insert(
                code,
                weighted(f.stemmed(code).expect("stemmed field"), analyzer)?,
            );
        }
        Ok(Snippets {
            exact: weighted(f.text, crate::index::schema::exact_analyzer())?,
            stemmed,
            chars,
        })
    }

    /// The snippet's text and the byte ranges of the matches in it.
    pub(super) fn best(&self, lang: &str, body: &str) -> (String, Vec<Range<usize>>) {
        let found = |s: Snippet| {
            (!s.highlighted().is_empty())
                .then(|| (s.fragment().to_string(), s.highlighted().to_vec()))
        };
        if let Some(hit) = self.stemmed.get(lang).and_then(|g| found(g.snippet(body))) {
            return hit;
        }
        if let Some(hit) = found(self.exact.snippet(body)) {
            return hit;
        }
        // No match in the text (a title or author match): show the start of the text.
        let mut start = String::new();
        for word in body.split_whitespace() {
            if start.len() + word.len() + 1 > self.chars {
                break;
            }
            if !start.is_empty() {
                start.push(' ');
            }
            start.push_str(word);
        }
        (start, Vec::new())
    }
}

/// The page of a paged document (PDF, Word with page breaks) that holds byte `at` of its text:
/// the text is its sections joined as [`crate::Document::body`] joins them.
pub(super) fn page_at(doc: &TantivyDocument, f: &Fields, at: usize) -> Option<u32> {
    doc.get_first(f.pages)?;
    let places: Vec<crate::extract::SectionPlace> =
        serde_json::from_str(&text(doc, f.sections)?).ok()?;
    crate::extract::section_at(&places, at)?.page
}

/// The texts whose words a hit should have marked: words, phrases and `text:` values, but
/// nothing under an exclusion.
pub(super) fn positive_texts(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Word(t) | Expr::Phrase(t) => out.push(t.clone()),
        Expr::Near { words, .. } => out.push(words.clone()),
        // Marked from the words the prefix stands for (see `Snippets::new`).
        Expr::Prefix { .. } => {}
        Expr::Field { field, value, .. } if field == "text" => out.push(value.clone()),
        Expr::Field { .. } | Expr::Not(_) => {}
        Expr::And(items) | Expr::Or(items) => {
            for i in items {
                positive_texts(i, out);
            }
        }
    }
}

/// Escapes text for HTML and wraps the given byte ranges in `<mark>`.
pub(crate) fn mark_html(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || r.end > text.len() || r.start > r.end {
            continue;
        }
        escape_into(&text[pos..r.start], &mut out);
        out.push_str("<mark>");
        escape_into(&text[r.start..r.end], &mut out);
        out.push_str("</mark>");
        pos = r.end;
    }
    escape_into(&text[pos..], &mut out);
    out
}

/// Escapes text for HTML (and XML) into `out`.
pub(crate) fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes() {
        assert_eq!(
            mark_html("a <b> & leden", &[8..13, 20..30]),
            "a &lt;b&gt; &amp; <mark>leden</mark>"
        );
        assert_eq!(mark_html("xy", &[0..1, 0..5]), "<mark>x</mark>y");
    }
}
