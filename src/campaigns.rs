//! Campaigns: in a busy consultation most responses are copies of a few templates, lightly
//! edited. This module finds them: each text becomes a set of word shingles, a MinHash
//! signature estimates how much two sets overlap, locality-sensitive hashing (bands of the
//! signature) proposes the pairs worth comparing, and only pairs whose estimated Jaccard
//! similarity reaches the threshold are joined. Signatures are small and stored, so campaigns
//! are recomputed as responses arrive without reading the old ones again. A campaign is a connected group of such pairs; its
//! representative is its most central member, and for every member the sentences it adds to the
//! representative are what that respondent wrote in their own words.

use std::collections::{HashMap, HashSet};

use crate::text::lines;
pub(crate) use crate::text::unwrapped_words;
pub use crate::text::words;
use std::hash::{Hash, Hasher};

/// Words per shingle: long enough that two texts sharing many shingles share phrasing, not
/// just vocabulary; short enough that an edited sentence keeps most of its shingles.
pub(crate) const SHINGLE_WORDS: usize = 5;
/// Hash functions in a signature: the estimate of a pair's similarity has a standard error of
/// √(J(1−J)/256) ≈ 0.025 at J = 0.8.
pub(crate) const SIGNATURE_LEN: usize = 256;
/// Rows per LSH band: with 64 bands of 4, pairs at Jaccard 0.8 become candidates with
/// probability 1 − (1 − 0.8⁴)⁶⁴ ≈ 1 − 10⁻¹⁵, pairs at 0.3 with 0.41 (and are then rejected by
/// the signature comparison).
pub(crate) const BAND_ROWS: usize = 4;
/// The version of shingling and hashing: signatures stored under another version are
/// computed again, since they would not compare with this one's.
pub(crate) const SIGNATURE_VERSION: u32 = 2;
/// The default similarity (Jaccard of shingle sets) at which two responses are copies.
pub const DEFAULT_THRESHOLD: f64 = 0.8;
/// Texts with fewer words are not campaign material: "Ik ben tegen." is said by many people
/// without a template.
pub const MIN_WORDS: usize = 25;
/// Centrality is measured against at most this many other members.
const CENTRALITY_SAMPLE: usize = 200;

/// The text campaign detection compares: a response's answers, or its attachment's text when
/// the answers are too short to be a template ("zie bijlage"). The index step signs this text
/// and the campaign view shows it; this is the one place that decides it.
pub(crate) fn comparable_text(answers: &str, attachment: Option<&str>) -> String {
    match attachment {
        Some(a) if !answers_suffice(answers) => a.to_string(),
        _ => answers.to_string(),
    }
}

/// True when a response's answers are long enough to be compared themselves, so its
/// attachment need not be read.
pub(crate) fn answers_suffice(answers: &str) -> bool {
    words(answers).len() >= MIN_WORDS
}

/// A hash for this run's LSH buckets, which are never stored.
fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// The hash of a shingle: FNV-1a over its words, then mixed. Spelled out rather than taken
/// from the standard library, whose hasher may change between Rust releases: signatures are
/// stored, and must compare with those of a later build.
fn shingle_hash(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for &b in w.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    crate::text::mix(h)
}

/// The hashed word shingles of a text, taken within sentences so that reordering the
/// sentences of a template keeps every shingle (a sentence shorter than a shingle is one);
/// empty when the text has fewer than [`MIN_WORDS`] words.
pub fn shingles(text: &str) -> HashSet<u64> {
    let sentences: Vec<Vec<String>> = crate::text::sentences::split(text)
        .into_iter()
        .map(|r| words(&text[r]))
        .filter(|w| !w.is_empty())
        .collect();
    if sentences.iter().map(Vec::len).sum::<usize>() < MIN_WORDS {
        return HashSet::new();
    }
    let mut out = HashSet::new();
    for w in &sentences {
        if w.len() < SHINGLE_WORDS {
            out.insert(shingle_hash(w));
        } else {
            out.extend(w.windows(SHINGLE_WORDS).map(shingle_hash));
        }
    }
    out
}

