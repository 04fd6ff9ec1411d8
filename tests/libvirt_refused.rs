//! `Domain::validate` measured on libvirt's own QEMU-driver test cases.
//!
//! Reads, beside the corpus folder `LIBVIRT_CORPUS_DIR` (default
//! `../shared/corpus/libvirt-11.3`):
//! - `<folder>.refused.tsv` (`INPUT<TAB>CASE<TAB>MESSAGE`): inputs libvirt's QEMU
//!   driver refuses, with the capabilities the test used and libvirt's message;
//! - `<folder>.pairs.tsv` (`INPUT<TAB>OUTPUT`): inputs the driver accepts and the
//!   canonical form it writes.
//!
//! A refused case is *in scope* when it was tested with `-latest` capabilities, its
//! refusal does not depend on the host (see [`HOST_DEPENDENT`]), and libvirt does not
//! also accept the same input in the pairs file (such inputs are refused only when the
//! domain starts, or only with an ABI update, so no define-time rule can refuse them
//! without a false alarm). It is *caught* when
//! `validate()` (or the parser, for values the model cannot hold) reports an error
//! whose path names the element libvirt complains about ([`EXPECTED_PATHS`], keyed by
//! libvirt's message). Every distinct accepted document must pass `validate()`
//! (warnings do not count).
//!
//! Run with `cargo test --test libvirt_refused -- --nocapture` to see the counts and
//! every refused case not caught.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use libvirt_domain::{Domain, Error};

/// The least share of in-scope refused cases that must be caught.
const MIN_CAUGHT_PERCENT: usize = 85;

/// Refusals that depend on the host or on what its QEMU binary supports, by a pattern
/// of libvirt's message, each with the reason. They belong to a capabilities check.
const HOST_DEPENDENT: &[(&str, &str)] = &[
    (
        "unknown CPU feature",
        "CPU feature names come from libvirt's CPU map for the host's architecture",
    ),
    (
        "vCPU hotplug granularity",
        "the granularity is what the QEMU binary reports for the machine",
    ),
    (
        "Unable to find 'efi' firmware",
        "firmware auto-selection reads the host's firmware descriptors",
    ),
    (
        "usable hugetlbfs mount",
        "hugepage sizes come from the host's hugetlbfs mounts",
    ),
    (
        "does not support virt type",
        "accelerators the QEMU binary offers",
    ),
    ("is unavailable", "NUMA nodes of the host"),
    (
        "This QEMU binary doesn't support",
        "the QEMU binary's devices",
    ),
    (
        "not supported in this QEMU binary",
        "the QEMU binary's devices",
    ),
    ("This QEMU doesn't support", "the QEMU binary's devices"),
    (
        "no model provided for USB controller",
        "the default USB model is the first one the QEMU binary offers",
    ),
    (
        "a PCI slot is needed",
        "automatic PCI address assignment, which depends on the devices QEMU adds itself",
    ),
    (
        "overflowed after alignment",
        "memory alignment follows what the QEMU binary and machine need",
    ),
];

