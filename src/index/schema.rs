//! The schema and its analyzers. Every document's text goes into `text`, analyzed without
//! stemming (lowercased, diacritics folded): exact words, phrases and the ranking use it. Dutch,
//! English, German and French text also goes into its own stemmed field (`text_nl`, `text_en`,
//! `text_de`, `text_fr`) so that "sekswerkers" finds "sekswerker". The stemmed fields are only a way in:
//! tantivy's Dutch stemmer strips `ge-` ("geleden" and "leden" both become "leed"), which is why
//! phrases and quoted words use `text` alone and the exact field ranks above the stemmed ones.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::Index;

pub use crate::text::analyzers::{exact_analyzer, stemmed_analyzer};

/// The unstemmed analyzer.
pub const EXACT: &str = "inspraak_exact";
/// Languages with their own stemmed field: (ISO 639-1 code, field name, analyzer name).
pub const STEMMED: [(&str, &str, &str); 4] = [
    ("nl", "text_nl", "inspraak_nl"),
    ("en", "text_en", "inspraak_en"),
    ("de", "text_de", "inspraak_de"),
    ("fr", "text_fr", "inspraak_fr"),
];

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document's id (unique).
    pub id: Field,
    /// The document's kind.
    pub kind: Field,
    /// The site's UUID of the response (of an attachment's response).
    pub response_id: Field,
    /// The consultation's slug.
    pub consultation: Field,
    /// The consultation's title.
    pub consultation_title: Field,
    /// The document's own title.
    pub title: Field,
    /// The respondent's or author's name.
    pub author: Field,
    /// The respondent's place.
    pub place: Field,
    /// The document's date.
    pub date: Field,
    /// The text's language (ISO 639-1, or `und`).
    pub lang: Field,
    /// Where the document is on the web.
    pub url: Field,
    /// The whole text, stored for snippets and display.
    pub body: Field,
    /// Questions, answers and pages as JSON (for the document view and page numbers).
    pub sections: Field,
    /// Number of pages, for PDFs.
    pub pages: Field,
    /// Other facts as JSON (a consultation's status and dates, a report's label).
    pub meta: Field,
    /// A report's host (`amnesty.org`).
    pub publisher: Field,
    /// What the text cites, one normalised key per value (`doi:…`, `kst:…`, `url:…`).
    pub cites: Field,
    /// A response's campaign id (near-identical responses), when it has one.
    pub campaign: Field,
    /// Responses in that campaign; 1 for a response in none.
    pub campaign_size: Field,
    /// `organisation`, `individual` or `anonymous`, for responses and their attachments.
    pub respondent: Field,
    /// The key of the organisation an organisation's response speaks for
    /// ([`crate::organisations`]), its name as this response writes it, and the abbreviation
    /// it declares.
    pub organisation: Field,
    /// The organisation's name as this response writes it.
    pub organisation_name: Field,
    /// The abbreviation the organisation declares.
    pub organisation_alias: Field,
    /// A private person's name and place (`name` U+001F `place`), on an individual's response
    /// and attachment only: a fast column, neither searched nor stored, from which a public
    /// server learns whose names to withhold ([`crate::search`]'s privacy).
    pub person: Field,
    /// 1 when the document has text, 0 for a response whose respondent left every answer
    /// empty (it is still a response: counted, listed, never a text match).
    pub has_text: Field,
    /// The exact words, for phrases, exact matches and prefixes.
    pub text: Field,
    /// The text stemmed in Dutch.
    pub text_nl: Field,
    /// The text stemmed in English.
    pub text_en: Field,
    /// The text stemmed in German.
    pub text_de: Field,
    /// The text stemmed in French.
    pub text_fr: Field,
    /// The fingerprint of the unit's main URL ([`crate::extract::units`]): a response and its
    /// attachment share it, and are deleted together.
    pub unit: Field,
    /// The fingerprint of the archived bodies the document was made from.
    pub source: Field,
    /// The fingerprint of what the index step added from elsewhere (campaign, consultation
    /// title): when it changes, the document is re-added from what the index stores.
    pub derived: Field,
    /// Sentence boundaries with word positions ([`crate::text::sentences::encode`]): quotes
    /// are cut from them at query time.
    pub sentences: Field,
}

