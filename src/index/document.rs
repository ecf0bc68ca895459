//! One extracted document as the index stores it, and the same document re-added with new
//! derived fields. The derived fields (campaign and consultation title) come from other units,
//! so they can change while the document's own bodies do not; such a document is rebuilt from
//! what the index stores rather than extracted from the archive again.

use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::Fields;
use crate::extract::units::Prepared;
use crate::extract::{CampaignTag, Document, Kind};
use crate::respondent::Respondent;
use crate::text::{fingerprint, sentences};

/// What the index step adds to a unit's documents from outside the unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Derived {
    /// The consultation's title, for responses and their attachments.
    pub consultation_title: Option<String>,
    /// The response's campaign.
    pub campaign: Option<CampaignTag>,
}

impl Derived {
    /// A fingerprint of the derived fields; 0 for a document that has none.
    pub(crate) fn fingerprint(&self) -> u64 {
        if self.consultation_title.is_none() && self.campaign.is_none() {
            return 0;
        }
        let c = self.campaign.as_ref();
        fingerprint(&format!(
            "{}\u{1}{}\u{1}{}\u{1}{}",
            self.consultation_title.as_deref().unwrap_or(""),
            c.map_or("", |c| c.id.as_str()),
            c.map_or(0, |c| c.size),
            c.map_or("", |c| c.representative.as_str()),
        ))
    }

    /// Sets the derived fields on an extracted document.
    pub(crate) fn apply(&self, doc: &mut Document) {
        if let Some(t) = &self.consultation_title {
            doc.consultation_title = t.clone();
        }
        doc.campaign = self.campaign.clone();
    }
}

/// Where a document comes from: its unit and that unit's source fingerprint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin {
    pub unit: u64,
    pub source: u64,
    pub derived: u64,
}

/// The fields a document's attribution is written to.
fn attribution(f: &Fields, doc: &Document, d: &mut TantivyDocument) {
    d.add_text(f.kind, doc.kind.as_str());
    if let Some(r) = &doc.response_id {
        d.add_text(f.response_id, r);
    }
    // Reports belong to no consultation: no empty value in the consultation facet.
    if !doc.consultation.is_empty() {
        d.add_text(f.consultation, &doc.consultation);
        d.add_text(f.consultation_title, &doc.consultation_title);
    }
    if let Some(p) = &doc.publisher {
        d.add_text(f.publisher, p);
    }
    for key in &doc.cites {
        d.add_text(f.cites, key);
    }
    campaign_fields(f, doc.kind, doc.campaign.as_ref(), d);
    if let Some(r) = doc.respondent {
        d.add_text(f.respondent, r.as_str());
    }
    person_field(
        f,
        doc.respondent,
        doc.author.as_deref(),
        doc.place.as_deref(),
        d,
    );
    if let Some(o) = &doc.organisation {
        d.add_text(f.organisation, &o.key);
        d.add_text(f.organisation_name, &o.display);
        if let Some(a) = &o.alias {
            d.add_text(f.organisation_alias, a);
        }
    }
    if !doc.title.is_empty() {
        d.add_text(f.title, &doc.title);
    }
    if let Some(a) = &doc.author {
        d.add_text(f.author, a);
    }
    if let Some(p) = &doc.place {
        d.add_text(f.place, p);
    }
    if let Some(date) = doc.date {
        let secs = date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp();
        d.add_date(f.date, tantivy::DateTime::from_timestamp_secs(secs));
    }
    d.add_text(f.lang, &doc.lang);
    d.add_text(f.url, &doc.url);
}

/// A private person's name and place, for the register a public server withholds.
fn person_field(
    f: &Fields,
    respondent: Option<Respondent>,
    author: Option<&str>,
    place: Option<&str>,
    d: &mut TantivyDocument,
) {
    if respondent != Some(Respondent::Individual) {
        return;
    }
    if let Some(name) = author.filter(|a| !a.trim().is_empty()) {
        d.add_text(
            f.person,
            crate::respondent::person_key(name, place.unwrap_or("")),
        );
    }
}

fn campaign_fields(f: &Fields, kind: Kind, c: Option<&CampaignTag>, d: &mut TantivyDocument) {
    if let Some(c) = c {
        d.add_text(f.campaign, &c.id);
    }
    if kind == Kind::Response || kind == Kind::Attachment {
        d.add_u64(f.campaign_size, c.map_or(1, |c| c.size));
    }
}

