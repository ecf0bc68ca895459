//! The query language, parsed by hand so that every mistake gets a one-line message a person
//! can act on: words (all must match), `"phrases"`, `"near words"~N`, `prefix*`, `OR`,
//! `-exclusion` (or `NOT`), `(groups)` and `field:value` / `field:"a phrase"` / `field:prefix*`.
//! Operators of other query languages that this one does not have (fuzzy `~`, `?` wildcards,
//! boosts, ranges) are refused with a message rather than searched as words, which would
//! silently find nothing.

/// Letters a prefix needs before its `*`: shorter ones match too much of the vocabulary.
pub(crate) const MIN_PREFIX_CHARS: usize = 3;
/// The largest `N` in `"a b"~N`.
pub(crate) const MAX_NEAR_DISTANCE: u32 = 100;
/// The most words a proximity search takes: any order is searched as every order.
pub(crate) const MAX_NEAR_WORDS: usize = 4;
/// Fields whose values may end in `*`: the fields of words.
pub(crate) const PREFIX_FIELDS: [&str; 4] = ["author", "place", "title", "text"];

/// Fields a query may name, with what they search.
pub(crate) const QUERY_FIELDS: [(&str, &str); 14] = [
    ("author", "the respondent's name (a report's author)"),
    ("place", "the respondent's place"),
    ("title", "a consultation's, document's or report's title"),
    ("text", "the text, exact words only (no stemming)"),
    ("consultation", "a consultation slug"),
    ("lang", "a language code (nl, en, de, ..., und)"),
    (
        "kind",
        "consultation, response, attachment, document or report",
    ),
    ("publisher", "a report's host (amnesty.org)"),
    (
        "cites",
        "documents citing a URL, DOI or Kamerstuk (quote a URL: cites:\"https://…\")",
    ),
    (
        "response",
        "a response's UUID (finds it and its attachment)",
    ),
    ("campaign", "a campaign id (c-…): near-identical responses"),
    ("respondent", "organisation, individual or anonymous"),
    (
        "organisation",
        "an organisation id (o-…): its responses across consultations",
    ),
    ("id", "a document id"),
];

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A word: stemmed and exact matches, in text, title and author.
    Word(String),
    /// A quoted phrase (or quoted single word): exact words in order.
    Phrase(String),
    /// `"a b"~N`: the words within `N` positions of each other, in any order.
    Near { words: String, distance: u32 },
    /// `word*` (or `field:word*`): any exact word that starts with `prefix`.
    Prefix {
        field: Option<String>,
        prefix: String,
    },
    /// `field:value`; `phrase` when the value was quoted.
    Field {
        field: String,
        value: String,
        phrase: bool,
    },
    /// All must match (words side by side, `AND`).
    And(Vec<Expr>),
    /// At least one must match.
    Or(Vec<Expr>),
    /// Must not match.
    Not(Box<Expr>),
}

/// A query part as a user would write it, to say which part a result lacks.
pub(crate) fn label(e: &Expr) -> String {
    match e {
        Expr::Word(w) => w.clone(),
        Expr::Phrase(p) => format!("\"{p}\""),
        Expr::Near { words, distance } => format!("\"{words}\"~{distance}"),
        Expr::Prefix {
            field: Some(field),
            prefix,
        } => format!("{field}:{prefix}*"),
        Expr::Prefix { prefix, .. } => format!("{prefix}*"),
        Expr::Field {
            field,
            value,
            phrase: true,
        } => format!("{field}:\"{value}\""),
        Expr::Field { field, value, .. } => format!("{field}:{value}"),
        Expr::And(items) => items.iter().map(label).collect::<Vec<_>>().join(" "),
        Expr::Or(items) => format!(
            "({})",
            items.iter().map(label).collect::<Vec<_>>().join(" OR ")
        ),
        Expr::Not(x) => format!("-{}", label(x)),
    }
}