/// Where libvirt complains, by a pattern of its message: a refused case is caught when
/// an error's path contains the fragment (an element name, or an attribute).
const EXPECTED_PATHS: &[(&str, &str)] = &[
    ("double use of PCI Address", "/address"),
    (
        "The PCI controller with index='0' must be model=",
        "/controller",
    ),
    ("The 'gic' feature", "/features/gic"),
    ("The 'hpt' feature", "/features/hpt"),
    ("does not support ACPI", "/features/acpi"),
    ("TPM 1.2", "/tpm"),
    ("per-device boot elements", "/os/boot"),
    ("chardev reconnect", "/reconnect"),
    ("'iothread' attribute only supported", "/controller"),
    ("CPU cache", "/cpu/cache"),
    ("maximum physical address bits", "/cpu/maxphysaddr"),
    ("Failed to parse bitmap", "cpuset"),
    ("Cannot find 'iothread'", "/cputune/iothreadsched"),
    ("'vcpusched' attributes", "/cputune/vcpusched"),
    ("duplicate drive address", "/disk"),
    ("partitions can't appear", "/disk"),
    ("device='lun'", "/disk"),
    ("encryption is supported only", "/disk"),
    ("Invalid address type", "/disk"),
    ("storage format", "/disk"),
    ("'cow' storage format", "/disk"),
    ("missing target information", "/disk"),
    ("invalid secret type", "/auth"),
    ("iSCSI protocol accepts only one host", "/source"),
    ("'sheepdog' protocol", "/source"),
    ("an <auth> definition already found", "/auth"),
    ("duplicated for disk sources", "/disk"),
    ("disk product", "/disk"),
    ("Unknown disk name", "/disk"),
    ("unexpected address type for usb disk", "/disk"),
    ("does not support nvram", "/os/nvram"),
    ("'enrolled-keys' cannot be enabled", "/os/firmware"),
    ("Only pflash loader type permits NVRAM", "/os/"),
    ("feature-based firmware autoselection", "/os/firmware"),
    ("UEFI requires ACPI", "/features"),
    ("ACPI requires UEFI", "/features/acpi"),
    ("NVRAM template is not permitted", "/os/nvram"),
    ("NVRAM is not permitted", "/os/nvram"),
    ("graphics type 'egl-headless'", "/graphics"),
    ("multiple OpenGL displays", "/graphics"),
    ("Hostdev already exists", "/hostdev"),
    ("mediated device model", "/hostdev"),
    ("Missing 'uuid' attribute for element <address>", "/hostdev"),
    ("rawio is only supported", "/hostdev"),
    ("sgio is only supported", "/hostdev"),
    ("booting from assigned devices", "/hostdev"),
    ("CCW devno", "/address"),
    ("zPCI uid", "/zpci"),
    ("Invalid PCI address uid", "/zpci"),
    ("in use by another SCSI host device", "/hostdev"),
    ("two master hugepages", "/memoryBacking/hugepages"),
    ("memAccess", "/numa/cell"),
    ("hugepages: node", "/memoryBacking/hugepages"),
    ("supplying <cipher>", "/encryption"),
    ("Serial device with target type", "/serial"),
    ("ps2 bus inputs", "/input"),
    ("vmport feature requires", "/features/vmport"),
    ("loadparm", "/boot"),
    ("numa node has to be configured", "/cpu"),
    ("memory device address", "/memory"),
    ("<portForward> element", "/portForward"),
    ("custom tap device path", "/interface"),
    ("'interface' requires shared memory", "/interface"),
    ("rx_queue_size", "/driver"),
    ("Memory size must be specified", "/domain/memory"),
    ("nodeset for NUMA memory tuning", "/numatune/memory"),
    (
        "'restrictive' mode is required in memnode",
        "/numatune/memnode",
    ),
    (
        "'memnode' is invalid without any guest NUMA",
        "/numatune/memnode",
    ),
    ("Per-node binding", "/numatune/memnode"),
    ("Invalid value of 'nodeset'", "/numatune/memory"),
    ("Multiple 'pci' controllers", "/controller"),
    ("Invalid value for attribute 'index'", "/controller"),
    ("Invalid PCI address", "/address"),
    ("cannot be plugged into the PCI controller", "/address"),
    ("should not have an address", "/controller"),
    ("should have index 0", "/controller"),
    ("single TPM", "/tpm"),
    ("can't be associated with a NUMA node", "/controller"),
    ("parallel ports are not supported", "/parallel"),
    ("panic device address", "/panic"),
    ("target index", "/controller"),
    ("pvpanic", "/panic"),
    ("no panic model", "/panic"),
    ("seclabel for model", "/seclabel"),
    ("tcp chardev protocol", "/protocol"),
    ("Missing source path attribute for char device", "/source"),
    ("shmem size", "/shmem"),
    ("msi option", "/shmem"),
    ("UUID mismatch", "/sysinfo"),
    ("'throttlefilters' can't be used together", "/disk"),
    ("No PCI buses available", "/controller"),
    ("No master USB controller", "/controller"),
    ("only supports up to", "/controller"),
    ("USB hub", "/hub"),
    ("Can't add another USB controller", "/controller"),
    ("Can't add USB input device", "/input"),
    ("virtiofs boot order", "/filesystem"),
    ("'queues'", "/driver"),
    ("'none' video type", "/video"),
    ("iommu model 'virtio' doesn't support", "/iommu"),
    ("IOMMU device", "/iommu"),
    ("(non-)transitional", "/input"),
];

#[derive(Default)]
struct Report {
    refused: usize,
    other_caps: usize,
    host: Vec<(String, &'static str)>,
    also_accepted: Vec<String>,
    in_scope: usize,
    caught: usize,
    by_parser: usize,
    missed: Vec<String>,
    accepted: usize,
    false_alarms: Vec<String>,
    warned: usize,
}

fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

fn expected_path(message: &str) -> Option<&'static str> {
    EXPECTED_PATHS
        .iter()
        .find(|(pattern, _)| message.contains(pattern))
        .map(|(_, path)| *path)
}

