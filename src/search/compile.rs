//! Turning a request into a tantivy query: the parsed query language compiled onto the exact
//! and stemmed fields (exact matches ranking first, exclusions on exact words only), then the
//! filters as constant-score clauses. "Any of the parts" serves quotes when no passage holds
//! all of them.

use super::*;

impl Engine {
    /// The query of a request with its parsed form.
    pub(super) fn prepare(&self, req: &SearchRequest) -> Result<(Box<dyn Query>, Expr)> {
        self.prepare_as(req, false)
    }

    /// Answers `f` for a caller that must answer every query (the API, whose description lets
    /// `q` be any text): a query that the query language cannot read (a quote left open, a
    /// `*` where it cannot go, an unknown language in `lang:`) is read as its words alone, and
    /// the note says why. A query that reads is answered as it is, at no extra cost.
    pub fn leniently<T>(
        &self,
        req: SearchRequest,
        f: impl Fn(&SearchRequest) -> Result<T>,
    ) -> Result<(T, Option<String>)> {
        match f(&req) {
            Err(Error::Query(_)) => {
                let (read, note) = self.as_words(req)?;
                Ok((f(&read)?, note))
            }
            other => Ok((other?, None)),
        }
    }

    /// A query as the API reads one that is not `q` (keyness's `against`): as written when it
    /// reads, else as its words, with the note that says so.
    pub fn read_leniently(&self, query: &str) -> Result<(String, Option<String>)> {
        let req = SearchRequest {
            query: query.to_string(),
            ..SearchRequest::default()
        };
        let (read, note) = self.as_words(req)?;
        Ok((read.query, note))
    }

    /// The request with its query read as its words, when the query does not read.
    fn as_words(&self, req: SearchRequest) -> Result<(SearchRequest, Option<String>)> {
        match self.prepare(&req) {
            Err(Error::Query(why)) => {
                let words: Vec<String> = crate::text::words(&req.query)
                    .into_iter()
                    .filter(|w| !matches!(w.as_str(), "or" | "and" | "not"))
                    .collect();
                let note = if words.is_empty() {
                    format!(
                        "the query could not be read ({why}), and it has no words to search for"
                    )
                } else {
                    format!(
                        "the query could not be read ({why}), so it was searched for its words: {}",
                        words.join(" ")
                    )
                };
                let read = SearchRequest {
                    // No words: nothing to find, not every document as no query would. A
                    // query of punctuation alone reads, and finds nothing.
                    query: if words.is_empty() {
                        ".".into()
                    } else {
                        words.join(" ")
                    },
                    ..req
                };
                Ok((read, Some(note)))
            }
            Err(e) => Err(e),
            Ok(_) => Ok((req, None)),
        }
    }

