//! Runs a command and reports its wall time and its own peak resident memory (from `wait4`,
//! so earlier children do not count).

use std::process::{Command, Output, Stdio};
use std::time::Instant;

/// What one run of a command took.
pub struct Measured {
    pub output: Output,
    pub seconds: f64,
    /// Peak resident set size of the process (and the children it waited for), in MiB.
    pub peak_mib: f64,
}

/// Runs `cmd` to completion, capturing stdout and stderr.
// The child is reaped with wait4 (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub fn run(cmd: &mut Command) -> Measured {
    use std::io::Read;
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start command");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).ok();
        v
    });
    let mut status = 0;
    // SAFETY: wait4 fills the status and rusage we own for a child we spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    let seconds = started.elapsed().as_secs_f64();
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    use std::os::unix::process::ExitStatusExt;
    Measured {
        output: Output {
            status: std::process::ExitStatus::from_raw(status),
            stdout,
            stderr,
        },
        seconds,
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// Bytes in a folder and everything below it.
#[allow(dead_code)]
pub fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.map(|e| {
                let e = e.unwrap();
                let md = e.metadata().unwrap();
                if md.is_dir() {
                    dir_size(&e.path())
                } else {
                    md.len()
                }
            })
            .sum()
        })
        .unwrap_or(0)
}

/// The value after `name` among the arguments.
#[allow(dead_code)]
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
