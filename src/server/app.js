// The search page: all state lives in the URL (?q=…&lang=…&offset=…&doc=…), so a search can be
// bookmarked and shared, and the browser's back button works. The page speaks Dutch or English:
// the browser's language chooses, the switch in the header overrides it, and `ui=` in the URL
// keeps the choice (`lang=` is the filter on the documents' language).
"use strict";

const PAGE = 10;
const FIELDS = ["q", "consultation", "lang", "kind", "since", "until", "cites", "respondent", "empty", "campaign", "sort", "view"];
const FILTERS = ["q", "consultation", "lang", "kind", "since", "until", "cites", "respondent", "empty", "campaign"];
let lastQuotes = [];
const $ = (id) => document.getElementById(id);
const titles = {};

const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

// Every word the page shows, in both languages. A function takes the numbers or names it needs.
const MESSAGES = {
  en: {
    title: "inspraak — search consultation responses",
    tagline: "Search the public responses to Dutch draft bills on internetconsultatie.nl, and the reports they cite",
    searchWords: "Search words",
    search: "Search",
    syntax: 'All words must match · <code>"exact phrase"</code> · <code>"words near"~5</code> · <code>kennismig*</code> · <code>a OR b</code> · <code>-exclude</code> · <code>author:Amnesty</code> · <code>place:Utrecht</code> · <code>kind:report</code> · <code>respondent:organisation</code> · press <kbd>/</kbd> to search',
    filters: "Filters",
    consultation: "Consultation",
    language: "Language",
    kind: "Kind",
    from: "From",
    until: "To",
    datePlaceholder: "1 October 2025",
    cites: "Cites",
    citesPlaceholder: "URL, DOI or Kamerstuk",
    respondent: "Respondent",
    emptyLabel: "Responses without text",
    emptyInclude: "counted",
    emptyExclude: "left out",
    emptyOnly: "only these",
    campaign: "Campaign",
    order: "Order",
    bestMatch: "best match",
    newest: "newest first",
    show: "Show",
    viewDocuments: "documents",
    viewQuotes: "quotes to cite",
    viewCampaigns: "campaigns",
    viewOrganisations: "organisations",
    findingOrganisations: "Finding organisations…",
    organisations: (n) => `${n} ${n === 1 ? "organisation" : "organisations"} that responded (private persons are never listed)`,
    noOrganisations: "No organisation responded.",
    writtenAs: "Written as",
    respondedTo: (n) => `Responded to ${n} ${n === 1 ? "consultation" : "consultations"}`,
    sameLine: "Organisations that took the same line in this consultation",
    noSameLine: "No other organisation responded to this consultation.",
    onePerCampaign: "one per campaign",
    resultPages: "Result pages",
    previous: "← Previous",
    next: "Next →",
    footer: "Data: public responses on internetconsultatie.nl. Names and places are personal data: quote with care.",
    anIndividual: "an individual",
    withheld: "Names and places of private persons are withheld on this server.",
    updated: (when) => `Index updated ${when}.`,
    nextUpdate: (when) => `Next update ${when}.`,
    all: "all",
    kinds: { response: "response", attachment: "attachment", document: "document", report: "report", consultation: "consultation" },
    respondents: { organisation: "organisation", individual: "individual", anonymous: "anonymous" },
    langs: { nl: "Dutch", en: "English", de: "German", fr: "French", es: "Spanish", it: "Italian", pt: "Portuguese", pl: "Polish", tr: "Turkish", ar: "Arabic", uk: "Ukrainian", ru: "Russian", und: "undetermined" },
    matches: (n) => `${n} ${n === 1 ? "match" : "matches"}`,
    groups: (n) => `, ${n} with each campaign once`,
    range: (a, b, n) => `${a}–${b} of ${n}`,
    searching: "Searching…",
    feed: "Follow this search (Atom feed)",
    loading: "Loading…",
    findingQuotes: "Finding quotes…",
    findingCampaigns: "Finding campaigns…",
    quotes: (n, p) => `${n} ${n === 1 ? "quote" : "quotes"} from ${p} matching passages`,
    partialQuotes: (n, p) => `No passage holds every part of the search: ${n} ${n === 1 ? "quote" : "quotes"} that hold most of them, from ${p} passages`,
    lacks: (parts) => `Lacks ${parts}.`,
    samePassage: (n) => `The same passage is in ${n} responses.`,
    copyGroup: "Copy the citation",
    copyText: "Copy text",
    copyMarkdown: "Copy Markdown",
    copyCsl: "Copy CSL-JSON (Zotero)",
    copyCsv: "Copy CSV",
    copyJson: "Copy JSON",
    copied: "Copied ✓",
    pressCtrlC: "Selected: press Ctrl+C",
    page: (p) => `p. ${p}`,
    pageHeading: (p) => `Page ${p}`,
    pages: (n) => `${n} ${n === 1 ? "page" : "pages"}`,
    perDay: "Matches per day",
    source: "source on internetconsultatie.nl",
    sourceOf: (u) => `Source: ${u}`,
    nearIdentical: (n) => `and ${n} near-identical ${n === 1 ? "match" : "matches"} · `,
    campaignOf: (n) => `campaign of ${n} responses`,
    campaigns: (n, r) => `${n} ${n === 1 ? "campaign" : "campaigns"} of near-identical responses (${r} responses)`,
    noCampaigns: "No campaigns: no two responses are near-identical.",
    responses: (n) => `${n} ${n === 1 ? "response" : "responses"}`,
    campaignDays: (a, b) => `Responses per day from ${a} to ${b}`,
    showResponses: "Show the responses",
    openRepresentative: "Open the representative response",
    whatEachAdds: "What each adds",
    back: "← Back",
    backToResults: "← Back to the results",
    representative: "the representative",
    addsNothing: "adds nothing",
    campaignTitle: (n) => `Campaign of ${n} responses`,
    template: "The template (its most central response)",
    ownWords: "What each response adds in its own words",
    attachmentLink: "Attachment",
    responseLink: "Response",
    citedBy: "Cited by",
    notCited: "No indexed document cites this report.",
    citesSources: (n) => `Cites ${n} ${n === 1 ? "source" : "sources"}`,
    citesTitle: "Everything that cites this",
    kamerstuk: "Kamerstuk ",
    oneOf: (n) => `One of`,
    nearIdenticalResponses: (n) => `${n} near-identical responses`,
    campaignNote: (id) => `(campaign ${id}`,
    itsRepresentative: "its representative",
    thisRepresentative: "; this is its representative",
    addedOwn: "Added in their own words",
    seedLabel: (l) => `Seed label: ${l}`,
    noText: "This respondent left every answer empty and attached nothing.",
    response: "Response",
    badDate: (v) => `'${v}' is not a date: write it as 1 October 2025 or 2025-10-01`,
    serverError: (n) => `the server answered ${n}`,
  },
  nl: {
    title: "inspraak — zoeken in reacties op internetconsultaties",
    tagline: "Zoek in de openbare reacties op wetsvoorstellen op internetconsultatie.nl, en in de rapporten die ze aanhalen",
    searchWords: "Zoekwoorden",
    search: "Zoeken",
    syntax: 'Alle woorden moeten voorkomen · <code>"precieze woordgroep"</code> · <code>"woorden dichtbij"~5</code> · <code>kennismig*</code> · <code>a OR b</code> · <code>-uitsluiten</code> · <code>author:Amnesty</code> · <code>place:Utrecht</code> · <code>kind:report</code> · <code>respondent:organisation</code> · druk op <kbd>/</kbd> om te zoeken',
    filters: "Filters",
    consultation: "Consultatie",
    language: "Taal",
    kind: "Soort",
    from: "Van",
    until: "Tot en met",
    datePlaceholder: "1 oktober 2025",
    cites: "Citeert",
    citesPlaceholder: "URL, DOI of Kamerstuk",
    respondent: "Inzender",
    emptyLabel: "Reacties zonder tekst",
    emptyInclude: "meetellen",
    emptyExclude: "weglaten",
    emptyOnly: "alleen deze",
    campaign: "Campagne",
    order: "Volgorde",
    bestMatch: "beste overeenkomst",
    newest: "nieuwste eerst",
    show: "Toon",
    viewDocuments: "documenten",
    viewQuotes: "citaten",
    viewCampaigns: "campagnes",
    viewOrganisations: "organisaties",
    findingOrganisations: "Organisaties zoeken…",
    organisations: (n) => `${n} ${n === 1 ? "organisatie" : "organisaties"} die reageerden (privépersonen staan er nooit in)`,
    noOrganisations: "Geen organisatie reageerde.",
    writtenAs: "Geschreven als",
    respondedTo: (n) => `Reageerde op ${n} ${n === 1 ? "consultatie" : "consultaties"}`,
    sameLine: "Organisaties met dezelfde lijn in deze consultatie",
    noSameLine: "Geen andere organisatie reageerde op deze consultatie.",
    onePerCampaign: "één per campagne",
    resultPages: "Resultaatpagina's",
    previous: "← Vorige",
    next: "Volgende →",
    footer: "Gegevens: openbare reacties op internetconsultatie.nl. Namen en woonplaatsen zijn persoonsgegevens: citeer met zorg.",
    anIndividual: "een particulier",
    withheld: "Namen en woonplaatsen van particulieren worden op deze server niet getoond.",
    updated: (when) => `Index bijgewerkt op ${when}.`,
    nextUpdate: (when) => `Volgende update ${when}.`,
    all: "alle",
    kinds: { response: "reactie", attachment: "bijlage", document: "document", report: "rapport", consultation: "consultatie" },
    respondents: { organisation: "organisatie", individual: "persoon", anonymous: "anoniem" },
    langs: { nl: "Nederlands", en: "Engels", de: "Duits", fr: "Frans", es: "Spaans", it: "Italiaans", pt: "Portugees", pl: "Pools", tr: "Turks", ar: "Arabisch", uk: "Oekraïens", ru: "Russisch", und: "onbepaald" },
    matches: (n) => `${n} ${n === 1 ? "treffer" : "treffers"}`,
    groups: (n) => `, ${n} met elke campagne één keer`,
    range: (a, b, n) => `${a}–${b} van ${n}`,
    searching: "Zoeken…",
    feed: "Volg deze zoekopdracht (Atom-feed)",
    loading: "Laden…",
    findingQuotes: "Citaten zoeken…",
    findingCampaigns: "Campagnes zoeken…",
    quotes: (n, p) => `${n} ${n === 1 ? "citaat" : "citaten"} uit ${p} passages die overeenkomen`,
    partialQuotes: (n, p) => `Geen passage bevat alle delen van de zoekvraag: ${n} ${n === 1 ? "citaat dat" : "citaten die"} er de meeste bevatten, uit ${p} passages`,
    lacks: (parts) => `Mist ${parts}.`,
    samePassage: (n) => `Dezelfde passage staat in ${n} reacties.`,
    copyGroup: "Kopieer de bronvermelding",
    copyText: "Kopieer tekst",
    copyMarkdown: "Kopieer Markdown",
    copyCsl: "Kopieer CSL-JSON (Zotero)",
    copyCsv: "Kopieer CSV",
    copyJson: "Kopieer JSON",
    copied: "Gekopieerd ✓",
    pressCtrlC: "Geselecteerd: druk op Ctrl+C",
    page: (p) => `p. ${p}`,
    pageHeading: (p) => `Pagina ${p}`,
    pages: (n) => `${n} ${n === 1 ? "pagina" : "pagina's"}`,
    perDay: "Treffers per dag",
    source: "bron op internetconsultatie.nl",
    sourceOf: (u) => `Bron: ${u}`,
    nearIdentical: (n) => `en ${n} ${n === 1 ? "bijna gelijke treffer" : "bijna gelijke treffers"} · `,
    campaignOf: (n) => `campagne van ${n} reacties`,
    campaigns: (n, r) => `${n} ${n === 1 ? "campagne" : "campagnes"} van bijna gelijke reacties (${r} reacties)`,
    noCampaigns: "Geen campagnes: geen twee reacties zijn bijna gelijk.",
    responses: (n) => `${n} ${n === 1 ? "reactie" : "reacties"}`,
    campaignDays: (a, b) => `Reacties per dag van ${a} tot en met ${b}`,
    showResponses: "Toon de reacties",
    openRepresentative: "Open de meest representatieve reactie",
    whatEachAdds: "Wat elke reactie toevoegt",
    back: "← Terug",
    backToResults: "← Terug naar de resultaten",
    representative: "de representatieve reactie",
    addsNothing: "voegt niets toe",
    campaignTitle: (n) => `Campagne van ${n} reacties`,
    template: "Het sjabloon (de meest centrale reactie)",
    ownWords: "Wat elke reactie in eigen woorden toevoegt",
    attachmentLink: "Bijlage",
    responseLink: "Reactie",
    citedBy: "Aangehaald door",
    notCited: "Geen geïndexeerd document haalt dit rapport aan.",
    citesSources: (n) => `Haalt ${n} ${n === 1 ? "bron" : "bronnen"} aan`,
    citesTitle: "Alles wat dit aanhaalt",
    kamerstuk: "Kamerstuk ",
    oneOf: () => `Een van`,
    nearIdenticalResponses: (n) => `${n} bijna gelijke reacties`,
    campaignNote: (id) => `(campagne ${id}`,
    itsRepresentative: "de representatieve reactie",
    thisRepresentative: "; dit is de representatieve reactie",
    addedOwn: "In eigen woorden toegevoegd",
    seedLabel: (l) => `Label in het seedbestand: ${l}`,
    noText: "Deze inzender heeft geen vraag beantwoord en niets bijgevoegd.",
    response: "Reactie",
    badDate: (v) => `'${v}' is geen datum: schrijf 1 oktober 2025 of 2025-10-01`,
    serverError: (n) => `de server antwoordde ${n}`,
  },
};