    /// The query of a request; `relaxed` asks for any of its top-level words and phrases
    /// instead of all (exclusions and filters still hold), ranked by how much each holds.
    pub(super) fn prepare_as(
        &self,
        req: &SearchRequest,
        relaxed: bool,
    ) -> Result<(Box<dyn Query>, Expr)> {
        // Without words the question is "which documents pass the filters" ("who cites this",
        // "every response of this consultation"): all of them, filtered.
        let (main, expr): (Box<dyn Query>, Expr) = if req.query.trim().is_empty() {
            (Box::new(AllQuery), Expr::And(Vec::new()))
        } else {
            let expr = query::parse(&req.query).map_err(Error::Query)?;
            let main = if relaxed {
                self.compile_any(&expr)?
            } else {
                self.compile(&expr, false)?
            };
            // Only punctuation ("?!"): no word to find, so nothing matches.
            let main = main.unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery));
            (main, expr)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        // A public engine's search for a private person by name finds no private person's
        // documents (their own signature would otherwise lead to them).
        if self.names_a_person(&req.query)? {
            clauses.push((
                Occur::MustNot,
                raw_term(self.fields.respondent, Respondent::Individual.as_str()),
            ));
        }
        for q in self.filters(req)? {
            // Filters choose, they do not rank.
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), expr))
    }

    /// The request's filters, each a query every hit must match.
    fn filters(&self, req: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
        let f = self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let mut filter = |q: Box<dyn Query>| filters.push(q);
        if let Some(c) = &req.consultation {
            filter(raw_term(f.consultation, c));
        }
        if let Some(l) = &req.lang {
            if !crate::lang::is_known_code(l) {
                return Err(Error::parameter(
                    "lang",
                    format!("'{l}' is unknown (use an ISO 639-1 code such as nl, en, de, or und)"),
                ));
            }
            filter(raw_term(f.lang, l));
        }
        if let Some(k) = req.kind {
            filter(raw_term(f.kind, k.as_str()));
        }
        if let Some(c) = &req.campaign {
            filter(raw_term(f.campaign, c.trim()));
        }
        if let Some(r) = req.respondent {
            filter(raw_term(f.respondent, r.as_str()));
        }
        if let Some(o) = &req.organisation {
            filter(self.organisation_query(o.trim())?);
        }
        let without_text = || {
            Box::new(TermQuery::new(
                Term::from_field_u64(f.has_text, 0),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>
        };
        match req.empty {
            Empty::Include => {}
            Empty::Only => filter(without_text()),
            Empty::Exclude => filter(Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, without_text()),
            ]))),
        }
        if let Some(c) = &req.cites {
            filter(cites_query(f.cites, c).map_err(|e| match e {
                Error::Query(m) => Error::parameter("cites", m),
                e => e,
            })?);
        }
        // A period that ends before it starts holds nothing (as a range query does in
        // Elasticsearch): an empty answer, not an error.
        if let (Some(s), Some(u)) = (req.since, req.until) {
            if s > u {
                filter(Box::new(tantivy::query::EmptyQuery));
            }
        }
        // tantivy keeps times in nanoseconds since 1970, which reach from 1677 to 2262: a bound
        // beyond them holds every document, as no bound does.
        let representable = |d: &NaiveDate| (1678..=2261).contains(&d.year());
        let (since, until) = (
            req.since.filter(representable),
            req.until.filter(representable),
        );
        let too_late = req.since.is_some_and(|d| d.year() > 2261);
        let too_early = req.until.is_some_and(|d| d.year() < 1678);
        if too_late || too_early {
            filter(Box::new(tantivy::query::EmptyQuery));
        }
        if since.is_some() || until.is_some() {
            let day = |d: NaiveDate| {
                let secs = d
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight")
                    .and_utc()
                    .timestamp();
                Term::from_field_date(f.date, tantivy::DateTime::from_timestamp_secs(secs))
            };
            let lower = since.map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            // `until` is inclusive: everything before the next day.
            let upper = until.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(day(d.succ_opt().unwrap_or(d)))
            });
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(filters)
    }

    pub(super) fn analyze(&self, field: Field, text: &str) -> Result<Vec<Term>> {
        let mut analyzer = self
            .index
            .tokenizer_for_field(field)
            .map_err(|e| self.index_error(e))?;
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(field, &stream.token().text));
        }
        Ok(terms)
    }

    /// Words in a field: one term, a phrase (fields with positions), or all terms.
    pub(super) fn words_in(
        &self,
        field: Field,
        text: &str,
        positions: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut terms = self.analyze(field, text)?;
        Ok(match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.pop().expect("one term"),
                IndexRecordOption::WithFreqs,
            ))),
            _ if positions => Some(Box::new(PhraseQuery::new(terms))),
            _ => Some(Box::new(BooleanQuery::new(
                terms
                    .into_iter()
                    .map(|t| {
                        (
                            Occur::Must,
                            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
                                as Box<dyn Query>,
                        )
                    })
                    .collect(),
            ))),
        })
    }

    pub(super) fn any_of(
        &self,
        text: &str,
        fields: &[(Field, f32, bool)],
    ) -> Result<Option<Box<dyn Query>>> {
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost, positions) in fields {
            if let Some(q) = self.words_in(field, text, positions)? {
                should.push((Occur::Should, boosted(q, boost)));
            }
        }
        Ok(match should.len() {
            0 => None,
            1 => should.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(should))),
        })
    }

    /// Compiles a query of several top-level parts as "any of them": the more a document
    /// holds, the higher it scores. Exclusions still exclude.
    pub(super) fn compile_any(&self, e: &Expr) -> Result<Option<Box<dyn Query>>> {
        let Expr::And(items) = e else {
            return self.compile(e, false);
        };
        let (clauses, positive) = self.clauses(items, Occur::Should, false)?;
        Ok(positive.then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
    }

    /// The clauses of a list of parts: each positive one with `occur`, each exclusion as
    /// `MustNot` on exact words; and whether any positive part compiled.
    #[allow(clippy::type_complexity)]
    pub(super) fn clauses(
        &self,
        items: &[Expr],
        occur: Occur,
        exact: bool,
    ) -> Result<(Vec<(Occur, Box<dyn Query>)>, bool)> {
        let mut clauses = Vec::new();
        let mut positive = false;
        for item in items {
            let (o, inner, exact) = match item {
                Expr::Not(x) => (Occur::MustNot, &**x, true),
                x => (occur, x, exact),
            };
            if let Some(q) = self.compile(inner, exact)? {
                positive |= o == occur;
                clauses.push((o, q));
            }
        }
        Ok((clauses, positive))
    }

    /// Compiles a parsed query. `exact` drops the stemmed fields: exclusions use it, because
    /// `-leden` must not drop a document that says "geleden" (same Dutch stem).
    /// One match over the query's kinds of expression, each arm a few lines: long because the
    /// language has that many kinds, and kept whole so that every kind is compiled in one place.
    pub(super) fn compile(&self, e: &Expr, exact: bool) -> Result<Option<Box<dyn Query>>> {
        let f = self.fields;
        match e {
            Expr::Word(w) if exact => self.any_of_guarded(
                w,
                &[
                    (f.text, 1.0, true),
                    (f.title, 2.0, true),
                    (f.author, 1.5, true),
                ],
            ),
            // Exact matches score in the exact field and the stemmed one, so they rank above
            // documents that only share the stem.
            Expr::Word(w) => self.any_of_guarded(
                w,
                &[
                    (f.text, 1.0, true),
                    (f.title, 2.0, true),
                    (f.author, 1.5, true),
                    (f.text_nl, 1.0, false),
                    (f.text_en, 1.0, false),
                    (f.text_de, 1.0, false),
                    (f.text_fr, 1.0, false),
                ],
            ),
            Expr::Phrase(p) => self.any_of(p, &[(f.text, 1.0, true), (f.title, 2.0, true)]),
            Expr::Near { words, distance } => {
                self.near_query(words, *distance, &[(f.text, 1.0), (f.title, 2.0)])
            }
            Expr::Prefix { field, prefix } => {
                let fields: &[(Field, f32)] = match field.as_deref() {
                    None => &[(f.text, 1.0), (f.title, 2.0)],
                    Some("text") => &[(f.text, 1.0)],
                    Some("title") => &[(f.title, 1.0)],
                    Some("author") => &[(f.author, 1.0)],
                    Some("place") => &[(f.place, 1.0)],
                    Some(other) => {
                        return Err(Error::Query(format!("'*' does not work in {other}:")))
                    }
                };
                let q = self.prefix_query(prefix, fields)?;
                Ok(Some(match field.as_deref() {
                    Some("author" | "place") => self.not_a_person(q),
                    _ => q,
                }))
            }
            Expr::Field {
                field,
                value,
                phrase: _,
            } => {
                let exact = |field: Field| self.any_of(value, &[(field, 1.0, true)]);
                let named = |field: Field| Ok(exact(field)?.map(|q| self.not_a_person(q)));
                match field.as_str() {
                    "author" => named(f.author),
                    "place" => named(f.place),
                    "title" => exact(f.title),
                    "text" => exact(f.text),
                    "consultation" => Ok(Some(raw_term(f.consultation, value))),
                    "publisher" => Ok(Some(raw_term(
                        f.publisher,
                        value.to_lowercase().trim_start_matches("www."),
                    ))),
                    "cites" => cites_query(f.cites, value).map(Some),
                    "lang" => {
                        if !crate::lang::is_known_code(value) {
                            return Err(Error::Query(format!("unknown language '{value}'")));
                        }
                        Ok(Some(raw_term(f.lang, value)))
                    }
                    "kind" => {
                        let k = Kind::parse(value).map_err(Error::Query)?;
                        Ok(Some(raw_term(f.kind, k.as_str())))
                    }
                    "response" => Ok(Some(raw_term(f.response_id, &value.to_lowercase()))),
                    "campaign" => Ok(Some(raw_term(f.campaign, &value.to_lowercase()))),
                    "organisation" => self.organisation_query(value).map(Some),
                    "respondent" => {
                        let r = Respondent::parse(value).map_err(Error::Query)?;
                        Ok(Some(raw_term(f.respondent, r.as_str())))
                    }
                    "id" => Ok(Some(raw_term(f.id, value))),
                    other => Err(Error::Query(format!("unknown field '{other}'"))),
                }
            }
            Expr::And(items) => {
                let (mut clauses, positive) = self.clauses(items, Occur::Must, exact)?;
                if clauses.is_empty() {
                    return Ok(None);
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
            Expr::Or(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    if let Some(q) = self.compile(item, exact)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                Ok((!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
            }
            Expr::Not(_) => self.compile(&Expr::And(vec![e.clone()]), exact),
        }
    }
}

impl Engine {
    /// [`Engine::any_of`], where the fields that name a person (author, place) reach no
    /// private person's documents on a public engine.
    fn any_of_guarded(
        &self,
        w: &str,
        fields: &[(Field, f32, bool)],
    ) -> Result<Option<Box<dyn Query>>> {
        if !self.public {
            return self.any_of(w, fields);
        }
        let f = self.fields;
        let (named, rest): (Vec<_>, Vec<_>) = fields
            .iter()
            .partition(|(field, ..)| *field == f.author || *field == f.place);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = self.any_of(w, &rest)? {
            clauses.push((Occur::Should, q));
        }
        if let Some(q) = self.any_of(w, &named)? {
            clauses.push((Occur::Should, self.not_a_person(q)));
        }
        Ok((!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
    }

    /// The documents of an organisation of the register: every key its id stands for.
    fn organisation_query(&self, id: &str) -> Result<Box<dyn Query>> {
        let keys = self.organisation_keys(&id.to_lowercase())?;
        Ok(Box::new(BooleanQuery::new(
            keys.iter()
                .map(|k| (Occur::Should, raw_term(self.fields.organisation, k)))
                .collect(),
        )))
    }
}

/// Documents citing a source, in any of the forms [`crate::extract::cites::normalize`] reads.
pub(super) fn cites_query(field: Field, value: &str) -> Result<Box<dyn Query>> {
    let keys = crate::extract::cites::normalize(value);
    if keys.is_empty() {
        return Err(Error::Query(format!(
            "'{value}' is not a URL, DOI or Kamerstuk number (such as 32211-12)"
        )));
    }
    Ok(Box::new(BooleanQuery::new(
        keys.iter()
            .map(|k| (Occur::Should, raw_term(field, k)))
            .collect(),
    )))
}

/// A query with its field's boost (none for 1).
pub(super) fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

pub(super) fn raw_term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
