//! One writer per workspace. The lock is an OS advisory lock on `.aira.lock`, so it vanishes
//! with its process: a lock left by a killed aira is simply taken over. The file's text names
//! the holder (pid, host) for the read-only banner of a second aira.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use super::atomic::private_options;
use super::regular::{open_regular, read_head};

pub const LOCK_FILE: &str = ".aira.lock";

#[derive(Debug)]
pub struct Lock {
    _file: File,
    /// The previous holder, when a stale lock file (its process gone) was taken over.
    pub took_over: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
}

impl Drop for Lock {
    /// A clean exit empties the file (still holding the lock), so the next aira does not
    /// mistake it for one left by a killed process. Never deleted: deleting a lock file races
    /// with a process that has just opened it.
    fn drop(&mut self) {
        let _ = self._file.set_len(0);
    }
}

impl std::fmt::Display for Holder {
    /// The host is the lock file's text, which anyone sharing the folder can write: escaped.
    /// A holder whose text is not written yet (pid 0) is "another aira (starting)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pid == 0 {
            return write!(f, "another aira (starting)");
        }
        write!(f, "pid {} on {}", self.pid, aira_core::text::sanitize(&self.host, false))
    }
}

pub enum Acquired {
    Locked(Lock),
    HeldBy(Holder),
}

pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown host".to_owned())
}

fn parse_holder(text: &str) -> Option<Holder> {
    let mut pid = None;
    let mut host = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid = ") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host = ") {
            host = Some(v.trim().trim_matches('"').to_owned());
        }
    }
    Some(Holder { pid: pid?, host: host.unwrap_or_default() })
}

/// The most of a lock file read: its text is three short lines, whatever size the file claims
/// (a 4 GB sparse lock was once read whole).
const MAX_LOCK_TEXT: u64 = 4096;

fn read_text(file: &File) -> std::io::Result<String> {
    Ok(String::from_utf8_lossy(&read_head(file, MAX_LOCK_TEXT)?).into_owned())
}

