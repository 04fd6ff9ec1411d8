//! Version awareness of the builder and of Phyllome's definitions:
//!
//! - Phyllome's own files report the releases their newest features need;
//! - every preset built for `libvirt(9.0)` needs nothing newer, still passes
//!   `validate()`, and is accepted by libvirt 9.0's schema
//!   (`../shared/reference/libvirt-9.0/schemas/domain.rng`, checked with xmllint;
//!   without xmllint or the schema the check says so and passes, unless
//!   `REQUIRE_CORPUS=1`, as in CI);
//! - what has no equivalent in the target fails the build, naming the path.

mod common;

use std::path::PathBuf;
use std::process::Command;

use libvirt_domain::presets::{Mode, Preset};
use libvirt_domain::version::Since;
use libvirt_domain::{Domain, LibvirtVersion};

const MODES: [Mode; 2] = [Mode::System, Mode::Session];

#[test]
fn phyllome_definitions_report_their_newest_features() {
    let dir = common::data_dir("PHYLLOME_DIR", "../shared/reference/phyllome/domains");
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let files = common::xml_files(&dir).expect("read Phyllome's folder");
    assert!(!files.is_empty());
    for file in files {
        let domain = Domain::from_xml(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let requirements = domain.requirements();
        let newest = domain.min_libvirt_version();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        // Each file uses something newer than Debian 12's libvirt (virtio sound, or
        // Hyper-V's TLB flush refinements for Windows) and says where it is.
        assert!(newest > LibvirtVersion::V9_0, "{name}: {newest}");
        let top: Vec<_> = requirements
            .iter()
            .filter(|r| r.version == newest)
            .collect();
        assert!(!top.is_empty(), "{name}");
        for r in &requirements {
            assert_eq!(r.version, r.since.version(), "{name}: {r}");
            assert!(r.path.starts_with("/domain/"), "{name}: {r}");
            if let Since::Documented(_) = r.since {
                assert!(!r.section.is_empty(), "{name}: {r}");
            }
        }
        let keys: Vec<&str> = top.iter().map(|r| r.key).collect();
        if name.contains("windows") {
            assert!(keys.contains(&"hyperv/tlbflush/direct"), "{name}: {keys:?}");
        } else {
            assert!(
                keys.contains(&"devices/sound/@model=virtio"),
                "{name}: {keys:?}"
            );
        }
        assert!(domain.check_libvirt(newest).is_ok(), "{name}");
        let err = domain.check_libvirt(LibvirtVersion::V9_0).unwrap_err();
        assert!(
            err.problems()
                .iter()
                .all(|p| p.message.contains("needs libvirt")),
            "{err}"
        );
    }
}

fn build(
    preset: Preset,
    mode: Mode,
    target: Option<LibvirtVersion>,
) -> libvirt_domain::Result<Domain> {
    let mut builder = Domain::builder("guest").preset(preset).mode(mode);
    if let Some(target) = target {
        builder = builder.libvirt(target);
    }
    builder.build()
}

#[test]
fn presets_built_for_9_0_need_nothing_newer() {
    for preset in Preset::ALL {
        for mode in MODES {
            let domain = build(*preset, mode, Some(LibvirtVersion::V9_0))
                .unwrap_or_else(|e| panic!("{preset} {mode:?}: {e}"));
            assert!(domain.min_libvirt_version() <= LibvirtVersion::V9_0);
            domain.validate().unwrap();
            domain.check_libvirt(LibvirtVersion::V9_0).unwrap();
            // Only what 9.0 lacks changed: built for 11.3, the preset is the same as
            // without a target.
            let latest = build(*preset, mode, Some(LibvirtVersion::V11_3)).unwrap();
            assert_eq!(latest, build(*preset, mode, None).unwrap());
        }
    }
    // The Linux preset's virtio sound becomes ICH9 HD Audio.
    let linux = build(Preset::Linux, Mode::System, Some(LibvirtVersion::V9_0)).unwrap();
    let xml = linux.to_xml().unwrap();
    assert!(xml.contains("<sound model='ich9'"), "{xml}");
    assert!(!xml.contains("<sound model='virtio'"), "{xml}");
}

#[test]
fn presets_built_for_9_0_pass_its_schema() {
    let rng = common::data_dir("LIBVIRT_REFERENCE_DIR", "../shared/reference")
        .join("libvirt-9.0/schemas/domain.rng");
    if !rng.is_file() {
        common::skip_absent(&rng);
        return;
    }
    if Command::new("xmllint").arg("--version").output().is_err() {
        assert!(
            !common::corpus_required(),
            "xmllint is missing and REQUIRE_CORPUS=1"
        );
        println!("skipped: xmllint is missing");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("builder_versions");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for preset in Preset::ALL {
        for mode in MODES {
            let domain = build(*preset, mode, Some(LibvirtVersion::V9_0)).unwrap();
            let file = dir.join(format!("{preset}-{mode:?}.xml"));
            std::fs::write(&file, domain.to_xml().unwrap()).unwrap();
            files.push(file);
        }
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(&rng)
        .args(&files)
        .output()
        .expect("run xmllint");
    let verdicts = String::from_utf8_lossy(&out.stderr);
    for file in &files {
        assert!(
            verdicts.contains(&format!("{} validates", file.display())),
            "libvirt 9.0's schema refuses {}:\n{verdicts}",
            file.display()
        );
    }
    // And without the target, the Linux preset is refused by 9.0's schema: the
    // check above is not vacuous.
    let latest = build(Preset::Linux, Mode::System, None).unwrap();
    let file = dir.join("linux-latest.xml");
    std::fs::write(&file, latest.to_xml().unwrap()).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(&rng)
        .arg(&file)
        .output()
        .expect("run xmllint");
    assert!(!out.status.success(), "9.0's schema accepts virtio sound?");
}

#[test]
fn what_the_target_cannot_do_fails_the_build() {
    // libvirt 7.0 has no virtio IOMMU (8.3), and nothing replaces it.
    let err = build(Preset::Linux, Mode::System, Some(LibvirtVersion::V7_0)).unwrap_err();
    let problems = err.problems();
    assert!(!problems.is_empty(), "{err}");
    assert!(
        problems.iter().any(
            |p| p.path == "/domain/devices/iommu/@model" && p.message.contains("needs libvirt")
        ),
        "{err}"
    );
    // The session preset's passt backend (9.0) becomes built-in user networking on 7.0.
    let err = build(Preset::Linux, Mode::Session, Some(LibvirtVersion::V7_0)).unwrap_err();
    assert!(
        !err.problems().iter().any(|p| p.path.contains("backend")),
        "{err}"
    );
    let windows = build(Preset::Windows, Mode::Session, Some(LibvirtVersion::V7_0)).unwrap();
    windows.check_libvirt(LibvirtVersion::V7_0).unwrap();
    let xml = windows.to_xml().unwrap();
    assert!(!xml.contains("<backend type='passt'"), "{xml}");
    assert!(xml.contains("<interface type='user'>"), "{xml}");
    assert!(xml.contains("<tlbflush state='on'/>"), "{xml}");
}
