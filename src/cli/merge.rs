//! `aira merge SOURCE...`: see workspace::merge.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

pub fn run(_dir: &Path, _sources: &[PathBuf]) -> Result<i32> {
    bail!("aira merge is not written yet")
}
