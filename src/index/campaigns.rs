//! Campaigns at index time. Every response's MinHash signature is made during extraction and
//! kept in the crawl state, so clustering a consultation never reads a response again; only
//! the consultations an update touched are clustered again, and every member learns its
//! campaign's id, size and representative. The documents carry them, so a search can filter,
//! count and collapse by campaign without any work at query time.
//!
//! Responses are clustered in the order of their ids, so the same signatures give the same
//! campaigns and representatives however the crawl's requests were timed. A campaign's id is a
//! hash of its earliest response's document id (by date, then id), so it stays the same while
//! copies keep arriving and whichever host the site was crawled from; it changes only when two
//! campaigns merge or the first response is withdrawn.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::campaigns::{self, Signature};
use crate::error::Result;
use crate::extract::{site, CampaignTag};
use crate::store::state::State;
use crate::store::Sketch;

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
    /// Responses of the consultations clustered again whose stored signature was reused
    /// (not read and signed again).
    pub reused: u64,
    /// Consultations clustered again in this run.
    pub clustered: u64,
    pub seconds: f64,
}

/// Clusters the given consultations' stored signatures and returns the campaign of every
/// member by document id (`r-<uuid>`), and how many sketches were read.
pub(crate) fn assign(
    state: &State,
    consultations: &[String],
    threshold: f64,
) -> Result<(HashMap<String, CampaignTag>, u64)> {
    let mut out = HashMap::new();
    let mut read = 0;
    for consultation in consultations {
        // By response id, not by arrival: the order decides which of equally central members
        // represents a campaign, and arrival changes with every crawl's timing.
        let mut sketches: Vec<(String, Sketch)> = state
            .sketches(consultation)?
            .into_iter()
            .map(|s| {
                let id = format!("r-{}", site::response_uuid(&s.url).unwrap_or_default());
                (id, s)
            })
            .collect();
        read += sketches.len() as u64;
        sketches.sort_by(|a, b| a.0.cmp(&b.0));
        let sigs: Vec<Option<Signature>> = sketches
            .iter()
            .map(|(_, s)| s.signature.as_deref().and_then(Signature::from_bytes))
            .collect();
        for c in campaigns::cluster(&sigs, threshold) {
            // The first response posted (by date, then id): a campaign keeps its id while
            // copies arrive, whichever host the site was crawled from.
            let first = *c
                .members
                .iter()
                .min_by_key(|&&i| (sketches[i].1.date.clone(), i))
                .expect("a campaign has members");
            let tag = CampaignTag {
                id: campaign_id(&sketches[first].0),
                size: c.members.len() as u64,
                representative: sketches[c.representative].0.clone(),
            };
            for &m in &c.members {
                out.insert(sketches[m].0.clone(), tag.clone());
            }
        }
    }
    Ok((out, read))
}

/// A campaign's id from its first response's document id: hashed, so that ids differ even
/// where response ids share their start.
fn campaign_id(first: &str) -> String {
    let digest = sha2::Sha256::digest(first.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("c-{hex}")
}
