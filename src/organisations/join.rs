//! Which keys are one organisation. Normalisation ([`super::normalize`]) gives the variants
//! of a name one key where the difference is case, an article, a legal form, a country
//! suffix or a small word. What normalisation cannot see needs the whole register: "LHV"
//! is "Landelijke Huisartsen Vereniging" only if no other organisation has those initials;
//! "Vrije Universiteit" is "Vrije Universiteit Amsterdam" only if no other organisation's
//! name holds those words. So the register joins keys in steps, from the surest to the
//! least sure, each recorded so that a researcher can see why two names are one:
//!
//! 1. `spacing`: the same letters with other spaces or hyphens ("Mondriaan Fonds",
//!    "Mondriaanfonds", "Landelijke Huisartsenvereniging");
//! 2. `words`: the same significant words, the country aside ("Het Nederlandse Rode Kruis",
//!    "Rode Kruis Nederland");
//! 3. `declared` and `initialism`: an abbreviation alone ("VNG", "UvW") and the one
//!    organisation that declares it ("… Gemeenten (VNG)") or whose name has those initials,
//!    with or without its small words, or of its capitalised words only ("KNMG"); a declared
//!    abbreviation is no proof when another organisation has those initials too;
//! 4. `prefix`: a name of at least two significant words and the one organisation whose name
//!    begins with them and goes on ("Vrije Universiteit", "Vrije Universiteit Amsterdam"; but
//!    not "Universiteit van Amsterdam"), unless the shorter says it is the national body
//!    ("Rode Kruis Nederland" is not "Rode Kruis Vlaanderen");
//! 5. `kind`: a one-word name and the one organisation written as that word with what kind of
//!    organisation it is ("Parnassia", "Parnassia Groep"; but not "Humanitas DMH"), again
//!    not for a national body.
//!
//! Steps 3 to 5 join only when exactly one organisation qualifies. Every step reads keys and
//! names in sorted order, so the same register comes out whatever order responses arrived in.
//! A researcher's corrections come last: a split key is joined by no step, a merge joins
//! whatever the steps say (`merged`).

use std::collections::{BTreeMap, BTreeSet};

/// One key as the register gathered it: the names written with it and the abbreviations
/// they declare.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyNames {
    /// Names as written (without the person beside them).
    pub names: BTreeSet<String>,
    /// Abbreviations the names declare ("vng").
    pub aliases: BTreeSet<String>,
}

/// Where a key went: the organisation's key (its canonical key), why it was joined and the
/// key it was joined to. The canonical key itself has `joined_by` "name".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Joined {
    /// The key the organisation's id derives from.
    pub canonical: String,
    /// "name", "declared", "spacing", "words", "initialism", "prefix", "kind" or "merged".
    pub joined_by: &'static str,
    /// The key this one was joined to; `None` for the canonical key.
    pub via: Option<String>,
}

/// Words for a country, which say nothing about which organisation a name is.
const COUNTRY_WORDS: &[&str] = &[
    "nederland",
    "nederlandse",
    "nederlandsche",
    "nederlands",
    "nl",
    "holland",
    "dutch",
    "netherlands",
];

struct Sets {
    parent: Vec<usize>,
    /// Per key index: the first join that touched it (reason, other key index).
    first: Vec<Option<(&'static str, usize)>>,
    /// Per root: whether a name of its group carries a country word ("… Nederland",
    /// "Nederlandse …"), which makes it no regional branch's shorter name.
    national: Vec<bool>,
}

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize, why: &'static str) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        // The smaller index is the root, so the result does not depend on the join order.
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
        self.national[lo] |= self.national[hi];
        self.first[a].get_or_insert((why, b));
        self.first[b].get_or_insert((why, a));
    }
}

