//! libvirt 11.3's real QEMU driver accepts and runs what the builder writes.
//!
//! The driver runs embedded in `virsh` (`qemu:///embed?root=DIR`, no daemon) inside
//! the Debian 13 root the oracle test uses (`LIBVIRT_ROOT`, see `.ci/run`, which also
//! installs `libvirt-daemon-driver-qemu`, QEMU 10.0, OVMF, swtpm, passt and virtiofsd
//! there and adds the user `libvirt-ci`). Each test gets its own embedded root under
//! the Debian root's `/tmp`, with `stdio_handler = "file"` in its `qemu.conf` so no
//! log daemon is needed. virsh runs:
//!
//! - in a private mount and PID namespace whose root is the Debian root (entered with
//!   `pivot_root`, not `chroot`: passt cannot sandbox itself inside a `chroot`);
//!   everything the driver starts dies with that namespace;
//! - as `libvirt-ci` in a user namespace that maps it to the caller (root): an
//!   unprivileged driver needs no `libvirt-qemu` user and runs QEMU, swtpm, passt and
//!   virtiofsd as itself.
//!
//! What is checked:
//!
//! - every preset (Linux and Windows, session and system, Windows with Secure Boot
//!   off), the plain build and a build with QEMU arguments are **defined** by the
//!   driver, and the XML it writes back parses with `Domain::from_xml_strict` and
//!   keeps name, memory, vCPUs, devices and firmware request
//!   (`every_build_is_defined_by_the_qemu_driver`);
//! - the plain build and the Linux session preset (OpenGL and 3D off: CI has no GPU;
//!   its share pointed at a temporary directory) **start** under software emulation
//!   (`type='qemu'`: a nested `/dev/kvm` cannot run OVMF), reach `running`, and are
//!   destroyed;
//! - the external disk-only snapshot `DomainSnapshot::external_disks` builds is taken
//!   from the running plain build with a disk (`snapshot-create --disk-only`), and
//!   the snapshot libvirt gives back parses strictly and validates;
//! - `virsh domcapabilities` for q35 under KVM and TCG matches the fixtures in
//!   `tests/fixtures/domcaps/` in the parts that describe this QEMU and firmware;
//!   `WRITE_DOMCAPS=1` rewrites the fixtures from this environment.
//!
//! Where the root or its QEMU packages are missing the tests say they were skipped
//! and pass, unless `REQUIRE_QEMU=1`, which makes them fail instead. Whatever a test
//! starts is gone when it ends, also when it fails (`Embed`'s `Drop`).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::libvirt::{dumped, unique_name};
use libvirt_domain::devices::Device;
use libvirt_domain::domain::DomainType;
use libvirt_domain::events::Pm;
use libvirt_domain::os::OsFirmware;
use libvirt_domain::values::YesNo;
use libvirt_domain::xml::Element;
use libvirt_domain::{Domain, OnOff, Preset};

/// The variable that turns skips into failures.
const REQUIRE: &str = "REQUIRE_QEMU";
/// The unprivileged user virsh runs as (`.ci/run` adds it to the root).
const USER: &str = "libvirt-ci";
/// The QEMU driver's module in the root.
const DRIVER: &str = "usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so";
/// Longest a virsh invocation may take before it is killed (a start takes 1–3 s).
const TIMEOUT: Duration = Duration::from_secs(180);
/// The domcapabilities fixtures, relative to the crate.
const DOMCAPS_DIR: &str = "tests/fixtures/domcaps";

