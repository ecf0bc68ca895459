// The page's charts and what a search's matches say beside the hits: the timeline of the
// matches (days, or weeks when the span is long; campaign copies in their own shade; a drag
// across bars sets From and To), a campaign's days, and the panel of terms that set the matches apart (keyness against the other responses,
// each campaign counted once). Loaded before app.js, whose helpers ($, t, esc, go, fmtDate,
// FILTERS) it uses when called; its words join app.js's MESSAGES.
"use strict";

const ANALYSIS_MESSAGES = {
  en: {
    timelineBy: (by, a, b, max) => `Matches per ${by}, ${a} to ${b} (at most ${max} a ${by})`,
    timelineByLabel: (by, a, b) => `Matches per ${by} from ${a} to ${b}`,
    units: { day: "day", week: "week", month: "month" },
    bar: (by, d, n, copies) => `${by === "day" ? "" : by === "week" ? "week of " : ""}${d}: ${n} ${n === 1 ? "match" : "matches"}${copies ? `, ${copies} campaign ${copies === 1 ? "copy" : "copies"}` : ""}`,
    copiesKey: "campaign copies",
    ownKey: "own words",
    dragHint: "drag across bars to search that period",
    termsTitle: "What sets these apart",
    termsAgainst: (n1, n2) => `${n1} matching responses against ${n2} others, each campaign counted once`,
    termsAgainstQuery: (n1, n2, q) => `${n1} matching responses against ${n2} for ${q}, each campaign counted once`,
    termsSampled: "estimated from a sample",
    termsNone: "No word is used notably more in these responses than in the others.",
    termsAdd: (term) => `Add “${term}” to the search`,
    termsQuotes: "quotes",
    termsQuotesOf: (term) => `Quotes with “${term}”`,
    termsCounts: (fg, bg) => `in ${fg} of these, ${bg} of the others`,
    termsLoading: "Counting words…",
    termsStat: (g2, lr) => `log-likelihood G2 ${g2} · log ratio ${lr}`,
  },
  nl: {
    timelineBy: (by, a, b, max) => `Treffers per ${by}, ${a} tot en met ${b} (hoogstens ${max} per ${by})`,
    timelineByLabel: (by, a, b) => `Treffers per ${by} van ${a} tot en met ${b}`,
    units: { day: "dag", week: "week", month: "maand" },
    bar: (by, d, n, copies) => `${by === "week" ? "week van " : ""}${d}: ${n} ${n === 1 ? "treffer" : "treffers"}${copies ? `, ${copies} ${copies === 1 ? "campagnekopie" : "campagnekopieën"}` : ""}`,
    copiesKey: "campagnekopieën",
    ownKey: "eigen woorden",
    dragHint: "sleep over de staven om die periode te doorzoeken",
    termsTitle: "Wat deze reacties onderscheidt",
    termsAgainst: (n1, n2) => `${n1} gevonden reacties tegenover ${n2} andere, elke campagne één keer geteld`,
    termsAgainstQuery: (n1, n2, q) => `${n1} gevonden reacties tegenover ${n2} voor ${q}, elke campagne één keer geteld`,
    termsSampled: "geschat uit een steekproef",
    termsNone: "Geen woord komt in deze reacties duidelijk vaker voor dan in de andere.",
    termsAdd: (term) => `Voeg „${term}” toe aan de zoekopdracht`,
    termsQuotes: "citaten",
    termsQuotesOf: (term) => `Citaten met „${term}”`,
    termsCounts: (fg, bg) => `in ${fg} van deze, ${bg} van de andere`,
    termsLoading: "Woorden tellen…",
    termsStat: (g2, lr) => `log-likelihood G2 ${g2} · log-ratio ${lr}`,
  },
};

// Days a chart shows one by one; a longer span is shown by weeks, a span of years by months.
const DAYS_BY_DAY = 120;
const DAYS_BY_WEEK = 3 * 365;
// Terms the panel lists.
const PANEL_TERMS = 12;
// The filters the chart and the panel show, so that turning a page or changing the order does
// not count them again, and an answer to an older search never replaces a newer one's.
const shown = { timeline: null, terms: null };

function spanDays(first, last) {
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  return day(last) - day(first) + 1;
}