/// Whether a query asks for words (which rank documents) rather than only filtering them:
/// without words, hits are listed newest first.
pub(crate) fn has_words(e: &Expr) -> bool {
    match e {
        Expr::Word(_) | Expr::Phrase(_) | Expr::Near { .. } | Expr::Prefix { .. } => true,
        Expr::Field { field, .. } => PREFIX_FIELDS.contains(&field.as_str()),
        Expr::And(items) | Expr::Or(items) => items.iter().any(has_words),
        Expr::Not(_) => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Or,
    And,
    Minus,
    Word(String),
    Phrase(String),
    Near(String, u32),
    Prefix(Option<String>, String),
    Field(String, String, bool),
}

/// What a word typed with a trailing `*` asks for: the prefix, checked.
fn prefix_of(word: &str) -> Result<Option<String>, String> {
    let Some(prefix) = word.strip_suffix('*') else {
        if word.contains('*') {
            return Err(format!(
                "'*' works only at the end of a word, as in kennis* (in '{word}')"
            ));
        }
        return Ok(None);
    };
    if prefix.contains('*') {
        return Err(format!(
            "'*' works only at the end of a word, as in kennis* (in '{word}')"
        ));
    }
    let letters = prefix.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_PREFIX_CHARS {
        return Err(format!(
            "a prefix needs at least {MIN_PREFIX_CHARS} letters before the * (got '{word}')"
        ));
    }
    Ok(Some(prefix.to_string()))
}

/// Refuses the operators of other query languages that a word may carry.
fn check_word(word: &str) -> Result<(), String> {
    let chars: Vec<char> = word.chars().collect();
    if word.contains('~') {
        return Err(format!(
            "'~' works only after a quoted phrase, as in \"sekswerk vergunning\"~5 \
             (fuzzy matching of a word such as '{word}' is not supported)"
        ));
    }
    if let Some(i) = chars.iter().position(|&c| c == '^') {
        if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            return Err(format!("boosts such as '{word}' are not supported"));
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        if c == '?'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
            return Err(format!(
                "'?' wildcards such as '{word}' are not supported; a prefix such as kennis* is"
            ));
        }
    }
    if matches!(chars.first(), Some('[' | '{')) && word.len() > 1 {
        return Err(format!(
            "ranges such as '{word}' are not supported; filter dates with since and until"
        ));
    }
    Ok(())
}

