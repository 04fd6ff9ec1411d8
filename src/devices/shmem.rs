//! `<shmem>`: a memory region shared between guests and the host (formatdomain:
//! "Shared memory device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, ScaledSize};
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<shmem role=…>`: whether the region migrates with the domain
    /// (formatdomain: "Shared memory device").
    pub enum ShmemRole {
        /// `master`: the data is migrated with the domain.
        Master = "master",
        /// `peer`: migration is refused while the device is plugged.
        Peer = "peer",
    }
}

value_enum! {
    /// `<shmem><model type=…>`: the QEMU device providing the region
    /// (formatdomain: "Shared memory device").
    pub enum ShmemModelType {
        /// `ivshmem`: the legacy device (with or without a server).
        Ivshmem = "ivshmem",
        /// `ivshmem-plain`: without a server.
        IvshmemPlain = "ivshmem-plain",
        /// `ivshmem-doorbell`: with a server and interrupts.
        IvshmemDoorbell = "ivshmem-doorbell",
    }
}

/// `<shmem>`: a shared memory device (formatdomain: "Shared memory device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Shmem {
    /// `name`: the shared memory's name (no `/`).
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `role`: migration behaviour.
    #[serde(rename = "@role")]
    pub role: Option<ShmemRole>,
    /// `<model>`: the device model.
    pub model: Option<ShmemModel>,
    /// `<size>`: the region's size (bytes when there is no unit; a power of two,
    /// at least 1 MiB).
    pub size: Option<ScaledSize>,
    /// `<server>`: the server socket a doorbell device connects to.
    pub server: Option<ShmemServer>,
    /// `<msi>`: MSI interrupts (with a server).
    pub msi: Option<ShmemMsi>,
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

impl Shmem {
    /// A server-less `ivshmem-plain` region `name` of `size`.
    pub fn plain(name: impl Into<String>, size: ScaledSize) -> Self {
        Shmem {
            name: Some(name.into()),
            model: Some(ShmemModel {
                kind: Some(ShmemModelType::IvshmemPlain),
                ..Default::default()
            }),
            size: Some(size),
            ..Default::default()
        }
    }
}

/// `<model>` of a shared memory device (formatdomain: "Shared memory device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ShmemModel {
    /// `type`: the QEMU device.
    #[serde(rename = "@type")]
    pub kind: Option<ShmemModelType>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<server>` of a shared memory device (formatdomain: "Shared memory device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ShmemServer {
    /// `path`: the server's UNIX socket (default
    /// `/var/lib/libvirt/shmem/$shmem-$name-sock`).
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<msi>` of a shared memory device (formatdomain: "Shared memory device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ShmemMsi {
    /// `vectors`: number of interrupt vectors.
    #[serde(rename = "@vectors")]
    pub vectors: Option<u32>,
    /// `ioeventfd`: use ioeventfd.
    #[serde(rename = "@ioeventfd")]
    pub ioeventfd: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::units::Unit;

    #[test]
    fn shmem_round_trips() {
        let mut plain = Shmem::plain("my_shmem0", ScaledSize::new(4, Unit::M));
        plain.role = Some(ShmemRole::Peer);
        assert_xml(
            &plain,
            "shmem",
            "<shmem name='my_shmem0' role='peer'>\n  <model type='ivshmem-plain'/>\n  <size unit='M'>4</size>\n</shmem>",
        );
        assert_xml(
            &Shmem {
                name: Some("shmem_server".into()),
                model: Some(ShmemModel {
                    kind: Some(ShmemModelType::IvshmemDoorbell),
                    ..Default::default()
                }),
                size: Some(ScaledSize::new(2, Unit::M)),
                server: Some(ShmemServer {
                    path: Some("/tmp/socket-shmem".into()),
                    ..Default::default()
                }),
                msi: Some(ShmemMsi {
                    vectors: Some(32),
                    ioeventfd: Some(OnOff::On),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "shmem",
            "<shmem name='shmem_server'>\n  <model type='ivshmem-doorbell'/>\n  <size unit='M'>2</size>\n  <server path='/tmp/socket-shmem'/>\n  <msi vectors='32' ioeventfd='on'/>\n</shmem>",
        );
    }

    #[test]
    fn empty_server_is_kept() {
        let read: Shmem = assert_modelled(
            "<shmem name='shmem3'>\n  <model type='ivshmem-doorbell'/>\n  <server/>\n  <msi ioeventfd='on'/>\n  <alias name='shmem3'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n</shmem>",
            "shmem",
        );
        assert_eq!(read.server, Some(ShmemServer::default()));
        assert_eq!(read.size, None);
    }
}
