//! Durable file writes. A save is: write a fresh temp file beside the target (created
//! exclusively, 0600, never through a symlink), fsync it, rename it over the target, fsync the
//! folder. A crash at any point leaves either the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// How the workspace touches the disk. Tests inject failing writers (full disk, read-only
/// folder) to prove that a failed save never truncates what is there and is retried.
pub trait Writer: Send + Sync {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The real disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Writer for Disk {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_atomic(path, bytes)
    }

    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        append_durable(path, bytes)
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

pub fn private_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    o.mode(0o600);
    o
}

/// Write `bytes` to `path` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    // create_new = O_CREAT|O_EXCL: fails on any existing entry, a symlink included, so a
    // planted link cannot redirect the write.
    let result = (|| {
        let mut f = private_options().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Append and fsync. Appends are how history grows without rewriting it.
pub fn append_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let existed = path.exists();
    let mut o = private_options();
    o.append(true).create(true);
    // Never through a link, never waiting for a FIFO's reader, never into anything but a file.
    #[cfg(unix)]
    o.custom_flags(super::regular::guard_flags());
    let mut f = o.open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        let kind = super::regular::kind(meta.file_type());
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("is {kind}, not a regular file; refusing to write to it"),
        ));
    }
    f.write_all(bytes)?;
    f.sync_all()?;
    if !existed {
        sync_dir(path)?;
    }
    Ok(())
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
