//! The assessment results: one result for the engagement, a finding per assessed question
//! (satisfied when its score reaches its target), observations for answers, notes, interview
//! log lines and agreed values, evidence as relevant-evidence.

use serde_json::{Value as Json, json};

use super::{
    PLAN_HREF, metadata, party_uuid, period, prefix, prop, prop_name, reviewed_controls, string, token, uuid, when,
};
use aira_core::assessment::{Answer, Respondent, Value};
use aira_core::report::Report;
use aira_core::report::model::Row;
use aira_core::scoring::Status;

fn level_text(r: &Report, v: Option<Value>) -> String {
    match v {
        Some(Value::Level(l)) => format!("Level {}", r.level_name(f64::from(l))),
        Some(Value::NotApplicable) => "Not applicable".to_owned(),
        None => "No level given".to_owned(),
    }
}

fn observation(uuid: String, title: String, description: String, collected: String, who: Option<String>) -> Json {
    let mut o = json!({"uuid": uuid, "title": title, "description": description, "methods": ["INTERVIEW"],
                       "collected": collected});
    if let Some(party) = who {
        o["subjects"] = json!([{"subject-uuid": party, "type": "party"}]);
    }
    o
}

/// One respondent's answer, its note and its log lines, each an observation.
fn answer_observations(r: &Report, row: &Row, who: &Respondent, a: &Answer, end: &str) -> Vec<Json> {
    let qid = &row.question.id;
    let key = |kind: &str| uuid(r, &format!("observation|{qid}|{}|{kind}", who.id));
    let collected = when(&a.answered_at).unwrap_or_else(|| end.to_owned());
    let party = Some(party_uuid(r, &who.id));
    let mut out = Vec::new();
    if a.value.is_some() || !a.evidence.is_empty() {
        let mut o = observation(
            key("answer"),
            format!("Answer of {} to {qid}", who.name),
            level_text(r, a.value),
            collected.clone(),
            party.clone(),
        );
        let evidence: Vec<Json> = a.evidence.iter().filter_map(evidence).collect();
        if !evidence.is_empty() {
            o["relevant-evidence"] = Json::Array(evidence);
        }
        out.push(o);
    }
    if let Some(note) = string(&a.note) {
        out.push(observation(key("note"), format!("Note of {} on {qid}", who.name), note, collected, party.clone()));
    }
    for (i, e) in a.log_in_order().into_iter().enumerate() {
        let Some(text) = string(&e.text) else { continue };
        let at = when(&e.at).unwrap_or_else(|| end.to_owned());
        let title = format!("Interview log of {} on {qid}, line {}", who.name, i + 1);
        out.push(observation(key(&format!("log|{i}")), title, text, at, party.clone()));
    }
    out
}

/// Evidence as aira records it today: a label (a document name or a link), no file and so no
/// hash; a link is also given as `href`.
/// One evidence record: its reference as description (and href when it is a URL), and for a
/// file recorded by `aira evidence add` its SHA-256 and size, so an auditor can check it.
fn evidence(item: &aira_core::assessment::Evidence) -> Option<Json> {
    let label = string(&item.reference)?;
    let mut e = json!({"description": label});
    if (label.starts_with("https://") || label.starts_with("http://")) && uri_chars(&label) {
        e["href"] = label.into();
    }
    let props: Vec<Json> = [
        item.sha256.as_deref().and_then(|h| prop("sha256", h)),
        item.size.and_then(|n| prop("size-bytes", &n.to_string())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !props.is_empty() {
        e["props"] = Json::Array(props);
    }
    Some(e)
}

/// True when every character may stand in an RFC 3986 URI (OSCAL's `uri-reference`): a label
/// with spaces, or one `--anonymise` scrubbed to "[organisation]", stays a description only.
fn uri_chars(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '[' | ']'))
}