impl Fields {
    /// Looks the fields up in an existing schema; fails if one is missing (an older index).
    pub(crate) fn from_schema(schema: &Schema) -> Result<Fields, String> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("the index has no field '{name}'"))
        };
        Ok(Fields {
            id: f("id")?,
            kind: f("kind")?,
            response_id: f("response_id")?,
            consultation: f("consultation")?,
            consultation_title: f("consultation_title")?,
            title: f("title")?,
            author: f("author")?,
            place: f("place")?,
            date: f("date")?,
            lang: f("lang")?,
            url: f("url")?,
            body: f("body")?,
            sections: f("sections")?,
            pages: f("pages")?,
            meta: f("meta")?,
            publisher: f("publisher")?,
            cites: f("cites")?,
            campaign: f("campaign")?,
            campaign_size: f("campaign_size")?,
            respondent: f("respondent")?,
            organisation: f("organisation")?,
            organisation_name: f("organisation_name")?,
            organisation_alias: f("organisation_alias")?,
            person: f("person")?,
            has_text: f("has_text")?,
            text: f("text")?,
            text_nl: f("text_nl")?,
            text_en: f("text_en")?,
            text_de: f("text_de")?,
            text_fr: f("text_fr")?,
            unit: f("unit")?,
            source: f("source")?,
            derived: f("derived")?,
            sentences: f("sentences")?,
        })
    }

    /// The stemmed field for a language code, if it has one.
    pub(crate) fn stemmed(&self, lang: &str) -> Option<Field> {
        match lang {
            "nl" => Some(self.text_nl),
            "en" => Some(self.text_en),
            "de" => Some(self.text_de),
            "fr" => Some(self.text_fr),
            _ => None,
        }
    }
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    add_fields(&mut b);
    let schema = b.build();
    let fields = Fields::from_schema(&schema).expect("built with every field");
    (schema, fields)
}

fn add_fields(b: &mut tantivy::schema::SchemaBuilder) {
    let exact_text = |stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    let stemmed = |analyzer: &str| {
        // Phrases never run on stemmed fields, so positions would only cost space.
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    b.add_text_field("id", STRING | STORED | FAST);
    b.add_text_field("kind", STRING | STORED | FAST);
    b.add_text_field("response_id", STRING | STORED | FAST);
    b.add_text_field("consultation", STRING | STORED | FAST);
    b.add_text_field("consultation_title", STORED);
    b.add_text_field("title", exact_text(true));
    b.add_text_field("author", exact_text(true));
    b.add_text_field("place", exact_text(true));
    b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("lang", STRING | STORED | FAST);
    b.add_text_field("url", STRING | STORED);
    b.add_text_field("body", STORED);
    b.add_text_field("sections", STORED);
    b.add_u64_field("pages", STORED);
    b.add_text_field("meta", STORED);
    b.add_text_field("publisher", STRING | STORED | FAST);
    b.add_text_field("cites", STRING | STORED);
    b.add_text_field("campaign", STRING | STORED | FAST);
    b.add_u64_field("campaign_size", INDEXED | STORED | FAST);
    b.add_text_field("respondent", STRING | STORED | FAST);
    b.add_text_field("organisation", STRING | STORED | FAST);
    b.add_text_field("organisation_name", STRING | STORED | FAST);
    b.add_text_field("organisation_alias", STRING | STORED | FAST);
    b.add_text_field("person", FAST);
    b.add_u64_field("has_text", INDEXED | STORED | FAST);
    b.add_text_field("text", exact_text(false));
    for (_, field, analyzer) in STEMMED {
        b.add_text_field(field, stemmed(analyzer));
    }
    b.add_u64_field("unit", INDEXED | FAST);
    b.add_u64_field("source", FAST);
    b.add_u64_field("derived", FAST);
    b.add_bytes_field("sentences", STORED);
}

/// Registers the analyzers (tantivy does not store them in the index).
pub fn register_analyzers(index: &Index) {
    let t = index.tokenizers();
    t.register(EXACT, exact_analyzer());
    for (code, _, name) in STEMMED {
        t.register(name, stemmed_analyzer(code).expect("stemmed language"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut a: tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(
            tokens(exact_analyzer(), "Geïntegreerd café"),
            ["geintegreerd", "cafe"]
        );
        assert_eq!(
            tokens(stemmed_analyzer("nl").unwrap(), "geïntegreerd"),
            tokens(stemmed_analyzer("nl").unwrap(), "geintegreerd")
        );
    }

    #[test]
    fn dutch_stemmer_collides_where_the_exact_field_does_not() {
        let nl = || stemmed_analyzer("nl").unwrap();
        // The reason for the exact field: the stemmer merges these, the exact analyzer keeps
        // them apart.
        assert_eq!(tokens(nl(), "geleden"), tokens(nl(), "leden"));
        assert_ne!(
            tokens(exact_analyzer(), "geleden"),
            tokens(exact_analyzer(), "leden")
        );
        assert_eq!(tokens(nl(), "sekswerkers"), tokens(nl(), "sekswerker"));
    }
}
