//! Prefix and proximity queries. `kennismig*` is answered from the exact field's term
//! dictionaries: the words that start with the prefix, each searched as a word, so that a
//! response using a word more often ranks higher. A short prefix can reach a large part of the
//! vocabulary, so the expansion has a limit that is a message, not a silent cut. `"a b"~N` is
//! every order of the words as a phrase with slop `N`.

use super::*;
use compile::boosted;
use query::{MAX_NEAR_WORDS, MIN_PREFIX_CHARS};

/// The most distinct words one prefix may stand for in a field.
pub const MAX_PREFIX_TERMS: usize = 2_000;

impl Engine {
    /// The prefix as the exact field indexes words (lower case, accents folded); one word.
    fn normalize_prefix(&self, prefix: &str) -> Result<String> {
        let words = crate::text::folded_words(prefix);
        match words.as_slice() {
            [one] if one.chars().count() >= MIN_PREFIX_CHARS => Ok(one.clone()),
            [_] => Err(Error::Query(format!(
                "a prefix needs at least {MIN_PREFIX_CHARS} letters before the * (got '{prefix}*')"
            ))),
            _ => Err(Error::Query(format!(
                "'{prefix}*' is not one word: a prefix is the start of one word"
            ))),
        }
    }

    /// The indexed words of `field` that start with `prefix`, with how many documents hold
    /// each, over every segment; an error when there are more than [`MAX_PREFIX_TERMS`].
    pub(crate) fn prefix_terms(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        prefix: &str,
    ) -> Result<Vec<(String, u64)>> {
        let prefix = self.normalize_prefix(prefix)?;
        let mut found: BTreeMap<String, u64> = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(field)
                .map_err(|e| self.index_error(e))?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(|e| self.index_error(e.into()))?;
            while stream.advance() {
                if !stream.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                *found.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
                if found.len() > MAX_PREFIX_TERMS {
                    return Err(Error::Query(format!(
                        "'{prefix}*' stands for more than {MAX_PREFIX_TERMS} different words: \
                         add letters to the prefix"
                    )));
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    /// The words of the text field that the query's prefixes (outside exclusions) stand for,
    /// with their document counts: snippets mark them.
    pub(super) fn prefixed_words(
        &self,
        searcher: &tantivy::Searcher,
        e: &Expr,
    ) -> Result<Vec<(String, u64)>> {
        Ok(match e {
            Expr::Prefix { field, prefix }
                if field.is_none() || field.as_deref() == Some("text") =>
            {
                self.prefix_terms(searcher, self.fields.text, prefix)?
            }
            Expr::And(items) | Expr::Or(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.extend(self.prefixed_words(searcher, i)?);
                }
                out
            }
            _ => Vec::new(),
        })
    }

    /// Any word starting with `prefix` in each of `fields` (with its boost).
    pub(super) fn prefix_query(
        &self,
        prefix: &str,
        fields: &[(Field, f32)],
    ) -> Result<Box<dyn Query>> {
        let searcher = self.reader.searcher();
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in fields {
            for (word, _) in self.prefix_terms(&searcher, field, prefix)? {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, &word),
                    IndexRecordOption::WithFreqs,
                ));
                should.push((Occur::Should, boosted(q, boost)));
            }
        }
        // No word starts with the prefix: nothing matches, which is the answer.
        Ok(match should.len() {
            0 => Box::new(tantivy::query::EmptyQuery),
            1 => should.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(should)),
        })
    }

    /// The words of `text` within `distance` positions of each other in any order, in each of
    /// `fields` (with its boost).
    pub(super) fn near_query(
        &self,
        text: &str,
        distance: u32,
        fields: &[(Field, f32)],
    ) -> Result<Option<Box<dyn Query>>> {
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in fields {
            let terms = self.analyze(field, text)?;
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                n if n > MAX_NEAR_WORDS => {
                    return Err(Error::Query(format!(
                        "a proximity search (\"…\"~N) takes at most {MAX_NEAR_WORDS} words"
                    )))
                }
                _ => {
                    let mut orders: Vec<Box<dyn Query>> = Vec::new();
                    let mut seen = std::collections::HashSet::new();
                    for order in permutations(&terms) {
                        if seen.insert(order.clone()) {
                            let mut phrase = PhraseQuery::new(order);
                            phrase.set_slop(distance);
                            orders.push(Box::new(phrase));
                        }
                    }
                    Box::new(BooleanQuery::new(
                        orders.into_iter().map(|q| (Occur::Should, q)).collect(),
                    ))
                }
            };
            should.push((Occur::Should, boosted(q, boost)));
        }
        Ok(match should.len() {
            0 => None,
            1 => should.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(should))),
        })
    }
}

/// Every order of `items`.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            out.push(tail);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::permutations;

    #[test]
    fn every_order_once() {
        let all = permutations(&[1, 2, 3]);
        assert_eq!(all.len(), 6);
        let distinct: std::collections::HashSet<_> = all.into_iter().collect();
        assert_eq!(distinct.len(), 6);
    }
}
