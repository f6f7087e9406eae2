//! Secrets from the OS random number generator: the room's token (the only secret the URL
//! carries) and participant ids, both URL-safe base64 without padding.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::Error;

/// 144 bits: above the 128 the contract asks for, and a whole number of base64 characters (24).
const TOKEN_BYTES: usize = 18;
/// Participant ids need not be secret (joining with the same name gives the id back), only
/// unique and unguessable enough not to collide: 72 bits, 12 characters.
const PARTICIPANT_BYTES: usize = 9;

fn random_text(bytes: usize) -> Result<String, Error> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| Error::Random(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

pub(crate) fn new_token() -> Result<String, Error> {
    random_text(TOKEN_BYTES)
}

pub(crate) fn new_participant_id() -> Result<String, Error> {
    random_text(PARTICIPANT_BYTES)
}

/// Compare without an early exit, so the time a wrong guess takes says nothing about how
/// much of it was right.
pub(crate) fn same(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token in a request path `/v/TOKEN` or `/v/TOKEN/...`, if it is the room's.
pub(crate) fn path_has_token(path: &str, token: &str) -> bool {
    let Some(rest) = path.strip_prefix("/v/") else { return false };
    let given = rest.split_once('/').map_or(rest, |(t, _)| t);
    same(given, token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_url_safe_and_fresh() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 24);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn only_the_exact_token_opens_the_room() {
        let t = "abcDEF123_-xyzabcDEF123_";
        assert!(path_has_token(&format!("/v/{t}"), t));
        assert!(path_has_token(&format!("/v/{t}/"), t));
        assert!(path_has_token(&format!("/v/{t}/vote"), t));
        assert!(!path_has_token(&format!("/v/{t}x/vote"), t));
        assert!(!path_has_token(&format!("/v/{}", &t[..23]), t));
        assert!(!path_has_token(&format!("/w/{t}/vote"), t));
        assert!(!path_has_token("/v/", t));
        assert!(!path_has_token("/", t));
    }
}
