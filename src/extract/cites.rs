//! What a text cites: URLs, DOIs and Kamerstukken (parliamentary papers), normalised to keys so
//! that the same source written differently is one key. A DOI is `doi:10.1371/journal.pmed.1002680`
//! whether it was written as a DOI or as a `doi.org` link; a Kamerstuk is `kst:32211-12` whether
//! the text says "Kamerstukken II 2019/20, 32 211, nr. 12" or links
//! `zoek.officielebekendmakingen.nl/kst-32211-12.html`; a URL is `url:` with its host (without
//! `www.`), path and query, without scheme, fragment, trailing slash or tracking parameters.
//! `search --cites` normalises its argument the same way, so a researcher can paste any form.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"'`{}|\\^\[\]]+"#).expect("URL pattern")
});
static DOI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b10\.\d{4,9}/[^\s<>"'`{}|\\^]+"#).expect("DOI pattern"));
static KAMERSTUK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{2}) ?(\d{3})(?: ?- ?([A-Z]{1,6}|[0-9]{1,2}))?, ?(?:nr|no)\.? ?(\d{1,4})\b",
    )
    .expect("Kamerstuk pattern")
});
/// A dossier named without a paper number: "Kamerstukken Eerste Kamer dossier 33 852",
/// "wetsvoorstel 36 171", "Kamerstukken II 2019/20, 32 211". The word before the number keeps
/// other five-digit numbers out.
static KST_DOSSIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:kamerstuk(?:ken)?|kamerdossier|dossier(?:nummer)?|wetsvoorstel)(?: (?:I{1,2}|eerste kamer|tweede kamer))?(?: \d{4}[/-]\d{2,4})?,? (?:nr\.? |nummer )?(\d{2}) ?(\d{3})\b",
    )
    .expect("Kamerstuk dossier pattern")
});
/// A dossier as a user types it: `33852`, `33 852`.
static KST_DOSSIER_SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2}) ?(\d{3})$").expect("short dossier pattern"));
/// A Kamerstuk as a user types it: `32211-12`, `35925-VI-3`.
static KST_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{5})(?:-([A-Za-z]{1,6}))?-(\d{1,4})$").expect("short Kamerstuk pattern")
});
static KST_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bkst-(\d{5})(?:-([a-z]{1,6}|[0-9]{1,2}))?-(\d{1,4})\b").expect("kst pattern")
});

/// The forms a `cites` parameter takes, as the API's description declares them (a JSON Schema
/// `pattern`, which Python's and Rust's regular expressions read alike): a key as the index
/// stores it (`url:…`, `kst:…`), a DOI (`10.1371/…`, `doi:10.…`), a Kamerstuk (`32211-12`,
/// `35925-VI-3`, `kst-32211-12`, "Kamerstukken II 2019/20, 32 211, nr. 12"), a dossier
/// (`32211`, `32 211`), or a web address with or without its scheme. Every value that fits
/// it stands for at least one key ([`normalize`]); the API refuses the others.
pub(crate) const PATTERN: &str = concat!(
    r"^(?:(?:url|kst):[!-~]+",
    r#"|(?:[Dd][Oo][Ii]: ?)?10\.[0-9]{4,9}/[^\s<>"'`{}|\\^]+"#,
    r"|[0-9]{5}(?:-[A-Za-z]{1,6})?-[0-9]{1,4}",
    r"|[0-9]{2} ?[0-9]{3}",
    r"|[Kk][Ss][Tt]-[0-9]{5}(?:-(?:[A-Za-z]{1,6}|[0-9]{1,2}))?-[0-9]{1,4}",
    r"|(?:[^\n]*[ ,(])?[0-9]{2} ?[0-9]{3}(?: ?- ?(?:[A-Za-z]{1,6}|[0-9]{1,2}))?, ?(?:[Nn][Rr]|[Nn][Oo])\.? ?[0-9]{1,4}",
    r"|(?:[Hh][Tt][Tt][Pp][Ss]?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*",
    r"(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?",
    r"(?:[/?#][!-~]*)?",
    r")$",
);

static FORMS: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("cites pattern"));

/// True when `value` is one of the forms of [`PATTERN`]. A JSON Schema pattern's `$` also
/// matches before a final line break (as Python's does), so one is allowed here too.
pub(crate) fn fits(value: &str) -> bool {
    let v = value.strip_suffix('\n').unwrap_or(value);
    FORMS.is_match(v) && !normalize(v).is_empty()
}

/// Hosts that resolve DOIs.
const DOI_HOSTS: [&str; 3] = ["doi.org", "dx.doi.org", "www.doi.org"];

