//! What the `+` and Ctrl-R prompts and the start screen's "Who answers first?" take: `name`
//! or `name, role`. The role goes through the questionnaire's one check
//! (`Questionnaire::check_role`, as `aira respondent --role` does), so a typo is refused with
//! the closest declared role instead of silently matching nothing.

use aira_core::questionnaire::Role;

/// A typed respondent: the name, and the role's id (empty: none).
#[derive(Debug, PartialEq, Eq)]
pub struct Typed {
    pub name: String,
    pub role: String,
}

/// Split at the last comma (names rarely hold one; roles never do) and check both parts.
pub fn parse(roles: &[Role], typed: &str) -> Result<Typed, String> {
    let (name, role) = match typed.rsplit_once(',') {
        Some((name, role)) => (name.trim(), role.trim()),
        None => (typed.trim(), ""),
    };
    if name.is_empty() {
        return Err("Type a name first (then, optionally, a comma and a role)".into());
    }
    if aira_core::assessment::respondent_id(name).is_empty() {
        return Err(format!("The name `{name}` makes no id: use some letters or digits"));
    }
    let role = if role.is_empty() { String::new() } else { aira_core::questionnaire::check_role(roles, role)? };
    Ok(Typed { name: name.to_owned(), role })
}

/// What the rename prompt starts with: the name, and `, role` when there is one.
pub fn shown(name: &str, role: &str) -> String {
    if role.is_empty() { name.to_owned() } else { format!("{name}, {role}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::questionnaire::Role;

    #[test]
    fn name_then_an_optional_checked_role() {
        let mut q = aira_core::questionnaire::parse("mini", include_str!("../../../../tests/fixtures/mini.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let typed = |name: &str, role: &str| Typed { name: name.into(), role: role.into() };
        // Without a declared vocabulary the role is free text.
        assert_eq!(parse(&q.roles, "Ann Lee, ciso"), Ok(typed("Ann Lee", "ciso")));
        q.roles = vec![Role { id: "risk".into(), name: "Risk manager".into(), description: String::new() }];
        assert_eq!(parse(&q.roles, " Ann Lee "), Ok(typed("Ann Lee", "")));
        assert_eq!(parse(&q.roles, "Lee, Ann, RISK MANAGER"), Ok(typed("Lee, Ann", "risk")));
        assert_eq!(parse(&q.roles, "Ann Lee,"), Ok(typed("Ann Lee", "")));
        assert!(parse(&q.roles, "Ann, risc").unwrap_err().contains("did you mean `risk` (Risk manager)?"));
        assert!(parse(&q.roles, " , risk").unwrap_err().contains("Type a name"));
        assert_eq!(shown("Ann", ""), "Ann");
        assert_eq!(shown("Ann", "risk"), "Ann, risk");
    }
}
