//! Durable file writes. A save is: write a fresh temp file beside the target (created
//! exclusively, 0600, never through a symlink), fsync it, rename it over the target, fsync the
//! folder. A crash at any point leaves either the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// How the workspace touches the disk: every step of a save or an append that can fail (open,
/// write, fsync, rename, truncate, folder fsync, remove, link) is one method, so a test writer
/// (`super::fault`) can fail any one of them with a full disk, an I/O error, a short write or
/// a simulated crash. The provided `replace` and `append` are the two protocols built on them;
/// the real disk (`Disk`) keeps every default.
pub trait Writer: Send + Sync {
    /// A fresh file, created exclusively (O_CREAT|O_EXCL, 0600): never an existing entry, so
    /// a planted symlink cannot redirect the write.
    fn create_new(&self, path: &Path) -> io::Result<File> {
        private_options().write(true).create_new(true).open(path)
    }
    /// Open for appending (created 0600 if absent): never through a link, never waiting for a
    /// FIFO's reader, never into anything but a regular file (refused by what it is).
    fn open_append(&self, path: &Path) -> io::Result<File> {
        let mut o = private_options();
        o.append(true).create(true);
        super::regular::open_regular(path, &mut o).map(|(f, _)| f)
    }
    /// Open an existing entry for writing as it is (never created, never truncated): the FIFO
    /// or device a user's `-o` names (see `output`). O_NONBLOCK, so a FIFO without a reader is
    /// an error rather than a wait; O_NOCTTY, so a terminal never becomes ours.
    fn open_through(&self, path: &Path) -> io::Result<File> {
        let mut o = OpenOptions::new();
        o.write(true);
        #[cfg(unix)]
        o.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32);
        o.open(path)
    }
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn fsync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn truncate(&self, file: &File, len: u64) -> io::Result<()> {
        file.set_len(len)
    }
    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        sync_dir(path)
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        create_private_dir(path)
    }
    /// A second name for a file (a snapshot that costs nothing: saves replace files, never
    /// change them in place).
    fn link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }

    /// Write `bytes` to `path` atomically and durably: temp file beside it, fsync, rename over,
    /// fsync the folder. On failure the temp file is removed and `path` is untouched.
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let tmp = temp_path(path);
        let mut f = self.create_new(&tmp)?;
        let result = (|| {
            keep_owner_and_mode(&f, path)?;
            self.write(&mut f, bytes)?;
            self.fsync(&f)?;
            self.rename(&tmp, path)
        })();
        drop(f);
        // Only a temp file this save created is removed (never a link planted at its name).
        if result.is_err() {
            let _ = self.remove(&tmp);
        }
        result?;
        // Renamed: every reader now sees the new file and no failure can take it back, so it
        // is reported saved even if the folder fsync fails (then only a power cut before the
        // next successful one could undo the rename).
        if self.sync_dir(path).is_err() {
            let _ = self.sync_dir(path);
        }
        Ok(())
    }

    /// Append and fsync: how history and journals grow without being rewritten. On failure
    /// the file is truncated back to the length it had (the last good entry), so a retry
    /// never lands after a torn one.
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let existed = fs::symlink_metadata(path).is_ok();
        let mut f = self.open_append(path)?;
        let good = f.metadata()?.len();
        let result = (|| {
            self.write(&mut f, bytes)?;
            self.fsync(&f)?;
            if !existed { self.sync_dir(path) } else { Ok(()) }
        })();
        if result.is_err() {
            // Best effort: if this fails too (or the process dies), readers skip the torn entry.
            let _ = self.truncate(&f, good).and_then(|()| self.fsync(&f));
        }
        result
    }
}

/// The real disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Writer for Disk {}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temp files are `.<name>.tmp-<pid>-<n>` beside their target (`is_temp_name` recognises them).
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Whether a file name is one of our temp files (left behind only by a crash).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp-")
}

pub fn private_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    o.mode(0o600);
    o
}

/// Write `bytes` to `path` atomically and durably, on the real disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    Disk.replace(path, bytes)
}

/// The new file takes the owner, group and mode of the regular file it replaces (root saving
/// in a colleague's workspace must not leave files only root can read), less any permission
/// for others: a replaced file is never world-readable, and a new one is 0600. The owner can
/// only be given away by root: elsewhere the file was ours already, and a failed chown is no
/// reason to fail the save.
fn keep_owner_and_mode(tmp: &File, path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(old) = fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file()) {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let _ = std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid()));
        tmp.set_permissions(fs::Permissions::from_mode((old.mode() & 0o770) | 0o600))?;
    }
    Ok(())
}

/// Append and fsync on the real disk (see `Writer::append`).
pub fn append_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    Disk.append(path, bytes)
}

/// fsync the folder holding `path`, so the rename itself survives a power cut.
pub fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Create a folder (and parents) readable by the owner only: interview notes are sensitive.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    b.mode(0o700);
    b.create(path)
}

/// Reads go through the one open routine (links, FIFOs, devices and sizes refused there).
pub use super::regular::read_limited;