/// Run as PID 1 of a new mount and PID namespace: make the Debian root (`$1`) the
/// namespace's `/` with `pivot_root`, then run virsh on the embedded root (`$2`) as
/// uid:gid `$3`:`$4` mapped to the caller. The shell stays PID 1 (no `exec`) and
/// reaps the processes QEMU orphans when it daemonises (virsh as PID 1 would not, and
/// waits for them forever); when the shell exits, the kernel kills whatever is left
/// in the namespace.
const ENTER: &str = r#"
root=$1 embed=$2 uid=$3 gid=$4
shift 4
mount --make-rprivate /
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
cd "$root"
pivot_root . mnt
umount -l /mnt
cd /
unshare --user --map-user="$uid" --map-group="$gid" -- \
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$embed/home" \
  XDG_RUNTIME_DIR="$embed/home/run" LC_ALL=C.UTF-8 \
  virsh -c "qemu:///embed?root=$embed" "$@"
"#;

/// An embedded QEMU driver root of one test, inside the Debian root. Dropping it kills
/// any process still using it and removes the directory.
struct Embed {
    /// The Debian root.
    root: PathBuf,
    /// The embedded root's path inside the Debian root (`/tmp/…`).
    dir: String,
    /// `libvirt-ci`'s uid and gid in the Debian root.
    ids: (u32, u32),
}

impl Embed {
    /// A fresh embedded root for `test` (named after `label`), or `None` (skipped)
    /// when the Debian root, its QEMU driver or the user are missing, or the caller
    /// is not root (mount namespaces need it).
    fn new(test: &str, label: &str) -> Option<Embed> {
        if !effective_root() {
            common::libvirt::skip(REQUIRE, test, "mount namespaces need root");
            return None;
        }
        let root = common::libvirt::root();
        if !root.join("usr/bin/virsh").is_file() || !root.join(DRIVER).is_file() {
            common::libvirt::skip(
                REQUIRE,
                test,
                &format!(
                    "no libvirt 11.3 root with the QEMU driver at {} (.ci/run makes it)",
                    root.display()
                ),
            );
            return None;
        }
        let Some(ids) = user_ids(&root) else {
            common::libvirt::skip(
                REQUIRE,
                test,
                &format!("no user {USER} in {}/etc/passwd", root.display()),
            );
            return None;
        };
        let embed = Embed {
            dir: format!("/tmp/{}", unique_name(label)),
            root,
            ids,
        };
        std::fs::create_dir_all(embed.host("home/run")).expect("create the embedded root");
        std::fs::create_dir_all(embed.host("etc")).expect("create the embedded root");
        std::fs::write(embed.host("etc/qemu.conf"), "stdio_handler = \"file\"\n")
            .expect("write qemu.conf");
        Some(embed)
    }

    /// Where `relative` (inside the embedded root) is on the host.
    fn host(&self, relative: &str) -> PathBuf {
        self.root
            .join(self.dir.trim_start_matches('/'))
            .join(relative)
    }

    /// Where `relative` (inside the embedded root) is inside the Debian root.
    fn inside(&self, relative: &str) -> String {
        format!("{}/{relative}", self.dir)
    }

    /// Write `text` to `relative` in the embedded root; its path inside the Debian root.
    fn write(&self, relative: &str, text: &str) -> String {
        std::fs::write(self.host(relative), text).expect("write into the embedded root");
        self.inside(relative)
    }

    /// Run virsh with `commands` (`;`-separated) on the embedded root. A run longer
    /// than [`TIMEOUT`] is killed with its namespace and fails.
    fn virsh(&self, commands: &str) -> Output {
        let child = Command::new("unshare")
            .args(["--mount", "--pid", "--fork", "--kill-child", "--", "sh"])
            .args(["-euc", ENTER, "sh"])
            .arg(&self.root)
            .arg(&self.dir)
            .arg(self.ids.0.to_string())
            .arg(self.ids.1.to_string())
            .arg(commands)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run unshare");
        wait_with_timeout(child, TIMEOUT)
            .unwrap_or_else(|| panic!("virsh did not finish within {TIMEOUT:?}: {commands}"))
    }

