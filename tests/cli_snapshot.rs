//! `fmt`, `check` and `show` on `<domainsnapshot>` documents, chosen by the root
//! element.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_libvirt-domain");

const SNAPSHOT: &str = "<domainsnapshot>\n  <name>pre</name>\n  <memory snapshot='no'/>\n  \
    <disks>\n    <disk name='vda' snapshot='external' type='file'>\n      \
    <driver type='qcow2'/>\n      <source file='/images/guest.pre'/>\n    </disk>\n    \
    <disk name='sda' snapshot='no'/>\n  </disks>\n</domainsnapshot>\n";

fn run(args: &[&str], input: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start libvirt-domain");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait for libvirt-domain")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

/// `text` written to a fresh file under cargo's scratch space.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_snapshot");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a file");
    path
}

#[test]
fn fmt_writes_a_snapshot_back_in_libvirts_layout() {
    let messy = SNAPSHOT.replace("\n  ", "\n").replace('\'', "\"");
    let out = run(&["fmt"], Some(&messy));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), SNAPSHOT);
}

#[test]
fn check_validates_a_snapshot_and_lists_its_unmodelled_content() {
    let good = file("good.xml", SNAPSHOT);
    let out = run(&["check", "--strict", good.to_str().unwrap()], None);
    assert!(out.status.success(), "{out:?}");

    let bad = file(
        "bad.xml",
        &SNAPSHOT
            .replace("type='qcow2'", "type='raw'")
            .replace("<name>", "<x-new/><name>"),
    );
    let shown = bad.to_str().unwrap();
    let out = run(&["check", shown], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{shown}: /domainsnapshot/disks/disk[1]/driver/@type: an external snapshot \
             overlay cannot be 'raw'; QEMU writes qcow2 (the default) or qed\n"
        )
    );
    let out = run(&["check", "--strict", "--no-validate", shown], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!("{shown}:2:3: unmodelled /domainsnapshot/x-new\n")
    );
}

#[test]
fn show_summarises_a_snapshot() {
    let out = run(&["show", "-"], Some(SNAPSHOT));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        "snapshot:  pre\nstate:     -\nmemory:    no\n\
         disk vda: external -> /images/guest.pre (qcow2)\ndisk sda: no\nunmodelled: 0\n"
    );
    let out = run(&["show", "--json", "-"], Some(SNAPSHOT));
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["name"], "pre");
    assert_eq!(
        json["disks"]["disk"][0]["source"]["file"]["file"],
        "/images/guest.pre"
    );
}

#[test]
fn a_domain_is_still_read_as_a_domain() {
    let out = run(&["fmt"], Some("<domain type='kvm'><name>g</name></domain>"));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        "<domain type='kvm'>\n  <name>g</name>\n</domain>\n"
    );
}