/// Joins the register's keys into organisations: for every key, its organisation's key and
/// why. `merges` and `splits` are a researcher's corrections: keys to join whatever the rules
/// say, and keys never to join to anything.
pub(crate) fn join(
    keys: &BTreeMap<String, KeyNames>,
    merges: &[(String, String)],
    splits: &BTreeSet<String>,
) -> BTreeMap<String, Joined> {
    let list: Vec<(&String, &KeyNames)> = keys.iter().collect();
    let index: BTreeMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let national: Vec<bool> = list
        .iter()
        .map(|(_, names)| {
            names.names.iter().any(|n| {
                crate::text::folded_words(n)
                    .iter()
                    .any(|w| COUNTRY_WORDS.contains(&w.as_str()))
            })
        })
        .collect();
    let mut sets = Sets {
        parent: (0..list.len()).collect(),
        first: vec![None; list.len()],
        national,
    };
    let free = |i: usize| !splits.contains(list[i].0);
    let union_all = |sets: &mut Sets, groups: BTreeMap<String, Vec<usize>>, why| {
        for members in groups.values() {
            let members: Vec<usize> = members.iter().copied().filter(|&m| free(m)).collect();
            for &m in members.iter().skip(1) {
                sets.union(members[0], m, why);
            }
        }
    };

    // 1. The same letters, spaced otherwise.
    let mut by_letters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (key, names)) in list.iter().enumerate() {
        let mut forms: BTreeSet<String> = names.names.iter().flat_map(|n| letters(n)).collect();
        forms.insert(key.replace(' ', ""));
        for f in forms {
            by_letters.entry(f).or_default().push(i);
        }
    }
    union_all(&mut sets, by_letters, "spacing");
    // 2. The same significant words.
    let words: Vec<BTreeSet<String>> = list.iter().map(|(k, _)| significant(k)).collect();
    let mut by_words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, w) in words.iter().enumerate() {
        if !w.is_empty() {
            by_words
                .entry(w.iter().cloned().collect::<Vec<_>>().join(" "))
                .or_default()
                .push(i);
        }
    }
    union_all(&mut sets, by_words, "words");
    // 3. Abbreviations, declared or not, where one organisation alone has those
    // initials: a declared "(NVP)" is no proof when another organisation is NVP too.
    let mut by_initials: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, (_, names)) in list.iter().enumerate() {
        for n in &names.names {
            for ini in initials(n) {
                by_initials.entry(ini).or_default().insert(i);
            }
        }
        for alias in &names.aliases {
            by_initials.entry(alias.clone()).or_default().insert(i);
        }
    }
    for (i, (key, names)) in list.iter().enumerate() {
        // "UvW", and "LTO Nederland": an initialism, with the country it may carry.
        let written = names.names.iter().any(|n| {
            n.split_whitespace()
                .next()
                .is_some_and(crate::respondent::is_initialism)
        });
        if !written || key.contains(' ') || !free(i) {
            continue;
        }
        let Some(holders) = by_initials.get(key.as_str()) else {
            continue;
        };
        let own = sets.root(i);
        let roots: BTreeSet<usize> = holders
            .iter()
            .filter(|&&j| free(j) && j != i)
            .map(|&j| sets.root(j))
            .collect();
        if roots.len() != 1 || roots.contains(&own) {
            continue;
        }
        let only = *roots.first().expect("one root");
        let target = holders
            .iter()
            .copied()
            .find(|&j| j != i && sets.root(j) == only)
            .expect("a holder of that root");
        let declared = list[target].1.aliases.contains(key.as_str());
        sets.union(i, target, if declared { "declared" } else { "initialism" });
    }
    // 4. A shorter name that one longer name begins with: the longer ones follow it in the
    // sorted keys.
    for i in 0..list.len() {
        if words[i].len() < 2 || !free(i) {
            continue;
        }
        let own = sets.root(i);
        if sets.national[own] {
            continue;
        }
        let start = format!("{} ", list[i].0);
        let longer: Vec<usize> = list[i + 1..]
            .iter()
            .take_while(|(k, _)| k.starts_with(&start))
            .map(|(k, _)| index[k.as_str()])
            .filter(|&j| free(j))
            .collect();
        let roots: BTreeSet<usize> = longer.iter().map(|&j| sets.root(j)).collect();
        if roots.len() == 1 && !roots.contains(&own) {
            sets.union(i, longer[0], "prefix");
        }
    }
    // 5. A one-word name and the only organisation written as that word and what kind of
    // organisation it is ("Parnassia", "Parnassia Groep"; "Ymere", "Woningcorporatie Ymere";
    // not "Humanitas" and "Humanitas DMH").
    let mut kinds_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, (key, _)) in list.iter().enumerate() {
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() < 2 || !free(j) {
            continue;
        }
        for w in &words {
            let kind = words
                .iter()
                .any(|o| o != w && crate::respondent::is_organisation_name(o));
            if kind {
                kinds_of.entry(w).or_default().push(j);
            }
        }
    }
    for (i, (key, _)) in list.iter().enumerate() {
        let key = key.as_str();
        let initialism = list[i]
            .1
            .names
            .iter()
            .any(|n| crate::respondent::is_initialism(n));
        if key.contains(' ') || (key.chars().count() < 4 && !initialism) || !free(i) {
            continue;
        }
        let own = sets.root(i);
        let Some(kinds) = kinds_of.get(key) else {
            continue;
        };
        if sets.national[own] {
            continue;
        }
        let mut roots: BTreeSet<usize> = kinds.iter().map(|&j| sets.root(j)).collect();
        // An initialism other organisations have too is nobody's ("KNSB" is the skating
        // and the chess federation).
        if initialism {
            if let Some(holders) = by_initials.get(key) {
                roots.extend(holders.iter().filter(|&&j| j != i).map(|&j| sets.root(j)));
            }
        }
        if roots.len() == 1 && !roots.contains(&own) {
            sets.union(i, kinds[0], "kind");
        }
    }
    // A researcher's merges, whatever the rules say.
    for (a, b) in merges {
        if let (Some(&i), Some(&j)) = (index.get(a.as_str()), index.get(b.as_str())) {
            if sets.root(i) != sets.root(j) {
                sets.union(i, j, "merged");
                // The merge is what joins these two keys, whatever joined them before.
                sets.first[i] = Some(("merged", j));
                sets.first[j] = Some(("merged", i));
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..list.len() {
        let r = sets.root(i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = BTreeMap::new();
    for members in groups.values() {
        let canonical = *members
            .iter()
            .max_by(|&&a, &&b| {
                let (ka, kb) = (list[a].0, list[b].0);
                ka.split(' ')
                    .count()
                    .cmp(&kb.split(' ').count())
                    .then(ka.len().cmp(&kb.len()))
                    .then(kb.cmp(ka))
            })
            .expect("a group has members");
        for &m in members {
            let joined = if m == canonical {
                Joined {
                    canonical: list[canonical].0.clone(),
                    joined_by: "name",
                    via: None,
                }
            } else {
                let (why, other) = sets.first[m].expect("a joined key was joined");
                Joined {
                    canonical: list[canonical].0.clone(),
                    joined_by: why,
                    via: Some(list[other].0.clone()),
                }
            };
            out.insert(list[m].0.clone(), joined);
        }
    }
    out
}

/// A name's letters without spaces, hyphens, small words or a country at its end, its legal
/// form kept ("landelijkehuisartsenvereniging"); `None` for an initialism, which has no spaces
/// to differ in.
fn letters(name: &str) -> BTreeSet<String> {
    if crate::respondent::is_initialism(name) {
        return BTreeSet::new();
    }
    let mut words = super::name_words(name);
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| COUNTRY_WORDS.contains(&w.as_str()))
    {
        words.pop();
    }
    let with_small: String = words.concat();
    let without: String = words
        .iter()
        .filter(|w| !super::SMALL_WORDS.contains(&w.as_str()))
        .map(String::as_str)
        .collect();
    [with_small, without]
        .into_iter()
        .map(|joined| match joined.strip_suffix("nl") {
            Some(rest) if words.len() == 1 && rest.chars().count() >= 4 => rest.to_string(),
            _ => joined,
        })
        .filter(|joined| joined.chars().count() >= 4)
        .collect()
}

/// A key's words without the country and a royal warrant ("nederlandse rode kruis" is {kruis,
/// rode}, "koninklijke mkb" {mkb}); the key itself when nothing else is left.
fn significant(key: &str) -> BTreeSet<String> {
    let words: BTreeSet<String> = key
        .split(' ')
        .filter(|w| !COUNTRY_WORDS.contains(w) && !ROYAL.contains(w))
        .map(str::to_string)
        .collect();
    words
}

/// "Koninklijke Vereniging MKB-Nederland" is MKB-Nederland; "Royal FrieslandCampina" is
/// FrieslandCampina.
const ROYAL: &[&str] = &["koninklijke", "koninklijk", "royal"];

/// The initials a name may be abbreviated by: of all its words, without its small words,
/// and of its capitalised words only ("Koninklijke Nederlandsche Maatschappij tot
/// bevordering der Geneeskunst" is KNMG), each of two letters or more.
fn initials(name: &str) -> BTreeSet<String> {
    let (name, _) = super::split_parentheses(&super::tidy(name));
    let written: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric))
        .collect();
    let first = |w: &&str| {
        w.chars()
            .next()
            .map(|c| crate::text::folded_words(&c.to_string()).concat())
    };
    let mut out = BTreeSet::new();
    let mut national = written.clone();
    while national.len() > 1
        && national
            .last()
            .is_some_and(|w| COUNTRY_WORDS.contains(&w.to_lowercase().as_str()))
    {
        national.pop();
    }
    for words in [&written, &national] {
        let all: String = words.iter().filter_map(first).collect();
        let big: String = words
            .iter()
            .filter(|w| !super::SMALL_WORDS.contains(&w.to_lowercase().as_str()))
            .filter_map(first)
            .collect();
        let capitals: String = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(first)
            .collect();
        // A compound's parts count: "Algemene Onderwijsbond" is AOb, "Landelijke
        // Studentenvakbond" LSVb.
        let parts: String = words
            .iter()
            .filter(|w| !super::SMALL_WORDS.contains(&w.to_lowercase().as_str()))
            .map(|w| compound_initials(w))
            .collect();
        out.extend(
            [all, big, capitals, parts]
                .into_iter()
                .filter(|s| s.chars().count() >= 2 && words.len() >= 2),
        );
    }
    out
}

/// A word's initial, and those of the organisation words it ends in: "onderwijsbond" is "ob",
/// "studentenvakbond" "svb", "huisartsenvereniging" "hv".
fn compound_initials(word: &str) -> String {
    const PARTS: &[(&str, &str)] = &[
        ("vakbond", "vb"),
        ("vakvereniging", "vv"),
        ("vereniging", "v"),
        ("federatie", "f"),
        ("organisatie", "o"),
        ("bond", "b"),
        ("raad", "r"),
        ("fonds", "f"),
        ("unie", "u"),
        ("instituut", "i"),
        ("centrum", "c"),
        ("platform", "p"),
        ("maatschappij", "m"),
    ];
    let folded = crate::text::folded_words(word).concat();
    let Some(head) = folded.chars().next() else {
        return String::new();
    };
    for (part, initials) in PARTS {
        if let Some(rest) = folded.strip_suffix(part) {
            if rest.chars().count() >= 3 {
                return format!("{head}{initials}");
            }
        }
    }
    head.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(names: &[&str]) -> BTreeMap<String, KeyNames> {
        let mut out: BTreeMap<String, KeyNames> = BTreeMap::new();
        for n in names {
            let o = super::super::normalize(n).unwrap();
            let e = out.entry(o.key).or_default();
            e.names.insert(o.display);
            e.aliases.extend(o.alias);
        }
        out
    }

    fn same(joined: &BTreeMap<String, Joined>, a: &str, b: &str) -> bool {
        let key = |n: &str| super::super::normalize(n).unwrap().key;
        joined[&key(a)].canonical == joined[&key(b)].canonical
    }

    #[test]
    fn each_step_joins_and_says_why() {
        let names = [
            "Landelijke Huisartsen Vereniging",
            "Landelijke Huisartsenvereniging",
            "LHV",
            "Mondriaan Fonds",
            "Mondriaanfonds",
            "Zorgthuisnl",
            "Zorg Thuis NL",
            "Het Nederlandse Rode Kruis",
            "Rode Kruis Nederland",
            "Rode Kruis Vlaanderen",
            "Vrije Universiteit Amsterdam",
            "Vrije Universiteit",
            "Koninklijke Nederlandsche Maatschappij tot bevordering der Geneeskunst",
            "KNMG",
            "Unie van Waterschappen",
            "UvW",
            "Vereniging Nederlandse Gemeenten (VNG)",
            "VNG",
            "Parnassia",
            "Parnassia Groep",
            "Humanitas",
            "Humanitas DMH",
        ];
        let keys = register(&names);
        let joined = join(&keys, &[], &BTreeSet::new());
        for (a, b) in [
            ("LHV", "Landelijke Huisartsenvereniging"),
            ("Mondriaan Fonds", "Mondriaanfonds"),
            ("Zorgthuisnl", "Zorg Thuis NL"),
            ("Het Nederlandse Rode Kruis", "Rode Kruis Nederland"),
            ("Vrije Universiteit", "Vrije Universiteit Amsterdam"),
            (
                "KNMG",
                "Koninklijke Nederlandsche Maatschappij tot bevordering der Geneeskunst",
            ),
            ("UvW", "Unie van Waterschappen"),
            ("VNG", "Vereniging Nederlandse Gemeenten (VNG)"),
        ] {
            assert!(same(&joined, a, b), "{a} / {b}: {joined:#?}");
        }
        assert!(!same(
            &joined,
            "Rode Kruis Nederland",
            "Rode Kruis Vlaanderen"
        ));
        assert_eq!(joined["lhv"].joined_by, "initialism");
        assert_eq!(joined["uvw"].joined_by, "initialism");
        assert_eq!(joined["vng"].joined_by, "declared");
        assert_eq!(joined["vrije universiteit"].joined_by, "prefix");
        let mondriaan: Vec<&str> = ["mondriaan fonds", "mondriaanfonds"]
            .iter()
            .map(|k| joined[*k].joined_by)
            .collect();
        assert!(mondriaan.contains(&"spacing") && mondriaan.contains(&"name"));
    }

    #[test]
    fn ambiguous_initials_and_near_names_stay_apart() {
        let keys = register(&[
            "Nederlandse Vereniging voor Kindergeneeskunde",
            "Nederlandse Vereniging voor Kinderfysiotherapie",
            "NVK",
            "NVP - Nederlandse Vereniging voor Psychotherapie",
            "Nederlandse Vereniging voor Pleeggezinnen",
            "NVP",
            "Raad voor Cultuur",
            "Nederlandse Vereniging voor Cultuur",
            "GGD Amsterdam",
            "GGD Rotterdam-Rijnmond",
            "Universiteit van Amsterdam",
            "Vrije Universiteit Amsterdam",
            "Gemeente Utrecht",
            "Provincie Utrecht",
        ]);
        let joined = join(&keys, &[], &BTreeSet::new());
        let canonicals: BTreeSet<&String> = joined.values().map(|j| &j.canonical).collect();
        assert_eq!(canonicals.len(), keys.len(), "{joined:#?}");
    }

    #[test]
    fn the_same_register_whatever_the_order_and_corrections_apply() {
        let names = [
            "LHV",
            "Landelijke Huisartsen Vereniging",
            "Vrije Universiteit",
            "Vrije Universiteit Amsterdam",
        ];
        let keys = register(&names);
        let a = join(&keys, &[], &BTreeSet::new());
        let mut reversed = names;
        reversed.reverse();
        assert_eq!(a, join(&register(&reversed), &[], &BTreeSet::new()));
        // A split key joins nothing; a merge joins what no rule would.
        let split: BTreeSet<String> = ["vrije universiteit".to_string()].into();
        let b = join(
            &keys,
            &[("lhv".into(), "vrije universiteit amsterdam".into())],
            &split,
        );
        assert_eq!(b["vrije universiteit"].canonical, "vrije universiteit");
        assert_eq!(
            b["lhv"].canonical,
            b["vrije universiteit amsterdam"].canonical
        );
        assert_eq!(b["lhv"].joined_by, "merged");
    }
}
