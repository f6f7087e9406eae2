//! The one way a workspace file is opened: never through a symbolic link, never waiting on a
//! FIFO or a device, never anything but a regular file, never read past a limit. Every read of
//! a workspace file and the lock's open go through `open_regular`; a FIFO, folder, socket or
//! device where a file should be is refused with an error naming what it is.

use std::fs::{self, File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};

/// What an entry is, in words, for "is a FIFO (named pipe), not a regular file".
pub fn kind(t: FileType) -> &'static str {
    #[cfg(unix)]
    {
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

fn not_regular(t: FileType) -> io::Error {
    if t.is_symlink() {
        return io::Error::new(io::ErrorKind::InvalidInput, "is a symbolic link; refusing to follow it");
    }
    io::Error::new(io::ErrorKind::InvalidInput, format!("is {}, not a regular file; refusing to open it", kind(t)))
}

/// O_NOFOLLOW (a link is an error, not a detour), O_NONBLOCK (a FIFO or device never makes the
/// open or a read wait; no effect on regular files), O_NOCTTY (a terminal never becomes ours).
#[cfg(unix)]
pub(crate) fn guard_flags() -> i32 {
    use rustix::fs::OFlags;
    (OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY).bits() as i32
}

#[cfg(test)]
thread_local! {
    /// Runs once, between the check of the entry and its open: lets a test swap the file at the
    /// worst moment (the lock race of issue 14).
    pub(super) static BEFORE_OPEN: std::cell::RefCell<Option<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(None) };
}

/// Open `path` with `options` (read, or read-write-create for the lock) only if it is a regular
/// file. The entry is checked before the open, so a FIFO or device is normally never opened at
/// all, and the descriptor after it, so one swapped in between is caught as well.
pub fn open_regular(path: &Path, options: &mut OpenOptions) -> io::Result<(File, Metadata)> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => return Err(not_regular(m.file_type())),
        // Missing: the open says so, or creates the file when asked to.
        _ => {}
    }
    #[cfg(test)]
    BEFORE_OPEN.with(|h| h.borrow_mut().take().map(|f| f()));
    #[cfg(unix)]
    options.custom_flags(guard_flags());
    let file = options.open(path).map_err(|e| {
        // ELOOP (Linux) / EMLINK (BSD): the final component turned out to be a link.
        #[cfg(unix)]
        if [rustix::io::Errno::LOOP, rustix::io::Errno::MLINK]
            .iter()
            .any(|n| e.raw_os_error() == Some(n.raw_os_error()))
        {
            return io::Error::new(io::ErrorKind::InvalidInput, "is a symbolic link; refusing to follow it");
        }
        e
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    Ok((file, meta))
}

/// Up to `limit` bytes of an open file (a lock's few lines, whatever size it claims).
pub fn read_head(file: &File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a workspace file as UTF-8, refusing anything `open_regular` refuses and anything beyond
/// `limit` bytes (a 50 MB "questionnaire" is an attack, not data), even if the file grows after
/// its size was checked.
pub fn read_limited(path: &Path, limit: u64) -> io::Result<String> {
    let (file, meta) = open_regular(path, OpenOptions::new().read(true))?;
    let too_big =
        |len: u64| io::Error::new(io::ErrorKind::InvalidData, format!("is {len} bytes; the limit is {limit}"));
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    // Sized from the metadata: one allocation and one pass for a multi-megabyte questionnaire.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&file).take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        io::Error::new(io::ErrorKind::InvalidData, format!("is not valid UTF-8 (first bad byte at offset {at})"))
    })
}
