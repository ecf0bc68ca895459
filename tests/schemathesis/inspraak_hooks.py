"""What the OpenAPI description cannot say about two parameters, told to Schemathesis.

`q` is a query language (words, "phrases", OR, -exclusion, prefix*, "near"~N, field:value)
and `cites` a URL, DOI or Kamerstuk number. JSON Schema describes both as strings, so any
string is "valid" to Schemathesis, while the server answers a malformed query or an
unrecognised citation with a 400 that says what is wrong (as it must). Generated values are
therefore mapped into the languages: the words of a generated `q`, and a citation in one of
the recognised forms for `cites`. "since must not be after until" spans two parameters, which
JSON Schema cannot say either: a reversed pair is put in order. Every other parameter is
generated from the schema alone.
"""

import re

import schemathesis

OPERATORS = {"OR", "AND", "NOT"}
CITATIONS = [
    "10.1371/journal.pmed.1002680",
    "https://www.amnesty.org/en/documents/pol30/4062/2016/en/",
    "32211-12",
]


def words(q):
    kept = re.sub(r"[^\w\s]", " ", q)
    return " ".join(w for w in kept.split() if w not in OPERATORS)


@schemathesis.hook
def map_query(ctx, query):
    if not isinstance(query, dict):
        return query
    if isinstance(query.get("q"), str):
        query["q"] = words(query["q"]) or "wet"
    if isinstance(query.get("cites"), str):
        cites = query["cites"]
        query["cites"] = CITATIONS[len(cites) % len(CITATIONS)]
    since, until = query.get("since"), query.get("until")
    if isinstance(since, str) and isinstance(until, str) and since > until:
        query["since"], query["until"] = until, since
    return query