    /// The driver's logs (QEMU, swtpm, virtiofsd, passt), for failure messages.
    fn logs(&self) -> String {
        let mut logs = String::new();
        for kind in ["qemu", "swtpm"] {
            let Ok(entries) = std::fs::read_dir(self.host(&format!("log/{kind}"))) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                logs += &format!("--- {}\n{text}", entry.path().display());
            }
        }
        logs
    }

    /// Pids of processes whose command line names the embedded root.
    fn processes(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| {
                let pid = entry.file_name().into_string().ok()?;
                pid.parse::<u32>().ok()?;
                let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
                String::from_utf8_lossy(&cmdline)
                    .contains(&self.dir)
                    .then_some(pid)
            })
            .collect()
    }
}

impl Drop for Embed {
    fn drop(&mut self) {
        // The PID namespace ends with virsh; anything that escaped it is killed here.
        for pid in self.processes() {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
        }
        let _ = std::fs::remove_dir_all(self.host(""));
    }
}

/// Whether this process runs with effective uid 0 (`/proc/self/status`).
fn effective_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0")
}

/// `libvirt-ci`'s uid and gid from the root's `/etc/passwd`.
fn user_ids(root: &Path) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string(root.join("etc/passwd")).ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        match fields[..] {
            [name, _, uid, gid, ..] if name == USER => Some((uid.parse().ok()?, gid.parse().ok()?)),
            _ => None,
        }
    })
}

/// Wait for `child` at most `timeout`, reading its output meanwhile; `None` (after
/// killing it) when it takes longer.
fn wait_with_timeout(mut child: Child, timeout: Duration) -> Option<Output> {
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for virsh") {
            break status;
        }
        if Instant::now() > deadline {
            // unshare's child (the namespace's PID 1) gets SIGKILL with it.
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Some(Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    })
}

/// Whether this host offers KVM to the driver.
fn kvm() -> bool {
    Path::new("/dev/kvm").exists()
}

/// The builds every preset test defines, by label (`qemu-LABEL` is the domain name).
const BUILDS: [&str; 7] = [
    "plain",
    "linux-session",
    "linux-system",
    "windows-session",
    "windows-system",
    "windows10-system",
    "qemu-args",
];

fn build(label: &str) -> Domain {
    let builder = Domain::builder(format!("qemu-{label}"));
    let builder = match label {
        "plain" => builder,
        "linux-session" => builder.preset(Preset::Linux).session(),
        "linux-system" => builder.preset(Preset::Linux).system(),
        "windows-session" => builder.preset(Preset::Windows).session(),
        "windows-system" => builder.preset(Preset::Windows).system(),
        "windows10-system" => builder.preset(Preset::Windows).secure_boot(false),
        "qemu-args" => builder
            .qemu_arg("-device")
            .qemu_arg("ipmi-bmc-sim,id=bmc0")
            .qemu_env("QEMU_AUDIO_DRV", "none"),
        other => panic!("unknown build {other}"),
    };
    builder
        .build()
        .unwrap_or_else(|e| panic!("{label} does not build:\n{e}"))
}

/// Device element names other than controllers (which libvirt adds), sorted.
fn device_kinds(domain: &Domain) -> Vec<String> {
    let mut kinds: Vec<String> = domain
        .devices
        .iter()
        .flat_map(|ds| ds.devices.iter())
        .filter(|dev| !matches!(dev, Device::Controller(_)))
        .map(|dev| dev.element_name().to_owned())
        .collect();
    kinds.sort();
    kinds
}

/// The `<loader secure>` a domain asks for.
fn secure(domain: &Domain) -> Option<YesNo> {
    domain.os.as_ref()?.loader.as_ref()?.secure
}