/// Who holds the lock. A holder that has just taken it may not have written its text yet (we
/// read it between its lock and its write): look again for a moment before saying "starting".
fn holder_of(file: &mut File, first: &str) -> Holder {
    let mut text = first.to_owned();
    for _ in 0..20 {
        if let Some(h) = parse_holder(&text) {
            return h;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        match file.seek(SeekFrom::Start(0)).and_then(|_| read_text(file)) {
            Ok(t) => text = t,
            Err(_) => break,
        }
    }
    Holder { pid: 0, host: String::new() }
}

/// Take the lock, or say who holds it. The file is opened by the one open routine (never
/// through a link, never a FIFO or device, refused by name otherwise), so the truncation below
/// only ever cuts the regular file `.aira.lock` itself.
pub fn acquire(dir: &Path) -> std::io::Result<Acquired> {
    let path = dir.join(LOCK_FILE);
    let (mut file, _) = open_regular(&path, private_options().read(true).write(true).create(true).truncate(false))?;
    let previous = read_text(&file)?;
    // A lock held with no holder written is passing: an aira starting up or exiting cleanly,
    // or a child forked by some process in the moment before its exec closes the descriptor.
    // Wait for it a little (up to ~1 s) instead of refusing with "pid 0".
    let mut tries = 0;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = holder_of(&mut file, &previous);
                tries += 1;
                if holder.pid != 0 || tries >= 4 {
                    return Ok(Acquired::HeldBy(holder));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    let took_over = parse_holder(&previous).map(|h| h.to_string());
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    write!(
        file,
        "# aira holds this workspace open for writing\npid = {}\nhost = \"{}\"\n",
        std::process::id(),
        hostname()
    )?;
    file.sync_all()?;
    Ok(Acquired::Locked(Lock { _file: file, took_over }))
}

/// What `aira doctor` says of the lock, found without taking it.
#[derive(Debug, PartialEq, Eq)]
pub enum State {
    /// No lock file, or an empty one (its last holder exited cleanly).
    Free,
    /// Named holder is a process running on this machine.
    Held(Holder),
    /// Named holder is gone (killed, or the machine restarted): the next writer takes it over.
    Stale(Holder),
    /// Named holder is on another machine (a shared folder): cannot be checked from here.
    Elsewhere(Holder),
    /// Text that names no holder (not aira's, or being written this moment).
    Unnamed,
}

/// The lock's state from its text and the process it names. Read by the one open routine and
/// at most `MAX_LOCK_TEXT` bytes of it; never locked, so a writer starting meanwhile is not
/// turned away. (A pid reused by another process since reads as held.)
pub fn state(dir: &Path) -> std::io::Result<State> {
    let path = dir.join(LOCK_FILE);
    let file = match open_regular(&path, std::fs::OpenOptions::new().read(true)) {
        Ok((file, _)) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::Free),
        Err(e) => return Err(e),
    };
    let text = String::from_utf8_lossy(&read_head(&file, MAX_LOCK_TEXT)?).into_owned();
    let Some(holder) = parse_holder(&text) else {
        return Ok(if text.trim().is_empty() { State::Free } else { State::Unnamed });
    };
    if holder.host != hostname() {
        return Ok(State::Elsewhere(holder));
    }
    #[cfg(unix)]
    {
        let pid = i32::try_from(holder.pid).ok().and_then(rustix::process::Pid::from_raw);
        // EPERM: it exists, owned by someone else.
        let alive = pid.is_some_and(|p| {
            rustix::process::test_kill_process(p).is_ok_and(|()| true)
                || rustix::process::test_kill_process(p) == Err(rustix::io::Errno::PERM)
        });
        if !alive {
            return Ok(State::Stale(holder));
        }
    }
    Ok(State::Held(holder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_sees_the_holder_and_a_released_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let Acquired::Locked(first) = acquire(dir.path()).unwrap() else { panic!("first lock") };
        match acquire(dir.path()).unwrap() {
            Acquired::HeldBy(h) => assert_eq!(h.pid, std::process::id()),
            Acquired::Locked(_) => panic!("two writers"),
        }
        // A clean exit leaves nothing to take over.
        drop(first);
        let Acquired::Locked(second) = acquire(dir.path()).unwrap() else { panic!("released lock not taken") };
        assert_eq!(second.took_over, None);
        drop(second);
        // A killed holder leaves its text behind, but not the OS lock: that is taken over.
        std::fs::write(dir.path().join(LOCK_FILE), "pid = 4242\nhost = \"laptop\"\n").unwrap();
        let Acquired::Locked(third) = acquire(dir.path()).unwrap() else { panic!("stale lock not taken over") };
        assert_eq!(third.took_over.as_deref(), Some("pid 4242 on laptop"));
    }

    /// Issue 14: a writer that has taken the lock but not yet written its text was shown as
    /// "pid 0 on unknown"; the text is looked for again, and a holder still silent is "starting".
    #[test]
    fn a_holder_whose_text_is_not_written_yet_is_waited_for_or_called_starting() {
        let dir = tempfile::tempdir().unwrap();
        let Acquired::Locked(held) = acquire(dir.path()).unwrap() else { panic!("first lock") };
        let path = dir.path().join(LOCK_FILE);
        std::fs::write(&path, "").unwrap();
        let late = std::thread::spawn({
            let path = path.clone();
            move || {
                std::thread::sleep(std::time::Duration::from_millis(40));
                std::fs::write(&path, "pid = 4321\nhost = \"box\"\n").unwrap();
            }
        });
        let Acquired::HeldBy(h) = acquire(dir.path()).unwrap() else { panic!("two writers") };
        late.join().unwrap();
        assert_eq!(h.to_string(), "pid 4321 on box");
        std::fs::write(&path, "").unwrap();
        let Acquired::HeldBy(h) = acquire(dir.path()).unwrap() else { panic!("two writers") };
        assert_eq!(h.to_string(), "another aira (starting)");
        drop(held);
    }

    #[test]
    fn a_hostile_host_is_shown_escaped() {
        let h = Holder { pid: 9, host: "x\u{1b}]0;t\u{7}\u{202e}".into() };
        assert_eq!(h.to_string(), "pid 9 on x\\x1b]0;t\\x07\\x202e");
    }
}
