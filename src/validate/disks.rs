//! Disk rules (formatdomain: "Hard drives, floppy disks, CDROMs").

use std::collections::HashMap;

use super::{Checker, Rule};
use crate::devices::{
    Address, Auth, AuthSecretType, Device, Disk, DiskBus, DiskDevice, DiskProtocol, DiskSource,
    DiskType, Encryption, StartupPolicy,
};

pub(super) const RULES: &[Rule] = &[
    source_types,
    targets,
    target_not_partition,
    target_name_parses,
    drive_addresses_unique,
    address_fits_bus,
    lun_needs_block,
    refused_formats,
    encryption_formats,
    encryption_has_no_cipher,
    one_auth_one_encryption,
    auth_secret_type,
    iscsi_one_host,
    no_sheepdog,
    vendor_product_length,
    throttlefilters_without_iotune,
    target_bus_given,
    floppy_on_fdc,
    readonly_ide_sata,
    requisite_for_removable_media,
    scsi_identity_on_scsi,
    disk_iothread,
    lun_bus,
    vhostuser_disk,
];

/// The longest SCSI vendor string.
const MAX_VENDOR_LEN: usize = 8;
/// The longest SCSI product string.
const MAX_PRODUCT_LEN: usize = 16;

/// Disk-name prefixes libvirt knows (`virDiskNameParse`).
const DISK_PREFIXES: &[&str] = &["fd", "hd", "vd", "sd", "xvd", "ubd"];

fn disks<'a>(c: &Checker<'a>) -> Vec<(usize, &'a Disk)> {
    c.each()
        .filter_map(|(i, d)| match d {
            Device::Disk(disk) => Some((i, &**disk)),
            _ => None,
        })
        .collect()
}

fn bus(disk: &Disk) -> Option<&DiskBus> {
    disk.target.as_ref().and_then(|t| t.bus.as_ref())
}

fn network(disk: &Disk) -> Option<&crate::devices::DiskSourceNetwork> {
    match &disk.source {
        Some(DiskSource::Network(n)) => Some(n),
        _ => None,
    }
}

/// The `<encryption>` inside the disk's `<source>`.
fn source_encryption(disk: &Disk) -> Option<&Encryption> {
    match disk.source.as_ref()? {
        DiskSource::File(s) => s.encryption.as_deref(),
        DiskSource::Block(s) => s.encryption.as_deref(),
        DiskSource::Dir(s) => s.encryption.as_deref(),
        DiskSource::Network(s) => s.encryption.as_deref(),
        DiskSource::Volume(s) => s.encryption.as_deref(),
        DiskSource::Nvme(s) => s.encryption.as_deref(),
        _ => None,
    }
}

/// The type of a disk, `<backingStore>`, `<mirror>` or `<dataStore>` (`file` when
/// absent) matches its source variant: libvirt reads `<source>` by that type.
fn source_types(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let path = c.path(i);
        disk.check_source_types(&path, &mut c.problems);
    }
}

/// Disk targets are present and unique (libvirt: "missing target information for
/// device", "target 'vda' duplicated for disk sources").
fn targets(c: &mut Checker<'_>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, disk) in disks(c) {
        let path = c.path(i);
        match disk.target_dev().filter(|d| !d.is_empty()) {
            None => c.error(
                format!("{path}/target/@dev"),
                "missing; libvirt needs a target device name",
            ),
            Some(dev) => match seen.get(dev) {
                Some(first) => c.error(
                    format!("{path}/target/@dev"),
                    format!("target {dev:?} is already used by {}", c.path(*first)),
                ),
                None => {
                    seen.insert(dev, i);
                }
            },
        }
    }
}

/// A target names a disk, not a partition (libvirt: "invalid disk target 'vdb1',
/// partitions can't appear in disk targets").
fn target_not_partition(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let Some(dev) = disk.target_dev() else {
            continue;
        };
        if dev.ends_with(|ch: char| ch.is_ascii_digit()) {
            c.error(
                format!("{}/target/@dev", c.path(i)),
                format!("{dev:?} names a partition; give the whole disk (such as 'vdb')"),
            );
        }
    }
}

