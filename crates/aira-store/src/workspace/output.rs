//! Writing to a path the user named (`report -o`, `import -o`), which is the user's own and lies
//! outside any workspace, so it is taken as the user meant it: a symbolic link is followed (the
//! file it names is replaced atomically, the link stays); a FIFO, character device or other
//! non-regular file that exists is written through, never replaced (`-o /dev/stdout`, `-o
//! /dev/null`, a pipe into another program); a folder is refused. Only a regular file, or a name
//! with nothing there, is written by atomic replace. A workspace's own files are never followed
//! (see `regular`).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::atomic::Writer;

/// Write `bytes` to the user's output path by the rule above, every step through `writer`
/// (the fault harness fails each one).
pub fn write_out(writer: &dyn Writer, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let linked = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match fs::metadata(path) {
        // Through a link, the file it names is replaced (and the link kept).
        Ok(m) if m.is_file() && linked => writer.replace(&fs::canonicalize(path)?, bytes),
        Ok(m) if m.is_file() => writer.replace(path, bytes),
        Ok(m) if m.is_dir() => Err(io::Error::new(io::ErrorKind::InvalidInput, "is a folder; give a file name")),
        Ok(_) => write_through(writer, path, bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound && linked => Err(io::Error::new(
            io::ErrorKind::NotFound,
            "is a symbolic link to nothing; point it at a file or give another name",
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => writer.replace(path, bytes),
        Err(e) => Err(e),
    }
}

/// Whether writing to `path` would replace an existing regular file (what `import` asks
/// `--force` for); a FIFO or device is written through, replacing nothing.
pub fn would_replace(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Write into an existing FIFO, device or socket-like entry: opened for writing without
/// creating or truncating it. The open does not wait for a FIFO's reader (none is an error that
/// says so); the writes then block as usual, so a slow reader is waited for.
fn write_through(writer: &dyn Writer, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = writer.open_through(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
            return io::Error::new(e.kind(), "is a FIFO with no reader; start the program that reads it first");
        }
        e
    })?;
    // Swapped for a regular file since the check: writing into it untruncated would leave a mix.
    if f.metadata()?.is_file() {
        return Err(io::Error::other("changed into a regular file while being opened; try again"));
    }
    #[cfg(unix)]
    {
        use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
        fcntl_setfl(&f, fcntl_getfl(&f)? - OFlags::NONBLOCK)?;
    }
    // No fsync: a pipe or device has nothing to make durable, and /dev/null refuses it.
    writer.write(&mut f, bytes)?;
    f.flush()
}
