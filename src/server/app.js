// The search page: all state lives in the URL (?q=…&lang=…&offset=…&doc=…), so a search can be
// bookmarked and shared, and the browser's back button works.
"use strict";

const PAGE = 10;
const FIELDS = ["q", "consultation", "lang", "kind", "since", "until", "cites", "sort", "view"];
const FILTERS = ["q", "consultation", "lang", "kind", "since", "until", "cites"];
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

function timeline(days) {
  const keys = Object.keys(days || {}).sort();
  const fig = $("timeline");
  if (keys.length < 2) { fig.hidden = true; return; }
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  const first = day(keys[0]);
  const span = day(keys[keys.length - 1]) - first + 1;
  const max = Math.max(...keys.map((k) => days[k]));
  const w = 600, h = 90, bw = w / span;
  const bars = keys.map((k) => {
    const bh = Math.max(1, (days[k] / max) * (h - 4));
    return `<rect x="${((day(k) - first) * bw).toFixed(2)}" y="${(h - bh).toFixed(2)}" width="${Math.max(bw - 1, 1).toFixed(2)}" height="${bh.toFixed(2)}"><title>${esc(k)}: ${days[k]}</title></rect>`;
  }).join("");
  $("chart").innerHTML = `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="Matches per day from ${esc(keys[0])} to ${esc(keys[keys.length - 1])}">${bars}</svg>`;
  fig.querySelector("figcaption").textContent =
    `Matches per day, ${keys[0]} to ${keys[keys.length - 1]} (at most ${max} a day)`;
  fig.hidden = false;
}

function hitHtml(h) {
  const who = [h.author, h.place].filter(Boolean).map(esc).join(", ") || "—";
  const title = h.kind === "response" ? who : esc(h.title || who);
  const meta = [h.kind, h.date, h.publisher, titles[h.consultation] || h.consultation_title || h.consultation, h.lang]
    .filter(Boolean).map(esc).join(" · ");
  return `<li class="hit">
    <h2><button type="button" class="link open" data-id="${esc(h.id)}">${title}</button></h2>
    <p class="meta">${h.kind !== "response" ? esc(who) + " · " : ""}${meta}</p>
    <p class="snippet">${h.snippet}</p>
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

async function searchQuotes(p) {
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  api.set("limit", PAGE);
  setStatus("Finding quotes…");
  $("results").innerHTML = "";
  $("pager").hidden = true;
  $("timeline").hidden = true;
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

async function search() {
  const p = params();
  const q = p.get("q") || "";
  $("doc").hidden = true;
  $("listing").hidden = false;
  $("quotes").hidden = true;
  const cites = (p.get("cites") || "").trim();
  if ((q.trim() || cites) && p.get("view") === "quotes") return searchQuotes(p);
  if (!q.trim() && !cites) {
    setStatus("");
    $("results").innerHTML = "";
    $("pager").hidden = true;
    $("timeline").hidden = true;
    return;
  }
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  if (p.get("sort")) api.set("sort", p.get("sort"));
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  api.set("limit", PAGE);
  api.set("offset", offset);
  setStatus("Searching…");
  try {
    const r = await getJson("/api/search?" + api);
    setStatus(`${r.total} ${r.total === 1 ? "match" : "matches"}`);
    $("results").innerHTML = r.hits.map(hitHtml).join("");
    fillSelect("consultation", r.facets.consultation, (k) => titles[k] || k);
    fillSelect("lang", r.facets.lang);
    fillSelect("kind", r.facets.kind);
    timeline(r.facets.date);
    const last = Math.min(offset + PAGE, r.total);
    $("range").textContent = r.total ? `${offset + 1}–${last} of ${r.total}` : "";
    $("prev").disabled = offset === 0;
    $("next").disabled = last >= r.total;
    $("pager").hidden = r.total <= PAGE;
  } catch (e) {
    setStatus(e.message, true);
    $("results").innerHTML = "";
    $("pager").hidden = true;
    $("timeline").hidden = true;
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
    const label = d.meta && d.meta.label ? `<p class="meta">Seed label: ${esc(d.meta.label)}</p>` : "";
    const damaged = d.meta && d.meta.damaged ? `<p class="meta error">${esc(d.meta.damaged)}</p>` : "";
    $("doc").innerHTML = `
      <p><button type="button" id="back">← Back to the results</button></p>
      <h2>${esc(d.kind === "response" ? who || "Response" : d.title || who)}</h2>
      <p class="meta"><span class="badge">${esc(d.kind)}</span>${esc([d.kind === "response" ? "" : who, d.date, d.publisher, d.consultation_title, d.lang, d.pages ? d.pages + " pages" : ""].filter(Boolean).join(" · "))}</p>
      ${label}${damaged}
      <p><a href="${esc(d.url)}" rel="noopener noreferrer">Source: ${esc(d.url)}</a></p>
      ${related ? `<ul class="related">${related}</ul>` : ""}
      ${d.kind === "report" ? `<h3>Cited by</h3>${citedBy ? `<ul class="related cited-by">${citedBy}</ul>` : "<p>No indexed document cites this report.</p>"}` : ""}
      ${cites ? `<details class="cites"><summary>Cites ${d.cites.length} ${d.cites.length === 1 ? "source" : "sources"}</summary><ul>${cites}</ul></details>` : ""}
      ${sections || `<p class="answer">${esc(d.text)}</p>`}`;
    $("listing").hidden = true;
    $("doc").hidden = false;
    setStatus("");
    $("doc").focus();
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
  if (p.get("doc")) showDoc(p.get("doc")); else search();
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const changes = { offset: "", doc: "" };
  for (const f of FIELDS) changes[f] = $(f).value;
  go(changes);
});
for (const f of ["consultation", "lang", "kind", "since", "until", "sort", "view"]) {
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
  if (e.target.id === "back") go({ doc: "" });
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
    e.preventDefault();
    $("q").focus();
  }
  if (e.key === "Escape" && !$("doc").hidden) go({ doc: "" });
});
window.addEventListener("popstate", render);

getJson("/api/consultations")
  .then((list) => { for (const c of list) titles[c.slug] = c.title || c.slug; })
  .catch(() => {})
  .finally(render);