/// Every source a text cites, as sorted, distinct keys.
pub(crate) fn extract(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for m in URL.find_iter(text) {
        keys.extend(url_keys(trim_trailing(m.as_str())));
    }
    for m in DOI.find_iter(text) {
        keys.push(doi_key(trim_trailing(m.as_str())));
    }
    keys.extend(kamerstukken(text));
    keys.sort();
    keys.dedup();
    keys
}

/// The keys a user's `--cites` argument stands for: a URL (with or without scheme), a DOI
/// (`10.…`, `doi:10.…`, a doi.org link) or a Kamerstuk (`32211-12`, `32 211, nr. 12`,
/// `kst-32211-12`). Empty when it is none of these.
pub(crate) fn normalize(input: &str) -> Vec<String> {
    let s = input.trim();
    // A key as the index stores it (the document view lists them) stands for itself.
    for prefix in ["url:", "kst:"] {
        if s.len() > prefix.len() && s.starts_with(prefix) && !s.contains(char::is_whitespace) {
            return vec![s.to_string()];
        }
    }
    let bare = s
        .strip_prefix("doi:")
        .or_else(|| s.strip_prefix("DOI:"))
        .unwrap_or(s)
        .trim();
    if bare.starts_with("10.") && DOI.is_match(bare) {
        return vec![doi_key(trim_trailing(bare))];
    }
    if let Some(key) = kamerstukken(s).next() {
        return vec![key];
    }
    if let Some(c) = KST_SHORT.captures(s) {
        return vec![kst_key(&c[1], c.get(2).map(|m| m.as_str()), &c[3])];
    }
    if let Some(c) = KST_DOSSIER_SHORT.captures(s) {
        return vec![format!("kst:{}{}", &c[1], &c[2])];
    }
    let with_scheme = if s.contains("://") {
        s.to_string()
    } else {
        format!("https://{s}")
    };
    if s.contains('.') && !s.contains(char::is_whitespace) {
        return url_keys(&with_scheme);
    }
    Vec::new()
}

/// The keys of a URL: its own, plus a DOI's or a Kamerstuk's when it is a link to one.
pub(crate) fn url_keys(raw: &str) -> Vec<String> {
    let with_scheme = if raw.len() >= 4 && raw[..4].eq_ignore_ascii_case("www.") {
        format!("https://{raw}")
    } else {
        raw.to_string()
    };
    let Ok(url) = Url::parse(&with_scheme) else {
        return Vec::new();
    };
    let Some(host) = url.host_str().map(|h| h.to_ascii_lowercase()) else {
        return Vec::new();
    };
    if !host.contains('.') && url.port().is_none() {
        return Vec::new();
    }
    let mut keys = Vec::new();
    if DOI_HOSTS.contains(&host.as_str()) {
        let path = percent_decode(url.path().trim_start_matches('/'));
        if path.starts_with("10.") {
            keys.push(doi_key(&path));
            return keys;
        }
    }
    keys.extend(kamerstukken(url.path()));
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut key = format!("url:{host}");
    if let Some(port) = url.port() {
        key.push_str(&format!(":{port}"));
    }
    key.push_str(url.path().trim_end_matches('/'));
    let query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "fbclid" && k != "gclid")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !query.is_empty() {
        key.push('?');
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        key.push_str(&q.join("&"));
    }
    keys.push(key);
    keys
}

/// The Kamerstukken a text names, written out ("32 211, nr. 12") or as ids (`kst-32211-12`),
/// each followed by its dossier's key (`kst:32211`), and the dossiers it names without a paper
/// ("dossier 33 852"). With the dossier keys, `--cites 33852` finds every document that cites
/// the bill's dossier, whichever of its papers they name.
fn kamerstukken(text: &str) -> impl Iterator<Item = String> + '_ {
    let written = KAMERSTUK.captures_iter(text).map(|c| {
        let dossier = format!("{}{}", &c[1], &c[2]);
        let paper = kst_key(&dossier, c.get(3).map(|m| m.as_str()), &c[4]);
        [paper, format!("kst:{dossier}")]
    });
    let ids = KST_ID.captures_iter(text).map(|c| {
        let paper = kst_key(&c[1], c.get(2).map(|m| m.as_str()), &c[3]);
        [paper, format!("kst:{}", &c[1])]
    });
    let dossiers = KST_DOSSIER
        .captures_iter(text)
        .map(|c| format!("kst:{}{}", &c[1], &c[2]));
    ids.chain(written).flatten().chain(dossiers)
}

fn doi_key(doi: &str) -> String {
    format!("doi:{}", doi.to_lowercase())
}

fn kst_key(dossier: &str, part: Option<&str>, number: &str) -> String {
    let number = number.trim_start_matches('0');
    match part {
        Some(p) => format!("kst:{dossier}-{}-{number}", p.to_ascii_lowercase()),
        None => format!("kst:{dossier}-{number}"),
    }
}