/// Mixes a 64-bit value (SplitMix64's finaliser).
/// The [`SIGNATURE_LEN`] hash functions, `(a·x + b) >> 32` with odd `a` (multiply-add-shift):
/// one multiplication per function and shingle, on shingle hashes that SipHash has already
/// mixed. Fixed, so that signatures stored by one run compare with the next run's.
const FUNCTIONS: [(u64, u64); SIGNATURE_LEN] = {
    let mut out = [(0u64, 0u64); SIGNATURE_LEN];
    let mut i = 0;
    while i < SIGNATURE_LEN {
        let seed = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        out[i] = (
            crate::text::mix(seed) | 1,
            crate::text::mix(seed ^ 0x5851_f42d_4c95_7f2d),
        );
        i += 1;
    }
    out
};

/// The MinHash signature of a text: for each of [`SIGNATURE_LEN`] hash functions, the least
/// hash of its shingles. Two signatures agree in a position with probability equal to the
/// Jaccard similarity of the shingle sets, so a signature (1 KiB) stands in for the text when
/// campaigns are recomputed: only new responses are read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Box<[u32; SIGNATURE_LEN]>);

impl Signature {
    /// The signature of a shingle set; `None` for an empty set (a text too short to count).
    pub fn of(shingles: &HashSet<u64>) -> Option<Signature> {
        if shingles.is_empty() {
            return None;
        }
        let mut sig = Box::new([u32::MAX; SIGNATURE_LEN]);
        for &s in shingles {
            for (slot, &(a, b)) in sig.iter_mut().zip(FUNCTIONS.iter()) {
                // The high half: the low bits of a product are the weaker ones.
                let h = (a.wrapping_mul(s).wrapping_add(b) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
        Some(Signature(sig))
    }

    /// The signature of a text ([`shingles`], then [`Signature::of`]).
    pub(crate) fn of_text(text: &str) -> Option<Signature> {
        Signature::of(&shingles(text))
    }

    /// The estimated Jaccard similarity of the two texts: the share of agreeing positions.
    pub(crate) fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads stored bytes; `None` when they are not a signature of this length.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_LEN * 4 {
            return None;
        }
        let mut sig = Box::new([0u32; SIGNATURE_LEN]);
        for (slot, chunk) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes(chunk.try_into().expect("four bytes"));
        }
        Some(Signature(sig))
    }
}

/// Exact Jaccard similarity of two sets.
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|x| large.contains(x)).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// One group of near-identical texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    /// Indexes of the members in the input, in input order.
    pub members: Vec<usize>,
    /// The member most similar to the others.
    pub representative: usize,
}

/// Groups texts whose shingle sets have a Jaccard similarity of at least `threshold`,
/// directly or through other members. Only groups of two or more are returned, largest first
/// (ties by first member).
pub fn find(texts: &[&str], threshold: f64) -> Vec<Campaign> {
    let sigs: Vec<Option<Signature>> = texts.iter().map(|t| Signature::of_text(t)).collect();
    cluster(&sigs, threshold)
}

