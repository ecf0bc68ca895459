//! Collectors over fast fields: facet counts of every match (consultation, language, kind,
//! respondent, campaign, day) and campaigns gathered from their members, counted by dense
//! ordinals so a common word's thousands of matches stay cheap.

use super::*;

pub(super) const FACET_FIELDS: [&str; 6] = [
    "consultation",
    "lang",
    "kind",
    "respondent",
    "campaign",
    "organisation",
];

/// Counts every matching document by consultation, language, kind and day (fast fields).
pub(super) struct FacetCollector {
    /// The engine's tables of the facet columns' terms (in `FACET_FIELDS` order), which name
    /// the counted ordinals; without them the columns' dictionaries do.
    names: Option<Arc<Vec<names::Names>>>,
}

impl FacetCollector {
    /// A collector that names terms from the engine's tables.
    pub(super) fn named(names: &Arc<Vec<names::Names>>) -> FacetCollector {
        FacetCollector {
            names: Some(names.clone()),
        }
    }

    /// The tables of the facet columns, one per field of `FACET_FIELDS`.
    pub(super) fn tables() -> Arc<Vec<names::Names>> {
        Arc::new(FACET_FIELDS.iter().map(|f| names::Names::new(f)).collect())
    }
}

/// One segment's counts: names with counts per facet field, and days since 1970 with counts.
/// Segments are merged by hash and the days written out once at the end: a common word's
/// segments each name tens of thousands of campaigns, and merging them into sorted maps (string
/// compares) and formatting each segment's days was a third of a search's time at 1M.
pub(super) struct SegmentCounts {
    fields: Vec<Vec<(String, u64)>>,
    days: Vec<(i64, u64)>,
}

/// Matches a segment collector buffers before counting them as a block.
const BLOCK: usize = 256;

pub(super) struct FacetSegment {
    columns: Vec<Option<StrColumn>>,
    tables: Vec<Option<Arc<names::Table>>>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    /// Per column, matches per term ordinal: ordinals are dense, so a vector beats a map on the
    /// hot path (every match of a common word passes here).
    counts: Vec<Vec<u64>>,
    /// Matches per day from the segment's first date on (dense, for the same reason), and per
    /// day elsewhere (never, unless the column's bounds are off).
    first_day: i64,
    per_day: Vec<u64>,
    days: HashMap<i64, u64>,
    /// Reused per block of matches.
    ords: Vec<Option<u64>>,
    dates_of_block: Vec<Option<tantivy::DateTime>>,
    /// Matches handed one at a time (segments with deleted documents), counted by block.
    pending: Vec<DocId>,
}

/// Days a segment's dates may span for a dense per-day count (a century).
const MAX_DENSE_DAYS: i64 = 36_600;

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let mut columns = Vec::new();
        for name in FACET_FIELDS {
            columns.push(segment.fast_fields().str(name)?);
        }
        let dates = segment.fast_fields().date("date")?;
        let day = |d: tantivy::DateTime| d.into_timestamp_secs().div_euclid(86_400);
        let (first_day, last_day) = (day(dates.min_value()), day(dates.max_value()));
        let span = last_day - first_day + 1;
        let tables = match &self.names {
            Some(names) => names.iter().map(|n| n.table(segment)).collect(),
            None => Vec::new(),
        };
        Ok(FacetSegment {
            tables,
            counts: columns
                .iter()
                .map(|c| vec![0; c.as_ref().map_or(0, |c| c.num_terms())])
                .collect(),
            columns,
            dates,
            first_day,
            per_day: vec![
                0;
                if (1..=MAX_DENSE_DAYS).contains(&span) {
                    span as usize
                } else {
                    0
                }
            ],
            days: HashMap::new(),
            ords: Vec::new(),
            dates_of_block: Vec::new(),
            pending: Vec::with_capacity(BLOCK),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Facets> {
        let mut fields: Vec<HashMap<String, u64>> = vec![HashMap::new(); FACET_FIELDS.len()];
        let mut days: HashMap<i64, u64> = HashMap::new();
        for fruit in fruits {
            for (merged, counts) in fields.iter_mut().zip(fruit.fields) {
                merged.reserve(counts.len());
                for (name, n) in counts {
                    *merged.entry(name).or_default() += n;
                }
            }
            for (day, n) in fruit.days {
                *days.entry(day).or_default() += n;
            }
        }
        let mut out = Facets::default();
        for (i, counts) in fields.into_iter().enumerate() {
            let target = match FACET_FIELDS[i] {
                "consultation" => &mut out.consultation,
                "lang" => &mut out.lang,
                "kind" => &mut out.kind,
                "respondent" => &mut out.respondent,
                // By key here; the engine turns keys into the register's ids.
                "organisation" => &mut out.organisation,
                _ => &mut out.campaign,
            };
            target.extend(counts);
        }
        for (day, n) in days {
            if let Some(d) = chrono::DateTime::from_timestamp(day * 86_400, 0) {
                out.date.insert(d.format("%Y-%m-%d").to_string(), n);
            }
        }
        Ok(out)
    }
}

impl FacetSegment {
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.collect_block(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    fn count_day(&mut self, d: tantivy::DateTime) {
        let day = d.into_timestamp_secs().div_euclid(86_400);
        match usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.per_day.get_mut(i))
        {
            Some(n) => *n += 1,
            None => *self.days.entry(day).or_default() += 1,
        }
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == BLOCK {
            self.flush();
        }
    }

    /// A block of matches at a time: each column is read for the whole block in one call.
    /// Every facet field holds one value per document.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.ords.resize(docs.len(), None);
        for (i, col) in self.columns.iter().enumerate() {
            if let Some(col) = col {
                col.ords().first_vals(docs, &mut self.ords[..docs.len()]);
                let counts = &mut self.counts[i];
                for ord in self.ords[..docs.len()].iter().flatten() {
                    counts[*ord as usize] += 1;
                }
            }
        }
        self.dates_of_block.resize(docs.len(), None);
        self.dates
            .first_vals(docs, &mut self.dates_of_block[..docs.len()]);
        for i in 0..docs.len() {
            if let Some(d) = self.dates_of_block[i] {
                self.count_day(d);
            }
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        self.flush();
        let mut fields = Vec::with_capacity(FACET_FIELDS.len());
        for (i, col) in self.columns.iter().enumerate() {
            let Some(col) = col else {
                fields.push(Vec::new());
                continue;
            };
            let (ords, counts): (Vec<u64>, Vec<u64>) = self.counts[i]
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(ord, &n)| (ord as u64, n))
                .unzip();
            let named = match self.tables.get(i) {
                Some(Some(table)) => ords
                    .iter()
                    .map(|&o| table.get(o).unwrap_or_default())
                    .collect(),
                _ => terms_of(col, &ords),
            };
            fields.push(named.into_iter().zip(counts).collect());
        }
        let dense = self
            .per_day
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (self.first_day + i as i64, n));
        let days = dense.chain(self.days).collect();
        SegmentCounts { fields, days }
    }
}