for (const l of Object.keys(MESSAGES)) Object.assign(MESSAGES[l], ANALYSIS_MESSAGES[l]);

// A name as the organisation is written, with why the register counts it as this
// organisation's (joined_by) on hover.
function variant(v) {
  const why = v.joined_by && v.joined_by !== "name" ? ` title="${esc(v.joined_by)}${v.via ? ": " + esc(v.via) : ""}"` : "";
  return `<span${why}>${esc(v.name)}</span> (${v.count})`;
}

// The page's language: `ui=` in the URL, else the browser's first of Dutch and English.
function uiLang() {
  const asked = params().get("ui");
  if (asked === "nl" || asked === "en") return asked;
  for (const l of navigator.languages || [navigator.language || ""]) {
    const code = String(l).slice(0, 2).toLowerCase();
    if (code === "nl" || code === "en") return code;
  }
  return "en";
}

function t(key, ...args) {
  const m = MESSAGES[uiLang()][key] ?? MESSAGES.en[key];
  return typeof m === "function" ? m(...args) : m;
}

// A value's name in the page's language (kinds, respondent types, languages).
function named(table, v) {
  return (t(table) || {})[v] || v;
}

// `YYYY-MM-DD` as people write dates: 2 oktober 2025, 2 October 2025.
function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  if (!m) return iso || "";
  return `${+m[3]} ${MONTHS[uiLang()][+m[2] - 1]} ${m[1]}`;
}

