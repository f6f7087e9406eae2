//! A terminal that goes away (an SSH connection dropping) ends aira cleanly: no busy loop, no
//! panic from printing to a dead terminal. Python's pty module closes the master side for real,
//! which the pty crate cannot do while its reader thread holds a copy.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

const SCRIPT: &str = r#"
import fcntl, os, pty, select, struct, sys, termios, time
binary, home = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.environ["XDG_DATA_HOME"] = home + "/data"
    os.environ["XDG_CONFIG_HOME"] = home + "/config"
    os.execv(binary, ["aira"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
# Generous: the suite runs this beside the fault harness on 2 cores. The exit gets its own
# deadline, so a slow first frame cannot eat the time the hang-up is judged by.
deadline = time.time() + 90
seen = b""
while b"of 1" not in seen and time.time() < deadline:
    if select.select([fd], [], [], 0.2)[0]:
        seen += os.read(fd, 65536)
os.close(fd)
deadline = time.time() + 30
while time.time() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("exit", os.waitstatus_to_exitcode(status))
        sys.exit(0)
    time.sleep(0.05)
os.kill(pid, 9)
print("still running after hang-up")
"#;

#[test]
fn hang_up_ends_aira_without_a_panic() {
    let Ok(probe) = Command::new("python3").arg("--version").output() else {
        eprintln!("skipped: python3 not found (it drives a real pty hang-up)");
        return;
    };
    assert!(probe.status.success());
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .args(["-c", SCRIPT, env!("CARGO_BIN_EXE_aira"), home.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim(), "exit 0", "stderr: {}", String::from_utf8_lossy(&out.stderr));
}