/// The query's tokens: words, quoted phrases with their slop, prefixes, fields, operators
/// and parentheses. One pass over the characters; it is long because each kind of token is a
/// case of the one loop, and reading them side by side is how the lexer's edge cases (a quote
/// left open, `~` after a phrase, `*` where it cannot go) are checked against each other.
fn lex(input: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    let quoted = |i: &mut usize| -> Result<String, String> {
        // chars[*i] is the opening quote.
        let start = *i + 1;
        let mut j = start;
        while j < chars.len() && chars[j] != '"' {
            j += 1;
        }
        if j >= chars.len() {
            return Err("a quote is not closed: add the closing \"".to_string());
        }
        *i = j + 1;
        Ok(chars[start..j].iter().collect())
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            tokens.push(Token::Open);
            i += 1;
        } else if c == ')' {
            tokens.push(Token::Close);
            i += 1;
        } else if c == '"' {
            let phrase = quoted(&mut i)?;
            if phrase.contains('*') {
                return Err(
                    "'*' does not work inside quotes: a phrase is searched as written".to_string(),
                );
            }
            if chars.get(i) == Some(&'~') {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let digits: String = chars[start..j].iter().collect();
                let distance = digits.parse::<u32>().ok().filter(|d| {
                    *d <= MAX_NEAR_DISTANCE
                        && chars.get(j).is_none_or(|c| c.is_whitespace() || *c == ')')
                });
                let Some(distance) = distance else {
                    return Err(format!(
                        "'~' after a phrase takes a number of positions from 0 to \
                         {MAX_NEAR_DISTANCE}, as in \"sekswerk vergunning\"~5"
                    ));
                };
                i = j;
                tokens.push(Token::Near(phrase, distance));
            } else {
                tokens.push(Token::Phrase(phrase));
            }
        } else if c == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            tokens.push(Token::Minus);
            i += 1;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some((field, value)) = word.split_once(':') {
                if QUERY_FIELDS.iter().any(|(f, _)| *f == field) {
                    if value.is_empty() && i < chars.len() && chars[i] == '"' {
                        let phrase = quoted(&mut i)?;
                        tokens.push(Token::Field(field.to_string(), phrase, true));
                    } else if value.is_empty() {
                        return Err(format!("{field}: needs a value, e.g. {field}:word"));
                    } else if value.ends_with('*') && !PREFIX_FIELDS.contains(&field) {
                        return Err(format!(
                            "'*' works in words and in {} values, not in {field}:",
                            PREFIX_FIELDS.map(|f| format!("{f}:")).join(", ")
                        ));
                    } else if let Some(prefix) = prefix_of(value)? {
                        tokens.push(Token::Prefix(Some(field.to_string()), prefix));
                    } else {
                        tokens.push(Token::Field(field.to_string(), value.to_string(), false));
                    }
                    continue;
                }
                if !field.is_empty()
                    && field.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                    && !value.starts_with("//")
                {
                    let known: Vec<&str> = QUERY_FIELDS.iter().map(|(f, _)| *f).collect();
                    return Err(format!(
                        "unknown field '{field}' (fields: {}); put the word in quotes to search for it as text",
                        known.join(", ")
                    ));
                }
            }
            match word.as_str() {
                "OR" | "||" => tokens.push(Token::Or),
                "AND" | "&&" => tokens.push(Token::And),
                "NOT" => tokens.push(Token::Minus),
                _ => {
                    check_word(&word)?;
                    match prefix_of(&word)? {
                        Some(prefix) => tokens.push(Token::Prefix(None, prefix)),
                        None => tokens.push(Token::Word(word)),
                    }
                }
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

/// Parses a query; the error is one line for the user.
pub(crate) fn parse(input: &str) -> Result<Expr, String> {
    if input.trim().is_empty() {
        return Err("the query is empty".to_string());
    }
    let mut p = Parser {
        tokens: lex(input)?,
        pos: 0,
        depth: 0,
    };
    let expr = p.or()?;
    match p.tokens.get(p.pos) {
        None => Ok(expr),
        Some(Token::Close) => Err("a ')' has no matching '('".to_string()),
        Some(t) => Err(format!("unexpected {t:?}")),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                return Err("OR needs something on both sides".to_string());
            }
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Or) => break,
                Some(Token::And) => {
                    if items.is_empty() {
                        return Err("AND needs something on both sides".to_string());
                    }
                    self.pos += 1;
                    if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                        return Err("AND needs something on both sides".to_string());
                    }
                }
                _ => items.push(self.unary()?),
            }
        }
        match items.len() {
            0 if self.peek() == Some(&Token::Or) => Err("OR needs something on both sides".into()),
            0 if self.peek() == Some(&Token::Close) && self.depth > 0 => {
                Err("empty parentheses".into())
            }
            0 if self.peek() == Some(&Token::Close) => Err("a ')' has no matching '('".into()),
            0 => Err("the query is empty".into()),
            1 => Ok(items.pop().expect("one item")),
            _ => Ok(Expr::And(items)),
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Some(&Token::Minus) {
            self.pos += 1;
            if matches!(self.peek(), Some(Token::Minus)) {
                return Err("'-' (or NOT) twice in a row".to_string());
            }
            return Ok(Expr::Not(Box::new(self.primary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let token = self.peek().cloned();
        self.pos += 1;
        match token {
            Some(Token::Word(w)) => Ok(Expr::Word(w)),
            Some(Token::Phrase(p)) => {
                if p.trim().is_empty() {
                    Err("an empty phrase \"\"".to_string())
                } else {
                    Ok(Expr::Phrase(p))
                }
            }
            Some(Token::Near(words, distance)) => {
                if words.trim().is_empty() {
                    Err("an empty phrase \"\"".to_string())
                } else {
                    Ok(Expr::Near { words, distance })
                }
            }
            Some(Token::Prefix(field, prefix)) => Ok(Expr::Prefix { field, prefix }),
            Some(Token::Field(field, value, phrase)) => Ok(Expr::Field {
                field,
                value,
                phrase,
            }),
            Some(Token::Open) => {
                if self.depth > 32 {
                    return Err("parentheses nested too deep".to_string());
                }
                self.depth += 1;
                let e = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Token::Close) {
                    return Err("a '(' is not closed: add the closing )".to_string());
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Token::Minus) | None => {
                Err("'-' (or NOT) must stand right before a word".to_string())
            }
            Some(Token::Close) => Err("a ')' has no matching '('".to_string()),
            Some(Token::Or) | Some(Token::And) => {
                Err("OR/AND needs something on both sides".into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Expr {
        Expr::Word(s.to_string())
    }

    #[test]
    fn words_phrases_or_not_fields() {
        assert_eq!(parse("sekswerk").unwrap(), w("sekswerk"));
        assert_eq!(
            parse("vergunning \"registratie plicht\" -pooierverbod").unwrap(),
            Expr::And(vec![
                w("vergunning"),
                Expr::Phrase("registratie plicht".into()),
                Expr::Not(Box::new(w("pooierverbod")))
            ])
        );
        assert_eq!(
            parse("a b OR c").unwrap(),
            Expr::Or(vec![Expr::And(vec![w("a"), w("b")]), w("c")])
        );
        assert_eq!(
            parse("(a OR b) AND c").unwrap(),
            Expr::And(vec![Expr::Or(vec![w("a"), w("b")]), w("c")])
        );
        assert_eq!(
            parse("author:\"Amnesty International\" lang:en").unwrap(),
            Expr::And(vec![
                Expr::Field {
                    field: "author".into(),
                    value: "Amnesty International".into(),
                    phrase: true
                },
                Expr::Field {
                    field: "lang".into(),
                    value: "en".into(),
                    phrase: false
                }
            ])
        );
        // A dash inside a word and a URL are text.
        assert_eq!(parse("e-mail").unwrap(), w("e-mail"));
        assert_eq!(parse("https://x.nl/a").unwrap(), w("https://x.nl/a"));
        assert_eq!(
            parse("art. 12:3").unwrap(),
            Expr::And(vec![w("art."), w("12:3")])
        );
    }

    #[test]
    fn errors_are_one_line_messages() {
        for bad in [
            "", "   ", "\"open", "(a b", "a b)", "a OR", "OR a", "a AND", "()", "foo:bar",
            "author:", "\"\"", "--a",
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(!e.contains('\n') && !e.is_empty(), "{bad}: {e}");
        }
        assert!(parse("foo:bar")
            .unwrap_err()
            .contains("unknown field 'foo'"));
    }

    #[test]
    fn prefixes_proximity_and_not() {
        let prefix = |p: &str| Expr::Prefix {
            field: None,
            prefix: p.into(),
        };
        assert_eq!(parse("kennismig*").unwrap(), prefix("kennismig"));
        assert_eq!(
            parse("author:amnes* sek*").unwrap(),
            Expr::And(vec![
                Expr::Prefix {
                    field: Some("author".into()),
                    prefix: "amnes".into()
                },
                prefix("sek")
            ])
        );
        assert_eq!(
            parse("\"sekswerk vergunning\"~5").unwrap(),
            Expr::Near {
                words: "sekswerk vergunning".into(),
                distance: 5
            }
        );
        assert_eq!(
            parse("(\"a b\"~0)").unwrap(),
            Expr::Near {
                words: "a b".into(),
                distance: 0
            }
        );
        assert_eq!(
            parse("sekswerk NOT pooier").unwrap(),
            Expr::And(vec![w("sekswerk"), Expr::Not(Box::new(w("pooier")))])
        );
        assert_eq!(parse("a || b").unwrap(), Expr::Or(vec![w("a"), w("b")]));
        // Punctuation a person types is not an operator.
        assert_eq!(parse("sekswerk?").unwrap(), w("sekswerk?"));
        assert_eq!(
            label(&parse("\"a b\"~3 text:ver*").unwrap()),
            "\"a b\"~3 text:ver*"
        );
    }

    #[test]
    fn operators_we_do_not_have_are_refused_by_name() {
        for (bad, says) in [
            ("ke*", "at least 3 letters"),
            ("*mig", "only at the end"),
            ("ken*nis", "only at the end"),
            ("kennis**", "only at the end"),
            ("sekswerk~", "fuzzy"),
            ("sekswerk~2", "fuzzy"),
            ("\"a b\"~", "number of positions"),
            ("\"a b\"~x", "number of positions"),
            ("\"a b\"~1000", "number of positions"),
            ("\"sek* werk\"", "inside quotes"),
            ("te?t", "wildcards"),
            ("sekswerk^2", "boosts"),
            ("[2020 TO 2024]", "ranges"),
            ("lang:e*", "not in lang:"),
            ("NOT", "NOT"),
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(e.contains(says), "{bad}: {e}");
            assert!(!e.contains('\n'), "{bad}: {e}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let q = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&q).is_err());
    }
}
