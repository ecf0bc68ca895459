//! What the index holds, read from its fast fields and stored documents: each unit's source
//! and derived fingerprints (what the index step compares with the crawl state), a
//! consultation's stored title, and the totals after a commit. The index step owns the
//! writing; this is its reading side, kept apart so that the step reads as its stages.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::build::IndexSummary;
use super::Fields;
use crate::store::Changed;
use crate::text::ByFingerprint;

/// What the index holds of one unit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Held {
    pub(super) source: u64,
    pub(super) derived: u64,
    pub(super) docs: u64,
    /// The consultation, as an index into [`Holdings::consultations`].
    consultation: Option<u32>,
}

/// What the index holds, unit by unit, read from its fast fields.
#[derive(Default)]
pub(super) struct Holdings {
    pub(super) units: ByFingerprint<Held>,
    consultations: Vec<String>,
}

impl Holdings {
    /// Every unit's holdings, or those of the consultations in `scope` (found by their term,
    /// so a step that touched a few consultations does not read a million documents' columns).
    pub(super) fn read(
        searcher: &Searcher,
        f: &Fields,
        scope: Option<&Changed>,
    ) -> tantivy::Result<Holdings> {
        let mut h = Holdings::default();
        let mut slugs: HashMap<String, u32> = HashMap::new();
        let only = match scope {
            Some(c) if !c.reports => Some(docs_of(searcher, f, &c.consultations)?),
            _ => None,
        };
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let docs: Box<dyn Iterator<Item = tantivy::DocId>> = match &only {
                Some(by_segment) => Box::new(by_segment[ord].iter().copied()),
                None => Box::new(segment.doc_ids_alive()),
            };
            let ff = segment.fast_fields();
            let (unit, source, derived) = (ff.u64("unit")?, ff.u64("source")?, ff.u64("derived")?);
            let consultation = ff.str("consultation")?;
            let mut by_ord: HashMap<u64, u32> = HashMap::new();
            for doc in docs {
                let Some(key) = unit.first(doc) else { continue };
                let slug = match (
                    &consultation,
                    consultation.as_ref().and_then(|c| c.ords().first(doc)),
                ) {
                    (Some(c), Some(ord)) => Some(*by_ord.entry(ord).or_insert_with(|| {
                        let mut s = String::new();
                        let _ = c.ord_to_str(ord, &mut s);
                        let next = slugs.len() as u32;
                        *slugs.entry(s).or_insert(next)
                    })),
                    _ => None,
                };
                let e = h.units.entry(key).or_insert(Held {
                    source: source.first(doc).unwrap_or(0),
                    derived: derived.first(doc).unwrap_or(0),
                    docs: 0,
                    consultation: slug,
                });
                e.docs += 1;
            }
        }
        h.consultations = vec![String::new(); slugs.len()];
        for (s, i) in slugs {
            h.consultations[i as usize] = s;
        }
        Ok(h)
    }

    pub(super) fn consultation(&self, held: &Held) -> Option<&str> {
        held.consultation
            .map(|i| self.consultations[i as usize].as_str())
    }
}

/// The title the index holds for a consultation's page.
pub(super) fn stored_title(
    searcher: &Searcher,
    f: &Fields,
    slug: &str,
) -> tantivy::Result<Option<String>> {
    let term = Term::from_field_text(f.id, &crate::extract::consultation_id(slug));
    let found = searcher.search(
        &TermQuery::new(term, IndexRecordOption::Basic),
        &DocSetCollector,
    )?;
    for address in found {
        let d: TantivyDocument = searcher.doc(address)?;
        if let Some(t) = d.get_first(f.title).and_then(|v| v.as_str()) {
            return Ok(Some(t.to_string()));
        }
    }
    Ok(None)
}

/// The live documents of some consultations, by segment, in order.
fn docs_of(
    searcher: &Searcher,
    f: &Fields,
    consultations: &BTreeSet<String>,
) -> tantivy::Result<Vec<Vec<tantivy::DocId>>> {
    let mut out = vec![Vec::new(); searcher.segment_readers().len()];
    for slug in consultations {
        let term = Term::from_field_text(f.consultation, slug);
        let found = searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &DocSetCollector,
        )?;
        for a in found {
            out[a.segment_ord as usize].push(a.doc_id);
        }
    }
    for docs in &mut out {
        docs.sort_unstable();
    }
    Ok(out)
}

/// Fills in what the index holds after the commit, from its fast fields.
pub(super) fn totals(searcher: &Searcher, s: &mut IndexSummary) -> tantivy::Result<()> {
    use tantivy::columnar::StrColumn;
    // Counted by term ordinal, then named once per segment: naming each document's value
    // would decompress a dictionary block per document.
    fn named(col: &Option<StrColumn>, counts: &HashMap<u64, u64>, out: &mut BTreeMap<String, u64>) {
        let Some(col) = col else { return };
        let mut ords: Vec<u64> = counts.keys().copied().collect();
        ords.sort_unstable();
        for (ord, name) in ords.iter().zip(super::terms_of(col, &ords)) {
            *out.entry(name).or_default() += counts[ord];
        }
    }
    let mut campaigns: HashSet<String> = HashSet::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let str_col = |name: &str| ff.str(name);
        let (kind, lang, respondent, consultation, campaign) = (
            str_col("kind")?,
            str_col("lang")?,
            str_col("respondent")?,
            str_col("consultation")?,
            str_col("campaign")?,
        );
        let has_text = ff.u64("has_text")?;
        let ord = |col: &Option<StrColumn>, doc| col.as_ref().and_then(|c| c.ords().first(doc));
        let response_ord = kind.as_ref().and_then(|k| {
            k.dictionary()
                .term_ord(crate::extract::Kind::Response.as_str())
                .ok()
                .flatten()
        });
        let (mut kinds, mut langs, mut respondents, mut empty, mut members) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        for doc in segment.doc_ids_alive() {
            s.documents += 1;
            let k = ord(&kind, doc);
            *kinds.entry(k.unwrap_or(u64::MAX)).or_insert(0u64) += 1;
            if let Some(l) = ord(&lang, doc) {
                *langs.entry(l).or_insert(0u64) += 1;
            }
            if k.is_some() && k == response_ord {
                if let Some(r) = ord(&respondent, doc) {
                    *respondents.entry(r).or_insert(0u64) += 1;
                }
                if has_text.first(doc) == Some(0) {
                    if let Some(c) = ord(&consultation, doc) {
                        *empty.entry(c).or_insert(0u64) += 1;
                    }
                }
                if let Some(c) = ord(&campaign, doc) {
                    s.campaigns.members += 1;
                    *members.entry(c).or_insert(0u64) += 1;
                }
            }
        }
        kinds.remove(&u64::MAX);
        named(&kind, &kinds, &mut s.by_kind);
        named(&lang, &langs, &mut s.by_lang);
        named(&respondent, &respondents, &mut s.by_respondent);
        named(&consultation, &empty, &mut s.without_text);
        let mut in_segment = BTreeMap::new();
        named(&campaign, &members, &mut in_segment);
        campaigns.extend(in_segment.into_keys());
    }
    s.campaigns.campaigns = campaigns.len() as u64;
    Ok(())
}
