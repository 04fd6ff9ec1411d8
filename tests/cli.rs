//! The `libvirt-domain` command line, run as a process.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_libvirt-domain");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run libvirt-domain")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
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

/// A fresh, empty directory under cargo's scratch space for integration tests.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn assert_equivalent(original: &str, output: &str) {
    let diffs = common::differences(original, output);
    assert!(diffs.is_empty(), "{diffs:?}\n{output}");
}

#[test]
fn fmt_reads_stdin_and_writes_stdout() {
    let input = read(&fixture("minimal.xml"));
    let out = run_with_stdin(&["fmt"], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let written = stdout(&out);
    assert!(written.starts_with("<domain type='kvm'>"), "{written}");
    assert!(written.ends_with("</domain>\n"), "{written}");
    assert_equivalent(&input, &written);
}

#[test]
fn fmt_reports_malformed_stdin() {
    let out = run_with_stdin(&["fmt"], "<domain>");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).starts_with("<stdin>: "), "{}", stderr(&out));
}

#[test]
fn fmt_prints_several_files_to_stdout() {
    let a = fixture("minimal.xml");
    let b = fixture("unknown-attribute.xml");
    let out = run(&["fmt", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = stdout(&out);
    assert_eq!(written.matches("<domain ").count(), 2, "{written}");
    // The unknown attribute is kept.
    assert!(written.contains("colour='blue'"), "{written}");
}

#[test]
fn fmt_out_dir_keeps_going_past_a_bad_file() {
    let dir = scratch_dir("fmt-out-dir");
    let good = fixture("minimal.xml");
    let bad = fixture("malformed.xml");
    let out = run(&[
        "fmt",
        "--out-dir",
        dir.to_str().unwrap(),
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let errors = stderr(&out);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 1, "{errors}");
    assert!(
        lines[0].starts_with(&format!("{}: ", bad.display())),
        "{errors}"
    );
    assert!(lines[0].contains("line 3"), "{errors}");
    assert_equivalent(&read(&good), &read(&dir.join("minimal.xml")));
    assert!(!dir.join("malformed.xml").exists());
}

#[test]
fn check_strict_lists_unmodelled_content() {
    let file = fixture("unknown-attribute.xml");
    let out = run(&["check", "--strict", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{}:3:22: unmodelled /domain/memory/@colour\n",
            file.display()
        )
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn check_without_strict_accepts_unmodelled_content() {
    let file = fixture("unknown-attribute.xml");
    let out = run(&["check", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn check_strict_passes_a_fully_modelled_document() {
    let file = fixture("minimal.xml");
    let out = run(&["check", "--strict", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn check_reports_each_failing_file() {
    let good = fixture("minimal.xml");
    let bad = fixture("malformed.xml");
    let missing = fixture("no-such-file.xml");
    let out = run(&[
        "check",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let errors = stderr(&out);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].starts_with(&format!("{}: ", bad.display())),
        "{errors}"
    );
    assert!(
        lines[1].starts_with(&format!("{}: ", missing.display())),
        "{errors}"
    );
}

#[test]
fn every_subcommand_help_shows_an_example() {
    for sub in ["new", "show", "fmt", "check"] {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}: {}", stderr(&out));
        let help = stdout(&out);
        assert!(
            help.contains(&format!("Examples:\n  libvirt-domain {sub} ")),
            "{sub}: {help}"
        );
    }
}

#[test]
fn new_prints_phyllome_defaults_that_parse_strictly() {
    let out = run(&["new", "--name", "phyllome"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = stdout(&out);
    let domain = libvirt_domain::Domain::from_xml_strict(&xml).expect("strict parse");
    assert_eq!(domain.name.as_deref(), Some("phyllome"));
    for needle in [
        "<domain type='kvm'>",
        "<memory unit='GiB'>4</memory>",
        "<currentMemory unit='GiB'>1</currentMemory>",
        "<source type='memfd'/>",
        "<access mode='shared'/>",
        "<os firmware='efi'>",
        "<type arch='x86_64' machine='q35'>hvm</type>",
        "<emulator>/usr/bin/qemu-system-x86_64</emulator>",
        "<input type='keyboard' bus='virtio'/>",
        "<memballoon model='virtio-non-transitional'/>",
    ] {
        assert!(xml.contains(needle), "missing {needle} in\n{xml}");
    }
    assert!(
        !xml.contains("qemu:"),
        "no qemu namespace unless asked:\n{xml}"
    );
}

#[test]
fn new_takes_the_everyday_options() {
    let out = run(&[
        "new",
        "--name",
        "desk",
        "--preset",
        "linux",
        "--session",
        "--memory",
        "8GiB",
        "--current-memory",
        "2048MiB",
        "--disk",
        "/images/desk.qcow2",
        "--cdrom",
        "/isos/fedora.iso",
        "--network",
        "bridge:br0",
        "--share",
        "/srv/share:share",
        "--qemu-arg",
        "-device",
        "--qemu-arg",
        "ipmi-bmc-sim,id=bmc0",
        "--uuid",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = stdout(&out);
    for needle in [
        "<memory unit='GiB'>8</memory>",
        "<currentMemory unit='GiB'>2</currentMemory>",
        "<source file='/images/desk.qcow2'/>",
        "<driver name='qemu' type='qcow2'/>",
        "<source file='/isos/fedora.iso'/>",
        "<source bridge='br0'/>",
        "<source dir='/srv/share'/>",
        "<target dir='share'/>",
        "<qemu:arg value='-device'/>",
        "<uuid>",
    ] {
        assert!(xml.contains(needle), "missing {needle} in\n{xml}");
    }
}

#[test]
fn new_refuses_invalid_combinations_with_status_2() {
    let out = run(&[
        "new",
        "--name",
        "a/b",
        "--memory",
        "1GiB",
        "--current-memory",
        "2GiB",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("/domain/name"), "{err}");
    assert!(err.contains("/domain/currentMemory"), "{err}");
    let out = run(&["new", "--memory", "4XB"]);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2 too");
}

#[test]
fn show_summarizes_for_people_and_as_json() {
    let out = run(&["show", fixture("minimal.xml").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("name:"), "{text}");
    assert!(text.contains("unmodelled: 0"), "{text}");
    let out = run(&[
        "show",
        "--json",
        fixture("unknown-attribute.xml").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["unmodelled"], 1);
    let out = run_with_stdin(&["show", "-"], &read(&fixture("minimal.xml")));
    assert!(out.status.success(), "{}", stderr(&out));
}

const DOMCAPS: &str = "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch>\
    <devices><tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum></tpm>\
    </devices></domainCapabilities>";

#[test]
fn check_domcaps_reports_host_problems() {
    let dir = scratch_dir("check_domcaps");
    let caps = dir.join("domcaps.xml");
    std::fs::write(&caps, DOMCAPS).unwrap();
    let guest = dir.join("guest.xml");
    std::fs::write(
        &guest,
        "<domain type='kvm'><name>g</name><devices><tpm model='tpm-tis'/></devices></domain>",
    )
    .unwrap();
    let good = dir.join("good.xml");
    std::fs::write(
        &good,
        "<domain type='kvm'><name>g</name><devices><tpm model='tpm-crb'/></devices></domain>",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--no-validate",
        "--domcaps",
        caps.to_str().unwrap(),
        guest.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [format!(
            "{}: /domain/devices/tpm/@model: TPM model 'tpm-tis' is not supported by this host (it offers: tpm-crb)",
            guest.display()
        )]
    );
    let ok = run(&[
        "check",
        "--no-validate",
        "--domcaps",
        caps.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn fmt_and_check_read_capabilities_documents() {
    let out = run_with_stdin(&["fmt"], DOMCAPS);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_equivalent(DOMCAPS, &stdout(&out));
    let dir = scratch_dir("check_caps");
    let caps = dir.join("caps.xml");
    std::fs::write(
        &caps,
        "<capabilities><host><cpu><arch>x86_64</arch><bogus/></cpu></host></capabilities>",
    )
    .unwrap();
    let out = run(&["check", "--strict", "--caps", caps.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("unmodelled /capabilities/host/cpu/bogus"),
        "{}",
        stdout(&out)
    );
    let domain = dir.join("domain.xml");
    std::fs::write(&domain, "<domain type='kvm'><name>g</name></domain>").unwrap();
    let wrong = run(&["check", "--caps", domain.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("--caps expects a <capabilities> document"));
}

#[test]
fn check_caps_reports_what_the_host_lacks() {
    let dir = scratch_dir("check_host_caps");
    let caps = dir.join("caps.xml");
    std::fs::write(
        &caps,
        "<capabilities><host><cpu><arch>x86_64</arch></cpu></host><guest><os_type>hvm</os_type>\
         <arch name='x86_64'><wordsize>64</wordsize><machine>pc-q35-10.0</machine>\
         <domain type='kvm'/></arch></guest></capabilities>",
    )
    .unwrap();
    let guest = dir.join("guest.xml");
    std::fs::write(
        &guest,
        "<domain type='kvm'><name>g</name><os><type machine='pc-q35-2.0'>hvm</type></os></domain>",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--no-validate",
        "--caps",
        caps.to_str().unwrap(),
        guest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{}: /domain/os/type/@machine: the host's emulator for 'x86_64' has no machine type 'pc-q35-2.0'\n",
            guest.display()
        )
    );
}

#[test]
fn fmt_writes_json_and_reads_it_back_as_the_same_xml() {
    let file = fixture("unknown-attribute.xml");
    let out = run(&["fmt", "--output", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = stdout(&out);
    assert!(json.trim_start().starts_with('{'), "{json}");
    assert!(!json.contains("null") && !json.contains("\"@") && !json.contains("\"$"));

    // JSON in (detected by its first character, leading space allowed), XML out.
    let xml = run_with_stdin(&["fmt"], &format!("\n  {json}"));
    assert_eq!(xml.status.code(), Some(0), "{}", stderr(&xml));
    let direct = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(stdout(&xml), stdout(&direct));
    assert_equivalent(&read(&file), &stdout(&xml));
}

#[test]
fn fmt_out_dir_names_json_output_after_its_format() {
    let dir = scratch_dir("fmt-out-dir-json");
    let good = fixture("minimal.xml");
    let out = run(&[
        "fmt",
        "--output",
        "json",
        "--out-dir",
        dir.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = read(&dir.join("minimal.json"));
    let back = libvirt_domain::Domain::from_json(&json).expect("fmt wrote plain JSON");
    let original = libvirt_domain::Domain::from_xml(&read(&good)).unwrap();
    assert_eq!(back, original);
}

#[test]
fn fmt_reports_malformed_json_with_its_place() {
    let out = run_with_stdin(&["fmt"], "{\n  \"name\": ");
    assert_eq!(out.status.code(), Some(1));
    let errors = stderr(&out);
    assert!(
        errors.starts_with("<stdin>: line 2, column 10: malformed JSON"),
        "{errors}"
    );
}

/// A domain with two disks on target `vda` and two interfaces with one MAC address.
const TWO_VDA: &str = "<domain type='kvm'>
  <name>twice</name>
  <memory unit='MiB'>512</memory>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/a.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/b.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='user'><mac address='52:54:00:00:00:01'/></interface>
    <interface type='user'><mac address='52:54:00:00:00:01'/></interface>
  </devices>
</domain>
";

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("libvirt-domain-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a temporary file");
    path
}

#[test]
fn check_validates_and_names_both_disks() {
    let file = write_temp("two-vda.xml", TWO_VDA);
    let shown = file.display();
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    let line = text.lines().next().unwrap();
    assert!(
        line.starts_with(&format!("{shown}: /domain/devices/disk[2]/target/@dev: ")),
        "{text}"
    );
    assert!(line.contains("/domain/devices/disk[1]"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let out = run(&["check", "--no-validate", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn check_prints_warnings_on_request_without_failing() {
    // The same domain with its second disk on vdb: valid, with one warning.
    let fixed = TWO_VDA
        .replacen("dev='vda'", "dev='vdb'", 2)
        .replacen("dev='vdb'", "dev='vda'", 1);
    let file = write_temp("same-mac.xml", &fixed);
    let out = run(&["check", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let out = run(&["check", "--warnings", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [format!(
            "{}: /domain/devices/interface[2]/mac/@address: warning: \"52:54:00:00:00:01\" is \
             already used by /domain/devices/interface[1]; give each interface its own MAC",
            file.display()
        )]
    );
}

#[test]
fn new_takes_several_isos_relative_paths_and_disk_options() {
    let dir = std::env::temp_dir();
    let out = Command::new(BIN)
        .current_dir(&dir)
        .args([
            "new",
            "--memory",
            "8192",
            "--disk",
            "win.raw,bus=sata,format=qcow2",
            "--cdrom",
            "a.iso",
            "--cdrom",
            "b.iso",
        ])
        .output()
        .expect("run libvirt-domain");
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = stdout(&out);
    let base = std::path::absolute(&dir).unwrap();
    for (needle, count) in [
        (
            format!("<source file='{}'/>", base.join("a.iso").display()),
            1,
        ),
        (
            format!("<source file='{}'/>", base.join("b.iso").display()),
            1,
        ),
        (
            format!("<source file='{}'/>", base.join("win.raw").display()),
            1,
        ),
        ("<driver name='qemu' type='qcow2'/>".to_owned(), 1),
        ("device='cdrom'".to_owned(), 2),
        ("bus='sata'".to_owned(), 3),
    ] {
        assert_eq!(xml.matches(&needle).count(), count, "{needle} in\n{xml}");
    }
    // A number without a unit is MiB: 8192 MiB = 8 GiB.
    assert!(xml.contains("<memory unit='GiB'>8</memory>"), "{xml}");
    let out = run(&["new", "--disk", "a.qcow2,bus=virtoi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown bus"), "{}", stderr(&out));
    let help = stdout(&run(&["new", "--help"]));
    assert!(
        help.contains("without a") && help.contains("unit means MiB"),
        "{help}"
    );
}

#[test]
fn show_takes_several_files() {
    let a = fixture("minimal.xml");
    let b = fixture("unknown-attribute.xml");
    let out = run(&["show", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("name:").count(), 2, "{text}");
    assert!(text.contains(&format!("==> {} <==", b.display())), "{text}");
    let out = run(&["show", a.to_str().unwrap(), "/nonexistent.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("name:"));
    assert!(stderr(&out).contains("/nonexistent.xml"));
}
