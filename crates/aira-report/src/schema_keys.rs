//! One rule over the derived JSON Schemas: every key the writers always print is required.
//! schemars leaves `Option` fields optional, but the output prints them as `null`
//! (docs/report-schema.md), so a reader may rely on the key; only keys the writers skip when
//! empty stay optional.

use serde_json::Value as Json;

/// Make every property of every object schema in `schema` required, except `optional`.
pub fn require_all(schema: schemars::Schema, optional: &[&str]) -> schemars::Schema {
    let mut v = schema.to_value();
    walk(&mut v, optional);
    schemars::Schema::try_from(v).unwrap_or_default()
}

fn walk(v: &mut Json, optional: &[&str]) {
    match v {
        Json::Object(o) => {
            if let Some(Json::Object(props)) = o.get("properties") {
                let keys: Vec<Json> =
                    props.keys().filter(|k| !optional.contains(&k.as_str())).map(|k| Json::String(k.clone())).collect();
                o.insert("required".into(), Json::Array(keys));
            }
            o.values_mut().for_each(|x| walk(x, optional));
        }
        Json::Array(a) => a.iter_mut().for_each(|x| walk(x, optional)),
        _ => {}
    }
}