// An RFC 3339 time as people write it, in the reader's time zone: 6 december 2026, 10:15.
function fmtTime(iso) {
  const d = new Date(iso || "");
  if (isNaN(d)) return "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getDate()} ${MONTHS[uiLang()][d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// A respondent's name as the page shows it: a public server's "an individual" in the page's
// language.
function who(...parts) {
  return parts.filter(Boolean).map((p) => (p === "an individual" ? t("anIndividual") : p)).join(", ");
}

// When the index last changed (or was last found current by a scheduled update), and whether
// this server withholds private persons' names.
async function showServerStatus() {
  try {
    const s = await getJson("/api/status");
    const u = s.updates;
    const checked = u && u.last_success ? u.last_success.ended : null;
    const latest = [s.committed, checked].filter(Boolean).sort().pop();
    const parts = [];
    if (latest) parts.push(t("updated", fmtTime(latest)));
    if (u && u.next) parts.push(t("nextUpdate", fmtTime(u.next)));
    $("updated").textContent = parts.join(" ");
    $("withheld").hidden = !s.public;
  } catch (e) {
    $("updated").textContent = "";
  }
}

// A date as typed in a filter (2 oktober 2025, 2 October 2025, 2-10-2025, 2025-10-02) as
// `YYYY-MM-DD`; "" for an empty field, null for one that is not a date.
function parseDate(text) {
  const s = String(text || "").trim().toLowerCase();
  if (!s) return "";
  const pad = (n) => String(n).padStart(2, "0");
  const valid = (y, m, d) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
  };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\s+([a-zë]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    for (const names of Object.values(MONTHS)) {
      const i = names.findIndex((n) => n.toLowerCase() === m[2] || (m[2].length >= 3 && n.toLowerCase().startsWith(m[2])));
      if (i >= 0) return valid(+m[3], i + 1, +m[1]);
    }
  }
  return null;
}

