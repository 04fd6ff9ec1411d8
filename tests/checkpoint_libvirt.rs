//! libvirt 11.3 creates the checkpoints `DomainCheckpoint::of_disks` makes: for a
//! domain of every Phyllome preset (with a qcow2 disk, a raw disk and a CD-ROM), the
//! test driver (`virsh -c test:///default`, libvirt's real checkpoint parser without
//! a daemon) defines and starts the domain, runs `checkpoint-create` with the
//! constructed XML, and its `checkpoint-dumpxml` parses strictly with
//! `DomainCheckpoint::from_xml_strict`, with the name, the disks' parts and the
//! embedded domain kept.
//!
//! It runs virsh in the Debian 13 root of `tests/common/libvirt.rs`
//! (`LIBVIRT_ROOT`); where that is missing the test says it was skipped and passes,
//! unless `REQUIRE_LIBVIRT=1`.

mod common;

use std::process::Command;

use common::libvirt::{root, skip, unique_name};
use libvirt_domain::checkpoint::{CheckpointType, DomainCheckpoint};
use libvirt_domain::{Domain, Mode, Preset};

const TEST: &str = "libvirt_creates_the_constructed_checkpoints";

#[test]
fn libvirt_creates_the_constructed_checkpoints() {
    let root = root();
    if !root.join("usr/bin/virsh").is_file() {
        return skip(
            "REQUIRE_LIBVIRT",
            TEST,
            &format!("no libvirt 11.3 root with virsh at {}", root.display()),
        );
    }
    for preset in Preset::ALL {
        let name = unique_name(&format!("checkpoint-{preset}"));
        let domain = Domain::builder(&name)
            .preset(*preset)
            .mode(Mode::System)
            .disk("/var/lib/libvirt/images/system.qcow2")
            .disk("/var/lib/libvirt/images/data.raw")
            .cdrom("/var/lib/libvirt/isos/installer.iso")
            .build()
            .expect("the preset builds");
        let checkpoint = DomainCheckpoint::of_disks(&domain, "before-upgrade", &["vda"])
            .expect("a checkpoint of vda");
        let domain_file = format!("{name}.xml");
        let checkpoint_file = format!("{name}-checkpoint.xml");
        let tmp = root.join("tmp");
        std::fs::write(tmp.join(&domain_file), domain.to_xml().unwrap()).unwrap();
        std::fs::write(tmp.join(&checkpoint_file), checkpoint.to_xml().unwrap()).unwrap();
        let script = format!(
            "define /tmp/{domain_file}; start {name}; \
             checkpoint-create {name} /tmp/{checkpoint_file}; \
             checkpoint-dumpxml {name} before-upgrade"
        );
        let output = Command::new("chroot")
            .arg(&root)
            .args(["virsh", "-c", "test:///default", &script])
            .output();
        let _ = std::fs::remove_file(tmp.join(&domain_file));
        let _ = std::fs::remove_file(tmp.join(&checkpoint_file));
        let output = match output {
            Ok(output) => output,
            Err(e) => return skip("REQUIRE_LIBVIRT", TEST, &format!("chroot cannot run ({e})")),
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() && stderr.contains("Operation not permitted") {
            return skip("REQUIRE_LIBVIRT", TEST, "chroot needs root");
        }
        assert!(
            output.status.success(),
            "{preset}: libvirt refuses the checkpoint\n{stderr}\n{}",
            checkpoint.to_xml().unwrap()
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let start = stdout
            .find("<domaincheckpoint")
            .expect("checkpoint-dumpxml output");
        let end = stdout.rfind("</domaincheckpoint>").expect("the end of it");
        let dumped = &stdout[start..end + "</domaincheckpoint>".len()];
        let back = DomainCheckpoint::from_xml_strict(dumped)
            .unwrap_or_else(|e| panic!("{preset}: libvirt's output: {e}\n{dumped}"));
        assert_eq!(back.name.as_deref(), Some("before-upgrade"));
        assert!(
            back.creation_time.is_some(),
            "{preset}: libvirt sets creationTime"
        );
        let parts: Vec<(Option<&str>, Option<CheckpointType>)> = back
            .disk_entries()
            .iter()
            .map(|d| (d.name.as_deref(), d.checkpoint.clone()))
            .collect();
        assert_eq!(
            parts,
            [
                (Some("vda"), Some(CheckpointType::Bitmap)),
                (Some("vdb"), Some(CheckpointType::No)),
                (Some("sda"), Some(CheckpointType::No)),
            ],
            "{preset}: {dumped}"
        );
        let embedded = back.domain.as_deref().expect("libvirt embeds the domain");
        assert_eq!(embedded.name.as_deref(), Some(name.as_str()));
        println!("{TEST}: {preset}: created and read back");
    }
}
