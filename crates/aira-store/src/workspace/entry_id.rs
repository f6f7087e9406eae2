//! History entry ids: what `aira merge` compares to find the changes two copies share (their
//! base). A new entry gets a fresh id, time-ordered (48 bits of milliseconds) then 80 random
//! bits, as 32 hex digits. An entry written before ids existed has none on disk; it gets one
//! derived from its content, so both copies of it (byte for byte the same after a copy or a
//! clone) agree on it without either file being rewritten.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// 64 bits no other call in this or another process is likely to see: std's per-process
/// random hash keys, fed a counter, the process id and the clock's nanoseconds.
fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.finish()
}

/// A fresh id: 12 hex digits of Unix milliseconds, then 20 random ones.
pub fn new_id() -> String {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let ms = (ms as u64) & 0xffff_ffff_ffff;
    let (a, b) = (random_u64(), random_u64());
    format!("{ms:012x}{:016x}{:04x}", a, b & 0xffff)
}

/// The id of an entry that has none on disk: a hash of what it says (`content`, every field
/// of the entry as history.rs spells them). Two entries saying exactly the same thing (same
/// moment, person, question, before and after) are one change.
pub fn derived(content: &str) -> String {
    let mut hex = super::sha256_hex(content);
    hex.truncate(32);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_differ_and_sort_by_time() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        // The first 12 digits are the time: never decreasing.
        assert!(a[..12] <= b[..12]);
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 10_000);
    }
}