/// Parse libvirt's `dumpxml` strictly and check it kept what `ours` asked for.
fn check_written_back(test: &str, ours: &Domain, dump: &str) -> Domain {
    let back = Domain::from_xml_strict(dump).unwrap_or_else(|e| {
        panic!("{test}: the QEMU driver's XML does not parse strictly: {e}\n{dump}")
    });
    assert_eq!(back.name, ours.name, "{test}: name");
    assert_eq!(back.kind, ours.kind, "{test}: domain type");
    let bytes = |d: &Domain| d.memory.as_ref().map(|m| m.bytes().expect("memory size"));
    assert_eq!(bytes(&back), bytes(ours), "{test}: memory");
    let count = |d: &Domain| d.vcpu.as_ref().map(|v| v.count);
    assert_eq!(count(&back), count(ours), "{test}: vCPUs");
    // Every device written is still there; the driver adds the ones q35 implies
    // (controllers, PS/2 inputs, the iTCO watchdog, an audio backend).
    let mut added = device_kinds(&back);
    for kind in device_kinds(ours) {
        let at = added.iter().position(|k| *k == kind);
        let at = at.unwrap_or_else(|| panic!("{test}: <{kind}> is missing\n{dump}"));
        added.remove(at);
    }
    let firmware = |d: &Domain| d.os.as_ref().and_then(|os| os.firmware.clone());
    assert_eq!(firmware(&back), Some(OsFirmware::Efi), "{test}: firmware");
    if secure(ours).is_some() {
        assert_eq!(secure(&back), secure(ours), "{test}: Secure Boot");
    }
    // And, as a whole, everything the build sets is in what libvirt kept.
    if let Err(drift) = ours.applied_in(&back) {
        panic!("{test}: libvirt did not keep the definition:\n{drift}\n{dump}");
    }
    back
}

/// Every build, defined by the QEMU driver in one virsh run; `dumpxml` of each
/// parses strictly and keeps what was asked for. Without `/dev/kvm` the builds are
/// defined as `type='qemu'` (the driver refuses `kvm` without KVM).
#[test]
fn every_build_is_defined_by_the_qemu_driver() {
    let test = "qemu define";
    let Some(embed) = Embed::new(test, "define") else {
        return;
    };
    let mut commands = String::new();
    let mut domains = Vec::new();
    for label in BUILDS {
        let mut domain = build(label);
        if !kvm() {
            domain.kind = DomainType::Qemu;
        }
        let file = embed.write(&format!("{label}.xml"), &domain.to_xml().expect("to_xml"));
        let name = domain.name.clone().expect("a name");
        commands += &format!("echo @@{label}; define {file}; dumpxml {name}; ");
        domains.push((label, domain));
    }
    // Phyllome's session files allow suspend to disk; the driver then wants a
    // firmware declaring `acpi-s4`, which OVMF's descriptors do not, so the session
    // preset turns it off (docs/presets.md). Checked here so the day a firmware
    // declares it shows.
    let mut s4 = build("linux-session");
    s4.name = Some("qemu-s4".into());
    s4.pm = Some(Pm::both(true));
    if !kvm() {
        s4.kind = DomainType::Qemu;
    }
    let file = embed.write("s4.xml", &s4.to_xml().expect("to_xml"));
    commands += &format!("echo @@s4; define {file}; dumpxml qemu-s4; echo @@end");
    if !kvm() {
        println!("{test}: no /dev/kvm, so every build is defined as type='qemu'");
    }
    let started = Instant::now();
    let output = embed.virsh(&commands);
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{test}: virsh fails\n{stderr}\n{stdout}"
    );
    let mut sections = stdout.split("@@").skip(1);
    for (label, domain) in &domains {
        let section = sections
            .next()
            .unwrap_or_else(|| panic!("{test}: no output for {label}\n{stderr}"));
        assert!(section.starts_with(label), "{test}: {label} out of order");
        let test = format!("{test} {label}");
        let dump =
            dumped(section).unwrap_or_else(|| panic!("{test}: not defined\n{stderr}\n{section}"));
        let back = check_written_back(&test, domain, dump);
        if *label == "plain" {
            // The plain build leaves Secure Boot to libvirt (docs/presets.md, which
            // says what Debian 13's firmware descriptors make it pick).
            let smm = back.features.as_ref().and_then(|f| f.smm.as_ref());
            assert_eq!(
                (secure(&back), smm.and_then(|smm| smm.state)),
                (Some(YesNo::Yes), Some(OnOff::On)),
                "{test}: libvirt no longer picks Secure Boot with SMM; update docs/presets.md"
            );
        }
    }
    let s4 = sections.next().expect("the suspend-to-disk section");
    assert!(
        s4.starts_with("s4") && dumped(s4).is_none(),
        "{test}: suspend to disk is accepted now; Phyllome's setting can come back\n{s4}"
    );
    assert!(
        stderr.contains("Unable to find 'efi' firmware that is compatible"),
        "{test}: suspend to disk is refused for another reason\n{stderr}"
    );
    println!(
        "{test}: {} builds defined by libvirt 11.3's QEMU driver in {elapsed:.2?}; \
         suspend to disk refused",
        domains.len()
    );
}

