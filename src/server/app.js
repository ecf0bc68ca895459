// The search page: all state lives in the URL (?q=…&lang=…&offset=…&doc=…), so a search can be
// bookmarked and shared, and the browser's back button works.
"use strict";

const PAGE = 10;
const FIELDS = ["q", "consultation", "lang", "kind", "since", "until", "cites", "respondent", "campaign", "sort", "view"];
const FILTERS = ["q", "consultation", "lang", "kind", "since", "until", "cites", "respondent", "campaign"];
let lastQuotes = [];
const $ = (id) => document.getElementById(id);
const titles = {};

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function params() {
  return new URLSearchParams(location.search);
}

function setStatus(text, error) {
  $("status").textContent = text;
  $("status").classList.toggle("error", !!error);
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: "the server answered " + r.status }));
  if (!r.ok) throw new Error(body.error || "the server answered " + r.status);
  return body;
}

// Fills a filter's options from facet counts, keeping the chosen value.
function fillSelect(id, counts, label) {
  const sel = $(id);
  const chosen = params().get(id) || "";
  const keys = Object.keys(counts || {});
  if (chosen && !keys.includes(chosen)) keys.push(chosen);
  sel.innerHTML = '<option value="">all</option>' + keys
    .map((k) => `<option value="${esc(k)}">${esc(label ? label(k) : k)} (${(counts && counts[k]) || 0})</option>`)
    .join("");
  sel.value = chosen;
}

// Bars per day as an SVG, over the span from `from` to `to` (YYYY-MM-DD) when given.
function bars(days, w, h, label, from, to) {
  const keys = Object.keys(days || {}).sort();
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  const first = day(from || keys[0]);
  const span = day(to || keys[keys.length - 1]) - first + 1;
  const max = Math.max(...keys.map((k) => days[k]));
  const bw = w / span;
  const rects = keys.map((k) => {
    const bh = Math.max(1, (days[k] / max) * (h - 4));
    return `<rect x="${((day(k) - first) * bw).toFixed(2)}" y="${(h - bh).toFixed(2)}" width="${Math.max(bw - 1, 1).toFixed(2)}" height="${bh.toFixed(2)}"><title>${esc(k)}: ${days[k]}</title></rect>`;
  }).join("");
  return `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${rects}</svg>`;
}

function timeline(days) {
  const keys = Object.keys(days || {}).sort();
  const fig = $("timeline");
  if (keys.length < 2) { fig.hidden = true; return; }
  const max = Math.max(...keys.map((k) => days[k]));
  $("chart").innerHTML = bars(days, 600, 90, `Matches per day from ${keys[0]} to ${keys[keys.length - 1]}`);
  fig.querySelector("figcaption").textContent =
    `Matches per day, ${keys[0]} to ${keys[keys.length - 1]} (at most ${max} a day)`;
  fig.hidden = false;
}

function hitHtml(h) {
  const who = [h.author, h.place].filter(Boolean).map(esc).join(", ") || "—";
  const title = h.kind === "response" ? who : esc(h.title || who);
  const meta = [h.kind, h.date, h.publisher, titles[h.consultation] || h.consultation_title || h.consultation, h.lang]
    .filter(Boolean).map(esc).join(" · ");
  let campaign = "";
  if (h.campaign) {
    const n = h.collapsed || 0;
    const lead = n > 0 ? `and ${n} near-identical ${n === 1 ? "match" : "matches"} · ` : "";
    campaign = `<p class="more">${lead}<button type="button" class="link members" data-campaign="${esc(h.campaign)}">campaign of ${h.campaign_size} responses</button></p>`;
  }
  return `<li class="hit">
    <h2><button type="button" class="link open" data-id="${esc(h.id)}">${title}</button></h2>
    <p class="meta">${h.kind !== "response" ? esc(who) + " · " : ""}${meta}${h.respondent ? ` · <span class="badge">${esc(h.respondent)}</span>` : ""}</p>
    <p class="snippet">${h.snippet}</p>${campaign}
    <a href="${esc(h.url)}" rel="noopener noreferrer">source on internetconsultatie.nl</a>
  </li>`;
}