/// [`find`] on signatures (`None`: a text too short to count): candidates share a band of
/// their signatures, and are joined when their estimated similarity reaches `threshold`.
pub(crate) fn cluster(sigs: &[Option<Signature>], threshold: f64) -> Vec<Campaign> {
    let mut parent: Vec<usize> = (0..sigs.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Every (band, band's hash, member) in one vector, sorted: a bucket is a run of it, the
    // buckets come in a fixed order (so the same signatures always give the same campaigns)
    // and each bucket's members in input order. One sort instead of a map of a vector per
    // bucket: a consultation of 5,000 responses has 320,000 of them.
    let mut entries: Vec<(u32, u64, u32)> =
        Vec::with_capacity(sigs.len() * (SIGNATURE_LEN / BAND_ROWS));
    for (i, sig) in sigs.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for (band, rows) in sig.0.chunks(BAND_ROWS).enumerate() {
            entries.push((band as u32, hash_of(rows), i as u32));
        }
    }
    entries.sort_unstable();
    // Pairs compared, each as one number (`mix` is a bijection, so no two pairs share one).
    let mut checked = crate::text::Fingerprints::default();
    let similar = |a: usize, b: usize| match (&sigs[a], &sigs[b]) {
        (Some(x), Some(y)) => x.similarity(y),
        _ => 0.0,
    };
    let mut members: Vec<usize> = Vec::new();
    for bucket in entries.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        if bucket.len() < 2 {
            continue;
        }
        members.clear();
        members.extend(bucket.iter().map(|e| e.2 as usize));
        // A bucket whose members are all joined already has no pair to compare: the rule
        // below would skip every one of them, at a cost that grows with the square of its
        // size (a template's copies fill one bucket in every band).
        let first = root(&mut parent, members[0]);
        if members[1..].iter().all(|&m| root(&mut parent, m) == first) {
            continue;
        }
        // Members already joined are skipped, so a template copied thousands of times costs
        // one comparison per copy once its first copies are joined.
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[..k] {
                if root(&mut parent, a) == root(&mut parent, b)
                    || !checked.insert(crate::text::mix(
                        ((a.min(b) as u64) << 32) | a.max(b) as u64,
                    ))
                {
                    continue;
                }
                if similar(a, b) >= threshold {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, sig) in sigs.iter().enumerate() {
        if sig.is_some() {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
    }
    let mut out: Vec<Campaign> = groups
        .into_values()
        .filter(|m| m.len() >= 2)
        .map(|members| {
            let representative = most_central(&members, &similar);
            Campaign {
                members,
                representative,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members[0].cmp(&b.members[0]))
    });
    out
}

fn most_central(members: &[usize], similar: &dyn Fn(usize, usize) -> f64) -> usize {
    let step = (members.len() / CENTRALITY_SAMPLE).max(1);
    let sample: Vec<usize> = members.iter().step_by(step).copied().collect();
    members
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let score = |m: usize| -> f64 { sample.iter().map(|&o| similar(m, o)).sum() };
            score(a)
                .total_cmp(&score(b))
                // Of equals, the first: the lowest document id, since the index step hands
                // the signatures over in id order (never in order of arrival).
                .then(b.cmp(&a))
        })
        .expect("a campaign has members")
}

/// A sentence of this many words or more is the template's when its words run on in the
/// template's text, wherever the template's sentences and lines break; a shorter one only when
/// it is a whole sentence or line there ("Ik ben tegen." is not a template's because its words
/// occur in one).
const CONTAINED_WORDS: usize = 4;

/// The sentences of `member` that the `template` does not have (compared by their words), in
/// order: what a respondent wrote in their own words. A sentence whose words run on in the
/// template's text is the template's, however the two are cut into sentences and lines (text
/// from a PDF wraps lines, loses bullets and hyphenates words where its page ended). A sentence
/// that joins a line of its own to template text ("Hi all" above it, a name below) gives only
/// that line.
pub fn added_sentences(member: &str, template: &str) -> Vec<String> {
    let mut whole: HashSet<Vec<String>> = HashSet::new();
    for r in crate::text::sentences::split(template) {
        let sentence = &template[r];
        whole.insert(words(sentence));
        whole.extend(lines(sentence).map(words));
    }
    let stream = format!(" {} ", unwrapped_words(template).join(" "));
    let known = |text: &str| {
        let w = unwrapped_words(text);
        w.is_empty()
            || whole.contains(&w)
            || w.len() >= CONTAINED_WORDS && stream.contains(&format!(" {} ", w.join(" ")))
    };
    let sentences: Vec<&str> = crate::text::sentences::split(member)
        .into_iter()
        .map(|r| member[r].trim())
        .collect();
    let mut out = Vec::new();
    for (i, &sentence) in sentences.iter().enumerate() {
        // A sentence too short to tell alone ("IND", where a PDF lost a list item's bullet
        // and the splitter cut there) is the template's when it runs on into the next or
        // the previous sentence there.
        let runs_on = |j: usize| {
            let (a, b) = (i.min(j), i.max(j));
            known(&format!("{}\n{}", sentences[a], sentences[b]))
        };
        if known(sentence) || i > 0 && runs_on(i - 1) || i + 1 < sentences.len() && runs_on(i + 1) {
            continue;
        }
        let pieces: Vec<&str> = lines(sentence).collect();
        if pieces.len() > 1 && pieces.iter().any(|p| known(p)) {
            // A line too short to tell alone ("IND", a list item's wrapped end) is the
            // template's when it runs on into the line before or after it there.
            let with = |i: usize, j: usize| known(&format!("{}\n{}", pieces[i], pieces[j]));
            out.extend(
                (0..pieces.len())
                    .filter(|&i| {
                        let template = known(pieces[i])
                            || i > 0 && with(i - 1, i)
                            || i + 1 < pieces.len() && with(i, i + 1);
                        !template
                    })
                    .map(|i| pieces[i].to_string()),
            );
        } else {
            out.push(sentence.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "Ik wil mijn zorgen uiten over het voorstel om de verblijfsduur voor \
        naturalisatie te verlengen van vijf naar tien jaar. Deze wijziging raakt internationale \
        gezinnen die hun leven in Nederland hebben opgebouwd. Veel kinderen zijn hier op jonge \
        leeftijd gekomen en spreken vloeiend Nederlands. De eis van tien jaar ononderbroken \
        verblijf houdt geen rekening met de realiteit. Ik verzoek u dit voorstel te heroverwegen.";

    #[test]
    fn edited_copies_cluster_and_a_translation_does_not() {
        let reordered = "Veel kinderen zijn hier op jonge leeftijd gekomen en spreken vloeiend \
            Nederlands. Ik wil mijn zorgen uiten over het voorstel om de verblijfsduur voor \
            naturalisatie te verlengen van vijf naar tien jaar. Deze wijziging raakt \
            internationale gezinnen die hun leven in Nederland hebben opgebouwd. De eis van tien \
            jaar ononderbroken verblijf houdt geen rekening met de realiteit. Ik verzoek u dit \
            voorstel te heroverwegen.";
        let added = format!(
            "{TEMPLATE} Mijn dochter is hier geboren en kent geen ander land dan Nederland."
        );
        let renamed = TEMPLATE.replace("Ik verzoek u", "Ik, Fatima uit Leiden, verzoek u");
        let translated = "I want to express my concerns about the proposal to extend the \
            residence period for naturalisation from five to ten years. This change affects \
            international families who have built their lives in the Netherlands. Many children \
            came here at a young age and speak fluent Dutch. The requirement of ten years of \
            uninterrupted residence ignores reality. I ask you to reconsider this proposal.";
        let other = "De IND heeft nu al lange wachttijden en deze wet maakt dat erger, want er \
            komen meer aanvragen bij en de procedures worden ingewikkelder voor iedereen die \
            hier werkt en belasting betaalt sinds jaren zonder ooit een probleem te hebben gehad.";
        let texts = [
            TEMPLATE,
            reordered,
            added.as_str(),
            renamed.as_str(),
            translated,
            other,
        ];
        let found = find(&texts, DEFAULT_THRESHOLD);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].members, [0, 1, 2, 3]);
        assert_eq!(found[0].representative, 0);
        assert_eq!(
            added_sentences(&added, TEMPLATE),
            ["Mijn dochter is hier geboren en kent geen ander land dan Nederland."]
        );
        assert!(added_sentences(reordered, TEMPLATE).is_empty());
        // A greeting on its own line is what a respondent added, not a changed sentence.
        let greeted = format!("Hi all\n{TEMPLATE}\nFatima");
        assert_eq!(added_sentences(&greeted, TEMPLATE), ["Hi all", "Fatima"]);
        // The template pasted with hard line breaks adds nothing.
        let wrapped = TEMPLATE.replace("over het voorstel", "over het\nvoorstel");
        assert!(added_sentences(&wrapped, TEMPLATE).is_empty());
    }

    #[test]
    fn a_template_from_a_pdf_adds_nothing_whatever_its_line_breaks_and_bullets() {
        let form = "Mijn bezwaren tegen dit voorstel:\n- Administratieve belasting voor de IND\n\
            - Lange wachttijden voor gezinnen die hier al jaren wonen\nIk verzoek u dit voorstel \
            te heroverwegen, omdat het gezinnen onnodig raakt.";
        // As text extracted from the PDF of the same letter: other bullets, lines wrapped
        // where the page ended them, a bullet lost, and a word hyphenated at a line end.
        let pdf = "Mijn bezwaren tegen dit\nvoorstel:\n\u{2022} Administratieve belasting voor de\n\
            IND\nLange wachttijden voor gezinnen die\nhier al jaren wonen\nIk verzoek u dit \
            voorstel te heroverwegen, omdat het gezin-\nnen onnodig raakt.\nMet vriendelijke groet, Sanne";
        assert_eq!(
            added_sentences(pdf, form),
            ["Met vriendelijke groet, Sanne"]
        );
        // A short sentence of one's own is not taken for a template's because its words
        // occur there.
        assert_eq!(added_sentences("Ik verzoek u.", form), ["Ik verzoek u."]);
    }

    #[test]
    fn signatures_do_not_change_between_builds() {
        // Signatures are stored and compared with later builds' (see SIGNATURE_VERSION): a
        // change here needs a new version.
        let sig = Signature::of_text(TEMPLATE).unwrap();
        assert_eq!(
            &sig.0[..4],
            &[11_321_273, 49_346_856, 70_369_188, 102_000_362],
            "shingling or hashing changed: raise SIGNATURE_VERSION and update these values"
        );
    }

    /// The campaigns are the connected groups of "shares a band and is similar enough",
    /// whatever shortcuts the clustering takes: checked against every pair compared, on texts
    /// of templates with edits, loose look-alikes and unrelated ones.
    #[test]
    fn clustering_gives_the_groups_of_every_similar_pair_sharing_a_band() {
        let words: Vec<String> = (0..400).map(|i| format!("woord{i}")).collect();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = crate::text::mix(seed.wrapping_add(1));
            (seed % n as u64) as usize
        };
        let templates: Vec<Vec<String>> = (0..4)
            .map(|_| (0..60).map(|_| words[next(words.len())].clone()).collect())
            .collect();
        let mut texts = Vec::new();
        for i in 0..300 {
            let mut t: Vec<String> = match i % 3 {
                0 => (0..50).map(|_| words[next(words.len())].clone()).collect(),
                _ => templates[next(templates.len())].clone(),
            };
            for _ in 0..next(12) {
                let at = next(t.len());
                t[at] = words[next(words.len())].clone();
            }
            texts.push(t.join(" "));
        }
        let sigs: Vec<Option<Signature>> = texts.iter().map(|t| Signature::of_text(t)).collect();
        for threshold in [0.5, 0.8] {
            let mut parent: Vec<usize> = (0..sigs.len()).collect();
            fn root(p: &mut [usize], i: usize) -> usize {
                if p[i] == i {
                    i
                } else {
                    let r = root(p, p[i]);
                    p[i] = r;
                    r
                }
            }
            for a in 0..sigs.len() {
                for b in 0..a {
                    let (Some(x), Some(y)) = (&sigs[a], &sigs[b]) else {
                        continue;
                    };
                    let band =
                        x.0.chunks(BAND_ROWS)
                            .zip(y.0.chunks(BAND_ROWS))
                            .any(|(p, q)| p == q);
                    if band && x.similarity(y) >= threshold {
                        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
            let mut expected: Vec<Vec<usize>> = Vec::new();
            let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, sig) in sigs.iter().enumerate() {
                if sig.is_some() {
                    by_root.entry(root(&mut parent, i)).or_default().push(i);
                }
            }
            expected.extend(by_root.into_values().filter(|m| m.len() >= 2));
            expected.sort();
            let mut got: Vec<Vec<usize>> = cluster(&sigs, threshold)
                .into_iter()
                .map(|c| c.members)
                .collect();
            got.sort();
            assert!(got.len() >= 4, "{threshold}: {} groups", got.len());
            assert_eq!(got, expected, "{threshold}");
        }
    }

    #[test]
    fn short_answers_are_not_campaigns() {
        let texts = ["Ik ben tegen.", "Ik ben tegen.", "Ik ben tegen."];
        assert!(find(&texts, DEFAULT_THRESHOLD).is_empty());
    }

    #[test]
    fn a_stricter_threshold_splits_what_a_looser_one_joins() {
        let half = format!(
            "{} Daarnaast vind ik dat de overheid eerst moet onderzoeken wat de gevolgen zijn \
             voor werkgevers en universiteiten die internationaal talent willen aantrekken en \
             behouden in een krappe arbeidsmarkt.",
            TEMPLATE
        );
        let texts = [TEMPLATE, half.as_str()];
        let j = jaccard(&shingles(TEMPLATE), &shingles(&half));
        assert!(j > 0.5 && j < 0.8, "{j}");
        assert!(find(&texts, 0.8).is_empty());
        assert_eq!(find(&texts, 0.5).len(), 1);
    }

    #[test]
    fn minhash_estimates_jaccard() {
        let a = shingles(TEMPLATE);
        let b = shingles(&format!("{TEMPLATE} En nog een zin die er niet in stond."));
        let (sa, sb) = (Signature::of(&a).unwrap(), Signature::of(&b).unwrap());
        let estimate = sa.similarity(&sb);
        assert!((estimate - jaccard(&a, &b)).abs() < 0.1, "{estimate}");
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), Some(sa));
        assert_eq!(Signature::from_bytes(&[0; 12]), None);
    }
}
