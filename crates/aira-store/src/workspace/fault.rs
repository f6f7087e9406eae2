//! A `Writer` that fails at the n-th fault point, for crash and full-disk testing (the fault
//! harness in tests/e2e/fault_harness.rs, and the store's own tests). Every step of a save is a
//! fault point; the chosen one fails with ENOSPC, EIO, a short write, or a simulated crash
//! after which the writer does nothing at all, as if the process had been killed there.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::atomic::{Disk, Writer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// ENOSPC: the disk is full.
    NoSpace,
    /// EIO: the device failed.
    Io,
    /// Half the bytes are written, then ENOSPC (at a non-write point: plain ENOSPC).
    Short,
    /// The process dies here: a write lands half its bytes, nothing after this does anything.
    Crash,
}

impl Fault {
    pub const ALL: [Fault; 4] = [Fault::NoSpace, Fault::Io, Fault::Short, Fault::Crash];
}

/// Fails fault point number `at` (1-based) with `fault`; `at == 0` never fails (to count).
#[derive(Debug)]
pub struct FaultWriter {
    at: usize,
    fault: Fault,
    seen: AtomicUsize,
    dead: AtomicBool,
    /// Every point reached, in order (`write answers/default.toml`, …), for messages.
    pub log: Mutex<Vec<String>>,
}

impl FaultWriter {
    pub fn new(at: usize, fault: Fault) -> FaultWriter {
        FaultWriter { at, fault, seen: AtomicUsize::new(0), dead: AtomicBool::new(false), log: Mutex::new(Vec::new()) }
    }

    /// A writer that never fails: run an operation with it to count its fault points.
    pub fn counting() -> FaultWriter {
        FaultWriter::new(0, Fault::NoSpace)
    }

    /// How many fault points were reached.
    pub fn points(&self) -> usize {
        self.seen.load(Ordering::SeqCst)
    }

    /// Whether the simulated crash happened (everything since did nothing).
    pub fn crashed(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }

    /// Whether the chosen fault was injected.
    pub fn fired(&self) -> bool {
        self.at != 0 && self.points() >= self.at
    }

    /// One fault point: `None` to go ahead, or the fault to inject (Crash already recorded).
    fn point(&self, what: &str, path: Option<&Path>) -> Result<(), Option<Fault>> {
        if self.dead.load(Ordering::SeqCst) {
            return Err(None);
        }
        let n = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        if let Ok(mut log) = self.log.lock() {
            log.push(format!("{what} {}", path.map(|p| p.display().to_string()).unwrap_or_default()));
        }
        if n != self.at {
            return Ok(());
        }
        if self.fault == Fault::Crash {
            self.dead.store(true, Ordering::SeqCst);
        }
        Err(Some(self.fault))
    }

    fn guard(&self, what: &str, path: Option<&Path>) -> io::Result<()> {
        match self.point(what, path) {
            Ok(()) => Ok(()),
            Err(f) => Err(error(f)),
        }
    }
}

/// The error a fault shows as (`None`: the process is dead; nothing should see this).
fn error(f: Option<Fault>) -> io::Error {
    match f {
        Some(Fault::NoSpace | Fault::Short) => io::Error::new(io::ErrorKind::StorageFull, "No space left on device"),
        Some(Fault::Io) => io::Error::other("Input/output error"),
        Some(Fault::Crash) | None => io::Error::other("simulated crash: the process is dead"),
    }
}

impl Writer for FaultWriter {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        self.guard("create", Some(path))?;
        Disk.create_new(path)
    }
    fn open_append(&self, path: &Path) -> io::Result<File> {
        self.guard("open", Some(path))?;
        Disk.open_append(path)
    }
    fn open_through(&self, path: &Path) -> io::Result<File> {
        self.guard("open", Some(path))?;
        Disk.open_through(path)
    }
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        match self.point("write", None) {
            Ok(()) => Disk.write(file, bytes),
            Err(f @ Some(Fault::Short | Fault::Crash)) => {
                // A torn write: what a full disk or a kill mid-write leaves.
                let _ = Disk.write(file, &bytes[..bytes.len() / 2]);
                Err(error(f))
            }
            Err(f) => Err(error(f)),
        }
    }
    fn fsync(&self, file: &File) -> io::Result<()> {
        self.guard("fsync", None)?;
        Disk.fsync(file)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.guard("rename", Some(to))?;
        Disk.rename(from, to)
    }
    fn truncate(&self, file: &File, len: u64) -> io::Result<()> {
        self.guard("truncate", None)?;
        Disk.truncate(file, len)
    }
    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        self.guard("fsync-dir", Some(path))?;
        Disk.sync_dir(path)
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        self.guard("remove", Some(path))?;
        Disk.remove(path)
    }
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        // Present already: nothing to do, so no point at which to fail.
        if path.is_dir() && !self.crashed() {
            return Ok(());
        }
        self.guard("mkdir", Some(path))?;
        Disk.create_dir(path)
    }
    fn link(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.guard("link", Some(to))?;
        Disk.link(from, to)
    }
}