function quoteHtml(q, i) {
  const c = q.citation;
  const who = [c.author, c.place].filter(Boolean).map(esc).join(", ") || "—";
  const shared = q.count > 1 ? `<p class="meta">The same passage is in ${q.count} responses.</p>` : "";
  return `<li class="quote">
    ${q.before ? `<p class="context">… ${esc(q.before)}</p>` : ""}
    <blockquote>${q.marked}</blockquote>
    ${q.after ? `<p class="context">${esc(q.after)} …</p>` : ""}
    <p class="meta">— <a href="${esc(c.url)}" rel="noopener noreferrer">${who}</a> · ${esc(c.kind)}${c.page ? " · p. " + c.page : ""}${c.question ? " · " + esc(c.question) : ""} · ${esc(c.date || "")} · ${esc(c.consultation_title)}</p>
    ${shared}
    <div class="copy" role="group" aria-label="Copy the citation">
      <button type="button" data-copy="${i}" data-format="text">Copy text</button>
      <button type="button" data-copy="${i}" data-format="markdown">Copy Markdown</button>
      <button type="button" data-copy="${i}" data-format="csl">Copy CSL-JSON (Zotero)</button>
      <button type="button" data-copy="${i}" data-format="csv">Copy CSV</button>
      <button type="button" data-copy="${i}" data-format="json">Copy JSON</button>
    </div>
    <pre class="citation" hidden></pre>
  </li>`;
}

function citation(i, format) {
  const q = lastQuotes[i];
  if (format === "csl") return JSON.stringify([q.cite.csl], null, 2);
  if (format === "json") {
    const { cite, ...plain } = q;
    return JSON.stringify(plain, null, 2);
  }
  return q.cite[format];
}

// Copies a citation; shows it too, so it can be selected by hand where the clipboard is closed.
async function copyCitation(button) {
  const text = citation(+button.dataset.copy, button.dataset.format);
  const pre = button.closest(".quote").querySelector(".citation");
  pre.textContent = text;
  pre.hidden = false;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied ✓";
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(pre);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = document.execCommand && document.execCommand("copy") ? "Copied ✓" : "Selected: press Ctrl+C";
  }
}

// Empties the list of hits, its pager and its chart (before another view fills the page).
function clearResults() {
  $("results").innerHTML = "";
  $("pager").hidden = true;
  $("timeline").hidden = true;
}

async function searchQuotes(p) {
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  api.set("limit", PAGE);
  setStatus("Finding quotes…");
  clearResults();
  try {
    const r = await getJson("/api/quotes?" + api);
    lastQuotes = r.quotes;
    setStatus(`${r.quotes.length} ${r.quotes.length === 1 ? "quote" : "quotes"} from ${r.passages} matching passages`);
    $("quotes").innerHTML = r.quotes.map(quoteHtml).join("");
    $("quotes").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
    $("quotes").innerHTML = "";
  }
}

function campaignHtml(c, largest) {
  const langs = Object.entries(c.langs).map(([k, n]) => `${k} ${n}`).join(", ");
  const who = Object.entries(c.respondents).map(([k, n]) => `${k} ${n}`).join(", ");
  const width = Math.max(2, Math.round((c.size / largest) * 200));
  return `<li class="campaign">
    <h2><span class="size" style="width:${width}px"></span>${c.size} responses <span class="meta">${esc(c.first || "?")} – ${esc(c.last || "?")}</span></h2>
    <p class="meta">${esc(c.id)} · ${esc(titles[c.consultation] || c.consultation)} · ${esc(langs)} · ${esc(who)}</p>
    ${bars(c.timeline, 300, 28, `Responses per day from ${c.first} to ${c.last}`, c.first, c.last)}
    <p class="start">${esc(c.start)}</p>
    <p class="actions"><button type="button" class="link members" data-campaign="${esc(c.id)}">Show the responses</button>
      <button type="button" class="link open" data-id="${esc(c.representative)}">Open the representative response</button>
      <button type="button" class="link added-by" data-campaign="${esc(c.id)}">What each adds</button></p>
  </li>`;
}

async function showCampaigns(p) {
  const api = new URLSearchParams();
  if (p.get("consultation")) api.set("consultation", p.get("consultation"));
  api.set("limit", 100);
  setStatus("Finding campaigns…");
  clearResults();
  try {
    const list = await getJson("/api/campaigns?" + api);
    const responses = list.reduce((n, c) => n + c.size, 0);
    setStatus(list.length ? `${list.length} ${list.length === 1 ? "campaign" : "campaigns"} of near-identical responses (${responses} responses)` : "No campaigns: no two responses are near-identical.");
    const largest = list.length ? list[0].size : 1;
    $("campaigns").innerHTML = list.map((c) => campaignHtml(c, largest)).join("");
    $("campaigns").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
  }
}

// Shows the filled document panel in place of the results.
function showPanel() {
  $("listing").hidden = true;
  $("doc").hidden = false;
  setStatus("");
  $("doc").focus();
}

