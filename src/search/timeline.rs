//! A search's matches over time: per day, week or month, how many matched and how many of
//! those are campaign copies (every matching member of a campaign after its first, the first
//! being the earliest, ties by document id). A wave of 500 copies in one week then shows as
//! what it is. The buckets add up to the search's total: documents without a date are a
//! bucket of their own, and the days between the first and the last are all there, empty or
//! not, so that a chart's gaps are real.

use super::*;

/// The width of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// One bucket per day.
    #[default]
    Day,
    /// Weeks from Monday (ISO 8601).
    Week,
    /// Calendar months.
    Month,
}

impl By {
    /// The values `--by` and `by=` take.
    pub const NAMES: &'static [&'static str] = &["day", "week", "month"];

    /// Reads `day`, `week` or `month`.
    pub fn parse(s: &str) -> Result<By> {
        match s.trim() {
            "day" => Ok(By::Day),
            "week" => Ok(By::Week),
            "month" => Ok(By::Month),
            _ => Err(Error::parameter(
                "by",
                format!("'{s}' is not day, week or month"),
            )),
        }
    }

    /// The first day of the bucket `day` falls in.
    fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            By::Day => day,
            By::Week => {
                day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
            }
            By::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the next bucket.
    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            By::Day => start + chrono::Duration::days(1),
            By::Week => start + chrono::Duration::days(7),
            By::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

impl std::str::FromStr for By {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<By, String> {
        By::parse(s).map_err(|e| match e {
            Error::Parameter { message, .. } => message,
            e => e.to_string(),
        })
    }
}

/// One bucket of a timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    /// Its first day (`YYYY-MM-DD`); none for the documents without a date.
    pub start: Option<String>,
    /// Matches in it.
    pub total: u64,
    /// Of those, campaign copies beyond the first of each campaign.
    pub campaign_copies: u64,
}

/// A search's matches per bucket.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    /// The query as given.
    pub query: String,
    /// The buckets' width.
    pub by: By,
    /// Matches (the search's total; the buckets add up to it).
    pub total: u64,
    /// Campaign copies among them.
    pub campaign_copies: u64,
    /// Oldest first; the undated bucket last.
    pub buckets: Vec<Bucket>,
    /// How the query was read when it could not be read as written (the API's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Time the engine took, in milliseconds.
    pub took_ms: f64,
}

/// The most buckets a timeline holds (a century of weeks): dates far outside the corpus's
/// span (a mis-dated report) must not make a day-by-day list of centuries.
const MAX_BUCKETS: usize = 5_300;

impl Engine {
    /// The matches of `req` (its page and order do not apply) per day, week or month.
    pub fn timeline(&self, req: &SearchRequest, by: By) -> Result<Timeline> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let query = self.build_query(req)?;
        let members = self.members(&searcher, &*query)?.members;
        // The first response of each campaign (the earliest, ties by id) is no copy, and
        // neither is its attachment: copies are counted by unit, as campaigns are.
        let mut firsts: HashMap<u64, (i64, Vec<DocAddress>)> = HashMap::new();
        for m in members.iter().filter(|m| m.campaign != 0) {
            // An undated copy comes after every dated one.
            let day = m.day.unwrap_or(i64::MAX);
            let e = firsts.entry(m.campaign).or_insert((day, Vec::new()));
            if day < e.0 {
                *e = (day, vec![m.addr]);
            } else if day == e.0 {
                e.1.push(m.addr);
            }
        }
        let tied: Vec<DocAddress> = firsts.values().flat_map(|(_, a)| a.clone()).collect();
        let ids: HashMap<DocAddress, String> = tied
            .iter()
            .copied()
            .zip(self.ids_at(&searcher, &tied)?)
            .collect();
        let unit_of: HashMap<DocAddress, u64> = members.iter().map(|m| (m.addr, m.unit)).collect();
        let first: HashSet<u64> = firsts
            .into_values()
            .filter_map(|(_, tied)| {
                tied.into_iter()
                    .min_by_key(|a| ids.get(a).map(|id| unit_id(id).to_string()))
                    .and_then(|a| unit_of.get(&a).copied())
            })
            .collect();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
        let mut counts: BTreeMap<Option<NaiveDate>, (u64, u64)> = BTreeMap::new();
        for m in &members {
            let start = m
                .day
                .and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d)))
                .map(|d| by.start(d));
            let c = counts.entry(start).or_default();
            c.0 += 1;
            if m.campaign != 0 && !first.contains(&m.unit) {
                c.1 += 1;
            }
        }
        let undated = counts.remove(&None);
        let mut buckets = Vec::new();
        let dated: Vec<(NaiveDate, (u64, u64))> = counts
            .into_iter()
            .filter_map(|(d, c)| Some((d?, c)))
            .collect();
        if let (Some(&(lo, _)), Some(&(hi, _))) = (dated.first(), dated.last()) {
            let filled: BTreeMap<NaiveDate, (u64, u64)> = dated.iter().copied().collect();
            let mut at = lo;
            let mut steps = 0;
            while at <= hi && steps < MAX_BUCKETS {
                let (total, copies) = filled.get(&at).copied().unwrap_or_default();
                buckets.push(bucket(Some(at), total, copies));
                at = by.next(at);
                steps += 1;
            }
            if at <= hi {
                // Too long a span to fill: the buckets that hold matches, still adding up.
                buckets = dated
                    .iter()
                    .map(|&(d, (t, c))| bucket(Some(d), t, c))
                    .collect();
            }
        }
        if let Some((total, copies)) = undated {
            buckets.push(bucket(None, total, copies));
        }
        Ok(Timeline {
            query: req.query.clone(),
            by,
            total: members.len() as u64,
            campaign_copies: buckets.iter().map(|b| b.campaign_copies).sum(),
            buckets,
            notes: Vec::new(),
            took_ms: millis(started),
        })
    }
}

/// A document's id without its kind's prefix: a response (`r-…`) and its attachment (`a-…`)
/// are one unit, ordered by the response's id.
pub(crate) fn unit_id(id: &str) -> &str {
    id.strip_prefix("r-")
        .or_else(|| id.strip_prefix("a-"))
        .unwrap_or(id)
}

fn bucket(start: Option<NaiveDate>, total: u64, campaign_copies: u64) -> Bucket {
    Bucket {
        start: start.map(|d| d.format("%Y-%m-%d").to_string()),
        total,
        campaign_copies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn buckets_start_on_mondays_and_firsts_of_months() {
        // 2025-03-06 is a Thursday.
        assert_eq!(By::Week.start(d("2025-03-06")), d("2025-03-03"));
        assert_eq!(By::Week.start(d("2025-03-03")), d("2025-03-03"));
        assert_eq!(By::Week.start(d("2025-03-09")), d("2025-03-03"));
        assert_eq!(By::Month.start(d("2025-03-31")), d("2025-03-01"));
        assert_eq!(By::Month.next(d("2025-01-01")), d("2025-02-01"));
        assert_eq!(By::Week.next(d("2025-12-29")), d("2026-01-05"));
        assert!(By::parse("year").is_err());
    }
}
