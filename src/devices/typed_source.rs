//! Devices whose `type` attribute a typed `<source>` implies: `<disk>` and
//! `<interface>` here, the character devices in `chardev.rs`
//! (formatdomain: "Hard drives, floppy disks, CDROMs", "Network interfaces").
//!
//! The `kind` field is the single place the `type` is written. When it is unset,
//! the type the source's variant implies is written instead (except the variant
//! libvirt reads without a `type`, `file` for disks, which stays unwritten), so
//! `Disk { source: Some(DiskSource::block(..)), ..Default::default() }` writes
//! `<disk type='block'>`. Such a value reads back with `kind` set; equality
//! therefore compares `kind` as written ([`Disk::written_kind`]), which keeps
//! `parse(emit(x)) == x`. A set `kind` that disagrees with the source is written as
//! set and reported by `Domain::validate`.
//!
//! The derived serde code is generated as inherent functions (`#[serde(remote =
//! "Self")]`); the trait impls below fill in the type and call them.

/// `Serialize` and `Deserialize` for a device whose `type` a typed `<source>` implies:
/// the derived code (`#[serde(remote = "Self")]`, inherent functions) with `kind`
/// filled in from `implied_kind()` when it is unset. Used by `Disk`, `Interface` and
/// the character devices (`chardev.rs`).
macro_rules! typed_source_serde {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.implied_kind() {
                    Some(kind) => $name::serialize(
                        &$name {
                            kind: Some(kind),
                            ..self.clone()
                        },
                        serializer,
                    ),
                    None => $name::serialize(self, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $name::deserialize(deserializer)
            }
        }
    };
}
pub(crate) use typed_source_serde;

use super::{Disk, DiskType, Interface, InterfaceType};

impl Disk {
    /// The `type` this disk writes: `kind` when set, else the one its source
    /// implies, unless that is `file` (libvirt's default, written as no `type`).
    pub fn written_kind(&self) -> Option<DiskType> {
        self.kind.clone().or_else(|| self.implied_kind())
    }

    /// The `type` the source implies when `kind` is unset and the source is not a
    /// `file` one.
    fn implied_kind(&self) -> Option<DiskType> {
        match &self.kind {
            Some(_) => None,
            None => self
                .source
                .as_ref()?
                .kind()
                .filter(|kind| *kind != DiskType::File),
        }
    }
}

typed_source_serde!(Disk);

impl Interface {
    /// The `type` this interface writes: `kind` when set, else the one its source
    /// implies.
    pub fn written_kind(&self) -> Option<InterfaceType> {
        self.kind.clone().or_else(|| self.implied_kind())
    }

    /// The `type` the source implies when `kind` is unset.
    fn implied_kind(&self) -> Option<InterfaceType> {
        match &self.kind {
            Some(_) => None,
            None => self.source.as_ref()?.kind(),
        }
    }
}

typed_source_serde!(Interface);

impl PartialEq for Disk {
    /// Equal when both write the same XML: `kind` is compared as written
    /// ([`Disk::written_kind`]), every other field as is.
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field cannot be forgotten here.
        let Disk {
            kind: _,
            device,
            model,
            rawio,
            sgio,
            snapshot,
            driver,
            source,
            backing_store,
            mirror,
            backenddomain,
            geometry,
            blockio,
            target,
            iotune,
            throttlefilters,
            readonly,
            shareable,
            transient,
            serial,
            wwn,
            vendor,
            product,
            auth,
            encryption,
            boot,
            alias,
            acpi,
            address,
            extra,
        } = self;
        self.written_kind() == other.written_kind()
            && *device == other.device
            && *model == other.model
            && *rawio == other.rawio
            && *sgio == other.sgio
            && *snapshot == other.snapshot
            && *driver == other.driver
            && *source == other.source
            && *backing_store == other.backing_store
            && *mirror == other.mirror
            && *backenddomain == other.backenddomain
            && *geometry == other.geometry
            && *blockio == other.blockio
            && *target == other.target
            && *iotune == other.iotune
            && *throttlefilters == other.throttlefilters
            && *readonly == other.readonly
            && *shareable == other.shareable
            && *transient == other.transient
            && *serial == other.serial
            && *wwn == other.wwn
            && *vendor == other.vendor
            && *product == other.product
            && *auth == other.auth
            && *encryption == other.encryption
            && *boot == other.boot
            && *alias == other.alias
            && *acpi == other.acpi
            && *address == other.address
            && *extra == other.extra
    }
}