/// libvirt's disk index of a target name (`virDiskNameToIndex`): a known prefix, then
/// letters (`a` = 0, `z` = 25, `aa` = 26, …), then an optional partition number.
fn disk_index(name: &str) -> Option<i32> {
    let rest = DISK_PREFIXES.iter().find_map(|p| name.strip_prefix(p))?;
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    if letters == 0 || !rest[letters..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut index: i32 = 0;
    for (i, b) in rest[..letters].bytes().enumerate() {
        let carry = i32::from(i > 0);
        index = index.checked_add(carry)?.checked_mul(26)?;
        index = index.checked_add(i32::from(b - b'a'))?;
    }
    Some(index)
}

/// A disk without `<address>` has a target name libvirt can place (libvirt: "Unknown
/// disk name 'hdaxxxxxxxxxx' and no address specified").
fn target_name_parses(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let Some(dev) = disk.target_dev().filter(|d| !d.is_empty()) else {
            continue;
        };
        if disk.address.is_none() && disk_index(dev).is_none() {
            c.error(
                format!("{}/target/@dev", c.path(i)),
                format!(
                    "{dev:?} is not a disk name libvirt can place (fd, hd, sd, vd, xvd or ubd \
                     and a few letters); rename it or give an <address>"
                ),
            );
        }
    }
}

/// The bus family that a drive address on `bus` belongs to.
fn drive_family(bus: Option<&DiskBus>) -> Option<&'static str> {
    match bus? {
        DiskBus::Ide => Some("ide"),
        DiskBus::Sata => Some("sata"),
        DiskBus::Scsi => Some("scsi"),
        DiskBus::Fdc => Some("fdc"),
        _ => None,
    }
}

/// The drive address libvirt gives a disk without `<address>` from its target name
/// (`virDomainDiskDefAssignAddress`): IDE has 2 buses of 2 units per controller, SATA 6
/// units, floppy 2 units. `None` for other buses, whose layout depends on the
/// controller model.
fn implied_drive_address(family: &str, disk: &Disk) -> Option<[u64; 4]> {
    let index = u64::try_from(disk_index(disk.target_dev()?)?).ok()?;
    match family {
        "ide" => Some([index / 4, (index % 4) / 2, 0, index % 2]),
        "sata" => Some([index / 6, 0, 0, index % 6]),
        "fdc" => Some([index / 2, 0, 0, index % 2]),
        _ => None,
    }
}

/// No two disks of one bus share a drive address, given or implied by the target name
/// (libvirt: "Found duplicate drive address for disk with target name 'sda'
/// controller='0' bus='0' target='0' unit='0'").
fn drive_addresses_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<(&str, [u64; 4]), usize> = HashMap::new();
    for (i, disk) in disks(c) {
        let Some(family) = drive_family(bus(disk)) else {
            continue;
        };
        let part = |p: &Option<crate::values::Uint>| p.as_ref().map_or(0, |u| u.value);
        let key = match &disk.address {
            Some(Address::Drive(drive)) => [
                part(&drive.controller),
                part(&drive.bus),
                part(&drive.target),
                part(&drive.unit),
            ],
            None => match implied_drive_address(family, disk) {
                Some(key) => key,
                None => continue,
            },
            Some(_) => continue,
        };
        match seen.get(&(family, key)) {
            Some(first) => c.error(
                match disk.address {
                    Some(_) => format!("{}/address", c.path(i)),
                    None => format!("{}/target/@dev", c.path(i)),
                },
                format!(
                    "controller {} bus {} target {} unit {} is already used by {}",
                    key[0],
                    key[1],
                    key[2],
                    key[3],
                    c.path(*first)
                ),
            ),
            None => {
                seen.insert((family, key), i);
            }
        }
    }
}

