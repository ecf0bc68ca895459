"""The 30 queries of the quote benchmarks, drawn from the corpus (seed 14): 10 single words of
every frequency, 10 word pairs and 10 three-word phrases, one per line.

    python3 benches/quote_queries.py CORPUS.jsonl
"""
import collections
import json
import random
import re
import sys

random.seed(14)
texts = [" ".join(a.get("answer") or "" for a in json.loads(l)["answers"]) for l in open(sys.argv[1])]
words = collections.Counter(w for t in texts for w in re.findall(r"[a-zà-ÿ]{5,}", t.lower()))
ranked = [w for w, _ in words.most_common()]
singles = [ranked[i] for i in (5, 20, 50, 100, 200, 400, 800, 1500, 3000, 6000)]
pairs = [f"{random.choice(ranked[:300])} {random.choice(ranked[:300])}" for _ in range(10)]
phrases = []
for t in random.sample(texts, 200):
    ws = re.findall(r"[A-Za-zà-ÿ]+", t)
    if len(ws) > 6:
        i = random.randrange(len(ws) - 3)
        phrases.append('"' + " ".join(ws[i:i + 3]) + '"')
    if len(phrases) == 10:
        break
for q in singles + pairs + phrases:
    print(q)
