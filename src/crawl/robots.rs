//! robots.txt (RFC 9309): the group for our product token, else `*`; the longest matching
//! Allow/Disallow rule wins, Allow on a tie; `*` and `$` in patterns; Crawl-delay honoured as a
//! lower bound on request spacing. A robots.txt that answers 4xx allows everything; one that
//! cannot be fetched (5xx, network) disallows everything, as the RFC asks.

/// The rules that apply to us on one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Robots {
    rules: Vec<Rule>,
    /// Seconds between requests the site asks for.
    pub crawl_delay: Option<f64>,
    /// Set when robots.txt could not be had: nothing may be fetched, for this reason.
    pub unavailable: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    pattern: String,
}

impl Robots {
    /// Rules that allow everything (no robots.txt).
    pub(crate) fn allow_all() -> Robots {
        Robots::default()
    }

    /// Rules that allow nothing because robots.txt could not be fetched.
    pub(crate) fn unavailable(reason: String) -> Robots {
        Robots {
            unavailable: Some(reason),
            ..Robots::default()
        }
    }

    /// Parses robots.txt for the product token `agent` (e.g. `inspraak`).
    pub(crate) fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        // Groups: (agents, rules, crawl-delay).
        let mut groups: Vec<(Vec<String>, Vec<Rule>, Option<f64>)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new(), None));
                        in_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        // An empty Disallow allows everything: it is no rule at all.
                        if !value.is_empty() {
                            g.1.push(Rule {
                                allow: key == "allow",
                                pattern: value.to_string(),
                            });
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.2 = value
                            .parse()
                            .ok()
                            .filter(|d: &f64| d.is_finite() && *d >= 0.0);
                    }
                }
                _ => {}
            }
        }
        let ours: Vec<_> = groups
            .iter()
            .filter(|g| g.0.iter().any(|a| a != "*" && agent.contains(a.as_str())))
            .collect();
        let chosen = if ours.is_empty() {
            groups
                .iter()
                .filter(|g| g.0.iter().any(|a| a == "*"))
                .collect()
        } else {
            ours
        };
        let mut robots = Robots::default();
        for g in chosen {
            robots.rules.extend(g.1.iter().cloned());
            robots.crawl_delay = robots.crawl_delay.or(g.2);
        }
        robots
    }

    /// Whether a path (with its query string) may be fetched.
    pub(crate) fn allowed(&self, path: &str) -> bool {
        if self.unavailable.is_some() {
            return false;
        }
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if matches(&rule.pattern, path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Matches a robots pattern (`*` any run, `$` end) against the start of a path.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    glob(pattern.as_bytes(), path.as_bytes(), anchored)
}

fn glob(p: &[u8], s: &[u8], anchored: bool) -> bool {
    match p.first() {
        None => !anchored || s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| glob(&p[1..], &s[i..], anchored)),
        Some(c) => s.first() == Some(c) && glob(&p[1..], &s[1..], anchored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_our_group_and_longest_rule() {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: Inspraak\nUser-agent: other\n\
                   Disallow: /zoeken\nAllow: /zoeken/help\nCrawl-delay: 3\n";
        let r = Robots::parse(txt, "inspraak");
        assert!(r.allowed("/x/reactie/1"));
        assert!(!r.allowed("/zoeken/resultaat?Trefwoorden=a"));
        assert!(r.allowed("/zoeken/help"));
        assert_eq!(r.crawl_delay, Some(3.0));
        let star = Robots::parse(txt, "somebot");
        assert!(!star.allowed("/x"));
        assert!(star.allowed("/robots.txt"));
    }

    #[test]
    fn wildcards_and_anchors() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /*/bestand$\nDisallow: /private*\n",
            "inspraak",
        );
        assert!(!r.allowed("/x/reactie/12/bestand"));
        assert!(r.allowed("/x/reactie/12/bestand/extra"));
        assert!(!r.allowed("/private/a"));
        assert!(r.allowed("/public"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "inspraak").allowed("/a"));
        assert!(Robots::parse("", "inspraak").allowed("/a"));
        assert!(!Robots::unavailable("HTTP 503".into()).allowed("/a"));
    }
}