/// A disk's address fits its bus: a drive address on IDE, SATA, SCSI and floppy buses,
/// a USB address on USB (libvirt: "Invalid address type 'pci' for the disk 'sda' with
/// the bus type 'sata'", "unexpected address type for usb disk").
fn address_fits_bus(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(addr) = &disk.address else { continue };
        let wanted = if drive_family(bus(disk)).is_some() {
            "drive"
        } else if bus(disk) == Some(&DiskBus::Usb) {
            "usb"
        } else {
            continue;
        };
        if addr.kind() != wanted {
            let bus = bus(disk).map_or("", |b| b.as_str());
            c.error(
                format!("{}/address/@type", c.path(i)),
                format!(
                    "is '{}', but a disk on bus '{bus}' needs type='{wanted}'",
                    addr.kind()
                ),
            );
        }
    }
}

/// `device='lun'` passes a SCSI device through: it needs a block device or an iSCSI
/// source (libvirt: "disk device='lun' is only valid for block type disk source").
fn lun_needs_block(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        if disk.device != Some(DiskDevice::Lun) {
            continue;
        }
        let kind = disk
            .kind
            .clone()
            .or_else(|| disk.source.as_ref().and_then(DiskSource::kind));
        if matches!(kind, None | Some(DiskType::File | DiskType::Dir)) {
            c.error(
                format!("{}/@device", c.path(i)),
                "'lun' needs a block device or an iSCSI source; use device='disk' or type='block'",
            );
        }
    }
}

/// Image formats QEMU cannot open as a disk (QEMU driver: "'cow' storage format is not
/// supported", "'directory' storage format is not directly supported by QEMU, use 'dir'
/// disk type instead", "storage format 'iso' is not directly supported by QEMU, use
/// 'raw' instead").
fn refused_formats(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let Some(format) = disk.driver.as_ref().and_then(|d| d.kind.as_ref()) else {
            continue;
        };
        let advice = match format.as_str() {
            "cow" => "QEMU does not support it; convert the image to qcow2",
            "dir" => "use <disk type='dir'> instead",
            "iso" => "use type='raw' for an ISO image",
            _ => continue,
        };
        c.error(
            format!("{}/driver/@type", c.path(i)),
            format!(
                "'{}' is not a disk format QEMU opens; {advice}",
                format.as_str()
            ),
        );
    }
}

/// Images that QEMU decrypts are `raw` or `qcow2` (QEMU driver: "encryption is
/// supported only with 'raw' and 'qcow2' image format").
fn encryption_formats(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let Some(encryption) = disk.encryption.as_deref().or(source_encryption(disk)) else {
            continue;
        };
        // Another engine (librbd) decrypts below QEMU, whatever the image format.
        if encryption
            .engine
            .as_ref()
            .is_some_and(|e| e.as_str() != "qemu")
        {
            continue;
        }
        let Some(format) = disk.driver.as_ref().and_then(|d| d.kind.as_ref()) else {
            continue;
        };
        if !matches!(format.as_str(), "raw" | "qcow2") {
            c.error(
                format!("{}/driver/@type", c.path(i)),
                format!(
                    "is '{}', but an encrypted disk is raw or qcow2",
                    format.as_str()
                ),
            );
        }
    }
}

/// A disk's `<encryption>` takes no `<cipher>` or `<ivgen>` (libvirt: "supplying
/// <cipher> for domain disk definition is unnecessary").
fn encryption_has_no_cipher(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let found = [
            (
                format!("{}/encryption", c.path(i)),
                disk.encryption.as_deref(),
            ),
            (
                format!("{}/source/encryption", c.path(i)),
                source_encryption(disk),
            ),
        ];
        for (path, encryption) in found {
            let Some(encryption) = encryption else {
                continue;
            };
            for (name, present) in [
                ("cipher", encryption.cipher.is_some()),
                ("ivgen", encryption.ivgen.is_some()),
            ] {
                if present {
                    c.error(
                        format!("{path}/{name}"),
                        format!("<{name}> belongs to the storage volume, not the disk; remove it"),
                    );
                }
            }
        }
    }
}