/// Define and start `domain` under software emulation, wait for `running`, read the
/// live XML back and destroy it, all in one virsh run.
fn start(test: &str, mut domain: Domain, embed: &Embed) {
    domain.kind = DomainType::Qemu;
    let name = domain.name.clone().expect("a name");
    let file = embed.write("domain.xml", &domain.to_xml().expect("to_xml"));
    let started = Instant::now();
    let output = embed.virsh(&format!(
        "define {file}; start {name}; echo @@state; domstate {name}; dumpxml {name}; \
         destroy {name}; echo @@after; domstate {name}"
    ));
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{test}: virsh fails\n{stderr}\n{stdout}\n{}",
        embed.logs()
    );
    let (before, after) = stdout
        .split_once("@@after")
        .unwrap_or_else(|| panic!("{test}: virsh stopped early\n{stderr}\n{stdout}"));
    let state = before.split_once("@@state").map(|(_, s)| s).unwrap_or("");
    assert_eq!(
        state.trim_start().lines().next(),
        Some("running"),
        "{test}: not running\n{stderr}\n{stdout}\n{}",
        embed.logs()
    );
    let live = dumped(state).unwrap_or_else(|| panic!("{test}: no live XML\n{stdout}"));
    let back = check_written_back(test, &domain, live);
    assert!(back.id.is_some(), "{test}: a running domain has an id");
    assert_eq!(
        after.trim_start().lines().next(),
        Some("shut off"),
        "{test}: still running after destroy\n{stdout}"
    );
    assert!(
        embed.processes().is_empty(),
        "{test}: processes left after virsh ended"
    );
    println!("{test}: defined, started (running), destroyed in {elapsed:.2?}");
}

/// The plain build starts under TCG with the firmware libvirt picks for it.
#[test]
fn plain_build_starts() {
    let test = "qemu start plain";
    let Some(embed) = Embed::new(test, "plain") else {
        return;
    };
    start(test, build("plain"), &embed);
}

/// The Linux session preset starts under TCG with OpenGL and 3D off (CI has no GPU)
/// and its share pointed at an empty directory.
#[test]
fn linux_session_preset_starts() {
    let test = "qemu start linux-session";
    let Some(embed) = Embed::new(test, "linux") else {
        return;
    };
    std::fs::create_dir_all(embed.host("share")).expect("create the share");
    let mut domain = Domain::builder("qemu-linux-session")
        .preset(Preset::Linux)
        .session()
        .share(embed.inside("share"), "share")
        .build()
        .expect("the Linux session preset builds");
    let devices = domain.devices.as_mut().expect("devices");
    let mut gl = 0;
    for graphics in devices.graphics_mut() {
        if let Some(g) = graphics.gl.as_mut() {
            g.enable = Some(YesNo::No);
            gl += 1;
        }
    }
    let mut accel = 0;
    for video in devices.videos_mut() {
        let model = video.model.as_mut().and_then(|m| m.acceleration.as_mut());
        if let Some(acceleration) = model {
            acceleration.accel3d = Some(YesNo::No);
            accel += 1;
        }
    }
    assert_eq!(
        (gl, accel),
        (1, 1),
        "the preset has OpenGL and 3D to turn off"
    );
    start(test, domain, &embed);
}