// Puts the page's words in its language, and points the switch at the other one.
function translatePage() {
  const lang = uiLang();
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-html]")) el.innerHTML = t(el.dataset.i18nHtml);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  for (const code of ["nl", "en"]) {
    const a = $("ui-" + code);
    const p = params();
    p.set("ui", code);
    a.href = "?" + p;
    if (code === lang) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
  }
  $("home").href = "?ui=" + lang;
}

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

// How the server read a query it could not read as written, after the count.
function noted(r) {
  return (r.notes || []).map((n) => " · " + n).join("");
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: t("serverError", r.status) }));
  if (!r.ok) throw new Error(body.error || t("serverError", r.status));
  return body;
}

// Fills a filter's options from facet counts, keeping the chosen value.
function fillSelect(id, counts, label) {
  const sel = $(id);
  const chosen = params().get(id) || "";
  const keys = Object.keys(counts || {});
  if (chosen && !keys.includes(chosen)) keys.push(chosen);
  sel.innerHTML = `<option value="">${esc(t("all"))}</option>` + keys
    .map((k) => `<option value="${esc(k)}">${esc(label ? label(k) : k)} (${(counts && counts[k]) || 0})</option>`)
    .join("");
  sel.value = chosen;
}

function hitHtml(h) {
  const by = who(h.author, h.place) || "—";
  const title = esc(h.kind === "response" ? by : h.title || by);
  const meta = [named("kinds", h.kind), fmtDate(h.date), h.page ? t("page", h.page) : "", h.publisher, titles[h.consultation] || h.consultation_title || h.consultation, named("langs", h.lang)]
    .filter(Boolean).map(esc).join(" · ");
  let campaign = "";
  if (h.campaign) {
    const n = h.collapsed || 0;
    const lead = n > 0 ? t("nearIdentical", n) : "";
    campaign = `<p class="more">${esc(lead)}<button type="button" class="link members" data-campaign="${esc(h.campaign)}">${esc(t("campaignOf", h.campaign_size))}</button></p>`;
  }
  const organisation = h.organisation ? ` · <button type="button" class="link org" data-org="${esc(h.organisation)}">${esc(h.organisation_name || h.organisation)}</button>` : "";
  const snippet = h.has_text === false ? `<p class="snippet empty">${esc(t("noText"))}</p>` : `<p class="snippet">${h.snippet}</p>`;
  return `<li class="hit">
    <h2><button type="button" class="link open" data-id="${esc(h.id)}">${title}</button></h2>
    <p class="meta">${h.kind !== "response" ? esc(by) + " · " : ""}${meta}${h.respondent ? ` · <span class="badge">${esc(named("respondents", h.respondent))}</span>` : ""}${organisation}</p>
    ${snippet}${campaign}
    <a href="${esc(h.url)}" rel="noopener noreferrer">${esc(t("source"))}</a>
  </li>`;
}