fn host_reason(message: &str) -> Option<&'static str> {
    HOST_DEPENDENT
        .iter()
        .find(|(pattern, _)| message.contains(pattern))
        .map(|(_, reason)| *reason)
}

/// The paths of the errors `validate()` (or the parser) reports for `text`, and
/// whether the parser refused it.
fn error_paths(text: &str) -> (Vec<String>, bool) {
    match Domain::from_xml(text) {
        Err(Error::Parse { path, .. }) => (vec![path], true),
        Err(other) => (vec![other.to_string()], true),
        Ok(domain) => match domain.validate() {
            Ok(()) => (Vec::new(), false),
            Err(error) => (
                error.problems().iter().map(|p| p.path.clone()).collect(),
                false,
            ),
        },
    }
}

#[test]
fn validate_agrees_with_libvirt() {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let base = dir.file_name().unwrap().to_string_lossy().into_owned();
    let refused_tsv = dir.with_file_name(format!("{base}.refused.tsv"));
    let pairs_tsv = dir.with_file_name(format!("{base}.pairs.tsv"));
    if !refused_tsv.is_file() || !pairs_tsv.is_file() {
        common::skip_absent(&refused_tsv);
        return;
    }
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    };

    let mut documents = BTreeSet::new();
    for row in read_tsv(&pairs_tsv) {
        let [input, output] = &row[..] else {
            panic!("malformed pairs.tsv row: {row:?}");
        };
        documents.insert(input.clone());
        documents.insert(output.clone());
    }

    let mut report = Report::default();
    for row in read_tsv(&refused_tsv) {
        let [input, case, message] = &row[..] else {
            panic!("malformed refused.tsv row: {row:?}");
        };
        report.refused += 1;
        if !case.contains("-latest") {
            report.other_caps += 1;
            continue;
        }
        if let Some(reason) = host_reason(message) {
            report.host.push((input.clone(), reason));
            continue;
        }
        if documents.contains(input) {
            report.also_accepted.push(input.clone());
            continue;
        }
        report.in_scope += 1;
        let (paths, by_parser) = error_paths(&read(input));
        let caught = match expected_path(message) {
            Some(fragment) => paths.iter().any(|p| p.contains(fragment)),
            None => false,
        };
        if caught {
            report.caught += 1;
            report.by_parser += usize::from(by_parser);
        } else {
            report.missed.push(format!(
                "{input} ({case}): {message}\n    ours: {}",
                if paths.is_empty() {
                    "valid".to_owned()
                } else {
                    paths.join(", ")
                }
            ));
        }
    }

    for name in &documents {
        report.accepted += 1;
        let domain = match Domain::from_xml(&read(name)) {
            Ok(domain) => domain,
            Err(e) => {
                report.false_alarms.push(format!("{name}: parse: {e}"));
                continue;
            }
        };
        if let Err(e) = domain.validate() {
            report.false_alarms.push(format!("{name}:\n    {e}"));
        }
        if !domain.lint().is_empty() {
            report.warned += 1;
        }
    }

    println!(
        "refused cases: {} ({} with older or other capabilities, {} host-dependent, {} also \
         accepted in the pairs)",
        report.refused,
        report.other_caps,
        report.host.len(),
        report.also_accepted.len()
    );
    println!(
        "caught: {} / {} in scope ({}%), {} of them by the parser",
        report.caught,
        report.in_scope,
        report.caught * 100 / report.in_scope.max(1),
        report.by_parser
    );
    println!(
        "false alarms: {} / {} accepted documents ({} with warnings)",
        report.false_alarms.len(),
        report.accepted,
        report.warned
    );
    for (input, reason) in &report.host {
        println!("host-dependent: {input}: {reason}");
    }
    for input in &report.also_accepted {
        println!("also accepted: {input}");
    }
    for missed in &report.missed {
        println!("not caught: {missed}");
    }
    for alarm in &report.false_alarms {
        println!("false alarm: {alarm}");
    }
    assert!(report.in_scope > 0 || !common::corpus_required());
    assert!(
        report.false_alarms.is_empty(),
        "{} false alarms",
        report.false_alarms.len()
    );
    assert!(
        report.caught * 100 >= report.in_scope * MIN_CAUGHT_PERCENT,
        "caught {} of {} in-scope refused cases, below {MIN_CAUGHT_PERCENT}%",
        report.caught,
        report.in_scope
    );
}