/// The parts of `virsh domcapabilities` that describe the emulator, machine, firmware
/// and devices (the host CPU and host features are left out: they follow the host).
const DOMCAPS_PARTS: [&str; 6] = ["path", "domain", "machine", "arch", "os", "devices"];

/// `virsh domcapabilities` for q35 under KVM (when `/dev/kvm` exists) and TCG matches
/// the fixtures `tests/fixtures/domcaps/qemu-VERSION-q35-{kvm,tcg}.xml` in
/// [`DOMCAPS_PARTS`]. `WRITE_DOMCAPS=1` writes the fixtures from this environment
/// instead (`WRITE_DOMCAPS=1 cargo test --test qemu_driver domcapabilities`).
#[test]
fn domcapabilities_match_the_fixtures() {
    let test = "qemu domcapabilities";
    let Some(embed) = Embed::new(test, "domcaps") else {
        return;
    };
    let write = common::libvirt::required("WRITE_DOMCAPS");
    let mut kinds = vec![("tcg", "qemu")];
    if kvm() {
        kinds.insert(0, ("kvm", "kvm"));
    } else {
        println!("{test}: no /dev/kvm, the KVM capabilities are not checked");
    }
    let mut commands = String::new();
    for (label, virttype) in &kinds {
        commands += &format!(
            "echo @@{label}; domcapabilities --virttype {virttype} --arch x86_64 \
             --machine q35 --emulatorbin /usr/bin/qemu-system-x86_64; "
        );
    }
    let output = embed.virsh(&commands);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (section, (label, _)) in stdout.split("@@").skip(1).zip(&kinds) {
        let test = format!("{test} {label}");
        let start = section.find("<domainCapabilities");
        let end = section.rfind("</domainCapabilities>");
        let (Some(start), Some(end)) = (start, end) else {
            panic!("{test}: no capabilities\n{stderr}\n{section}");
        };
        let caps = &section[start..end + "</domainCapabilities>".len()];
        let live = Element::parse(caps).expect("domcapabilities parse");
        let machine = part(&live, "machine").map(|m| m.text().into_owned());
        let machine = machine.unwrap_or_else(|| panic!("{test}: no <machine>"));
        let version = machine
            .strip_prefix("pc-q35-")
            .unwrap_or_else(|| panic!("{test}: machine {machine}"));
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(DOMCAPS_DIR)
            .join(format!("qemu-{version}-q35-{label}.xml"));
        if write {
            std::fs::create_dir_all(fixture.parent().expect("a directory")).expect("mkdir");
            std::fs::write(&fixture, format!("{caps}\n")).expect("write the fixture");
            println!("{test}: wrote {}", fixture.display());
            continue;
        }
        let saved = std::fs::read_to_string(&fixture).unwrap_or_else(|e| {
            panic!(
                "{test}: {} ({e}); write it with WRITE_DOMCAPS=1",
                fixture.display()
            )
        });
        let saved = Element::parse(&saved).expect("the fixture parses");
        for name in DOMCAPS_PARTS {
            let (Some(ours), Some(theirs)) = (part(&saved, name), part(&live, name)) else {
                panic!("{test}: <{name}> is missing");
            };
            let differences = common::element_differences(ours, theirs);
            assert!(
                differences.is_empty(),
                "{test}: <{name}> differs from {} (WRITE_DOMCAPS=1 rewrites it):\n{}",
                fixture.display(),
                differences.join("\n")
            );
        }
        println!("{test}: matches {}", fixture.display());
    }
    assert_eq!(
        stdout.matches("@@").count(),
        kinds.len(),
        "{test}: sections\n{stdout}"
    );
}

/// The child element `name` of `element`.
fn part<'a>(element: &'a Element, name: &str) -> Option<&'a Element> {
    element.elements().find(|e| e.name.local == name)
}

