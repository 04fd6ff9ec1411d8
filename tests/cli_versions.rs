//! `libvirt-domain check --libvirt` and the minimum release `show` prints, run as a
//! process.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::{Command, Output};

use libvirt_domain::{Domain, LibvirtVersion};

const BIN: &str = env!("CARGO_BIN_EXE_libvirt-domain");

/// A domain with one thing newer than libvirt 9.0 (the virtio sound model).
const VIRTIO_SOUND: &str = "<domain type='kvm'><name>v</name><memory unit='GiB'>1</memory>\
    <os><type arch='x86_64' machine='q35'>hvm</type></os>\
    <devices><sound model='virtio'/></devices></domain>";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run libvirt-domain")
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_versions");
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch file");
    path
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn check_libvirt_lists_what_the_target_lacks_and_fails() {
    let file = write_temp("virtio-sound.xml", VIRTIO_SOUND);
    let needed = Domain::from_xml(VIRTIO_SOUND)
        .unwrap()
        .min_libvirt_version();
    assert!(
        needed > LibvirtVersion::V9_0,
        "virtio sound is newer than 9.0"
    );

    let out = run(&["check", "--libvirt", "9.0", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert_eq!(
        text,
        format!(
            "{}: /domain/devices/sound/@model: needs libvirt {needed} for \"virtio\" (Sound devices)\n",
            file.display()
        )
    );

    // The release it needs, written either way, passes; so does a newer one.
    for target in [
        needed.to_string(),
        format!("{needed}.0"),
        "11.3.0".to_owned(),
    ] {
        let out = run(&["check", "--libvirt", &target, file.to_str().unwrap()]);
        assert!(out.status.success(), "{target}: {}", stdout(&out));
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
}

#[test]
fn check_libvirt_composes_with_the_other_checks() {
    // Two disks on vda: validation fails, and the version check still reports.
    let doc = VIRTIO_SOUND.replace(
        "<sound",
        "<disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/></disk>\
         <disk type='file' device='disk'><source file='/b'/><target dev='vda' bus='virtio'/></disk><sound",
    );
    let file = write_temp("two-problems.xml", &doc);
    let out = run(&["check", "--libvirt", "9.0", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("/domain/devices/disk[2]/target/@dev: "),
        "{text}"
    );
    assert!(
        text.contains("/domain/devices/sound/@model: needs libvirt"),
        "{text}"
    );
    let out = run(&[
        "check",
        "--no-validate",
        "--libvirt",
        "9.0",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
}

#[test]
fn check_libvirt_refuses_a_malformed_release() {
    let file = write_temp("virtio-sound-bad-target.xml", VIRTIO_SOUND);
    let out = run(&["check", "--libvirt", "nine", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("expected a libvirt version such as 9.0"),
        "{err}"
    );
}

#[test]
fn show_prints_the_minimum_release() {
    let file = write_temp("virtio-sound-show.xml", VIRTIO_SOUND);
    let needed = Domain::from_xml(VIRTIO_SOUND)
        .unwrap()
        .min_libvirt_version();
    let out = run(&["show", file.to_str().unwrap()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(&format!("\nlibvirt:    {needed} or newer\n")),
        "{text}"
    );
    let out = run(&["show", "--json", file.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["libvirt"], needed.to_string());
}

#[test]
fn new_builds_for_a_release_or_says_what_it_lacks() {
    let out = run(&["new", "--preset", "linux", "--libvirt", "9.0"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let domain = Domain::from_xml(&stdout(&out)).unwrap();
    domain.check_libvirt(LibvirtVersion::V9_0).unwrap();

    // libvirt 7.0 has no virtio IOMMU and nothing replaces it: every problem, exit 2.
    let out = run(&["new", "--preset", "linux", "--libvirt", "7.0"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/domain/devices/iommu/@model: needs libvirt"),
        "{err}"
    );
}
