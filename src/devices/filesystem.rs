//! `<filesystem>`: host directories and images shared with the guest (formatdomain:
//! "Filesystems").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, Boot, Marker, VirtioModel};
use super::disk::StorageFormat;
use crate::os::IdMap;
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<filesystem type=…>`: what is shared (formatdomain: "Filesystems").
    pub enum FilesystemType {
        /// `mount`: a host directory (default).
        Mount = "mount",
        /// `template`: an OpenVZ template.
        Template = "template",
        /// `file`: a host image file (LXC).
        File = "file",
        /// `block`: a host block device (LXC).
        Block = "block",
        /// `ram`: a RAM-backed tmpfs (LXC).
        Ram = "ram",
        /// `bind`: a directory bind-mounted inside the guest (LXC).
        Bind = "bind",
    }
}

value_enum! {
    /// `<filesystem accessmode=…>`: security mode of a 9p share
    /// (formatdomain: "Filesystems").
    pub enum FsAccessMode {
        /// `passthrough`: access with the guest user's credentials (virtiofs' only mode).
        Passthrough = "passthrough",
        /// `mapped`: access as QEMU's user, credentials kept in xattrs.
        Mapped = "mapped",
        /// `squash`: like passthrough, ignoring ownership failures.
        Squash = "squash",
    }
}

value_enum! {
    /// `<filesystem multidevs=…>`: how 9p handles several host devices in the share
    /// (formatdomain: "Filesystems").
    pub enum FsMultidevs {
        /// `default`
        Default = "default",
        /// `remap`: remap inode numbers.
        Remap = "remap",
        /// `forbid`
        Forbid = "forbid",
        /// `warn`
        Warn = "warn",
    }
}

value_enum! {
    /// `<driver type=…>` of a filesystem: the implementation (formatdomain: "Filesystems").
    pub enum FsDriverType {
        /// `path`: QEMU 9p / LXC bind.
        Path = "path",
        /// `handle`: QEMU 9p by file handle.
        Handle = "handle",
        /// `loop`: LXC loop device.
        Loop = "loop",
        /// `nbd`: LXC qemu-nbd.
        Nbd = "nbd",
        /// `ploop`: OpenVZ ploop.
        Ploop = "ploop",
        /// `virtiofs`: virtiofsd.
        Virtiofs = "virtiofs",
        /// `mtp`: USB MTP.
        Mtp = "mtp",
    }
}

value_enum! {
    /// `<driver wrpolicy=…>` of a filesystem: how writes reach the host page cache
    /// (QEMU 9p; formatdomain: "Filesystems").
    pub enum FsWritePolicy {
        /// `immediate`: a host writeback is triggered for every page a guest write
        /// touches.
        Immediate = "immediate",
    }
}

value_enum! {
    /// `<binary><cache mode=…>` of a filesystem: virtiofsd's caching
    /// (formatdomain: "Filesystems").
    pub enum FsCacheMode {
        /// `none`
        None = "none",
        /// `always`
        Always = "always",
    }
}

value_enum! {
    /// `<binary><sandbox mode=…>` of a filesystem: how virtiofsd sandboxes itself
    /// (formatdomain: "Filesystems").
    pub enum FsSandboxMode {
        /// `namespace`: namespaces and `pivot_root`.
        Namespace = "namespace",
        /// `chroot`: `chroot` only, for running without privileges to make namespaces.
        Chroot = "chroot",
    }
}

/// `<filesystem>`: a host directory or image shared with the guest (formatdomain:
/// "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filesystem {
    /// `type`: what is shared.
    #[serde(rename = "@type")]
    pub kind: Option<FilesystemType>,
    /// `accessmode`: 9p security mode.
    #[serde(rename = "@accessmode")]
    pub accessmode: Option<FsAccessMode>,
    /// `model`: virtio flavour.
    #[serde(rename = "@model")]
    pub model: Option<VirtioModel>,
    /// `multidevs`: 9p handling of several host devices.
    #[serde(rename = "@multidevs")]
    pub multidevs: Option<FsMultidevs>,
    /// `fmode`: octal mode of files created by a mapped share.
    #[serde(rename = "@fmode")]
    pub fmode: Option<String>,
    /// `dmode`: octal mode of directories created by a mapped share.
    #[serde(rename = "@dmode")]
    pub dmode: Option<String>,
    /// `<driver>`: the implementation.
    pub driver: Option<FsDriver>,
    /// `<binary>`: virtiofsd options.
    pub binary: Option<FsBinary>,
    /// `<source>`: the host side.
    pub source: Option<FsSource>,
    /// `<target>`: the guest side (mount tag).
    pub target: Option<FsTarget>,
    /// `<readonly/>`: export read-only.
    pub readonly: Option<Marker>,
    /// `<idmap>`: user and group id mapping of the share (virtiofs).
    pub idmap: Option<IdMap>,
    /// `<space_hard_limit>`: hard space limit (LXC).
    pub space_hard_limit: Option<FsSpaceLimit>,
    /// `<space_soft_limit>`: soft space limit (LXC).
    pub space_soft_limit: Option<FsSpaceLimit>,
    /// `<boot>`: boot order (virtiofs).
    pub boot: Option<Boot>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Filesystem {
    /// A virtiofs share of host directory `dir` under mount tag `tag`, as Phyllome's
    /// domains define it.
    pub fn virtiofs(dir: impl Into<String>, tag: impl Into<String>) -> Self {
        Filesystem {
            kind: Some(FilesystemType::Mount),
            accessmode: Some(FsAccessMode::Passthrough),
            driver: Some(FsDriver {
                kind: Some(FsDriverType::Virtiofs),
                ..Default::default()
            }),
            source: Some(FsSource {
                dir: Some(dir.into()),
                ..Default::default()
            }),
            target: Some(FsTarget {
                dir: Some(tag.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<driver>` of a filesystem (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsDriver {
    /// `type`: the implementation.
    #[serde(rename = "@type")]
    pub kind: Option<FsDriverType>,
    /// `format`: image format (loop, nbd).
    #[serde(rename = "@format")]
    pub format: Option<StorageFormat>,
    /// `queue`: virtiofs queue size.
    #[serde(rename = "@queue")]
    pub queue: Option<u32>,
    /// `wrpolicy`: `immediate` to write through.
    #[serde(rename = "@wrpolicy")]
    pub wrpolicy: Option<FsWritePolicy>,
    /// `iommu`: use the emulated IOMMU (virtio option).
    #[serde(rename = "@iommu")]
    pub iommu: Option<OnOff>,
    /// `ats`: PCIe Address Translation Service (virtio option).
    #[serde(rename = "@ats")]
    pub ats: Option<OnOff>,
    /// `packed`: packed virtqueues (virtio option).
    #[serde(rename = "@packed")]
    pub packed: Option<OnOff>,
    /// `page_per_vq`: one notification page per queue (virtio option).
    #[serde(rename = "@page_per_vq")]
    pub page_per_vq: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<binary>`: virtiofsd options (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinary {
    /// `path`: the virtiofsd binary.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `xattr`: extended attribute support.
    #[serde(rename = "@xattr")]
    pub xattr: Option<OnOff>,
    /// `<cache>`: caching mode.
    pub cache: Option<FsBinaryCache>,
    /// `<sandbox>`: sandboxing mode.
    pub sandbox: Option<FsBinarySandbox>,
    /// `<lock>`: lock support.
    pub lock: Option<FsBinaryLock>,
    /// `<thread_pool>`: thread pool size.
    pub thread_pool: Option<FsBinaryThreadPool>,
    /// `<openfiles>`: open file limit.
    pub openfiles: Option<FsBinaryOpenFiles>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<binary><cache>`: virtiofsd's caching (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinaryCache {
    /// `mode`: the caching mode.
    #[serde(rename = "@mode")]
    pub mode: Option<FsCacheMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<binary><sandbox>`: virtiofsd's sandboxing (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinarySandbox {
    /// `mode`: the sandboxing method.
    #[serde(rename = "@mode")]
    pub mode: Option<FsSandboxMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<lock>` of virtiofsd (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinaryLock {
    /// `posix`: POSIX locks.
    #[serde(rename = "@posix")]
    pub posix: Option<OnOff>,
    /// `flock`: BSD flock locks.
    #[serde(rename = "@flock")]
    pub flock: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<thread_pool>` of virtiofsd (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinaryThreadPool {
    /// `size`: worker threads.
    #[serde(rename = "@size")]
    pub size: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<openfiles>` of virtiofsd (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsBinaryOpenFiles {
    /// `max`: maximum open files.
    #[serde(rename = "@max")]
    pub max: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a filesystem (formatdomain: "Filesystems").
///
/// One struct for every filesystem `type`: `dir` (mount, bind) or `socket`
/// (externally started virtiofsd), `file`, `dev`, `name` (template),
/// `usage`/`units` (ram).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsSource {
    /// `dir`: host directory.
    #[serde(rename = "@dir")]
    pub dir: Option<String>,
    /// `socket`: vhost-user socket of an external virtiofsd.
    #[serde(rename = "@socket")]
    pub socket: Option<String>,
    /// `file`: host image file.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// `dev`: host block device.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `name`: template name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `usage`: RAM filesystem size.
    #[serde(rename = "@usage")]
    pub usage: Option<u64>,
    /// `units`: unit of `usage` (default KiB).
    #[serde(rename = "@units")]
    pub units: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of a filesystem (formatdomain: "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsTarget {
    /// `dir`: the mount tag (QEMU) or mount point (LXC).
    #[serde(rename = "@dir")]
    pub dir: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<space_hard_limit>` or `<space_soft_limit>` of a filesystem (formatdomain:
/// "Filesystems").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsSpaceLimit {
    /// `unit`: unit of the value (default bytes).
    #[serde(rename = "@unit")]
    pub unit: Option<String>,
    /// The limit.
    #[serde(rename = "$text")]
    pub value: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn phyllome_virtiofs_is_fully_modelled() {
        let xml = "<filesystem type='mount' accessmode='passthrough'>\n  <driver type='virtiofs'/>\n  <source dir='/mnt'/>\n  <target dir='mnt'/>\n  <readonly/>\n</filesystem>";
        let expected = Filesystem {
            readonly: Some(Marker::default()),
            ..Filesystem::virtiofs("/mnt", "mnt")
        };
        assert_xml(&expected, "filesystem", xml);
        assert_eq!(assert_modelled::<Filesystem>(xml, "filesystem"), expected);
        assert_xml(
            &Filesystem::virtiofs("/mnt/", "share"),
            "filesystem",
            "<filesystem type='mount' accessmode='passthrough'>\n  <driver type='virtiofs'/>\n  <source dir='/mnt/'/>\n  <target dir='share'/>\n</filesystem>",
        );
    }

    #[test]
    fn filesystems_round_trip() {
        let virtiofsd = Filesystem {
            driver: Some(FsDriver {
                kind: Some(FsDriverType::Virtiofs),
                queue: Some(1024),
                ..Default::default()
            }),
            binary: Some(FsBinary {
                path: Some("/usr/libexec/virtiofsd".into()),
                xattr: Some(OnOff::On),
                cache: Some(FsBinaryCache {
                    mode: Some(FsCacheMode::Always),
                    ..Default::default()
                }),
                sandbox: Some(FsBinarySandbox {
                    mode: Some(FsSandboxMode::Chroot),
                    ..Default::default()
                }),
                lock: Some(FsBinaryLock {
                    posix: Some(OnOff::On),
                    flock: Some(OnOff::On),
                    ..Default::default()
                }),
                thread_pool: Some(FsBinaryThreadPool {
                    size: Some(16),
                    ..Default::default()
                }),
                openfiles: Some(FsBinaryOpenFiles {
                    max: Some(2048),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            boot: Some(Boot::order(1)),
            alias: Some(Alias::new("fs0")),
            address: Some(Address::pci(0, 7, 0, 0)),
            ..Filesystem::virtiofs("/path", "mount_tag")
        };
        assert_xml(
            &virtiofsd,
            "filesystem",
            "<filesystem type='mount' accessmode='passthrough'>\n  <driver type='virtiofs' queue='1024'/>\n  <binary path='/usr/libexec/virtiofsd' xattr='on'>\n    <cache mode='always'/>\n    <sandbox mode='chroot'/>\n    <lock posix='on' flock='on'/>\n    <thread_pool size='16'/>\n    <openfiles max='2048'/>\n  </binary>\n  <source dir='/path'/>\n  <target dir='mount_tag'/>\n  <boot order='1'/>\n  <alias name='fs0'/>\n  <address type='pci' domain='0x0000' bus='0x07' slot='0x00' function='0x0'/>\n</filesystem>",
        );
        let ram = Filesystem {
            kind: Some(FilesystemType::Ram),
            accessmode: Some(FsAccessMode::Mapped),
            fmode: Some("644".into()),
            dmode: Some("755".into()),
            driver: Some(FsDriver {
                kind: Some(FsDriverType::Path),
                format: Some(StorageFormat::Raw),
                wrpolicy: Some("immediate".into()),
                ..Default::default()
            }),
            source: Some(FsSource {
                usage: Some(1024),
                units: Some("MiB".into()),
                ..Default::default()
            }),
            target: Some(FsTarget {
                dir: Some("/tmp".into()),
                ..Default::default()
            }),
            space_hard_limit: Some(FsSpaceLimit {
                unit: Some("KiB".into()),
                value: Some(1000),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_xml(
            &ram,
            "filesystem",
            "<filesystem type='ram' accessmode='mapped' fmode='644' dmode='755'>\n  <driver type='path' format='raw' wrpolicy='immediate'/>\n  <source usage='1024' units='MiB'/>\n  <target dir='/tmp'/>\n  <space_hard_limit unit='KiB'>1000</space_hard_limit>\n</filesystem>",
        );
    }
}
