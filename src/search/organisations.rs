//! The organisation register: organisations' responses grouped by the key their name variants
//! share ([`crate::organisations`]), read from the index's fast fields. Only responses whose
//! respondent type is `organisation` carry a key, so private persons are never listed here.

use super::*;
use crate::organisations::corrections::Corrections;

/// The register of one index commit.
pub(super) struct Register {
    /// Most consultations first.
    organisations: Vec<OrganisationInfo>,
    /// Keys that are another organisation's abbreviation, with that organisation's key.
    aliases: HashMap<String, String>,
}

/// One organisation across consultations.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct OrganisationInfo {
    /// Stable across updates: derived from the key.
    pub id: String,
    /// The variant of its name used most often.
    pub name: String,
    /// Each way its name is written, with how many responses write it so.
    pub variants: Vec<NameCount>,
    /// Abbreviations it declares ("vng").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The consultations it responded to, by slug.
    pub consultations: Vec<String>,
    /// Its responses, in every consultation.
    pub responses: u64,
    /// `YYYY-MM-DD`.
    pub first: Option<String>,
    /// The date of its last response (`YYYY-MM-DD`).
    pub last: Option<String>,
    /// Its responses per language.
    pub langs: BTreeMap<String, u64>,
    /// Every key the organisation stands for, its own first.
    #[serde(skip)]
    keys: Vec<String>,
}

/// One organisation with its responses across consultations, newest first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OrganisationDetail {
    /// The organisation as the register lists it.
    pub organisation: OrganisationInfo,
    /// Its responses, newest first.
    pub responses: Vec<OrganisationResponse>,
}

/// One of an organisation's responses: who, where, when, the start of its text, and the
/// organisations that took the same line in the same consultation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OrganisationResponse {
    /// Who wrote the response and where it is.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// The start of its text.
    pub start: String,
    /// Organisations whose responses to the same consultation are closest to this one's.
    pub same_line: Vec<SameLine>,
}

/// Another organisation's response to the same consultation, close in content.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SameLine {
    /// The other organisation's register id.
    pub organisation: String,
    /// Its name as that response writes it.
    pub name: String,
    /// That response's document id.
    pub response_id: String,
    /// Where that response is on the site.
    pub url: String,
    /// More-like-this score: comparable within one response's list only.
    pub score: f32,
}

/// Organisations listed as taking the same line, per response.
pub(crate) const SAME_LINE: usize = 5;

/// A name as written, how often, and why it is this organisation's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NameCount {
    /// The name as written.
    pub name: String,
    /// Responses that write it so.
    pub count: u64,
    /// Why the register counts it as this organisation's: `name` (its name reduces to the
    /// organisation's key), `declared`, `spacing`, `words`, `initialism`, `prefix`, `kind` or
    /// `merged` (a researcher's correction); the README lists when each applies.
    pub joined_by: &'static str,
    /// The organisation key it was joined to, when it is not the organisation's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// Per key: what its responses say, before aliases merge keys.
#[derive(Default)]
struct Gathered {
    variants: BTreeMap<String, u64>,
    aliases: BTreeSet<String>,
    consultations: BTreeSet<String>,
    responses: u64,
    first: Option<String>,
    last: Option<String>,
    langs: BTreeMap<String, u64>,
}

impl Gathered {
    fn add(&mut self, other: Gathered) {
        for (k, v) in other.variants {
            *self.variants.entry(k).or_default() += v;
        }
        self.aliases.extend(other.aliases);
        self.consultations.extend(other.consultations);
        self.responses += other.responses;
        self.first = self.first.take().into_iter().chain(other.first).min();
        self.last = self.last.take().into_iter().chain(other.last).max();
        for (k, v) in other.langs {
            *self.langs.entry(k).or_default() += v;
        }
    }
}

struct RegisterCollector;

struct RegisterSegment {
    key: Option<StrColumn>,
    name: Option<StrColumn>,
    alias: Option<StrColumn>,
    consultation: Option<StrColumn>,
    lang: Option<StrColumn>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    by_key: HashMap<String, Gathered>,
}