/// `<auth>` and `<encryption>` are given once, on the disk or in its `<source>`
/// (libvirt: "an <auth> definition already found for disk source", "an <encryption>
/// definition already found for disk source").
fn one_auth_one_encryption(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let source_auth = network(disk).and_then(|n| n.auth.as_ref());
        if disk.auth.is_some() && source_auth.is_some() {
            c.error(
                format!("{}/source/auth", c.path(i)),
                "the disk already has an <auth>; keep one of them",
            );
        }
        if disk.encryption.is_some() && source_encryption(disk).is_some() {
            c.error(
                format!("{}/source/encryption", c.path(i)),
                "the disk already has an <encryption>; keep one of them",
            );
        }
    }
}

/// An `<auth>` secret is of the protocol's type: `iscsi` for iSCSI, `ceph` for RBD
/// (libvirt: "invalid secret type 'ceph'").
fn auth_secret_type(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(source) = network(disk) else {
            continue;
        };
        let (auth, path): (Option<&Auth>, String) = match (&disk.auth, &source.auth) {
            (Some(a), _) => (Some(a), format!("{}/auth/secret/@type", c.path(i))),
            (None, a) => (
                a.as_ref(),
                format!("{}/source/auth/secret/@type", c.path(i)),
            ),
        };
        let Some(kind) = auth
            .and_then(|a| a.secret.as_ref())
            .and_then(|s| s.kind.as_ref())
        else {
            continue;
        };
        let wanted = match source.protocol {
            Some(DiskProtocol::Iscsi) => AuthSecretType::Iscsi,
            Some(DiskProtocol::Rbd) => AuthSecretType::Ceph,
            _ => continue,
        };
        if *kind != wanted {
            c.error(
                path,
                format!("is '{kind}', but this protocol's secret is of type '{wanted}'"),
            );
        }
    }
}

/// An iSCSI source names exactly one `<host>` (QEMU driver, when the domain starts:
/// "iSCSI protocol accepts only one host"). libvirt defines such a domain, so this is a
/// warning.
fn iscsi_one_host(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(source) = network(disk) else {
            continue;
        };
        if source.protocol == Some(DiskProtocol::Iscsi) && source.hosts.len() != 1 {
            c.warning(
                format!("{}/source", c.path(i)),
                format!(
                    "an iSCSI source names one <host>, not {}",
                    source.hosts.len()
                ),
            );
        }
    }
}

/// Sheepdog is gone (libvirt: "'sheepdog' protocol is no longer supported by any
/// hypervisor driver").
fn no_sheepdog(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        if network(disk)
            .is_some_and(|s| s.protocol.as_ref().map(|p| p.as_str()) == Some("sheepdog"))
        {
            c.error(
                format!("{}/source/@protocol", c.path(i)),
                "no hypervisor supports sheepdog any more; move the image to another protocol",
            );
        }
    }
}

/// SCSI `<vendor>` has at most 8 printable characters, `<product>` 16 (libvirt: "disk
/// vendor is more than 8 characters", "disk product is more than 16 characters").
fn vendor_product_length(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        for (name, value, max) in [
            ("vendor", &disk.vendor, MAX_VENDOR_LEN),
            ("product", &disk.product, MAX_PRODUCT_LEN),
        ] {
            let Some(value) = value else { continue };
            if value.chars().count() > max {
                c.error(
                    format!("{}/{name}", c.path(i)),
                    format!("{value:?} is longer than {max} characters"),
                );
            } else if !value.chars().all(|ch| ch.is_ascii_graphic() || ch == ' ') {
                c.error(
                    format!("{}/{name}", c.path(i)),
                    format!("{value:?} has characters that are not printable ASCII"),
                );
            }
        }
    }
}

/// `<throttlefilters>` and `<iotune>` do not go together (QEMU driver: "block
/// 'throttlefilters' can't be used together with 'iotune' for disk 'vda'").
fn throttlefilters_without_iotune(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let filters = disk
            .throttlefilters
            .as_ref()
            .is_some_and(|f| !f.filters.is_empty());
        if filters && disk.iotune.is_some() {
            c.error(
                format!("{}/throttlefilters", c.path(i)),
                "cannot be combined with <iotune>; keep one of them",
            );
        }
    }
}