function quoteHtml(q, i) {
  const c = q.citation;
  const by = who(c.author, c.place) || "—";
  const shared = q.count > 1 ? `<p class="meta">${esc(t("samePassage", q.count))}</p>` : "";
  const lacks = (q.lacks || []).length ? `<p class="meta lacks">${esc(t("lacks", q.lacks.join(", ")))}</p>` : "";
  return `<li class="quote">
    ${q.before ? `<p class="context">… ${esc(q.before)}</p>` : ""}
    <blockquote>${q.marked}</blockquote>
    ${q.after ? `<p class="context">${esc(q.after)} …</p>` : ""}
    <p class="meta">— <a href="${esc(c.url)}" rel="noopener noreferrer">${esc(by)}</a> · ${esc(named("kinds", c.kind))}${c.page ? " · " + esc(t("page", c.page)) : ""}${c.question ? " · " + esc(c.question) : ""} · ${esc(fmtDate(c.date))} · ${esc(c.consultation_title)}</p>
    ${lacks}${shared}
    <div class="copy" role="group" aria-label="${esc(t("copyGroup"))}">
      <button type="button" data-copy="${i}" data-format="text">${esc(t("copyText"))}</button>
      <button type="button" data-copy="${i}" data-format="markdown">${esc(t("copyMarkdown"))}</button>
      <button type="button" data-copy="${i}" data-format="csl">${esc(t("copyCsl"))}</button>
      <button type="button" data-copy="${i}" data-format="csv">${esc(t("copyCsv"))}</button>
      <button type="button" data-copy="${i}" data-format="json">${esc(t("copyJson"))}</button>
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
    button.textContent = t("copied");
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(pre);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = document.execCommand && document.execCommand("copy") ? t("copied") : t("pressCtrlC");
  }
}

// Empties the list of hits, its pager and its chart (before another view fills the page).
function clearResults() {
  $("results").innerHTML = "";
  $("pager").hidden = true;
  $("timeline").hidden = true;
  $("terms").hidden = true;
  shown.timeline = shown.terms = null;
}

async function searchQuotes(p) {
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  api.set("limit", PAGE);
  setStatus(t("findingQuotes"));
  clearResults();
  try {
    const r = await getJson("/api/quotes?" + api);
    lastQuotes = r.quotes;
    setStatus((r.partial ? t("partialQuotes", r.quotes.length, r.passages) : t("quotes", r.quotes.length, r.passages)) + noted(r));
    $("quotes").innerHTML = r.quotes.map(quoteHtml).join("");
    $("quotes").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
    $("quotes").innerHTML = "";
  }
}

function campaignHtml(c, largest) {
  const langs = Object.entries(c.langs).map(([k, n]) => `${named("langs", k)} ${n}`).join(", ");
  const respondents = Object.entries(c.respondents).map(([k, n]) => `${named("respondents", k)} ${n}`).join(", ");
  const width = Math.max(2, Math.round((c.size / largest) * 200));
  const [first, last] = [fmtDate(c.first) || "?", fmtDate(c.last) || "?"];
  return `<li class="campaign">
    <h2><span class="size" data-width="${width}"></span>${esc(t("responses", c.size))} <span class="meta">${esc(first)} – ${esc(last)}</span></h2>
    <p class="meta">${esc(c.id)} · ${esc(titles[c.consultation] || c.consultation)} · ${esc(langs)} · ${esc(respondents)}</p>
    ${bars(c.timeline, 300, 28, t("campaignDays", first, last), c.first, c.last)}
    <p class="start">${esc(c.start)}</p>
    <p class="actions"><button type="button" class="link members" data-campaign="${esc(c.id)}">${esc(t("showResponses"))}</button>
      <button type="button" class="link open" data-id="${esc(c.representative)}">${esc(t("openRepresentative"))}</button>
      <button type="button" class="link added-by" data-campaign="${esc(c.id)}">${esc(t("whatEachAdds"))}</button></p>
  </li>`;
}

async function showCampaigns(p) {
  const api = new URLSearchParams();
  if (p.get("consultation")) api.set("consultation", p.get("consultation"));
  api.set("limit", 100);
  setStatus(t("findingCampaigns"));
  clearResults();
  try {
    const list = await getJson("/api/campaigns?" + api);
    const responses = list.reduce((n, c) => n + c.size, 0);
    setStatus(list.length ? t("campaigns", list.length, responses) : t("noCampaigns"));
    const largest = list.length ? list[0].size : 1;
    $("campaigns").innerHTML = list.map((c) => campaignHtml(c, largest)).join("");
    // Set through the DOM: the page's security policy allows no style attributes.
    for (const bar of $("campaigns").querySelectorAll(".size[data-width]")) bar.style.width = bar.dataset.width + "px";
    $("campaigns").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
  }
}

// The organisation register, most consultations first.
async function showOrganisations(p) {
  const api = new URLSearchParams();
  if (p.get("consultation")) api.set("consultation", p.get("consultation"));
  setStatus(t("findingOrganisations"));
  clearResults();
  try {
    const list = await getJson("/api/organisations?" + api);
    setStatus(list.length ? t("organisations", list.length) : t("noOrganisations"));
    $("organisations").innerHTML = list.map((o) => `<li class="organisation">
      <h2><button type="button" class="link org" data-org="${esc(o.id)}">${esc(o.name)}</button></h2>
      <p class="meta">${esc(t("respondedTo", o.consultations.length))} · ${esc(fmtDate(o.first) || "?")} – ${esc(fmtDate(o.last) || "?")} · ${esc(o.id)}</p>
      <p class="meta">${esc(t("writtenAs"))}: ${o.variants.map(variant).join("; ")}</p>
    </li>`).join("");
    $("organisations").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
  }
}

// One organisation: its responses across consultations, newest first, each with the
// organisations that took the same line in that consultation.
async function showOrganisation(id) {
  setStatus(t("loading"));
  try {
    const d = await getJson("/api/organisations/" + encodeURIComponent(id));
    const o = d.organisation;
    const responses = d.responses.map((r) => {
      const same = r.same_line.length
        ? `<ul class="same-line">${r.same_line.map((s) => `<li><button type="button" class="link org" data-org="${esc(s.organisation)}">${esc(s.name)}</button> <a href="${esc(s.url)}" rel="noopener noreferrer">${esc(t("source"))}</a></li>`).join("")}</ul>`
        : `<p class="meta">${esc(t("noSameLine"))}</p>`;
      return `<li><h3><button type="button" class="link open" data-id="${esc(r.id)}">${esc(titles[r.consultation] || r.consultation_title || r.consultation)}</button></h3>
        <p class="meta">${esc(fmtDate(r.date))} · ${esc(r.organisation_name || "")}</p>
        <p class="answer">${esc(r.start)}</p>
        <h4>${esc(t("sameLine"))}</h4>${same}</li>`;
    }).join("");
    $("doc").innerHTML = `
      <p><button type="button" id="back">${esc(t("back"))}</button></p>
      <h2>${esc(o.name)}</h2>
      <p class="meta">${esc(o.id)} · ${esc(t("respondedTo", o.consultations.length))} · ${esc(fmtDate(o.first) || "?")} – ${esc(fmtDate(o.last) || "?")}</p>
      <p class="meta">${esc(t("writtenAs"))}: ${o.variants.map(variant).join("; ")}</p>
      <ol class="org-responses">${responses}</ol>`;
    showPanel();
  } catch (e) {
    setStatus(e.message, true);
  }
}

// Shows the filled document panel in place of the results, from its top: a panel opened from
// far down the results must not keep their scroll position (a blank band above the document).
function showPanel() {
  $("listing").hidden = true;
  $("doc").hidden = false;
  setStatus("");
  $("doc").focus({ preventScroll: true });
  $("doc").scrollIntoView({ block: "start" });
}

// One campaign: its template, then each member with the sentences it adds.
async function showCampaign(id) {
  setStatus(t("loading"));
  try {
    const c = await getJson("/api/campaigns/" + encodeURIComponent(id));
    const members = c.members.map((m) => {
      const by = who(m.author, m.place) || "—";
      const added = m.id === c.representative ? `<p class="meta">${esc(t("representative"))}</p>`
        : m.added.length ? `<ul class="added">${m.added.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>` : `<p class="meta">${esc(t("addsNothing"))}</p>`;
      return `<li><button type="button" class="link open" data-id="${esc(m.id)}">${esc(by)}</button> <span class="meta">${esc(fmtDate(m.date))} · ${esc(named("langs", m.lang))}${m.respondent ? " · " + esc(named("respondents", m.respondent)) : ""}</span>${added}</li>`;
    }).join("");
    $("doc").innerHTML = `
      <p><button type="button" id="back">${esc(t("back"))}</button></p>
      <h2>${esc(t("campaignTitle", c.size))}</h2>
      <p class="meta">${esc(c.id)} · ${esc(fmtDate(c.first) || "?")} – ${esc(fmtDate(c.last) || "?")} · ${esc(titles[c.consultation] || c.consultation)}</p>
      <h3>${esc(t("template"))}</h3>
      <p class="answer">${esc(c.template)}</p>
      <h3>${esc(t("ownWords"))}</h3>
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
  $("organisations").hidden = true;
  if (p.get("view") === "campaigns") return showCampaigns(p);
  if (p.get("view") === "organisations") return showOrganisations(p);
  const cites = (p.get("cites") || "").trim();
  const campaign = (p.get("campaign") || "").trim();
  const onlyEmpty = p.get("empty") === "only";
  if ((q.trim() || cites || campaign) && p.get("view") === "quotes") return searchQuotes(p);
  // Without words, any filter lists what passes it, newest first; an empty form shows nothing.
  if (!FILTERS.some((f) => (p.get(f) || "").trim())) {
    setStatus("");
    clearResults();
    followFeed(null);
    return;
  }
  const api = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) api.set(f, p.get(f));
  const filters = new URLSearchParams(api);
  followFeed(new URLSearchParams(api));
  if (p.get("sort")) api.set("sort", p.get("sort"));
  // One hit per campaign unless switched off, or unless the campaign is what is asked for.
  const collapse = p.get("collapse") !== "0" && !campaign;
  if (collapse) api.set("collapse", "true");
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  api.set("limit", PAGE);
  api.set("offset", offset);
  setStatus(t("searching"));
  try {
    const r = await getJson("/api/search?" + api);
    const shown = r.groups ?? r.total;
    const grouped = r.groups != null && r.groups < r.total ? t("groups", r.groups) : "";
    setStatus(t("matches", r.total) + grouped + noted(r));
    $("results").innerHTML = r.hits.map(hitHtml).join("");
    fillSelect("consultation", r.facets.consultation, (k) => titles[k] || k);
    fillSelect("lang", r.facets.lang, (k) => named("langs", k));
    fillSelect("kind", r.facets.kind, (k) => named("kinds", k));
    fillSelect("respondent", r.facets.respondent, (k) => named("respondents", k));
    timeline(r.facets.date, filters);
    termsPanel(filters);
    const last = Math.min(offset + PAGE, shown);
    $("range").textContent = shown ? t("range", offset + 1, last, shown) : "";
    $("prev").disabled = offset === 0;
    $("next").disabled = last >= shown;
    $("pager").hidden = shown <= PAGE;
  } catch (e) {
    setStatus(e.message, true);
    clearResults();
  }
}