/// The external disk-only snapshot `DomainSnapshot::external_disks` builds is taken by
/// the QEMU driver from a running domain (`snapshot-create DOMAIN FILE --disk-only`;
/// the root has no `qemu-img`, which an inactive domain's external snapshot needs,
/// while a running one has QEMU write the overlay): the snapshot libvirt gives back
/// parses strictly and validates, and the disk now writes to the overlay.
#[test]
fn external_disk_snapshot_is_taken_from_a_running_domain() {
    use libvirt_domain::devices::DiskSnapshot;
    use libvirt_domain::snapshot::SnapshotState;
    use libvirt_domain::DomainSnapshot;

    let test = "qemu external snapshot";
    let Some(embed) = Embed::new(test, "snapshot") else {
        return;
    };
    // A raw image is a sparse file (no qemu-img in the root); QEMU makes the overlay.
    std::fs::create_dir_all(embed.host("images")).expect("create the image folder");
    std::fs::File::create(embed.host("images/guest.raw"))
        .and_then(|f| f.set_len(64 << 20))
        .expect("create the image");
    let mut domain = Domain::builder("qemu-snapshot")
        .disk(embed.inside("images/guest.raw"))
        .build()
        .expect("the build with a disk");
    domain.kind = DomainType::Qemu;
    let snapshot = DomainSnapshot::external_disks(&domain, "before-upgrade")
        .expect("an external snapshot of the disk");
    let overlay = snapshot.disks()[0]
        .overlay_path()
        .expect("an overlay")
        .to_owned();
    assert_eq!(overlay, embed.inside("images/guest.before-upgrade"));
    let domain_file = embed.write("domain.xml", &domain.to_xml().expect("to_xml"));
    let snapshot_file = embed.write("snapshot.xml", &snapshot.to_xml().expect("to_xml"));
    let output = embed.virsh(&format!(
        "define {domain_file}; start qemu-snapshot; \
         snapshot-create qemu-snapshot {snapshot_file} --disk-only; echo @@snapshot; \
         snapshot-dumpxml qemu-snapshot before-upgrade; echo @@disks; \
         domblklist qemu-snapshot; destroy qemu-snapshot"
    ));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{test}: virsh fails\n{stderr}\n{stdout}\n{}",
        embed.logs()
    );
    let (_, rest) = stdout
        .split_once("@@snapshot")
        .unwrap_or_else(|| panic!("{test}: virsh stopped early\n{stderr}\n{stdout}"));
    let (dump, disks) = rest
        .split_once("@@disks")
        .unwrap_or_else(|| panic!("{test}: no disk list\n{stdout}"));
    let start = dump
        .find("<domainsnapshot")
        .expect("snapshot-dumpxml output");
    let end = dump
        .rfind("</domainsnapshot>")
        .expect("the end of the snapshot");
    let back = DomainSnapshot::from_xml_strict(&dump[start..end + "</domainsnapshot>".len()])
        .unwrap_or_else(|e| panic!("{test}: libvirt's snapshot does not parse strictly: {e}"));
    assert_eq!(
        back.state,
        Some(SnapshotState::DiskSnapshot),
        "{test}: state"
    );
    let disk = &back.disks()[0];
    assert_eq!(disk.name, "vda", "{test}: disk");
    assert_eq!(disk.snapshot, Some(DiskSnapshot::External), "{test}: mode");
    assert_eq!(
        disk.overlay_path(),
        Some(overlay.as_str()),
        "{test}: overlay"
    );
    back.validate()
        .unwrap_or_else(|e| panic!("{test}: libvirt's snapshot fails validate():\n{e}"));
    assert!(
        disks
            .lines()
            .any(|l| l.split_whitespace().eq(["vda", overlay.as_str()])),
        "{test}: the disk does not write to the overlay\n{disks}"
    );
    assert!(
        embed.host("images/guest.before-upgrade").is_file(),
        "{test}: no overlay file"
    );
    println!("{test}: taken by libvirt 11.3's QEMU driver; vda now writes to {overlay}");
}
