//! What the engine answers for quotes: the best documents by address and score (their word
//! positions are read, not their text), loading one of them, the words of a text as a field
//! indexes them, and which responses hold a quote's words in order.

use super::*;

impl Engine {
    /// The best `limit` documents for a request, by address with their scores (none when sorted
    /// by date), with how many match; no facets,
    /// snippets or stored fields. Quotes read the positions of the query's words in these,
    /// and load only the documents whose passages may be quoted.
    pub(crate) fn best_addresses(
        &self,
        searcher: &tantivy::Searcher,
        req: &SearchRequest,
        limit: usize,
    ) -> Result<(u64, Vec<Scored>, Expr)> {
        let (query, expr) = self.prepare(req)?;
        let total = searcher
            .search(&*query, &Count)
            .map_err(|e| self.index_error(e))? as u64;
        let top = self.top(searcher, &*query, req.sort, limit, 0)?;
        Ok((total, top, expr))
    }

    /// A stored document with its attribution.
    pub fn load(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<StoredHit> {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.index_error(e))?;
        Ok((address, Attribution::of(&doc, &self.fields), doc))
    }

    /// The words of `text` as `field` indexes them.
    pub(crate) fn words_of(&self, field: Field, text: &str) -> Result<Vec<String>> {
        Ok(self
            .analyze(field, text)?
            .into_iter()
            .filter_map(|t| t.value().as_str().map(str::to_string))
            .collect())
    }

    /// The documents whose text holds these words in this order (any punctuation, case, line
    /// breaks or diacritics between and on them): each response once, by its id (its
    /// attachment counts as it), and each other document by its document id, as
    /// `(Some(response id), "")` or `(None, document id)`.
    pub fn holding(&self, words: &str) -> Result<Vec<(Option<String>, String)>> {
        let Some(q) = self.words_in(self.fields.text, words, true)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&*q, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.index_error(e))?;
        // A response's (or attachment's) id is read from the fast column and named from the
        // segment's table of ids (`names`); only other documents are loaded for their id.
        let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
        for a in docs {
            by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
        }
        let mut out = Vec::new();
        for (segment, ids) in by_segment {
            let column = searcher
                .segment_reader(segment)
                .fast_fields()
                .str("response_id")
                .map_err(|e| self.index_error(e))?;
            let mut ords: Vec<u64> = Vec::new();
            for doc in ids {
                match column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    Some(ord) => ords.push(ord),
                    None => {
                        let d: TantivyDocument = searcher
                            .doc(DocAddress::new(segment, doc))
                            .map_err(|e| self.index_error(e))?;
                        out.push((None, text(&d, self.fields.id).unwrap_or_default()));
                    }
                }
            }
            ords.sort_unstable();
            ords.dedup();
            if let Some(table) = self.response_ids.of(&searcher, segment) {
                out.extend(
                    ords.iter()
                        .filter_map(|&o| table.get(o))
                        .map(|r| (Some(r), String::new())),
                );
            } else if let Some(column) = &column {
                let names = collect::terms_of(column, &ords);
                out.extend(names.into_iter().map(|r| (Some(r), String::new())));
            }
        }
        Ok(out)
    }
}
