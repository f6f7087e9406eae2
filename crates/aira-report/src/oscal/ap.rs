//! The assessment plan the results import: what is reviewed (the questionnaire's controls),
//! who is interviewed (the respondents), how (interviews). There is no system security plan
//! for an AI management system assessment; `import-ssp` points at a back-matter note saying so.

use serde_json::{Value as Json, json};

use super::{metadata, reviewed_controls, string, uuid};
use aira_core::report::Report;

/// `aira report --format oscal-ap`: the assessment plan document.
pub fn plan(r: &Report) -> Json {
    let no_ssp = uuid(r, "resource|no-ssp");
    let title = match string(&r.meta.name) {
        Some(n) => format!("Assessment plan: {n}"),
        None => "Assessment plan".to_owned(),
    };
    let scope = string(&r.meta.scope).unwrap_or_else(|| "the organisation's AI management system".to_owned());
    json!({"assessment-plan": {
        "uuid": uuid(r, &format!("assessment-plan|{}", r.generated_at)),
        "metadata": metadata(r, title),
        "import-ssp": {"href": format!("#{no_ssp}")},
        "local-definitions": {"activities": [{
            "uuid": uuid(r, "activity|interviews"),
            "title": "Readiness interviews",
            "description": format!("Respondents answer {} {} with aira; each answer is a level on its scale.",
                                   r.questionnaire.title, r.questionnaire.version),
            "props": [{"name": "method", "value": "INTERVIEW"}],
        }]},
        "reviewed-controls": reviewed_controls(r),
        "assessment-subjects": [{"type": "party", "description": format!("The people interviewed about {scope}"),
                                 "include-all": {}}],
        "back-matter": {"resources": [{
            "uuid": no_ssp,
            "title": "No system security plan",
            "description": format!("The assessment covers {scope}; it has no OSCAL system security plan."),
        }]},
    }})
}