impl Collector for RegisterCollector {
    type Fruit = HashMap<String, Gathered>;
    type Child = RegisterSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<RegisterSegment> {
        let ff = segment.fast_fields();
        Ok(RegisterSegment {
            key: ff.str("organisation")?,
            name: ff.str("organisation_name")?,
            alias: ff.str("organisation_alias")?,
            consultation: ff.str("consultation")?,
            lang: ff.str("lang")?,
            dates: ff.date("date")?,
            by_key: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, Gathered>>,
    ) -> tantivy::Result<HashMap<String, Gathered>> {
        let mut merged: HashMap<String, Gathered> = HashMap::new();
        for fruit in fruits {
            for (k, g) in fruit {
                merged.entry(k).or_default().add(g);
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for RegisterSegment {
    type Fruit = HashMap<String, Gathered>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(key) = str_at(&self.key, doc) else {
            return;
        };
        let day = self
            .dates
            .first(doc)
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.format("%Y-%m-%d").to_string());
        let name = str_at(&self.name, doc);
        let alias = str_at(&self.alias, doc);
        let consultation = str_at(&self.consultation, doc);
        let lang = str_at(&self.lang, doc);
        let g = self.by_key.entry(key).or_default();
        g.responses += 1;
        if let Some(n) = name {
            *g.variants.entry(n).or_default() += 1;
        }
        g.aliases.extend(alias);
        g.consultations.extend(consultation);
        if let Some(l) = lang {
            *g.langs.entry(l).or_default() += 1;
        }
        if let Some(day) = day {
            collect::widen(&mut g.first, &mut g.last, &day);
        }
    }

    fn harvest(self) -> HashMap<String, Gathered> {
        self.by_key
    }
}

impl Engine {
    /// The organisation register: every organisation that responded, with its name variants,
    /// consultations, responses, dates and languages; those that responded to `consultation`
    /// when given, and to at least `min_consultations` consultations. Most consultations first.
    pub fn organisations(
        &self,
        consultation: Option<&str>,
        min_consultations: usize,
    ) -> Result<Vec<OrganisationInfo>> {
        let register = self.register(&self.reader.searcher())?;
        Ok(register
            .organisations
            .iter()
            .filter(|o| o.consultations.len() >= min_consultations)
            .filter(|o| consultation.is_none_or(|c| o.consultations.iter().any(|x| x == c)))
            .cloned()
            .collect())
    }

    /// The whole register and its abbreviations, gathered once per index commit: the filter,
    /// the facet and every hit's organisation read it.
    fn register(&self, searcher: &tantivy::Searcher) -> Result<Arc<Register>> {
        let generation = searcher.generation().generation_id();
        // A correction applies at once, without waiting for the next commit.
        let stamp = Corrections::stamp(&self.root);
        if let Some(kept) = self.register.get(generation, &stamp) {
            return Ok(kept);
        }
        let f = self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (
                Occur::Must,
                raw_term(f.respondent, Respondent::Organisation.as_str()),
            ),
        ]);
        let by_key = searcher
            .search(&q, &RegisterCollector)
            .map_err(|e| self.index_error(e))?;
        // A corrections file that does not parse is reported by `organisations` and `stats`;
        // searches go on without it rather than fail.
        let corrections = Corrections::load(&self.root).unwrap_or_else(|e| {
            tracing::warn!("organisation corrections not applied: {e}");
            Corrections::default()
        });
        let keys: BTreeMap<String, crate::organisations::join::KeyNames> = by_key
            .iter()
            .map(|(k, g)| {
                let names = crate::organisations::join::KeyNames {
                    names: g.variants.keys().cloned().collect(),
                    aliases: g.aliases.clone(),
                };
                (k.clone(), names)
            })
            .collect();
        let joined =
            crate::organisations::join::join(&keys, &corrections.merges, &corrections.splits);
        let mut groups: BTreeMap<String, Vec<(String, Gathered)>> = BTreeMap::new();
        for (key, g) in by_key {
            let canonical = joined.get(&key).map_or(&key, |j| &j.canonical).clone();
            groups.entry(canonical).or_default().push((key, g));
        }
        // In key order, not the order of the hash map they were gathered in.
        for members in groups.values_mut() {
            members.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let aliases: HashMap<String, String> = joined
            .iter()
            .filter(|(k, j)| **k != j.canonical)
            .map(|(k, j)| (k.clone(), j.canonical.clone()))
            .collect();
        let mut organisations: Vec<OrganisationInfo> = groups
            .into_iter()
            .map(|(canonical, members)| info(canonical, members, &joined))
            .collect();
        organisations.sort_by(|a, b| {
            b.consultations
                .len()
                .cmp(&a.consultations.len())
                .then(b.responses.cmp(&a.responses))
                .then(a.name.cmp(&b.name))
        });
        let register = Arc::new(Register {
            organisations,
            aliases,
        });
        self.register.put(generation, stamp, register.clone());
        Ok(register)
    }

    /// Facet counts by organisation key as counts by register id: a key that is another
    /// organisation's declared abbreviation counts for that organisation.
    pub(super) fn organisation_ids(
        &self,
        searcher: &tantivy::Searcher,
        by_key: BTreeMap<String, u64>,
    ) -> Result<BTreeMap<String, u64>> {
        if by_key.is_empty() {
            return Ok(by_key);
        }
        let register = self.register(searcher)?;
        let mut out = BTreeMap::new();
        for (key, n) in by_key {
            let key = crate::organisations::resolve(&key, &register.aliases);
            *out.entry(crate::organisations::id(key)).or_default() += n;
        }
        Ok(out)
    }

    /// One organisation and its responses, newest first; `None` for an unknown id.
    pub fn organisation_detail(&self, id: &str) -> Result<Option<OrganisationDetail>> {
        let Some(organisation) = self.organisation(id)? else {
            return Ok(None);
        };
        let req = SearchRequest {
            organisation: Some(organisation.id.clone()),
            kind: Some(Kind::Response),
            sort: Sort::Date,
            limit: MAX_LIMIT.min(organisation.responses as usize + 1),
            ..SearchRequest::default()
        };
        let mut bodies = Vec::new();
        let found = self.search_with(&req, |_, doc| {
            bodies.push(text(doc, self.fields.body).unwrap_or_default())
        })?;
        let searcher = self.reader.searcher();
        let mut responses = Vec::with_capacity(found.hits.len());
        for (h, body) in found.hits.into_iter().zip(bodies) {
            let same_line = self.same_line(
                &searcher,
                &organisation.id,
                &h.attribution.consultation,
                &body,
            )?;
            responses.push(OrganisationResponse {
                attribution: h.attribution,
                start: h.snippet_plain.0,
                same_line,
            });
        }
        Ok(Some(self.withheld(OrganisationDetail {
            organisation,
            responses,
        })?))
    }

    /// A document's attribution, its organisation resolved through the register's
    /// abbreviations ("VNG" alone is the organisation that declared it).
    pub(super) fn attribution(&self, doc: &TantivyDocument) -> Attribution {
        let mut a = Attribution::of(doc, &self.fields);
        if let Some(key) = text(doc, self.fields.organisation) {
            if let Ok(register) = self.register(&self.reader.searcher()) {
                a.organisation = Some(crate::organisations::id(crate::organisations::resolve(
                    &key,
                    &register.aliases,
                )));
            }
        }
        a
    }

    /// For one organisation's response, the other organisations whose responses to the same
    /// consultation are closest to it in content: more-like-this over its text (the words
    /// that are frequent in it and rare in the index, weighted as BM25 weighs them), among
    /// the organisations' responses to that consultation. Closest first, one response each.
    fn same_line(
        &self,
        searcher: &tantivy::Searcher,
        own: &str,
        consultation: &str,
        body: &str,
    ) -> Result<Vec<SameLine>> {
        let f = self.fields;
        let like = tantivy::query::MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(40)
            .with_document_fields(vec![(
                f.text,
                vec![tantivy::schema::OwnedValue::Str(body.to_string())],
            )]);
        let q = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (Occur::Must, raw_term(f.consultation, consultation)),
            (
                Occur::Must,
                raw_term(f.respondent, Respondent::Organisation.as_str()),
            ),
        ]);
        let top = self.ranked(searcher, &q, super::rank::Order::Relevance, 50, 0)?;
        let mut out: Vec<SameLine> = Vec::new();
        for (score, addr) in top {
            let score = score.unwrap_or_default();
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
            let a = self.attribution(&doc);
            let Some(org) = a.organisation.clone() else {
                continue;
            };
            if org == own || out.iter().any(|s| s.organisation == org) {
                continue;
            }
            out.push(SameLine {
                organisation: org,
                name: a.organisation_name.clone().unwrap_or_default(),
                response_id: a.response_id.clone().unwrap_or_default(),
                url: a.url.clone(),
                score,
            });
            if out.len() == SAME_LINE {
                break;
            }
        }
        Ok(out)
    }

    /// One organisation of the register, by id.
    pub fn organisation(&self, id: &str) -> Result<Option<OrganisationInfo>> {
        let register = self.register(&self.reader.searcher())?;
        Ok(register.organisations.iter().find(|o| o.id == id).cloned())
    }

    /// Joins two organisations of the register, whatever the rules say, and keeps the
    /// correction beside the index; the organisation they are now.
    pub fn merge_organisations(&self, a: &str, b: &str) -> Result<OrganisationInfo> {
        let (x, y) = (self.known_organisation(a)?, self.known_organisation(b)?);
        if x.id == y.id {
            return Err(Error::Usage(format!(
                "{a} and {b} are one organisation already"
            )));
        }
        let mut corrections = Corrections::load(&self.root)?;
        corrections.merge(&x.keys[0], &y.keys[0]);
        corrections.save(&self.root)?;
        self.containing(&x.keys[0])
    }

    /// Takes a name, as the organisation's variants write it, out of an organisation: the
    /// names that share its key become an organisation of their own, which no rule joins
    /// again. Kept beside the index; the two organisations as they are now.
    pub fn split_organisation(
        &self,
        id: &str,
        name: &str,
    ) -> Result<(OrganisationInfo, OrganisationInfo)> {
        let o = self.known_organisation(id)?;
        let wanted = name.trim().to_lowercase();
        let Some(variant) = o.variants.iter().find(|v| v.name.to_lowercase() == wanted) else {
            let names: Vec<&str> = o.variants.iter().map(|v| v.name.as_str()).collect();
            return Err(Error::Usage(format!(
                "{id} is not written '{name}' (its names: {})",
                names.join("; ")
            )));
        };
        let key = crate::organisations::normalize(&variant.name)
            .map(|n| n.key)
            .filter(|k| o.keys.contains(k))
            .ok_or_else(|| Error::Usage(format!("'{name}' has no key of {id}")))?;
        if o.keys.len() == 1 {
            return Err(Error::Usage(format!(
                "every name of {id} reduces to the same key as '{name}': nothing to split"
            )));
        }
        let mut corrections = Corrections::load(&self.root)?;
        corrections.split(&key);
        corrections.save(&self.root)?;
        let rest = o
            .keys
            .iter()
            .find(|k| **k != key)
            .expect("two keys or more");
        Ok((self.containing(rest)?, self.containing(&key)?))
    }

    /// The register's corrections (`organisations --merge`, `--split`).
    pub fn organisation_corrections(&self) -> Result<Corrections> {
        Corrections::load(&self.root)
    }

    fn known_organisation(&self, id: &str) -> Result<OrganisationInfo> {
        self.organisation(id)?.ok_or_else(|| {
            Error::Usage(format!(
                "no organisation '{id}' (see `inspraak organisations`)"
            ))
        })
    }

    /// The organisation a key belongs to, in the register as it is now.
    fn containing(&self, key: &str) -> Result<OrganisationInfo> {
        let register = self.register(&self.reader.searcher())?;
        register
            .organisations
            .iter()
            .find(|o| o.keys.iter().any(|k| k == key))
            .cloned()
            .ok_or_else(|| Error::Usage(format!("no organisation has the key '{key}'")))
    }

    /// The keys an organisation id stands for (its own and those that are its aliases), for
    /// the `organisation:` filter.
    pub(crate) fn organisation_keys(&self, id: &str) -> Result<Vec<String>> {
        let Some(o) = self.organisation(id)? else {
            return Ok(Vec::new());
        };
        Ok(o.keys)
    }
}

/// One organisation from the keys joined into it: their names with why each is its, their
/// responses, consultations, dates and languages together.
fn info(
    canonical: String,
    members: Vec<(String, Gathered)>,
    joined: &BTreeMap<String, crate::organisations::join::Joined>,
) -> OrganisationInfo {
    let mut all = Gathered::default();
    let mut variants: Vec<NameCount> = Vec::new();
    let mut keys = vec![canonical.clone()];
    for (key, g) in members {
        let why = joined.get(&key);
        for (name, &count) in &g.variants {
            variants.push(NameCount {
                name: name.clone(),
                count,
                joined_by: why.map_or("name", |j| j.joined_by),
                via: why.and_then(|j| j.via.clone()),
            });
        }
        if key != canonical {
            keys.push(key);
        }
        all.add(g);
    }
    // The most used; among equals the fullest ("Amnesty International Nederland" over
    // "Amnesty Int. NL").
    variants.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.name.len().cmp(&a.name.len()))
            .then(a.name.cmp(&b.name))
    });
    OrganisationInfo {
        id: crate::organisations::id(&canonical),
        name: variants
            .first()
            .map(|v| v.name.clone())
            .unwrap_or_else(|| canonical.clone()),
        variants,
        aliases: all.aliases.into_iter().collect(),
        consultations: all.consultations.into_iter().collect(),
        responses: all.responses,
        first: all.first,
        last: all.last,
        langs: all.langs,
        keys,
    }
}
