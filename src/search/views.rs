//! Whole documents and groups as the document view, the campaign views and the consultation
//! list show them: one document with the documents that belong with it and those that cite it,
//! campaigns with their members and what each adds, and each consultation's counts.

use super::*;

impl Engine {
    /// One document whole, with the documents it belongs with (a response's attachment, an
    /// attachment's response); `None` when no document has this id.
    pub fn document(&self, id: &str) -> Result<Option<DocView>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let Some(doc) = self.first(&searcher, &*raw_term(f.id, id))? else {
            return Ok(None);
        };
        let mut view = self.view(&doc);
        if view.attribution.campaign.is_some() {
            let representative = view
                .meta
                .get("campaign_representative")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let added = if representative == view.attribution.id {
                Vec::new()
            } else {
                match self.first(&searcher, &*raw_term(f.id, &representative))? {
                    Some(rep) => crate::campaigns::added_sentences(
                        &self.compared_text(&searcher, &doc)?,
                        &self.compared_text(&searcher, &rep)?,
                    ),
                    None => Vec::new(),
                }
            };
            view.campaign_representative = Some(representative);
            view.campaign_added = Some(added);
        }
        if let Some(rid) = view.attribution.response_id.clone() {
            let q = BooleanQuery::new(vec![
                (Occur::Must, raw_term(f.response_id, &rid)),
                (Occur::MustNot, raw_term(f.id, id)),
            ]);
            let top = self.ranked(&searcher, &q, rank::Order::OldestFirst, 100, 0)?;
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
                view.related.push(Related::of(&d, f));
            }
        }
        let keys: Vec<String> = view
            .meta
            .get("cite_keys")
            .and_then(|k| k.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !keys.is_empty() {
            let citing = BooleanQuery::new(
                keys.iter()
                    .map(|k| (Occur::Should, raw_term(f.cites, k)))
                    .collect(),
            );
            // A report that prints its own address does not cite itself.
            let q = BooleanQuery::new(vec![
                (Occur::Must, Box::new(citing) as Box<dyn Query>),
                (Occur::MustNot, raw_term(f.id, id)),
            ]);
            let top = self.ranked(&searcher, &q, rank::Order::OldestFirst, MAX_CITED_BY, 0)?;
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
                view.cited_by.push(Related::of(&d, f));
            }
            view.cited_by
                .sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        }
        Ok(Some(self.withheld(view)?))
    }

    pub(super) fn first(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn Query,
    ) -> Result<Option<TantivyDocument>> {
        let top = self.ranked(searcher, q, rank::Order::OldestFirst, 1, 0)?;
        match top.first() {
            Some((_, addr)) => Ok(Some(searcher.doc(*addr).map_err(|e| self.index_error(e))?)),
            None => Ok(None),
        }
    }

    pub(super) fn view(&self, doc: &TantivyDocument) -> DocView {
        let f = &self.fields;
        DocView {
            attribution: self.attribution(doc),
            pages: doc.get_first(f.pages).and_then(|v| v.as_u64()),
            meta: text(doc, f.meta)
                .and_then(|m| serde_json::from_str(&m).ok())
                .unwrap_or_default(),
            sections: text(doc, f.sections)
                .and_then(|m| serde_json::from_str::<Vec<crate::extract::SectionPlace>>(&m).ok())
                .map(|places| {
                    crate::extract::sections_from(&places, &text(doc, f.body).unwrap_or_default())
                })
                .unwrap_or_default(),
            text: text(doc, f.body).unwrap_or_default(),
            related: Vec::new(),
            cites: doc
                .get_all(f.cites)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            cited_by: Vec::new(),
            campaign_representative: None,
            campaign_added: None,
        }
    }

    /// The campaigns of near-identical responses with at least `min_size` members, largest
    /// first (then earliest), at most `limit`, optionally of one consultation.
    pub fn campaigns(
        &self,
        consultation: Option<&str>,
        min_size: u64,
        limit: usize,
    ) -> Result<Vec<CampaignInfo>> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.campaign_size, min_size.max(2))),
                    Bound::Unbounded,
                )),
            ),
        ];
        if let Some(c) = consultation {
            clauses.push((Occur::Must, raw_term(f.consultation, c)));
        }
        let searcher = self.reader.searcher();
        let mut found = searcher
            .search(&BooleanQuery::new(clauses), &CampaignCollector)
            .map_err(|e| self.index_error(e))?;
        found.sort_by(|a, b| {
            b.size
                .cmp(&a.size)
                .then(a.first.cmp(&b.first))
                .then(a.id.cmp(&b.id))
        });
        found.truncate(limit);
        let mut out = Vec::with_capacity(found.len());
        for mut c in found {
            self.fill_representative(&searcher, &mut c)?;
            out.push(self.withheld(c)?);
        }
        Ok(out)
    }

    /// One campaign with its representative's text and every member with what it adds.
    pub fn campaign(&self, id: &str) -> Result<Option<CampaignDetail>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let q = BooleanQuery::new(vec![
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (Occur::Must, raw_term(f.campaign, id.trim())),
        ]);
        let mut found = searcher
            .search(&q, &CampaignCollector)
            .map_err(|e| self.index_error(e))?;
        let Some(mut info) = found.pop() else {
            return Ok(None);
        };
        self.fill_representative(&searcher, &mut info)?;
        let template = match self.first(&searcher, &*raw_term(f.id, &info.representative))? {
            Some(rep) => self.compared_text(&searcher, &rep)?,
            None => String::new(),
        };
        let top = self.ranked(
            &searcher,
            &q,
            rank::Order::OldestFirst,
            MAX_CAMPAIGN_MEMBERS,
            0,
        )?;
        let mut members = Vec::new();
        for (_, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
            let attribution = Attribution::of(&d, &f);
            let added = if attribution.id == info.representative {
                Vec::new()
            } else {
                crate::campaigns::added_sentences(&self.compared_text(&searcher, &d)?, &template)
            };
            members.push(CampaignMember { attribution, added });
        }
        members.sort_by(|a, b| {
            (&a.attribution.date, &a.attribution.id).cmp(&(&b.attribution.date, &b.attribution.id))
        });
        Ok(Some(self.withheld(CampaignDetail {
            campaign: info,
            template,
            members,
        })?))
    }

    /// The text campaign detection compared for a response: its answers, or its attachment's
    /// text when the answers only point to it.
    pub(super) fn compared_text(
        &self,
        searcher: &tantivy::Searcher,
        doc: &TantivyDocument,
    ) -> Result<String> {
        let f = &self.fields;
        let body = text(doc, f.body).unwrap_or_default();
        if crate::campaigns::answers_suffice(&body) {
            return Ok(body);
        }
        let Some(rid) = text(doc, f.response_id) else {
            return Ok(body);
        };
        let attachment = self
            .first(searcher, &*raw_term(f.id, &format!("a-{rid}")))?
            .and_then(|a| text(&a, f.body));
        Ok(crate::campaigns::comparable_text(
            &body,
            attachment.as_deref(),
        ))
    }

    /// Reads a campaign's representative from one member and the start of its text.
    pub(super) fn fill_representative(
        &self,
        searcher: &tantivy::Searcher,
        c: &mut CampaignInfo,
    ) -> Result<()> {
        let f = &self.fields;
        let Some(member) = self.first(searcher, &*raw_term(f.campaign, &c.id))? else {
            return Ok(());
        };
        let meta: serde_json::Map<String, serde_json::Value> = text(&member, f.meta)
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        c.representative = meta
            .get("campaign_representative")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if let Some(rep) = self.first(searcher, &*raw_term(f.id, &c.representative))? {
            let body = self.compared_text(searcher, &rep)?;
            let mut start = String::new();
            for word in body.split_whitespace() {
                if start.len() + word.len() + 1 > CAMPAIGN_START_CHARS {
                    start.push_str(" …");
                    break;
                }
                if !start.is_empty() {
                    start.push(' ');
                }
                start.push_str(word);
            }
            c.start = start;
            c.url = text(&rep, f.url).unwrap_or_default();
        }
        Ok(())
    }

    /// Every indexed consultation with its facts and how many responses, attachments and
    /// documents the index holds for it.
    pub fn consultations(&self) -> Result<Vec<ConsultationInfo>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let (_, facets) = self.counts()?;
        let mut out = Vec::new();
        for slug in facets.consultation.keys() {
            let q = BooleanQuery::new(vec![
                (Occur::Must, raw_term(f.consultation, slug)),
                (Occur::Must, raw_term(f.kind, Kind::Consultation.as_str())),
            ]);
            let page = self.first(&searcher, &q)?.map(|d| self.view(&d));
            let count = |kind: Kind, without_text: bool| -> Result<u64> {
                let mut clauses = vec![
                    (Occur::Must, raw_term(f.consultation, slug)),
                    (Occur::Must, raw_term(f.kind, kind.as_str())),
                ];
                if without_text {
                    clauses.push((
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_u64(f.has_text, 0),
                            IndexRecordOption::Basic,
                        )),
                    ));
                }
                let q = BooleanQuery::new(clauses);
                Ok(searcher
                    .search(&q, &Count)
                    .map_err(|e| self.index_error(e))? as u64)
            };
            let by_kind = |kind: Kind| count(kind, false);
            let meta = |k: &str| {
                page.as_ref()
                    .and_then(|p| p.meta.get(k))
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            out.push(ConsultationInfo {
                slug: slug.clone(),
                title: page.as_ref().and_then(|p| p.attribution.title.clone()),
                status: meta("status"),
                start: meta("start"),
                end: meta("end"),
                ministry: page.as_ref().and_then(|p| p.attribution.author.clone()),
                url: page.as_ref().map(|p| p.attribution.url.clone()),
                announced: page
                    .as_ref()
                    .and_then(|p| p.meta.get("announced_responses"))
                    .and_then(|v| v.as_u64()),
                responses: by_kind(Kind::Response)?,
                responses_without_text: count(Kind::Response, true)?,
                attachments: by_kind(Kind::Attachment)?,
                documents: by_kind(Kind::Document)?,
            });
        }
        Ok(out)
    }
}