impl PartialEq for Interface {
    /// Equal when both write the same XML: `kind` is compared as written
    /// ([`Interface::written_kind`]), every other field as is.
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field cannot be forgotten here.
        let Interface {
            kind: _,
            managed,
            trust_guest_rx_filters,
            mac,
            source,
            virtualport,
            ips,
            routes,
            port_forwards,
            script,
            downscript,
            backenddomain,
            target,
            guest,
            model,
            driver,
            backend,
            filterref,
            tune,
            teaming,
            link,
            mtu,
            coalesce,
            boot,
            alias,
            rom,
            bandwidth,
            vlan,
            port,
            acpi,
            address,
            extra,
        } = self;
        self.written_kind() == other.written_kind()
            && *managed == other.managed
            && *trust_guest_rx_filters == other.trust_guest_rx_filters
            && *mac == other.mac
            && *source == other.source
            && *virtualport == other.virtualport
            && *ips == other.ips
            && *routes == other.routes
            && *port_forwards == other.port_forwards
            && *script == other.script
            && *downscript == other.downscript
            && *backenddomain == other.backenddomain
            && *target == other.target
            && *guest == other.guest
            && *model == other.model
            && *driver == other.driver
            && *backend == other.backend
            && *filterref == other.filterref
            && *tune == other.tune
            && *teaming == other.teaming
            && *link == other.link
            && *mtu == other.mtu
            && *coalesce == other.coalesce
            && *boot == other.boot
            && *alias == other.alias
            && *rom == other.rom
            && *bandwidth == other.bandwidth
            && *vlan == other.vlan
            && *port == other.port
            && *acpi == other.acpi
            && *address == other.address
            && *extra == other.extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;
    use crate::devices::{DeviceXml, DiskSource, InterfaceSource};

    #[test]
    fn an_unset_disk_type_is_written_from_the_source() {
        let disk = Disk {
            source: Some(DiskSource::block("/dev/sdb")),
            ..Default::default()
        };
        let xml = "<disk type='block'>\n  <source dev='/dev/sdb'/>\n</disk>";
        assert_xml(&disk, "disk", xml);
        let read = Disk::from_xml(xml).unwrap();
        assert_eq!(read.kind, Some(DiskType::Block));
        assert_eq!(read, disk);
        // A file source writes no type, as libvirt reads it.
        let file = Disk {
            source: Some(DiskSource::file("/a.img")),
            ..Default::default()
        };
        assert_xml(&file, "disk", "<disk>\n  <source file='/a.img'/>\n</disk>");
        // A written type='file' is not the same document as none.
        let typed = Disk {
            kind: Some(DiskType::File),
            ..file.clone()
        };
        assert_ne!(typed, file);
        // A set type that disagrees is written as set.
        let wrong = Disk {
            kind: Some(DiskType::File),
            ..disk.clone()
        };
        assert!(wrong.to_xml().unwrap().starts_with("<disk type='file'>"));
        assert_ne!(wrong, disk);
    }

    #[test]
    fn an_unset_interface_type_is_written_from_the_source() {
        let nic = Interface {
            source: Some(InterfaceSource::bridge("br0")),
            ..Default::default()
        };
        let xml = "<interface type='bridge'>\n  <source bridge='br0'/>\n</interface>";
        assert_xml(&nic, "interface", xml);
        assert_eq!(nic.written_kind(), Some(InterfaceType::Bridge));
        assert_eq!(Interface::from_xml(xml).unwrap(), nic);
        assert_eq!(Interface::default().written_kind(), None);
    }
}