/// Gathers campaigns from their members' fast fields: size, dates, languages, respondents.
pub(super) struct CampaignCollector;

pub(super) struct CampaignSegment {
    campaign: Option<StrColumn>,
    consultation: Option<StrColumn>,
    lang: Option<StrColumn>,
    respondent: Option<StrColumn>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    by_ord: HashMap<u64, CampaignInfo>,
}

impl Collector for CampaignCollector {
    type Fruit = Vec<CampaignInfo>;
    type Child = CampaignSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<CampaignSegment> {
        let ff = segment.fast_fields();
        Ok(CampaignSegment {
            campaign: ff.str("campaign")?,
            consultation: ff.str("consultation")?,
            lang: ff.str("lang")?,
            respondent: ff.str("respondent")?,
            dates: ff.date("date")?,
            by_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<CampaignInfo>>) -> tantivy::Result<Vec<CampaignInfo>> {
        let mut merged: BTreeMap<String, CampaignInfo> = BTreeMap::new();
        for c in fruits.into_iter().flatten() {
            match merged.get_mut(&c.id) {
                None => {
                    merged.insert(c.id.clone(), c);
                }
                Some(m) => {
                    m.size += c.size;
                    m.first = m.first.take().into_iter().chain(c.first).min();
                    m.last = m.last.take().into_iter().chain(c.last).max();
                    for (mine, theirs) in [
                        (&mut m.langs, c.langs),
                        (&mut m.respondents, c.respondents),
                        (&mut m.timeline, c.timeline),
                    ] {
                        for (k, v) in theirs {
                            *mine.entry(k).or_default() += v;
                        }
                    }
                }
            }
        }
        Ok(merged.into_values().collect())
    }
}

pub(super) use crate::index::terms_of;

/// Widens a first..last range of days (`YYYY-MM-DD`) to hold `day`.
pub(super) fn widen(first: &mut Option<String>, last: &mut Option<String>, day: &str) {
    if first.as_deref().is_none_or(|f| day < f) {
        *first = Some(day.to_string());
    }
    if last.as_deref().is_none_or(|l| day > l) {
        *last = Some(day.to_string());
    }
}

pub(super) fn str_at(col: &Option<StrColumn>, doc: DocId) -> Option<String> {
    let col = col.as_ref()?;
    let ord = col.term_ords(doc).next()?;
    let mut s = String::new();
    col.ord_to_str(ord, &mut s).ok()?.then_some(s)
}

impl SegmentCollector for CampaignSegment {
    type Fruit = Vec<CampaignInfo>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(ord) = self.campaign.as_ref().and_then(|c| c.term_ords(doc).next()) else {
            return;
        };
        let day = self
            .dates
            .first(doc)
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.format("%Y-%m-%d").to_string());
        let lang = str_at(&self.lang, doc);
        let respondent = str_at(&self.respondent, doc);
        let consultation = str_at(&self.consultation, doc);
        let c = self.by_ord.entry(ord).or_default();
        c.size += 1;
        if c.consultation.is_empty() {
            c.consultation = consultation.unwrap_or_default();
        }
        if let Some(day) = day {
            widen(&mut c.first, &mut c.last, &day);
            *c.timeline.entry(day).or_default() += 1;
        }
        if let Some(l) = lang {
            *c.langs.entry(l).or_default() += 1;
        }
        if let Some(r) = respondent {
            *c.respondents.entry(r).or_default() += 1;
        }
    }

    fn harvest(self) -> Vec<CampaignInfo> {
        let Some(col) = self.campaign else {
            return Vec::new();
        };
        let mut found: Vec<(u64, CampaignInfo)> = self.by_ord.into_iter().collect();
        found.sort_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = found.iter().map(|(ord, _)| *ord).collect();
        terms_of(&col, &ords)
            .into_iter()
            .zip(found)
            .map(|(id, (_, mut c))| {
                c.id = id;
                c
            })
            .collect()
    }
}