/// Sentence punctuation and closing brackets after a link are not part of it (a closing
/// bracket is kept when the link opened one, as Wikipedia links do).
fn trim_trailing(s: &str) -> &str {
    let mut s = s;
    loop {
        let Some(last) = s.chars().last() else {
            return s;
        };
        let unbalanced = |open: char, close: char| {
            last == close && s.matches(open).count() < s.matches(close).count()
        };
        if matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '’' | '”' | '»'
        ) || unbalanced('(', ')')
            || unbalanced('[', ']')
        {
            s = &s[..s.len() - last.len_utf8()];
        } else {
            return s;
        }
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_the_pattern_declares_stands_for_a_key() {
        for ok in [
            "https://www.amnesty.org/en/documents/pol30/4062/2016/en/",
            "amnesty.org/en",
            "HTTP://a-b.example.nl:8080/x?y=z#f",
            "10.1371/journal.pmed.1002680",
            "doi:10.1371/journal.pmed.1002680",
            "32211-12",
            "35925-VI-3",
            "kst-32211-12",
            "32211",
            "32 211",
            "32 211, nr. 12",
            "Kamerstukken II 2019/20, 32 211, nr. 12",
            "url:amnesty.org/en",
            "kst:32211-12",
            "32211-12\n",
        ] {
            assert!(fits(ok), "{ok:?}");
        }
        for bad in [
            "sekswerk", "", " 32211", "a.b.", "1.2", "x:99999", "http://", "32211-",
        ] {
            assert!(!fits(bad), "{bad:?}");
        }
    }

    #[test]
    fn urls_dois_and_kamerstukken_from_text() {
        let text = "Zie https://www.amnesty.org/en/documents/pol30/4062/2016/en/. En ook \
                    (https://doi.org/10.1371/journal.pmed.1002680), Kamerstukken II 2019/20, \
                    32 211, nr. 12 en www.rijksoverheid.nl/documenten?utm_source=x.";
        assert_eq!(
            extract(text),
            [
                "doi:10.1371/journal.pmed.1002680",
                "kst:32211",
                "kst:32211-12",
                "url:amnesty.org/en/documents/pol30/4062/2016/en",
                "url:rijksoverheid.nl/documenten",
            ]
        );
    }

    #[test]
    fn every_form_of_one_source_is_one_key() {
        for form in [
            "10.1371/journal.pmed.1002680",
            "doi:10.1371/JOURNAL.PMED.1002680",
            "https://doi.org/10.1371/journal.pmed.1002680",
            "http://dx.doi.org/10.1371%2Fjournal.pmed.1002680",
        ] {
            assert_eq!(
                normalize(form),
                ["doi:10.1371/journal.pmed.1002680"],
                "{form}"
            );
        }
        for form in [
            "32211-12",
            "32 211, nr. 12",
            "kst-32211-12",
            "https://zoek.officielebekendmakingen.nl/kst-32211-12.html",
        ] {
            assert!(
                normalize(form).contains(&"kst:32211-12".to_string()),
                "{form}"
            );
        }
        for form in [
            "https://www.Amnesty.org/en/documents/pol30/4062/2016/en/",
            "http://amnesty.org/en/documents/pol30/4062/2016/en#top",
            "www.amnesty.org/en/documents/pol30/4062/2016/en",
        ] {
            assert_eq!(
                normalize(form),
                ["url:amnesty.org/en/documents/pol30/4062/2016/en"],
                "{form}"
            );
        }
        assert!(normalize("sekswerk").is_empty());
        // The keys themselves, as a document view lists them.
        for key in ["url:amnesty.org/en", "kst:32211-12", "doi:10.1371/x"] {
            assert_eq!(normalize(key), [key]);
        }
    }

    #[test]
    fn dossiers_named_without_a_paper() {
        // From a real response: the Eerste Kamer debate on the 2017 naturalisation bill.
        let text = "(Kamerstukken Eerste Kamer dossier 33 852, debat 26 september 2017)";
        assert_eq!(extract(text), ["kst:33852"]);
        assert_eq!(
            extract("Zie wetsvoorstel 36171 en Kamerstukken II 2019/20, 32 211."),
            ["kst:32211", "kst:36171"]
        );
        // Other five-digit numbers are not dossiers.
        assert!(extract("Postcode 10 115 Berlijn, 33852 inwoners, artikel 12 345").is_empty());
        for form in ["33852", "33 852", "kst:33852", "dossier 33 852"] {
            assert_eq!(normalize(form), ["kst:33852"], "{form}");
        }
    }

    #[test]
    fn brackets_and_punctuation() {
        assert_eq!(
            trim_trailing("https://en.wikipedia.org/wiki/Rust_(language))."),
            "https://en.wikipedia.org/wiki/Rust_(language)"
        );
        assert_eq!(trim_trailing("https://x.nl/a,"), "https://x.nl/a");
    }
}