// One campaign: its template, then each member with the sentences it adds.
async function showCampaign(id) {
  setStatus("Loading…");
  try {
    const c = await getJson("/api/campaigns/" + encodeURIComponent(id));
    const members = c.members.map((m) => {
      const who = [m.author, m.place].filter(Boolean).map(esc).join(", ") || "—";
      const added = m.id === c.representative ? "<p class=\"meta\">the representative</p>"
        : m.added.length ? `<ul class="added">${m.added.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>` : "<p class=\"meta\">adds nothing</p>";
      return `<li><button type="button" class="link open" data-id="${esc(m.id)}">${who}</button> <span class="meta">${esc(m.date || "")} · ${esc(m.lang)}${m.respondent ? " · " + esc(m.respondent) : ""}</span>${added}</li>`;
    }).join("");
    $("doc").innerHTML = `
      <p><button type="button" id="back">← Back</button></p>
      <h2>Campaign of ${c.size} responses</h2>
      <p class="meta">${esc(c.id)} · ${esc(c.first || "?")} – ${esc(c.last || "?")} · ${esc(titles[c.consultation] || c.consultation)}</p>
      <h3>The template (its most central response)</h3>
      <p class="answer">${esc(c.template)}</p>
      <h3>What each response adds in its own words</h3>
      <ol class="members">${members}</ol>`;
    showPanel();
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function search() {
  const p = params();
  const q = p.get("q") || "";
  $("doc").hidden = true;
  $("listing").hidden = false;
  $("quotes").hidden = true;
  $("campaigns").hidden = true;
  if (p.get("view") === "campaigns") return showCampaigns(p);
  const cites = (p.get("cites") || "").trim();
  const campaign = (p.get("campaign") || "").trim();
  if ((q.trim() || cites || campaign) && p.get("view") === "quotes") return searchQuotes(p);
  if (!q.trim() && !cites && !campaign) {
    setStatus("");
    clearResults();
    return;
  }
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  if (p.get("sort")) api.set("sort", p.get("sort"));
  // One hit per campaign unless switched off, or unless the campaign is what is asked for.
  const collapse = p.get("collapse") !== "0" && !campaign;
  if (collapse) api.set("collapse", "true");
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  api.set("limit", PAGE);
  api.set("offset", offset);
  setStatus("Searching…");
  try {
    const r = await getJson("/api/search?" + api);
    const shown = r.groups ?? r.total;
    const grouped = r.groups != null && r.groups < r.total ? `, ${r.groups} with each campaign once` : "";
    setStatus(`${r.total} ${r.total === 1 ? "match" : "matches"}${grouped}`);
    $("results").innerHTML = r.hits.map(hitHtml).join("");
    fillSelect("consultation", r.facets.consultation, (k) => titles[k] || k);
    fillSelect("lang", r.facets.lang);
    fillSelect("kind", r.facets.kind);
    fillSelect("respondent", r.facets.respondent);
    timeline(r.facets.date);
    const last = Math.min(offset + PAGE, shown);
    $("range").textContent = shown ? `${offset + 1}–${last} of ${shown}` : "";
    $("prev").disabled = offset === 0;
    $("next").disabled = last >= shown;
    $("pager").hidden = shown <= PAGE;
  } catch (e) {
    setStatus(e.message, true);
    clearResults();
  }
}

async function showDoc(id) {
  setStatus("Loading…");
  try {
    const d = await getJson("/api/doc/" + encodeURIComponent(id));
    const who = [d.author, d.place].filter(Boolean).map(esc).join(", ");
    const sections = d.sections.map((s) => {
      if (s.page) return `<section class="page"><h3>Page ${s.page}</h3><p class="answer">${esc(s.text)}</p></section>`;
      return `<section>${s.heading ? `<h3>${esc(s.heading)}</h3>` : ""}<p class="answer">${esc(s.text)}</p></section>`;
    }).join("");
    const related = d.related.map((r) =>
      `<li><button type="button" class="link open" data-id="${esc(r.id)}">${esc(r.kind === "attachment" ? "Attachment" : "Response")}${r.title ? ": " + esc(r.title) : ""}${r.pages ? ` (${r.pages} pages)` : ""}</button></li>`).join("");
    // Who cites this report, and what this document cites (each a search for its other citers).
    const citedBy = (d.cited_by || []).map((r) =>
      `<li><button type="button" class="link open" data-id="${esc(r.id)}">${esc([r.author, r.title, r.kind, r.date].filter(Boolean).join(" · "))}</button></li>`).join("");
    const cites = (d.cites || []).map((k) =>
      `<li><button type="button" class="link cites" data-cites="${esc(k)}" title="Everything that cites this">${esc(k.replace(/^(url|doi|kst):/, (m, p) => ({ url: "", doi: "DOI ", kst: "Kamerstuk " })[p]))}</button></li>`).join("");
    const added = (d.campaign_added || []).map((t) => `<li>${esc(t)}</li>`).join("");
    const campaign = d.campaign ? `<section class="in-campaign"><p class="meta">One of <button type="button" class="link members" data-campaign="${esc(d.campaign)}">${d.campaign_size} near-identical responses</button> (campaign ${esc(d.campaign)}${d.campaign_representative && d.campaign_representative !== d.id ? `; <button type="button" class="link open" data-id="${esc(d.campaign_representative)}">its representative</button>` : "; this is its representative"}).</p>${added ? `<h3>Added in their own words</h3><ul class="added">${added}</ul>` : ""}</section>` : "";
    const label = d.meta && d.meta.label ? `<p class="meta">Seed label: ${esc(d.meta.label)}</p>` : "";
    const damaged = d.meta && d.meta.damaged ? `<p class="meta error">${esc(d.meta.damaged)}</p>` : "";
    $("doc").innerHTML = `
      <p><button type="button" id="back">← Back to the results</button></p>
      <h2>${esc(d.kind === "response" ? who || "Response" : d.title || who)}</h2>
      <p class="meta"><span class="badge">${esc(d.kind)}</span>${d.respondent ? `<span class="badge">${esc(d.respondent)}</span>` : ""}${esc([d.kind === "response" ? "" : who, d.date, d.publisher, d.consultation_title, d.lang, d.pages ? d.pages + " pages" : ""].filter(Boolean).join(" · "))}</p>
      ${label}${damaged}${campaign}
      <p><a href="${esc(d.url)}" rel="noopener noreferrer">Source: ${esc(d.url)}</a></p>
      ${related ? `<ul class="related">${related}</ul>` : ""}
      ${d.kind === "report" ? `<h3>Cited by</h3>${citedBy ? `<ul class="related cited-by">${citedBy}</ul>` : "<p>No indexed document cites this report.</p>"}` : ""}
      ${cites ? `<details class="cites"><summary>Cites ${d.cites.length} ${d.cites.length === 1 ? "source" : "sources"}</summary><ul>${cites}</ul></details>` : ""}
      ${sections || `<p class="answer">${esc(d.text)}</p>`}`;
    showPanel();
  } catch (e) {
    setStatus(e.message, true);
  }
}

function go(changes) {
  const p = params();
  for (const [k, v] of Object.entries(changes)) {
    if (v === "" || v == null) p.delete(k); else p.set(k, v);
  }
  history.pushState(null, "", "?" + p);
  render();
}

function render() {
  const p = params();
  for (const f of FIELDS) {
    const el = $(f);
    if (el && el.tagName !== "SELECT") el.value = p.get(f) || "";
  }
  $("sort").value = p.get("sort") || "relevance";
  $("view").value = p.get("view") || "documents";
  $("collapse").checked = p.get("collapse") !== "0";
  if (p.get("doc")) showDoc(p.get("doc"));
  else if (p.get("members")) showCampaign(p.get("members"));
  else search();
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const changes = { offset: "", doc: "", members: "" };
  for (const f of FIELDS) changes[f] = $(f).value;
  changes.collapse = $("collapse").checked ? "" : "0";
  go(changes);
});
for (const f of ["consultation", "lang", "kind", "since", "until", "respondent", "sort", "view", "collapse"]) {
  $(f).addEventListener("change", () => $("search").requestSubmit());
}
$("prev").addEventListener("click", () => go({ offset: Math.max(0, (parseInt(params().get("offset") || "0", 10) || 0) - PAGE) }));
$("next").addEventListener("click", () => go({ offset: (parseInt(params().get("offset") || "0", 10) || 0) + PAGE }));
document.addEventListener("click", (e) => {
  const copy = e.target.closest("[data-copy]");
  if (copy) copyCitation(copy);
  const open = e.target.closest(".open");
  if (open) go({ doc: open.dataset.id });
  const cites = e.target.closest(".cites[data-cites]");
  if (cites) go({ cites: cites.dataset.cites, q: "", offset: "", doc: "" });
  const members = e.target.closest(".members[data-campaign]");
  if (members) go({ campaign: members.dataset.campaign, q: "", view: "", offset: "", doc: "", members: "" });
  const addedBy = e.target.closest(".added-by[data-campaign]");
  if (addedBy) go({ members: addedBy.dataset.campaign, doc: "" });
  if (e.target.id === "back") go({ doc: "", members: "" });
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
    e.preventDefault();
    $("q").focus();
  }
  if (e.key === "Escape" && !$("doc").hidden) go({ doc: "", members: "" });
});
window.addEventListener("popstate", render);

getJson("/api/consultations")
  .then((list) => { for (const c of list) titles[c.slug] = c.title || c.slug; })
  .catch(() => {})
  .finally(render);
