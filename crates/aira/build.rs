//! Link the `aira` binary as a fixed-address (non-PIE) executable.
//!
//! Why: typst and its fonts made the binary about 70 MB, and as a position-independent
//! executable it carried some 400,000 relative relocations that the dynamic loader applied on
//! every start, before `main`, touching (and so dirtying) every page of pointer tables: a
//! visible share of the first frame and of peak RSS (BENCHMARKS.md, issue 15). A non-PIE
//! binary has those addresses fixed at link time. The code itself is unchanged (still compiled
//! position-independent), so this is a link option only, for the binary only: the library,
//! tests and examples link as before.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
