//! Campaigns at index time. Every response's MinHash signature is made during extraction and
//! kept in the crawl state, so clustering a consultation never reads a response again; only
//! the consultations an update touched are clustered again, and every member learns its
//! campaign's id, size and representative. The documents carry them, so a search can filter,
//! count and collapse by campaign without any work at query time.
//!
//! A campaign's id is a hash of its earliest response's URL (by date, then arrival), so it stays
//! the same while copies keep arriving; it changes only when two campaigns merge or the first
//! response is withdrawn.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::campaigns::{self, Signature};
use crate::error::Result;
use crate::extract::{site, CampaignTag};
use crate::store::state::State;

/// What campaign detection did in one index step.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct CampaignSummary {
    /// The similarity threshold used (Jaccard of 5-word shingle sets).
    pub threshold: f64,
    /// Campaigns (two or more near-identical responses) in the index.
    pub campaigns: u64,
    /// Responses in a campaign.
    pub members: u64,
    /// Responses read and signed in this run (new or changed).
    pub sketched: u64,
    /// Responses whose stored signature was reused.
    pub reused: u64,
    /// Consultations clustered again in this run.
    pub clustered: u64,
    pub seconds: f64,
}

/// Clusters the given consultations' stored signatures and returns the campaign of every
/// member by document id (`r-<uuid>`).
pub(crate) fn assign(
    state: &State,
    consultations: &[String],
    threshold: f64,
) -> Result<HashMap<String, CampaignTag>> {
    let mut out = HashMap::new();
    for consultation in consultations {
        let sketches = state.sketches(consultation)?;
        let sigs: Vec<Option<Signature>> = sketches
            .iter()
            .map(|s| s.signature.as_deref().and_then(Signature::from_bytes))
            .collect();
        let doc_id = |i: usize| {
            format!(
                "r-{}",
                site::response_uuid(&sketches[i].url).unwrap_or_default()
            )
        };
        for c in campaigns::cluster(&sigs, threshold) {
            // Sketches are in order of arrival, so the first of the earliest date is the
            // first response posted.
            let first = *c
                .members
                .iter()
                .min_by_key(|&&i| (sketches[i].date.clone(), i))
                .expect("a campaign has members");
            // Hashed, so that ids differ even where response ids share their start.
            let digest = sha2::Sha256::digest(sketches[first].url.as_bytes());
            let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
            let tag = CampaignTag {
                id: format!("c-{hex}"),
                size: c.members.len() as u64,
                representative: doc_id(c.representative),
            };
            for &m in &c.members {
                out.insert(doc_id(m), tag.clone());
            }
        }
    }
    Ok(out)
}