/// A disk without a target `bus`: libvirt guesses one from the target name (`vda` →
/// virtio, `sda` → SCSI, `hda` → IDE), which may not be what was meant (a warning).
fn target_bus_given(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(dev) = disk.target_dev().filter(|d| !d.is_empty()) else {
            continue;
        };
        if bus(disk).is_none() {
            c.warning(
                format!("{}/target/@bus", c.path(i)),
                format!("missing; libvirt will guess the bus from {dev:?}, so name it"),
            );
        }
    }
}

/// Floppy disks sit on the `fdc` bus, and only they do (libvirt: "Invalid bus type
/// 'ide' for floppy disk", "Invalid bus type 'fdc' for disk").
fn floppy_on_fdc(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(bus) = bus(disk) else { continue };
        let floppy = disk.device == Some(DiskDevice::Floppy);
        if floppy != (*bus == DiskBus::Fdc) {
            let message = if floppy {
                format!("is '{bus}', but a floppy disk sits on bus 'fdc'")
            } else {
                "is 'fdc', which takes floppy disks only; use device='floppy' or another bus"
                    .to_owned()
            };
            c.error(format!("{}/target/@bus", c.path(i)), message);
        }
    }
}

/// QEMU has no read-only IDE or SATA hard disk (QEMU driver: "readonly ide disks are
/// not supported", "readonly sata disks are not supported"); CD-ROMs are read-only
/// anyway.
fn readonly_ide_sata(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let hard_disk = matches!(disk.device, None | Some(DiskDevice::Disk));
        let bus = bus(disk).filter(|b| matches!(b, DiskBus::Ide | DiskBus::Sata));
        if let (true, Some(bus), Some(_)) = (hard_disk, bus, &disk.readonly) {
            c.error(
                format!("{}/readonly", c.path(i)),
                format!("QEMU has no read-only {bus} disk; use bus='virtio' or 'scsi', or a cdrom"),
            );
        }
    }
}

/// The startup policy of a disk's source.
fn startup_policy(disk: &Disk) -> Option<&StartupPolicy> {
    match disk.source.as_ref()? {
        DiskSource::File(s) => s.startup_policy.as_ref(),
        DiskSource::Block(s) => s.startup_policy.as_ref(),
        DiskSource::Dir(s) => s.startup_policy.as_ref(),
        DiskSource::Volume(s) => s.startup_policy.as_ref(),
        DiskSource::Nvme(s) => s.startup_policy.as_ref(),
        _ => None,
    }
}

/// `startupPolicy='requisite'` is for removable media (libvirt: "Setting disk
/// 'requisite' is allowed only for cdrom or floppy").
fn requisite_for_removable_media(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let removable = matches!(disk.device, Some(DiskDevice::Cdrom | DiskDevice::Floppy));
        if startup_policy(disk) == Some(&StartupPolicy::Requisite) && !removable {
            c.error(
                format!("{}/source/@startupPolicy", c.path(i)),
                "'requisite' is for a CD-ROM or floppy; use 'optional' or 'mandatory'",
            );
        }
    }
}

/// `<vendor>` is SCSI inquiry data, `<product>` exists on SCSI and SATA, `<wwn>` on
/// IDE and SCSI (libvirt: "Only scsi disk supports vendor and product", "Only ide and
/// scsi disk support wwn").
fn scsi_identity_on_scsi(c: &mut Checker<'_>) {
    for (i, disk) in disks(c) {
        let Some(bus) = bus(disk) else { continue };
        if disk.vendor.is_some() && *bus != DiskBus::Scsi {
            c.error(
                format!("{}/vendor", c.path(i)),
                "only a SCSI disk has a vendor; remove it or use bus='scsi'",
            );
        }
        if disk.product.is_some() && !matches!(bus, DiskBus::Scsi | DiskBus::Sata) {
            c.error(
                format!("{}/product", c.path(i)),
                "only a SCSI or SATA disk has a product; remove it",
            );
        }
        if disk.wwn.is_some() && !matches!(bus, DiskBus::Scsi | DiskBus::Ide) {
            c.error(
                format!("{}/wwn", c.path(i)),
                "only an IDE or SCSI disk has a WWN; remove it",
            );
        }
    }
}

