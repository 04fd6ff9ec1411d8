//! `libvirt-domain diff`, run as a process: exit 0 when equal (applied), 1 when
//! different (drifted), 2 on error; `--json`.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_libvirt-domain");

const OLD: &str = "<domain type='kvm'>
  <name>web</name>
  <memory unit='KiB'>4194304</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/images/web.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>";

/// The same domain, reordered and in other units.
const SAME: &str = "<domain type='kvm'>
  <name>web</name>
  <memory unit='GiB'>4</memory>
  <os><type machine='q35' arch='x86_64'>hvm</type></os>
  <devices>
    <disk device='disk' type='file'>
      <target bus='virtio' dev='vda'/>
      <source file='/images/web.qcow2'/>
    </disk>
  </devices>
</domain>";

/// Memory doubled and the disk's image changed.
const NEW: &str = "<domain type='kvm'>
  <name>web</name>
  <memory unit='GiB'>8</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/images/web2.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>";

/// What libvirt gives back for `OLD`: KiB, a versioned machine, an address.
const LIVE: &str = "<domain type='kvm' id='4'>
  <name>web</name>
  <memory unit='KiB'>4194304</memory>
  <os><type arch='x86_64' machine='pc-q35-10.0'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/images/web.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <controller type='usb' index='0' model='qemu-xhci'/>
  </devices>
</domain>";

fn files(name: &str, docs: &[(&str, &str)]) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    docs.iter()
        .map(|(file, text)| {
            let path = dir.join(file);
            std::fs::write(&path, text).expect("write fixture");
            path
        })
        .collect()
}

fn run(args: &[&Path]) -> Output {
    Command::new(BIN)
        .arg("diff")
        .args(args)
        .output()
        .expect("run libvirt-domain")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn equal_domains_exit_0_and_print_nothing() {
    let f = files("diff-equal", &[("a.xml", OLD), ("b.xml", SAME)]);
    let out = run(&[&f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn changes_print_one_per_line_and_exit_1() {
    let f = files("diff-changed", &[("a.xml", OLD), ("b.xml", NEW)]);
    let out = run(&[&f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "~ /domain/memory: \"4 GiB\" → \"8 GiB\"\n\
         ~ /domain/devices/disk[dev=vda]/source/@file: \"/images/web.qcow2\" → \"/images/web2.qcow2\"\n"
    );
}

#[test]
fn json_lists_path_kind_old_and_new() {
    let f = files("diff-json", &[("a.xml", OLD), ("b.xml", NEW)]);
    let out = run(&[Path::new("--json"), &f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let changes = json["changes"].as_array().expect("a list of changes");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["path"], "/domain/memory");
    assert_eq!(changes[0]["kind"], "changed");
    assert_eq!(changes[0]["old"], "4 GiB");
    assert_eq!(changes[0]["new"], "8 GiB");
}

#[test]
fn applied_exits_0_when_libvirt_kept_the_definition() {
    let f = files("diff-applied", &[("desired.xml", OLD), ("live.xml", LIVE)]);
    let out = run(&[Path::new("--applied"), &f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Plain diff sees libvirt's additions.
    let out = run(&[&f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("~ /domain/os/type/@machine: \"q35\" → \"pc-q35-10.0\""));
}

#[test]
fn applied_exits_1_with_the_drifted_paths() {
    let f = files("diff-drift", &[("desired.xml", NEW), ("live.xml", LIVE)]);
    let out = run(&[Path::new("--applied"), &f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "~ /domain/memory: \"8 GiB\" → \"4 GiB\"\n\
         ~ /domain/devices/disk[dev=vda]/source/@file: \"/images/web2.qcow2\" → \"/images/web.qcow2\"\n"
    );
}

#[test]
fn errors_exit_2() {
    let f = files(
        "diff-error",
        &[("a.xml", OLD), ("bad.xml", "<domain><name>")],
    );
    let out = run(&[&f[0], &f[1]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.xml"));
    let out = run(&[&f[0], Path::new("/nonexistent/x.xml")]);
    assert_eq!(out.status.code(), Some(2));
}