// The last day of the bucket that starts on `start`.
function bucketEnd(start, by) {
  const d = new Date(start + "T00:00:00Z");
  if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (by === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

// A campaign's responses per day (the campaigns listing) as an SVG, over the span from
// `from` to `to` (YYYY-MM-DD) when given.
function bars(days, w, h, label, from, to) {
  const keys = Object.keys(days || {}).sort();
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  const first = day(from || keys[0]);
  const span = day(to || keys[keys.length - 1]) - first + 1;
  const max = Math.max(...keys.map((k) => days[k]));
  const bw = w / span;
  const rects = keys.map((k) => {
    const bh = Math.max(1, (days[k] / max) * (h - 4));
    return `<rect x="${((day(k) - first) * bw).toFixed(2)}" y="${(h - bh).toFixed(2)}" width="${Math.max(bw - 1, 1).toFixed(2)}" height="${bh.toFixed(2)}"><title>${esc(fmtDate(k))}: ${days[k]}</title></rect>`;
  }).join("");
  return `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${rects}</svg>`;
}

// Stacked bars: own words below in the accent, campaign copies above in their shade; each bar
// says its date and counts on hover.
function stackedBars(buckets, by, w, h, label) {
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const bw = w / buckets.length;
  const rects = buckets.map((b, i) => {
    const own = b.total - b.campaign_copies;
    const hOwn = own ? Math.max(1, (own / max) * (h - 4)) : 0;
    const hCopies = b.campaign_copies ? Math.max(1, (b.campaign_copies / max) * (h - 4)) : 0;
    const x = (i * bw).toFixed(2);
    const width = Math.max(bw - 1, 1).toFixed(2);
    const tip = esc(t("bar", by, fmtDate(b.start), b.total, b.campaign_copies));
    return `<g class="bucket" data-i="${i}" data-start="${esc(b.start)}"><title>${tip}</title>` +
      `<rect class="hitbox" x="${x}" y="0" width="${(bw).toFixed(2)}" height="${h}"></rect>` +
      (hOwn ? `<rect class="own" x="${x}" y="${(h - hOwn).toFixed(2)}" width="${width}" height="${hOwn.toFixed(2)}"></rect>` : "") +
      (hCopies ? `<rect class="copies" x="${x}" y="${(h - hOwn - hCopies).toFixed(2)}" width="${width}" height="${hCopies.toFixed(2)}"></rect>` : "") +
      `</g>`;
  }).join("");
  return `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${rects}</svg>`;
}

// The chart of the matches over time, from the search's day facet (which says the span) and
// the timeline (which says the campaign copies).
async function timeline(days, api) {
  const fig = $("timeline");
  const keys = Object.keys(days || {}).sort();
  if (keys.length < 2) { fig.hidden = true; shown.timeline = null; return; }
  const asked = uiLang() + " " + api;
  if (shown.timeline === asked && !fig.hidden) return;
  shown.timeline = asked;
  const span = spanDays(keys[0], keys[keys.length - 1]);
  const by = span <= DAYS_BY_DAY ? "day" : span <= DAYS_BY_WEEK ? "week" : "month";
  const q = new URLSearchParams(api);
  q.set("by", by);
  let r;
  try {
    r = await getJson("/api/timeline?" + q);
  } catch (e) {
    if (shown.timeline === asked) fig.hidden = true;
    return;
  }
  if (shown.timeline !== asked) return;
  const buckets = r.buckets.filter((b) => b.start);
  if (buckets.length < 2) { fig.hidden = true; return; }
  const unit = named("units", by);
  const [a, b] = [fmtDate(buckets[0].start), fmtDate(buckets[buckets.length - 1].start)];
  const max = Math.max(...buckets.map((x) => x.total));
  $("chart").innerHTML = stackedBars(buckets, by, 600, 90, t("timelineByLabel", unit, a, b));
  const key = r.campaign_copies ? ` · <span class="key own"></span>${esc(t("ownKey"))} <span class="key copies"></span>${esc(t("copiesKey"))}` : "";
  fig.querySelector("figcaption").innerHTML = `${esc(t("timelineBy", unit, a, b, max))}${key} · ${esc(t("dragHint"))}`;
  fig.hidden = false;
  dragToFilter($("chart").querySelector("svg"), buckets, by);
}

// A drag across bars sets From to the first bar's first day and To to the last bar's last day,
// and searches; a click on one bar does the same for its bucket.
function dragToFilter(svg, buckets, by) {
  let from = null;
  const at = (e) => {
    const g = e.target.closest && e.target.closest(".bucket");
    return g ? +g.dataset.i : null;
  };
  const mark = (lo, hi) => {
    for (const g of svg.querySelectorAll(".bucket")) g.classList.toggle("chosen", +g.dataset.i >= lo && +g.dataset.i <= hi);
  };
  svg.addEventListener("pointerdown", (e) => {
    from = at(e);
    if (from !== null) { mark(from, from); e.preventDefault(); }
  });
  svg.addEventListener("pointermove", (e) => {
    const i = at(e);
    if (from !== null && i !== null) mark(Math.min(from, i), Math.max(from, i));
  });
  svg.addEventListener("pointerup", (e) => {
    const i = at(e);
    if (from === null) return;
    const [lo, hi] = [Math.min(from, i ?? from), Math.max(from, i ?? from)];
    from = null;
    go({ since: buckets[lo].start, until: bucketEnd(buckets[hi].start, by), offset: "" });
  });
}

// The panel of terms beside the hits: a bar per term (its G2), a click adds the term to the
// query, "quotes" opens its quotes.
async function termsPanel(api) {
  const panel = $("terms");
  const asked = uiLang() + " " + api;
  if (shown.terms === asked && !panel.hidden) return;
  shown.terms = asked;
  const q = new URLSearchParams(api);
  q.set("limit", PANEL_TERMS);
  panel.hidden = false;
  panel.querySelector(".about").textContent = t("termsLoading");
  panel.querySelector("ol").innerHTML = "";
  let r;
  try {
    r = await getJson("/api/terms?" + q);
  } catch (e) {
    if (shown.terms === asked) panel.hidden = true;
    return;
  }
  if (shown.terms !== asked) return;
  const about = r.against.query ? t("termsAgainstQuery", r.foreground, r.background, r.against.query) : t("termsAgainst", r.foreground, r.background);
  panel.querySelector(".about").textContent = about + (r.sampled ? ` (${t("termsSampled")})` : "");
  if (!r.terms.length) {
    panel.querySelector("ol").innerHTML = `<li class="meta">${esc(t("termsNone"))}</li>`;
    return;
  }
  const top = Math.max(...r.terms.map((x) => x.g2));
  panel.querySelector("ol").innerHTML = r.terms.map((x) => {
    const shown = x.forms[0] || x.term;
    const example = x.example ? `${x.example.text} — ${who(x.example.citation.author) || "—"}, ${fmtDate(x.example.citation.date)}` : "";
    return `<li class="term" data-term="${esc(x.term)}" data-phrase="${x.phrase}">
      <button type="button" class="link add-term" title="${esc(t("termsAdd", shown))}">${esc(shown)}</button>
      <svg class="g2" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect width="${Math.max(2, (x.g2 / top) * 100).toFixed(1)}" height="8"><title>${esc(t("termsStat", x.g2, x.log_ratio))}</title></rect></svg>
      <span class="meta" title="${esc(example)}">${esc(t("termsCounts", x.fg, x.bg))}</span>
      <button type="button" class="link term-quotes" title="${esc(t("termsQuotesOf", shown))}">${esc(t("termsQuotes"))}</button>
    </li>`;
  }).join("");
}

// A term as the query language reads it: a phrase in quotes.
function termQuery(li) {
  return li.dataset.phrase === "true" ? `"${li.dataset.term}"` : li.dataset.term;
}

document.addEventListener("click", (e) => {
  const li = e.target.closest && e.target.closest("#terms .term");
  if (!li) return;
  if (e.target.closest(".add-term")) {
    const q = (params().get("q") || "").trim();
    go({ q: (q ? q + " " : "") + termQuery(li), offset: "" });
  } else if (e.target.closest(".term-quotes")) {
    // The term's quotes among these matches: the search's words and the term.
    const q = (params().get("q") || "").trim();
    go({ q: (q ? q + " " : "") + termQuery(li), view: "quotes", offset: "" });
  }
});