/// The I/O threads the domain has: the ids of `<iothreadids>`, else 1 to
/// `<iothreads>` (kept as a range: the count is a number from the document, up to
/// 4,294,967,295, and must not cost a set of that size).
pub(super) enum IoThreadIds {
    Listed(std::collections::BTreeSet<u32>),
    UpTo(u32),
}

impl IoThreadIds {
    pub(super) fn contains(&self, id: &u32) -> bool {
        match self {
            IoThreadIds::Listed(ids) => ids.contains(id),
            IoThreadIds::UpTo(count) => (1..=*count).contains(id),
        }
    }
}

/// The domain's I/O threads, see [`IoThreadIds`].
pub(super) fn iothread_ids(c: &Checker<'_>) -> IoThreadIds {
    match &c.domain.iothreadids {
        Some(ids) if !ids.iothreads.is_empty() => {
            IoThreadIds::Listed(ids.iothreads.iter().map(|t| t.id).collect())
        }
        _ => IoThreadIds::UpTo(c.domain.iothreads.unwrap_or(0)),
    }
}

/// A disk's `<driver iothread>` is for virtio disks and names an I/O thread the domain
/// has (QEMU driver: "IOThreads are only available for virtio pci and virtio ccw
/// disk"; libvirt: "Invalid iothread id '2' for disk 'vda'").
fn disk_iothread(c: &mut Checker<'_>) {
    let ids = iothread_ids(c);
    for (i, disk) in disks(c) {
        let Some(id) = disk.driver.as_ref().and_then(|d| d.iothread) else {
            continue;
        };
        let path = format!("{}/driver/@iothread", c.path(i));
        if bus(disk).is_some_and(|b| *b != DiskBus::Virtio) {
            c.error(path, "only a virtio disk has an I/O thread; remove it");
        } else if !ids.contains(&id) {
            c.error(
                path,
                format!("names I/O thread {id}, which the domain does not have"),
            );
        }
    }
}

/// A `device='lun'` disk sits on a SCSI or virtio bus (QEMU driver: "disk
/// device='lun' is not supported for bus='sata'").
fn lun_bus(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, disk) in disks(c) {
        let Some(bus) = bus(disk) else { continue };
        if disk.device == Some(DiskDevice::Lun) && !matches!(bus, DiskBus::Scsi | DiskBus::Virtio) {
            c.error(
                format!("{}/target/@bus", c.path(i)),
                format!("is '{bus}', but a 'lun' passes SCSI commands: use bus='scsi'"),
            );
        }
    }
}

/// A vhost-user disk is a virtio disk in shared memory (QEMU driver: "vhostuser disk
/// supports only virtio bus", "'vhostuser disk' requires shared memory").
fn vhostuser_disk(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    let shared = super::memory::shared_memory(c);
    for (i, disk) in disks(c) {
        let vhostuser = disk.kind == Some(DiskType::Vhostuser)
            || matches!(disk.source, Some(DiskSource::VhostUser(_)));
        if !vhostuser {
            continue;
        }
        if let Some(bus) = bus(disk).filter(|b| **b != DiskBus::Virtio) {
            c.error(
                format!("{}/target/@bus", c.path(i)),
                format!("is '{bus}', but a vhost-user disk is a virtio disk"),
            );
        }
        if !shared {
            c.error(
                c.path(i),
                "a vhost-user disk needs shared memory (<memoryBacking><access mode='shared'/>)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::disk_index;

    #[test]
    fn disk_names_follow_libvirt() {
        assert_eq!(disk_index("vda"), Some(0));
        assert_eq!(disk_index("sdz"), Some(25));
        assert_eq!(disk_index("hdaa"), Some(26));
        assert_eq!(disk_index("xvdb1"), Some(1));
        assert_eq!(disk_index("hdaxxxxxxxxxx"), None);
        assert_eq!(disk_index("nvme0"), None);
        assert_eq!(disk_index("vd"), None);
    }
}