/// The document's other facts as JSON, with its campaign's representative (a derived fact).
fn meta_field(
    f: &Fields,
    mut meta: serde_json::Map<String, serde_json::Value>,
    campaign: Option<&CampaignTag>,
    d: &mut TantivyDocument,
) {
    meta.remove("campaign_representative");
    if let Some(c) = campaign {
        meta.insert(
            "campaign_representative".into(),
            c.representative.clone().into(),
        );
    }
    if !meta.is_empty() {
        d.add_text(f.meta, serde_json::Value::Object(meta).to_string());
    }
}

/// The searchable fields of a text: exact, stemmed in its language, stored, and its sentences.
fn text_fields(f: &Fields, body: &str, lang: &str, d: &mut TantivyDocument) {
    d.add_text(f.body, body);
    d.add_text(f.text, body);
    if let Some(stemmed) = f.stemmed(lang) {
        d.add_text(stemmed, body);
    }
    d.add_bytes(
        f.sentences,
        &sentences::encode(&sentences::boundaries(body)),
    );
}

fn origin_fields(f: &Fields, o: Origin, d: &mut TantivyDocument) {
    d.add_u64(f.unit, o.unit);
    d.add_u64(f.source, o.source);
    d.add_u64(f.derived, o.derived);
}

/// An extracted document, with its derived fields set, as the index stores it.
pub(crate) fn build(f: &Fields, p: &Prepared, origin: Origin) -> TantivyDocument {
    let doc = &p.doc;
    let body = doc.body();
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &doc.id);
    attribution(f, doc, &mut d);
    // The sections' text is the body's: stored once, the sections only say where.
    d.add_text(
        f.sections,
        serde_json::to_string(&crate::extract::section_places(doc)).expect("sections serialize"),
    );
    if let Some(n) = doc.pages {
        d.add_u64(f.pages, u64::from(n));
    }
    meta_field(f, doc.meta.clone(), doc.campaign.as_ref(), &mut d);
    d.add_u64(f.has_text, u64::from(p.has_text));
    text_fields(f, &body, &doc.lang, &mut d);
    origin_fields(f, origin, &mut d);
    d
}

/// A stored document with new derived fields: everything else as stored, the searchable
/// fields indexed again from the stored text.
pub(crate) fn rederive(
    f: &Fields,
    stored: &TantivyDocument,
    derived: &Derived,
    origin: Origin,
) -> TantivyDocument {
    let replaced = [
        f.consultation_title,
        f.campaign,
        f.campaign_size,
        f.meta,
        f.text,
        f.text_nl,
        f.text_en,
        f.text_de,
        f.text_fr,
        f.body,
        f.sentences,
        f.unit,
        f.source,
        f.derived,
    ];
    let mut d = TantivyDocument::default();
    for (field, value) in stored.field_values() {
        if !replaced.contains(&field) {
            d.add_field_value(field, value);
        }
    }
    let str_of = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let kind = str_of(f.kind)
        .and_then(|k| Kind::parse(&k).ok())
        .unwrap_or(Kind::Response);
    if stored.get_first(f.consultation).is_some() {
        let title = derived
            .consultation_title
            .clone()
            .or_else(|| str_of(f.consultation_title))
            .unwrap_or_default();
        d.add_text(f.consultation_title, &title);
    }
    campaign_fields(f, kind, derived.campaign.as_ref(), &mut d);
    // Not stored: made again from what is.
    let respondent = str_of(f.respondent).and_then(|r| Respondent::parse(&r).ok());
    person_field(
        f,
        respondent,
        str_of(f.author).as_deref(),
        str_of(f.place).as_deref(),
        &mut d,
    );
    let meta = str_of(f.meta)
        .and_then(|m| serde_json::from_str(&m).ok())
        .unwrap_or_default();
    meta_field(f, meta, derived.campaign.as_ref(), &mut d);
    let body = str_of(f.body).unwrap_or_default();
    let lang = str_of(f.lang).unwrap_or_default();
    text_fields(f, &body, &lang, &mut d);
    origin_fields(f, origin, &mut d);
    d
}
