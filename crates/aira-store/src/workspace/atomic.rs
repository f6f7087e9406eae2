//! Durable file writes. A save is: write a fresh temp file beside the target (created
//! exclusively, 0600, never through a symlink), fsync it, rename it over the target, fsync the
//! folder. A crash at any point leaves either the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
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
        keep_owner_and_mode(&f, path)?;
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

/// Append and fsync. Appends are how history grows without rewriting it.
pub fn append_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let existed = path.exists();
    let mut o = private_options();
    o.append(true).create(true);
    #[cfg(unix)]
    o.custom_flags(O_NOFOLLOW);
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    if !existed {
        sync_dir(path)?;
    }
    Ok(())
}

/// O_NOFOLLOW on Linux and the BSDs/macOS; the constant is stable ABI.
#[cfg(target_os = "linux")]
const O_NOFOLLOW: i32 = 0o400000;
#[cfg(all(unix, not(target_os = "linux")))]
const O_NOFOLLOW: i32 = 0x0100;

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

/// Read a file that must be a regular file inside the workspace, refusing symlinks and
/// anything beyond `limit` bytes (a 50 MB "questionnaire" is an attack, not data).
pub fn read_limited(path: &Path, limit: u64) -> io::Result<String> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a symbolic link; refusing to follow it"));
    }
    let too_big =
        |len: u64| io::Error::new(io::ErrorKind::InvalidData, format!("is {len} bytes; the limit is {limit}"));
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    // The file may be swapped for a link or grow after the check: open without following
    // links and never read more than the limit, whatever the size says now.
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    o.custom_flags(O_NOFOLLOW);
    // Sized from the metadata: one allocation and one pass for a multi-megabyte questionnaire,
    // instead of growing (and copying) by doubling.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    o.open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        io::Error::new(io::ErrorKind::InvalidData, format!("is not valid UTF-8 (first bad byte at offset {at})"))
    })
}
