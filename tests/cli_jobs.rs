//! `libvirt-domain fmt`, `check` and `show` on `<domaincheckpoint>` and
//! `<domainbackup>` documents, chosen by their root element, run as a process.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_libvirt-domain");

const CHECKPOINT: &str = "<domaincheckpoint>
  <name>before-upgrade</name>
  <parent><name>c0</name></parent>
  <disks><disk name='vda' checkpoint='bitmap'/><disk name='vdb' checkpoint='no'/></disks>
</domaincheckpoint>";

const BACKUP: &str = "<domainbackup mode='pull'>
  <incremental>before-upgrade</incremental>
  <server transport='unix' socket='/run/backup.sock'/>
  <disks>
    <disk name='vda' type='file'><scratch file='/var/tmp/vda.scratch'/></disk>
    <disk name='vdb' backup='no'/>
  </disks>
</domainbackup>";

fn run(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start libvirt-domain");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for libvirt-domain")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// Writes `text` to a fresh file under cargo's scratch space.
fn file(name: &str, text: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_jobs");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the document");
    path.to_string_lossy().into_owned()
}

#[test]
fn fmt_writes_checkpoints_and_backups_in_libvirts_layout() {
    let out = run(&["fmt"], CHECKPOINT);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "<domaincheckpoint>\n  <name>before-upgrade</name>\n  <parent>\n    \
         <name>c0</name>\n  </parent>\n  <disks>\n    \
         <disk name='vda' checkpoint='bitmap'/>\n    <disk name='vdb' checkpoint='no'/>\n  \
         </disks>\n</domaincheckpoint>\n"
    );
    let out = run(&["fmt"], BACKUP);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = stdout(&out);
    assert!(
        written.starts_with("<domainbackup mode='pull'>\n  <incremental>"),
        "{written}"
    );
    assert!(
        written.contains(
            "    <disk name='vda' type='file'>\n      <scratch file='/var/tmp/vda.scratch'/>"
        ),
        "{written}"
    );
    let out = run(&["fmt", "--output", "json"], BACKUP);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"socket\": \"/run/backup.sock\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_validates_and_strict_lists_unmodelled_content() {
    let good = file("good-backup.xml", BACKUP);
    let checkpoint = file("checkpoint.xml", CHECKPOINT);
    let out = run(&["check", "--strict", &good, &checkpoint], "");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));

    let push_with_server = BACKUP.replace(" mode='pull'", "");
    let bad = file("bad-backup.xml", &push_with_server);
    let out = run(&["check", &bad], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{bad}: /domainbackup/server: ")),
        "{text}"
    );
    assert!(
        text.contains("/domainbackup/disks/disk[1]/scratch"),
        "{text}"
    );
    let out = run(&["check", "--no-validate", &bad], "");
    assert!(out.status.success(), "{}", stdout(&out));

    let unknown = file(
        "unknown.xml",
        "<domaincheckpoint>\n  <name>c1</name>\n  <colour>red</colour>\n</domaincheckpoint>",
    );
    let out = run(&["check", "--strict", &unknown], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!("{unknown}:3:3: unmodelled /domaincheckpoint/colour\n")
    );
}

#[test]
fn show_summarises_checkpoints_and_backups() {
    let out = run(&["show", "-"], CHECKPOINT);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("checkpoint:    before-upgrade\n"),
        "{text}"
    );
    assert!(text.contains("parent:        c0\n"), "{text}");
    assert!(
        text.contains("disks:         2\n  vda checkpoint=bitmap\n  vdb checkpoint=no\n"),
        "{text}"
    );

    // With --json, the document as the crate's plain JSON.
    let out = run(&["show", "--json", "-"], BACKUP);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = stdout(&out);
    assert!(json.contains("\"mode\": \"pull\""), "{json}");
    assert!(json.contains("\"transport\": \"unix\""), "{json}");
    assert!(
        json.contains("\"file\": \"/var/tmp/vda.scratch\""),
        "{json}"
    );

    let out = run(&["show", "-"], BACKUP);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("mode:        pull\n"), "{text}");
    assert!(
        text.contains("server:      unix address=/run/backup.sock\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  vda backup=true type=file path=/var/tmp/vda.scratch\n  vdb backup=false\n"
        ),
        "{text}"
    );
}