// Points the page's feed link (and feed readers' discovery link) at the current search.
function followFeed(filters) {
  $("follow").hidden = !filters;
  let discovery = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (!filters) {
    if (discovery) discovery.remove();
    return;
  }
  const href = "/api/feed?" + filters;
  $("feed").href = href;
  if (!discovery) {
    discovery = document.createElement("link");
    discovery.rel = "alternate";
    discovery.type = "application/atom+xml";
    document.head.appendChild(discovery);
  }
  discovery.title = t("feed");
  discovery.href = href;
}

async function showDoc(id) {
  setStatus(t("loading"));
  try {
    const d = await getJson("/api/doc/" + encodeURIComponent(id));
    const by = who(d.author, d.place);
    const sections = d.sections.map((s) => {
      if (s.page) return `<section class="page" id="page-${s.page}"><h3>${esc(t("pageHeading", s.page))}</h3><p class="answer">${esc(s.text)}</p></section>`;
      return `<section>${s.heading ? `<h3>${esc(s.heading)}</h3>` : ""}<p class="answer">${esc(s.text)}</p></section>`;
    }).join("");
    const related = d.related.map((r) =>
      `<li><button type="button" class="link open" data-id="${esc(r.id)}">${esc(r.kind === "attachment" ? t("attachmentLink") : t("responseLink"))}${r.title ? ": " + esc(r.title) : ""}${r.pages ? ` (${esc(t("pages", r.pages))})` : ""}</button></li>`).join("");
    // Who cites this report, and what this document cites (each a search for its other citers).
    const citedBy = (d.cited_by || []).map((r) =>
      `<li><button type="button" class="link open" data-id="${esc(r.id)}">${esc([r.author === "an individual" ? t("anIndividual") : r.author, r.title, named("kinds", r.kind), fmtDate(r.date)].filter(Boolean).join(" · "))}</button></li>`).join("");
    const cites = (d.cites || []).map((k) =>
      `<li><button type="button" class="link cites" data-cites="${esc(k)}" title="${esc(t("citesTitle"))}">${esc(k.replace(/^(url|doi|kst):/, (m, p) => ({ url: "", doi: "DOI ", kst: t("kamerstuk") })[p]))}</button></li>`).join("");
    const added = (d.campaign_added || []).map((x) => `<li>${esc(x)}</li>`).join("");
    const campaign = d.campaign ? `<section class="in-campaign"><p class="meta">${esc(t("oneOf"))} <button type="button" class="link members" data-campaign="${esc(d.campaign)}">${esc(t("nearIdenticalResponses", d.campaign_size))}</button> ${esc(t("campaignNote", d.campaign))}${d.campaign_representative && d.campaign_representative !== d.id ? `; <button type="button" class="link open" data-id="${esc(d.campaign_representative)}">${esc(t("itsRepresentative"))}</button>` : esc(t("thisRepresentative"))}).</p>${added ? `<h3>${esc(t("addedOwn"))}</h3><ul class="added">${added}</ul>` : ""}</section>` : "";
    const label = d.meta && d.meta.label ? `<p class="meta">${esc(t("seedLabel", d.meta.label))}</p>` : "";
    const damaged = d.meta && d.meta.damaged ? `<p class="meta error">${esc(d.meta.damaged)}</p>` : "";
    const body = sections || (d.text ? `<p class="answer">${esc(d.text)}</p>` : `<p class="meta empty">${esc(t("noText"))}</p>`);
    $("doc").innerHTML = `
      <p><button type="button" id="back">${esc(t("backToResults"))}</button></p>
      <h2>${esc(d.kind === "response" ? by || t("response") : d.title || by)}</h2>
      <p class="meta"><span class="badge">${esc(named("kinds", d.kind))}</span>${d.respondent ? `<span class="badge">${esc(named("respondents", d.respondent))}</span>` : ""}${esc([d.kind === "response" ? "" : by, fmtDate(d.date), d.publisher, d.consultation_title, named("langs", d.lang), d.pages ? t("pages", d.pages) : ""].filter(Boolean).join(" · "))}</p>
      ${label}${damaged}${campaign}
      <p><a href="${esc(d.url)}" rel="noopener noreferrer">${esc(t("sourceOf", d.url))}</a></p>
      ${related ? `<ul class="related">${related}</ul>` : ""}
      ${d.kind === "report" ? `<h3>${esc(t("citedBy"))}</h3>${citedBy ? `<ul class="related cited-by">${citedBy}</ul>` : `<p>${esc(t("notCited"))}</p>`}` : ""}
      ${cites ? `<details class="cites"><summary>${esc(t("citesSources", d.cites.length))}</summary><ul>${cites}</ul></details>` : ""}
      ${body}`;
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
  translatePage();
  for (const f of FIELDS) {
    const el = $(f);
    if (el && el.tagName !== "SELECT") el.value = p.get(f) || "";
  }
  for (const f of ["since", "until"]) $(f).value = fmtDate(p.get(f) || "");
  $("sort").value = p.get("sort") || "relevance";
  $("view").value = p.get("view") || "documents";
  $("empty").value = p.get("empty") || "";
  $("collapse").checked = p.get("collapse") !== "0";
  $("timeline").querySelector("figcaption").textContent = t("perDay");
  if (p.get("doc")) showDoc(p.get("doc"));
  else if (p.get("members")) showCampaign(p.get("members"));
  else if (p.get("org")) showOrganisation(p.get("org"));
  else search();
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const changes = { offset: "", doc: "", members: "", org: "" };
  for (const f of FIELDS) changes[f] = $(f).value;
  for (const f of ["since", "until"]) {
    const iso = parseDate($(f).value);
    if (iso === null) {
      setStatus(t("badDate", $(f).value), true);
      $(f).focus();
      return;
    }
    changes[f] = iso;
  }
  changes.collapse = $("collapse").checked ? "" : "0";
  go(changes);
});
for (const f of ["consultation", "lang", "kind", "since", "until", "respondent", "empty", "sort", "view", "collapse"]) {
  $(f).addEventListener("change", () => $("search").requestSubmit());
}
$("prev").addEventListener("click", () => go({ offset: Math.max(0, (parseInt(params().get("offset") || "0", 10) || 0) - PAGE) }));
$("next").addEventListener("click", () => go({ offset: (parseInt(params().get("offset") || "0", 10) || 0) + PAGE }));
for (const code of ["nl", "en"]) {
  $("ui-" + code).addEventListener("click", (e) => {
    e.preventDefault();
    go({ ui: code });
  });
}
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
  const org = e.target.closest(".org[data-org]");
  if (org) go({ org: org.dataset.org, doc: "", members: "" });
  if (e.target.id === "back") go({ doc: "", members: "", org: "" });
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
    e.preventDefault();
    $("q").focus();
  }
  if (e.key === "Escape" && !$("doc").hidden) go({ doc: "", members: "", org: "" });
});
window.addEventListener("popstate", render);

translatePage();
showServerStatus();
getJson("/api/consultations")
  .then((list) => { for (const c of list) titles[c.slug] = c.title || c.slug; })
  .catch(() => {})
  .finally(render);
