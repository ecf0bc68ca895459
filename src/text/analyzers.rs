//! How text becomes words for the index and for everything that must count words as the
//! index does (sentence boundaries, quotes, campaign keys): the exact analyzer (words,
//! lowercased, accents folded) and a stemmed one per language with its own field. They sit
//! here, below the index, because text, extraction and quotes use them too.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Tokens longer than this are dropped (base64 blobs, mangled URLs).
const MAX_TOKEN_BYTES: usize = 64;

/// The unstemmed analyzer: words, lowercased, diacritics folded.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The stemmed analyzer for a language code with a stemmed field: the exact analyzer plus
/// a Snowball stemmer.
pub fn stemmed_analyzer(lang: &str) -> Option<TextAnalyzer> {
    let language = match lang {
        "nl" => Language::Dutch,
        "en" => Language::English,
        "de" => Language::German,
        "fr" => Language::French,
        _ => return None,
    };
    Some(
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(language))
            .build(),
    )
}
