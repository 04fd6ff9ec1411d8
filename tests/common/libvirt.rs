//! The Debian 13 root with libvirt 11.3 that the libvirt tests run virsh from
//! (`LIBVIRT_ROOT`, default `/var/tmp/libvirt-root`; `.ci/run` makes it with
//! debootstrap), and the skip-or-fail rule those tests share.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the Debian 13 root is: `LIBVIRT_ROOT`, else `/var/tmp/libvirt-root`.
pub fn root() -> PathBuf {
    std::env::var_os("LIBVIRT_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/libvirt-root"))
}

/// Whether the environment variable `var` is `1`, which turns skips into failures.
pub fn required(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| v == "1")
}

/// Skip `test` because `what` is missing: print why, or fail when `var` is `1`.
pub fn skip(var: &str, test: &str, what: &str) {
    assert!(!required(var), "{test}: {what}, and {var}=1");
    println!("skipped {test}: {what}");
}

/// The `<domain>…</domain>` part of virsh's output.
pub fn dumped(stdout: &str) -> Option<&str> {
    let start = stdout.find("<domain")?;
    let end = stdout.rfind("</domain>")? + "</domain>".len();
    Some(&stdout[start..end])
}

/// A name no other test of this run uses, for files and directories.
pub fn unique_name(label: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("libvirt-domain-{}-{n}-{label}", std::process::id())
}
