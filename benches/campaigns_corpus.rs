//! Campaign detection on the real corpus: how many campaigns, the largest with their first
//! words, how long it takes, and a sample of members to read beside their campaign's
//! representative (the precision check).
//!
//! ```text
//! cargo bench --bench campaigns_corpus -- ../shared/corpus/naturalisatietermijn-reacties.jsonl \
//!     [--threshold 0.8] [--sample 20]
//! ```

use std::time::Instant;

use inspraak::campaigns;

fn first_words(text: &str, n: usize) -> String {
    let w: Vec<&str> = text.split_whitespace().take(n).collect();
    w.join(" ")
}

fn main() {
    let mut path = None;
    let mut threshold = campaigns::DEFAULT_THRESHOLD;
    let mut sample = 20;
    let mut members_out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threshold" => threshold = args.next().and_then(|v| v.parse().ok()).unwrap(),
            "--sample" => sample = args.next().and_then(|v| v.parse().ok()).unwrap(),
            "--members" => members_out = args.next(),
            "--bench" => {}
            p => path = Some(p.to_string()),
        }
    }
    let path = path.expect("the corpus path");
    let raw = std::fs::read_to_string(&path).expect("readable corpus");
    let rows: Vec<serde_json::Value> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let texts: Vec<String> = rows
        .iter()
        .map(|r| {
            r["answers"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x["answer"].as_str())
                        .collect::<Vec<_>>()
                        .join("\n\n")
                })
                .unwrap_or_default()
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let started = Instant::now();
    let found = campaigns::find(&refs, threshold);
    let secs = started.elapsed().as_secs_f64();
    let eligible = refs
        .iter()
        .filter(|t| !campaigns::shingles(t).is_empty())
        .count();
    let big: Vec<_> = found.iter().filter(|c| c.members.len() >= 3).collect();
    println!(
        "{} responses, {eligible} with at least {} words; threshold {threshold}",
        rows.len(),
        campaigns::MIN_WORDS
    );
    println!(
        "campaigns: {} of size >= 2 ({} responses), {} of size >= 3 ({} responses); {:.3} s",
        found.len(),
        found.iter().map(|c| c.members.len()).sum::<usize>(),
        big.len(),
        big.iter().map(|c| c.members.len()).sum::<usize>(),
        secs
    );
    if let Some(out) = &members_out {
        // Campaign members by response id, one campaign a line (to compare two settings).
        let lines: Vec<String> = found
            .iter()
            .map(|c| {
                let mut ids: Vec<&str> = c
                    .members
                    .iter()
                    .filter_map(|&m| rows[m]["id"].as_str())
                    .collect();
                ids.sort();
                ids.join(" ")
            })
            .collect();
        std::fs::write(out, lines.join("\n") + "\n").expect("members file written");
    }
    // Respondent types, with every organisation listed to read (the precision check).
    let mut types: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut organisations = Vec::new();
    for (r, text) in rows.iter().zip(&texts) {
        let name = r["name"].as_str();
        let t = inspraak::respondent::classify(name, text, None);
        *types.entry(t.as_str()).or_default() += 1;
        if t == inspraak::Respondent::Organisation {
            organisations.push(format!(
                "{} | {}",
                name.unwrap_or(""),
                first_words(text, 12)
            ));
        }
    }
    println!("respondents: {types:?}");
    for o in &organisations {
        println!("  organisation: {o}");
    }
    println!("\nlargest:");
    for c in found.iter().take(5) {
        let dates: Vec<&str> = c
            .members
            .iter()
            .filter_map(|&m| rows[m]["date"].as_str())
            .collect();
        println!(
            "  {:>4}  {}  [{} .. {}]",
            c.members.len(),
            first_words(refs[c.representative], 14),
            dates.first().unwrap_or(&""),
            dates.last().unwrap_or(&"")
        );
    }
    // A deterministic sample of members (not representatives) to read against their template.
    let members: Vec<(usize, usize)> = found
        .iter()
        .flat_map(|c| {
            c.members
                .iter()
                .filter(move |&&m| m != c.representative)
                .map(move |&m| (m, c.representative))
        })
        .collect();
    println!(
        "\n{sample} members beside their representative (Jaccard; first words; what they add):"
    );
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < sample.min(members.len()) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        picked.insert((state % members.len() as u64) as usize);
    }
    for i in picked {
        let (m, r) = members[i];
        let j = campaigns::jaccard(&campaigns::shingles(refs[m]), &campaigns::shingles(refs[r]));
        let added = campaigns::added_sentences(refs[m], refs[r]);
        println!(
            "  J {j:.2} | {} | rep: {} | adds {}: {}",
            first_words(refs[m], 10),
            first_words(refs[r], 6),
            added.len(),
            added
                .first()
                .map(|s| first_words(s, 12))
                .unwrap_or_default()
        );
    }
}
