//! A questionnaire model → format 1 TOML text. toml_edit does the quoting, so notes full of
//! quotes, backslashes and newlines come out as valid strings.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use aira_core::questionnaire::{FORMAT, Kind, Questionnaire};

fn list(items: &[String]) -> Item {
    value(items.iter().map(String::as_str).collect::<Array>())
}

/// The TOML text of `q`, with `header` as a leading comment (one or more lines).
pub fn render(q: &Questionnaire, header: &str) -> String {
    let mut doc = DocumentMut::new();
    let comment: String = header.lines().map(|l| format!("# {}\n", aira_core::text::sanitize(l, false))).collect();
    doc.decor_mut().set_prefix(comment);
    doc["format"] = value(FORMAT);
    let mut meta = Table::new();
    meta.insert("id", value(&q.id));
    meta.insert("title", value(&q.title));
    meta.insert("version", value(&q.version));
    if !q.description.is_empty() {
        meta.insert("description", value(&q.description));
    }
    doc["questionnaire"] = Item::Table(meta);
    let mut scale = Table::new();
    scale.insert("min", value(i64::from(q.scale.min)));
    scale.insert("max", value(i64::from(q.scale.max)));
    if !q.scale.levels.is_empty() {
        let mut levels = ArrayOfTables::new();
        for l in &q.scale.levels {
            let mut t = Table::new();
            t.insert("value", value(i64::from(l.value)));
            t.insert("name", value(&l.name));
            if !l.description.is_empty() {
                t.insert("description", value(&l.description));
            }
            levels.push(t);
        }
        scale.insert("level", Item::ArrayOfTables(levels));
    }
    doc["scale"] = Item::Table(scale);
    let mut questions = ArrayOfTables::new();
    for question in &q.questions {
        let mut t = Table::new();
        t.insert("id", value(&question.id));
        if question.kind == Kind::Classification {
            t.insert("kind", value("classification"));
        }
        if let Some(p) = question.phase {
            t.insert("phase", value(p.as_str()));
        }
        if let Some(f) = question.function {
            t.insert("function", value(f.as_str()));
        }
        if !question.section.is_empty() {
            t.insert("section", value(&question.section));
        }
        t.insert("text", value(&question.text));
        let strings = [("guidance", &question.guidance), ("action", &question.action)];
        for (k, v) in strings {
            if !v.is_empty() {
                t.insert(k, value(v.as_str()));
            }
        }
        let lists = [
            ("evidence", &question.evidence),
            ("roles", &question.roles),
            ("profiles", &question.profiles),
            ("nist", &question.nist),
            ("iso", &question.iso),
            ("replaces", &question.replaces),
            ("applies_if", &question.applies_if),
        ];
        let families = question.cites.iter().map(|(k, v)| (k.as_str(), v));
        for (k, v) in lists.into_iter().chain(families) {
            if !v.is_empty() {
                t.insert(k, list(v));
            }
        }
        if question.weight != 1.0 {
            t.insert("weight", value(question.weight));
        }
        questions.push(t);
    }
    doc["question"] = Item::ArrayOfTables(questions);
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::questionnaire::{Function, Question, Scale};

    #[test]
    fn hostile_text_round_trips() {
        let nasty = "He said \"no\"\\n, then ''' and \"\"\"\nnext line\ttab # not a comment";
        let mut question = Question::new("q1", None, Some(Function::Map), nasty);
        question.guidance = nasty.to_owned();
        question.weight = 2.5;
        let q = Questionnaire {
            id: "x".into(),
            title: "T \"quoted\"".into(),
            version: "1".into(),
            description: String::new(),
            scale: Scale::default(),
            roles: Vec::new(),
            profiles: Vec::new(),
            questions: vec![question.clone()],
            ids: Default::default(),
        };
        let text = render(&q, "made by a test\nsecond line");
        let back = aira_core::questionnaire::parse("out.toml", &text).unwrap();
        assert_eq!(back.questions, vec![question]);
        assert_eq!(back.title, "T \"quoted\"");
        assert!(text.starts_with("# made by a test\n# second line\n"));
    }
}
