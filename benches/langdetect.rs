//! Language detection on the real corpus: whatlang unrestricted versus restricted to the
//! languages of Dutch consultations (`inspraak::lang`), with the unreliable answers counted.
//!
//! cargo bench --bench langdetect -- ../shared/corpus/naturalisatietermijn-reacties.jsonl [--show-und]

use std::collections::BTreeMap;
use std::io::BufRead;

use inspraak::lang::{iso639_1, LanguageDetector, UNDETERMINED};

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "../shared/corpus/naturalisatietermijn-reacties.jsonl".to_string());
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let detector = LanguageDetector::default();
    let mut default_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut default_unreliable = 0;
    let mut restricted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_label: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut afrikaans = Vec::new();
    let mut undetermined = Vec::new();
    let mut n = 0;
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        let text: Vec<&str> = v["answers"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["answer"].as_str()).collect())
            .unwrap_or_default();
        let text = text.join("\n\n");
        n += 1;
        match whatlang::detect(&text) {
            Some(info) => {
                let code = iso639_1(info.lang())
                    .map(str::to_string)
                    .unwrap_or_else(|| info.lang().code().to_string());
                if info.lang() == whatlang::Lang::Afr {
                    afrikaans.push(text.chars().take(60).collect::<String>());
                }
                if !info.is_reliable() {
                    default_unreliable += 1;
                }
                *default_counts.entry(code).or_default() += 1;
            }
            None => *default_counts.entry("none".into()).or_default() += 1,
        }
        let code = detector.detect(&text);
        *restricted.entry(code).or_default() += 1;
        let label = v["language_label"].as_str().unwrap_or("?").to_string();
        if code == UNDETERMINED {
            let start: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            undetermined.push(format!(
                "{label:>7} {:>5} chars  {:?}",
                text.chars().count(),
                start.chars().take(70).collect::<String>()
            ));
        }
        *by_label.entry((label, code)).or_default() += 1;
    }
    println!("{n} responses in {path}\n");
    println!("whatlang, all languages ({default_unreliable} of them flagged unreliable):");
    let mut d: Vec<_> = default_counts.into_iter().collect();
    d.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (code, c) in d {
        println!("  {code:>5} {c}");
    }
    println!("\nwhatlang restricted to 12 languages, unreliable -> {UNDETERMINED}:");
    let mut r: Vec<_> = restricted.into_iter().collect();
    r.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (code, c) in r {
        println!("  {code:>5} {c}");
    }
    println!("\nthird-party label (noisy) x restricted detection:");
    for ((label, code), c) in by_label {
        println!("  {label:>8} -> {code:<4} {c}");
    }
    if std::env::args().any(|a| a == "--show-und") {
        println!("\nIndexed as {UNDETERMINED} (label, length, start):");
        for u in &undetermined {
            println!("  {u}");
        }
    }
    println!("\nDetected as Afrikaans without the restriction:");
    for a in afrikaans {
        println!("  {a:?}");
    }
}