/// The finding for a scored question: satisfied when its score is at least its target
/// (docs/interop.md); without a target it cannot be satisfied.
fn finding(r: &Report, row: &Row, score: f64, observations: &[Json]) -> Json {
    let q = row.question;
    let (state, reason, remark) = match row.target {
        Some(t) if score >= t => ("satisfied", "pass", format!("Score {score} reaches the target {t}.")),
        Some(t) => ("not-satisfied", "fail", format!("Score {score} is below the target {t}.")),
        None => ("not-satisfied", "other", format!("Score {score}; no target is set, so it cannot be satisfied.")),
    };
    let mut props: Vec<Option<Json>> = vec![prop("score", &score.to_string())];
    props.extend(row.target.map(|t| prop("target", &t.to_string())));
    for (key, ids) in
        std::iter::once(("nist", &q.nist)).chain([("iso", &q.iso)]).chain(q.cites.iter().map(|(k, v)| (k.as_str(), v)))
    {
        props.extend(ids.iter().map(|i| prop(&prop_name(key), &token(i, prefix(key)))));
    }
    let mut f = json!({
        "uuid": uuid(r, &format!("finding|{}", q.id)),
        "title": format!("{}: {}", q.id, q.text.lines().next().unwrap_or_default()),
        "description": q.text,
        "props": props.into_iter().flatten().collect::<Vec<_>>(),
        "target": {"type": "objective-id", "target-id": token(&q.id, "q"),
                   "title": q.text.lines().next().unwrap_or_default(),
                   "status": {"state": state, "reason": reason, "remarks": remark}},
    });
    let related: Vec<Json> = observations.iter().map(|o| json!({"observation-uuid": o["uuid"]})).collect();
    if !related.is_empty() {
        f["related-observations"] = Json::Array(related);
    }
    f
}

/// `aira report --format oscal`: the assessment results document.
pub fn results(r: &Report) -> Json {
    let (start, end) = period(r);
    let mut observations = Vec::new();
    let mut findings = Vec::new();
    for row in &r.rows {
        let mut mine: Vec<Json> =
            row.answers.iter().flat_map(|(who, a)| answer_observations(r, row, who, a, &end)).collect();
        if let (Some(v), Some(d)) =
            (r.assessment.agreed.get(&row.question.id), r.assessment.agreed_meta.get(&row.question.id))
        {
            let mut text = format!("Agreed after discussion: {}", level_text(r, Some(*v)).to_lowercase());
            if let Some(n) = string(&d.note) {
                text.push_str(&format!(". {n}"));
            }
            let at = when(&d.decided_at).unwrap_or_else(|| end.clone());
            let title = format!("Agreed level for {}", row.question.id);
            mine.push(observation(uuid(r, &format!("observation|{}|agreed", row.question.id)), title, text, at, None));
        }
        if let Status::Scored(score) = row.status {
            findings.push(finding(r, row, score, &mine));
        }
        observations.extend(mine);
    }
    let mut result = json!({
        "uuid": uuid(r, "result"),
        "title": format!("Readiness assessment against {}", r.questionnaire.title),
        "description": format!(
            "Interviews recorded with aira; {} of {} questions scored, {} not applicable.",
            r.scores.overall.answered, r.scores.overall.total, r.scores.overall.not_applicable
        ),
        "start": start,
        "end": end,
        "reviewed-controls": reviewed_controls(r),
    });
    if !observations.is_empty() {
        result["observations"] = Json::Array(observations);
    }
    if !findings.is_empty() {
        result["findings"] = Json::Array(findings);
    }
    let title = match string(&r.meta.name) {
        Some(n) => format!("Assessment results: {n}"),
        None => "Assessment results".to_owned(),
    };
    json!({"assessment-results": {
        "uuid": uuid(r, &format!("assessment-results|{}", r.generated_at)),
        "metadata": metadata(r, title),
        "import-ap": {"href": PLAN_HREF},
        "results": [result],
    }})
}
