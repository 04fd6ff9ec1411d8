//! The checkpoint and backup constructors on domains built from every Phyllome preset
//! and mode: the documents they make check against their domain, round-trip strictly,
//! and are valid against libvirt 11.3's `domaincheckpoint.rng` and `domainbackup.rng`
//! (`xmllint --noout --relaxng`). Where xmllint or the schemas are missing the
//! schema check says it was skipped and passes, unless `REQUIRE_CORPUS` is set.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use libvirt_domain::backup::{BackupServer, DomainBackup};
use libvirt_domain::checkpoint::{CheckpointType, DomainCheckpoint};
use libvirt_domain::{Domain, Mode, Preset};

/// A domain of `preset` in `mode` with a qcow2 system disk (`vda`), a raw data disk
/// (`vdb`) and an installer CD-ROM.
fn domain(preset: Preset, mode: Mode) -> Domain {
    Domain::builder(format!("guest-{preset}-{mode}"))
        .preset(preset)
        .mode(mode)
        .disk("/var/lib/libvirt/images/system.qcow2")
        .disk("/var/lib/libvirt/images/data.raw")
        .cdrom("/var/lib/libvirt/isos/installer.iso")
        .build()
        .expect("the preset builds")
}

/// Every preset in every mode.
fn domains() -> Vec<(String, Domain)> {
    let mut out = Vec::new();
    for preset in Preset::ALL {
        for mode in [Mode::Session, Mode::System] {
            out.push((format!("{preset}-{mode}"), domain(*preset, mode)));
        }
    }
    out
}

/// The schema folder, or `None` (after saying why) when it or xmllint is missing.
fn schemas(test: &str) -> Option<PathBuf> {
    let dir = common::data_dir(
        "LIBVIRT_SCHEMA_DIR",
        "../shared/reference/libvirt-11.3/schemas",
    );
    let missing = if !dir.join("domainbackup.rng").is_file() {
        format!("{} has no domainbackup.rng", dir.display())
    } else if Command::new("xmllint").arg("--version").output().is_err() {
        "xmllint is not installed (package libxml2-utils)".to_owned()
    } else {
        return Some(dir);
    };
    assert!(
        !common::corpus_required(),
        "{test}: {missing}, and REQUIRE_CORPUS=1"
    );
    println!("skipped {test}: {missing}");
    None
}

/// Runs xmllint on `xml` against `schema`; panics with its message when it refuses.
fn assert_schema_valid(dir: &Path, schema: &str, label: &str, xml: &str) {
    let file = std::env::temp_dir().join(format!("{}.xml", common::libvirt::unique_name(label)));
    std::fs::write(&file, xml).expect("write the document");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--relaxng")
        .arg(dir.join(schema))
        .arg(&file)
        .output()
        .expect("run xmllint");
    let _ = std::fs::remove_file(&file);
    assert!(
        output.status.success(),
        "{label}: {schema} refuses\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What every constructed document must do: check against its domain and write XML
/// that reads back strictly as the same value.
fn checkpoints(domain: &Domain) -> Vec<(&'static str, DomainCheckpoint)> {
    vec![
        (
            "checkpoint-of-vda",
            DomainCheckpoint::of_disks(domain, "before-upgrade", &["vda"]).expect("of_disks"),
        ),
        (
            "checkpoint-with-description",
            DomainCheckpoint {
                description: Some("before the upgrade".into()),
                ..DomainCheckpoint::of_disks(domain, "c2", &["vda"]).expect("of_disks")
            },
        ),
    ]
}

fn backups(domain: &Domain) -> Vec<(&'static str, DomainBackup)> {
    let mut incremental = DomainBackup::push(domain, &["vda"], "/srv/backup").expect("push");
    incremental.incremental = Some("before-upgrade".into());
    vec![
        (
            "push",
            DomainBackup::push(domain, &["vda", "vdb"], "/srv/backup").expect("push"),
        ),
        ("push-incremental", incremental),
        (
            "pull-tcp",
            DomainBackup::pull(
                domain,
                &["vda"],
                BackupServer::tcp("localhost", 10809),
                "/var/tmp",
            )
            .expect("pull"),
        ),
        (
            "pull-unix",
            DomainBackup::pull(
                domain,
                &["vda", "vdb"],
                BackupServer::unix("/run/libvirt-domain-backup.sock"),
                "/var/tmp",
            )
            .expect("pull"),
        ),
        (
            "pull-fd",
            DomainBackup::pull(domain, &["vdb"], BackupServer::fd("nbd"), "/var/tmp")
                .expect("pull"),
        ),
    ]
}

#[test]
fn constructed_documents_check_against_their_domain_and_round_trip() {
    for (label, domain) in domains() {
        for (what, checkpoint) in checkpoints(&domain) {
            checkpoint
                .check_against(&domain)
                .unwrap_or_else(|e| panic!("{label} {what}: {e}"));
            let xml = checkpoint.to_xml().unwrap();
            assert_eq!(DomainCheckpoint::from_xml_strict(&xml).unwrap(), checkpoint);
            // The raw disk and the CD-ROM stay out.
            let parts: Vec<bool> = checkpoint
                .disk_entries()
                .iter()
                .map(|d| d.checkpoint == Some(CheckpointType::Bitmap))
                .collect();
            assert_eq!(parts, [true, false, false], "{label} {what}");
        }
        for (what, backup) in backups(&domain) {
            backup
                .check_against(&domain)
                .unwrap_or_else(|e| panic!("{label} {what}: {e}"));
            let xml = backup.to_xml().unwrap();
            assert_eq!(DomainBackup::from_xml_strict(&xml).unwrap(), backup);
        }
        // The raw disk cannot be checkpointed, nor backed up incrementally.
        let err = DomainCheckpoint::all_disks(&domain, "c1").unwrap_err();
        assert_eq!(err.problems().len(), 1, "{label}: {err}");
        assert!(
            err.problems()[0].message.contains("'vdb'"),
            "{label}: {err}"
        );
        let mut incremental = DomainBackup::push(&domain, &["vdb"], "/b").unwrap();
        incremental.incremental = Some("c1".into());
        assert!(incremental.check_against(&domain).is_err(), "{label}");
    }
}

#[test]
fn constructed_documents_are_valid_against_libvirts_schemas() {
    let test = "constructed_documents_are_valid_against_libvirts_schemas";
    let Some(dir) = schemas(test) else {
        return;
    };
    let mut checked = 0;
    for (label, domain) in domains() {
        for (what, checkpoint) in checkpoints(&domain) {
            let xml = checkpoint.to_xml().unwrap();
            assert_schema_valid(
                &dir,
                "domaincheckpoint.rng",
                &format!("{label}-{what}"),
                &xml,
            );
            checked += 1;
        }
        for (what, backup) in backups(&domain) {
            let xml = backup.to_xml().unwrap();
            assert_schema_valid(&dir, "domainbackup.rng", &format!("{label}-{what}"), &xml);
            checked += 1;
        }
    }
    println!("{test}: {checked} documents valid");
    assert!(checked > 0);
}
