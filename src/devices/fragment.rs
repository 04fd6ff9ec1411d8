//! Device fragments: every device element on its own, as libvirt's hotplug API
//! (`virsh attach-device`, `update-device`, `detach-device`) takes it.
//!
//! [`DeviceXml`] gives each device type `from_xml`, `from_xml_strict`, `to_xml` and
//! `unmodelled` for its own element; [`Device::from_xml`] reads any device fragment
//! and picks the variant by the root element's name. The rules are those of a whole
//! domain: unknown content is kept and written back, strict parsing refuses it.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{
    Audio, Channel, Console, Controller, Crypto, Device, Devices, Disk, Filesystem, Graphics,
    Hostdev, Hub, Input, Interface, Iommu, Lease, MemBalloon, MemoryDevice, NvramDevice, Panic,
    Parallel, Pstore, Redirdev, Redirfilter, Rng, Serial, Shmem, Smartcard, Sound, Tpm, Video,
    Vsock, Watchdog,
};
use crate::error::{Error, Result};
use crate::xml::{Element, RawElement, Unmodelled, RAW_VARIANT};

/// A device element that stands alone as an XML fragment, e.g. `<disk>…</disk>`
/// (formatdomain: "Devices").
///
/// ```
/// use libvirt_domain::devices::{DeviceXml, Vsock};
///
/// let vsock = Vsock::from_xml("<vsock model='virtio'><cid auto='yes'/></vsock>")?;
/// assert_eq!(vsock.to_xml()?, "<vsock model='virtio'>\n  <cid auto='yes'/>\n</vsock>");
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
pub trait DeviceXml: Serialize + DeserializeOwned {
    /// The element name, e.g. `disk`.
    const ELEMENT: &'static str;

    /// Parse a fragment whose root element is [`Self::ELEMENT`], keeping content the
    /// model does not know in `extra` fields.
    fn from_xml(text: &str) -> Result<Self> {
        crate::codec::from_str(text, Self::ELEMENT)
    }

    /// Parse a fragment and fail on the first element, attribute or text the model
    /// does not know, naming its path and line:column.
    fn from_xml_strict(text: &str) -> Result<Self> {
        let tree = Element::parse(text)?;
        let value = Self::from_element(&tree)?;
        refuse_unmodelled(crate::codec::unmodelled_in(&value, Self::ELEMENT, &tree))?;
        Ok(value)
    }

    /// Read an already parsed element, which must be named [`Self::ELEMENT`].
    fn from_element(element: &Element) -> Result<Self> {
        crate::codec::from_element(element, Self::ELEMENT)
    }

    /// Write the device as a fragment in libvirt's layout (two-space indentation).
    fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, Self::ELEMENT)
    }

    /// Every element, attribute and text the model does not know, with paths below
    /// the fragment's root (e.g. `/disk/driver/@future`).
    fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, Self::ELEMENT)
    }

    /// The device as plain JSON (`json` feature; shape in `docs/json.md`): the
    /// element's content as an object, e.g. `{"type": "file", "device": "disk", …}`.
    #[cfg(feature = "json")]
    fn to_json(&self) -> Result<String> {
        crate::json::to_string(self)
    }

    /// Read a device written by [`DeviceXml::to_json`] (`json` feature).
    #[cfg(feature = "json")]
    fn from_json(text: &str) -> Result<Self> {
        crate::json::from_str(text)
    }
}

/// The first unmodelled item as a strict-mode error.
fn refuse_unmodelled(unmodelled: Vec<Unmodelled>) -> Result<()> {
    match unmodelled.into_iter().next() {
        Some(first) => Err(Error::Unmodelled {
            position: first.position.unwrap_or_default(),
            path: first.path,
            what: first.kind,
        }),
        None => Ok(()),
    }
}

/// The device kinds of `<devices>` in libvirt's canonical output order
/// (`virDomainDefFormatInternal`), after `<emulator>`: the one table of device kinds.
/// Each row is `Variant(Type) = "element", iterator, iterator_mut;`. It feeds
/// [`DeviceXml`], `From<T> for Device`, [`Device::element_name`], the canonical rank
/// ([`Device::rank`]) and the per-kind iterators of [`Devices`](super::Devices) and
/// [`Domain`](crate::Domain); `$callback` is the macro that expands it.
macro_rules! device_table {
    ($callback:ident) => {
        $callback! {
            Disk(Disk) = "disk", disks, disks_mut;
            Controller(Controller) = "controller", controllers, controllers_mut;
            Lease(Lease) = "lease", leases, leases_mut;
            Filesystem(Filesystem) = "filesystem", filesystems, filesystems_mut;
            Interface(Interface) = "interface", interfaces, interfaces_mut;
            Smartcard(Smartcard) = "smartcard", smartcards, smartcards_mut;
            Serial(Serial) = "serial", serials, serials_mut;
            Parallel(Parallel) = "parallel", parallels, parallels_mut;
            Console(Console) = "console", consoles, consoles_mut;
            Channel(Channel) = "channel", channels, channels_mut;
            Input(Input) = "input", inputs, inputs_mut;
            Tpm(Tpm) = "tpm", tpms, tpms_mut;
            Graphics(Graphics) = "graphics", graphics, graphics_mut;
            Sound(Sound) = "sound", sounds, sounds_mut;
            Audio(Audio) = "audio", audios, audios_mut;
            Video(Video) = "video", videos, videos_mut;
            Hostdev(Hostdev) = "hostdev", hostdevs, hostdevs_mut;
            Redirdev(Redirdev) = "redirdev", redirdevs, redirdevs_mut;
            Redirfilter(Redirfilter) = "redirfilter", redirfilters, redirfilters_mut;
            Hub(Hub) = "hub", hubs, hubs_mut;
            Watchdog(Watchdog) = "watchdog", watchdogs, watchdogs_mut;
            MemBalloon(MemBalloon) = "memballoon", memballoons, memballoons_mut;
            Rng(Rng) = "rng", rngs, rngs_mut;
            Nvram(NvramDevice) = "nvram", nvrams, nvrams_mut;
            Panic(Panic) = "panic", panics, panics_mut;
            Shmem(Shmem) = "shmem", shmems, shmems_mut;
            Memory(MemoryDevice) = "memory", memory_devices, memory_devices_mut;
            Iommu(Iommu) = "iommu", iommus, iommus_mut;
            Vsock(Vsock) = "vsock", vsocks, vsocks_mut;
            Crypto(Crypto) = "crypto", cryptos, cryptos_mut;
            Pstore(Pstore) = "pstore", pstores, pstores_mut;
        }
    };
}
pub(crate) use device_table;

/// Implements [`DeviceXml`] for each device type, the `Device` methods that
/// dispatch on the element name, `From<T> for Device`, and the per-kind iterators
/// of `Devices`.
macro_rules! device_kinds {
    ($($variant:ident($ty:ident) = $element:literal, $iter:ident, $iter_mut:ident;)+) => {
        $(
            impl DeviceXml for $ty {
                const ELEMENT: &'static str = $element;
            }

            impl From<$ty> for Device {
                fn from(device: $ty) -> Self {
                    Device::$variant(Box::new(device))
                }
            }
        )+

        impl Devices {
            $(
                #[doc = concat!("The `<", $element, ">` devices, in order.")]
                pub fn $iter(&self) -> impl Iterator<Item = &$ty> + '_ {
                    self.devices.iter().filter_map(|d| match d {
                        Device::$variant(x) => Some(&**x),
                        _ => None,
                    })
                }

                #[doc = concat!("Mutable access to the `<", $element, ">` devices, in order.")]
                pub fn $iter_mut(&mut self) -> impl Iterator<Item = &mut $ty> + '_ {
                    self.devices.iter_mut().filter_map(|d| match d {
                        Device::$variant(x) => Some(&mut **x),
                        _ => None,
                    })
                }
            )+
        }

        impl Device {
            /// The device's element name, e.g. `disk`.
            pub fn element_name(&self) -> &str {
                match self {
                    Device::Emulator(_) => "emulator",
                    $( Device::$variant(_) => $element, )+
                    Device::Other(raw) => raw.element.name.local.as_str(),
                }
            }

            /// The place of this device's kind in libvirt's canonical `<devices>`
            /// order (`virDomainDefFormatInternal`): `<emulator>` first, then disks,
            /// controllers, …; a device this crate does not model ranks last.
            pub fn rank(&self) -> usize {
                let kinds: &[&str] = &["emulator", $($element),+];
                let name = match self {
                    Device::Other(_) => return kinds.len(),
                    known => known.element_name(),
                };
                kinds.iter().position(|k| *k == name).unwrap_or(kinds.len())
            }

            /// Read an already parsed device element; the variant is chosen by its
            /// name, and an element this crate does not model becomes
            /// [`Device::Other`] (reported by [`Device::unmodelled`]).
            pub fn from_element(element: &Element) -> Result<Device> {
                if element.name.namespace.is_none() {
                    match element.name.local.as_str() {
                        "emulator" => {
                            return crate::codec::from_element(element, "emulator").map(Device::Emulator)
                        }
                        $( $element => return $ty::from_element(element).map(Device::from), )+
                        _ => {}
                    }
                }
                Ok(Device::Other(Box::new(RawElement::read(element.clone()))))
            }

            /// Write the device as a fragment in libvirt's layout.
            pub fn to_xml(&self) -> Result<String> {
                match self {
                    Device::Emulator(path) => crate::codec::to_string(path, "emulator"),
                    $( Device::$variant(device) => device.to_xml(), )+
                    Device::Other(raw) => crate::codec::to_string(raw, RAW_VARIANT),
                }
            }

            /// Every element, attribute and text the model does not know, with paths
            /// below the fragment's root; a whole unknown device is one item.
            pub fn unmodelled(&self) -> Vec<Unmodelled> {
                match self {
                    Device::Emulator(_) => Vec::new(),
                    $( Device::$variant(device) => device.unmodelled(), )+
                    Device::Other(raw) => crate::codec::unmodelled(raw, RAW_VARIANT),
                }
            }
        }
    };
}

device_table!(device_kinds);

impl Device {
    /// Parse any device fragment (`<disk>`, `<hostdev>`, …); the root element's name
    /// picks the variant, and an element this crate does not model is kept whole as
    /// [`Device::Other`].
    ///
    /// ```
    /// use libvirt_domain::devices::Device;
    ///
    /// let device = Device::from_xml("<watchdog model='itco' action='reset'/>")?;
    /// assert_eq!(device.element_name(), "watchdog");
    /// assert!(matches!(device, Device::Watchdog(_)));
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn from_xml(text: &str) -> Result<Device> {
        Device::from_element(&Element::parse(text)?)
    }

    /// Parse any device fragment and fail on the first content the model does not
    /// know (an unknown device element included), naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<Device> {
        let tree = Element::parse(text)?;
        let device = Device::from_element(&tree)?;
        let mut found = device.unmodelled();
        for item in found.iter_mut().filter(|u| u.position.is_none()) {
            item.position = tree.locate(&item.path);
        }
        found.sort_by_key(|u| {
            u.position
                .map_or((u32::MAX, u32::MAX), |p| (p.line, p.column))
        });
        refuse_unmodelled(found)?;
        Ok(device)
    }
}

impl From<RawElement> for Device {
    fn from(raw: RawElement) -> Self {
        Device::Other(Box::new(raw))
    }
}

#[cfg(feature = "json")]
impl Device {
    /// The device as plain JSON, an object with one key, the element name:
    /// `{"disk": {…}}`.
    pub fn to_json(&self) -> Result<String> {
        crate::json::to_string(self)
    }

    /// Read a device written by [`Device::to_json`].
    pub fn from_json(text: &str) -> Result<Device> {
        crate::json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One modelled fragment of every device kind, as libvirt writes it.
    const FRAGMENTS: &[&str] = &[
        "<emulator>/usr/bin/qemu-system-x86_64</emulator>",
        "<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n  <source file='/var/lib/libvirt/images/a.qcow2'/>\n  <target dev='vda' bus='virtio'/>\n</disk>",
        "<controller type='usb' index='0' model='qemu-xhci'/>",
        "<lease>\n  <lockspace>somearea</lockspace>\n  <key>somekey</key>\n  <target path='/some/lease/path' offset='1024'/>\n</lease>",
        "<filesystem type='mount' accessmode='passthrough'>\n  <driver type='virtiofs'/>\n  <source dir='/home'/>\n  <target dir='home'/>\n</filesystem>",
        "<interface type='network'>\n  <source network='default'/>\n  <model type='virtio'/>\n</interface>",
        "<input type='tablet' bus='usb'/>",
        "<sound model='ich9'>\n  <audio id='1'/>\n</sound>",
        "<audio type='pulseaudio' id='1' serverName='acme.example.org'/>",
        "<hostdev type='pci' mode='subsystem' managed='yes'>\n  <source>\n    <address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/>\n  </source>\n</hostdev>",
        "<graphics type='spice' autoport='yes'/>",
        "<video>\n  <model type='virtio' heads='1' primary='yes'/>\n</video>",
        "<console type='pty'>\n  <target type='serial' port='0'/>\n</console>",
        "<parallel type='file'>\n  <source path='/tmp/parallel.log'/>\n  <target port='0'/>\n</parallel>",
        "<serial type='pty'>\n  <target port='0'/>\n</serial>",
        "<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>",
        "<smartcard mode='passthrough' type='spicevmc'/>",
        "<hub type='usb'/>",
        "<redirdev bus='usb' type='spicevmc'/>",
        "<redirfilter>\n  <usbdev class='0x08' vendor='0x15E1' product='0x2007' version='1.09' allow='yes'/>\n  <usbdev allow='no'/>\n</redirfilter>",
        "<rng model='virtio'>\n  <backend model='random'>/dev/urandom</backend>\n</rng>",
        "<tpm model='tpm-crb'>\n  <backend type='emulator' version='2.0'/>\n</tpm>",
        "<shmem name='my_shmem0' role='peer'>\n  <model type='ivshmem-plain'/>\n  <size unit='M'>4</size>\n</shmem>",
        "<memory model='dimm'>\n  <target>\n    <size unit='KiB'>524287</size>\n    <node>0</node>\n  </target>\n</memory>",
        "<crypto model='virtio' type='qemu'>\n  <backend model='builtin' queues='1'/>\n</crypto>",
        "<watchdog model='itco' action='reset'/>",
        "<memballoon model='virtio'>\n  <stats period='10'/>\n</memballoon>",
        "<nvram>\n  <address type='spapr-vio' reg='0x00003000'/>\n</nvram>",
        "<panic model='isa'>\n  <address type='isa' iobase='0x505'/>\n</panic>",
        "<iommu model='intel'/>",
        "<vsock model='virtio'>\n  <cid auto='no' address='3'/>\n</vsock>",
        "<pstore backend='acpi-erst'>\n  <path>/tmp/guest_acpi_esrt</path>\n  <size unit='KiB'>8</size>\n</pstore>",
    ];

    #[test]
    fn every_device_kind_round_trips_as_a_fragment() {
        for xml in FRAGMENTS {
            let device = Device::from_xml_strict(xml).unwrap_or_else(|e| panic!("{xml}: {e}"));
            assert!(
                !matches!(device, Device::Other(_)),
                "{xml} read as an unknown device"
            );
            assert!(xml[1..].starts_with(device.element_name()), "{xml}");
            assert_eq!(device.to_xml().unwrap(), *xml);
            assert!(device.unmodelled().is_empty(), "{xml}");
        }
    }

    /// Every variant but `Other` has a fragment above (the match fails to compile
    /// when a variant is added, reminding to add its fragment).
    #[test]
    fn fragments_cover_every_variant() {
        let mut seen = std::collections::BTreeSet::new();
        for xml in FRAGMENTS {
            let device = Device::from_xml(xml).unwrap();
            let name = match &device {
                Device::Emulator(_) => "emulator",
                Device::Disk(_) => "disk",
                Device::Controller(_) => "controller",
                Device::Lease(_) => "lease",
                Device::Filesystem(_) => "filesystem",
                Device::Interface(_) => "interface",
                Device::Input(_) => "input",
                Device::Sound(_) => "sound",
                Device::Audio(_) => "audio",
                Device::Hostdev(_) => "hostdev",
                Device::Graphics(_) => "graphics",
                Device::Video(_) => "video",
                Device::Console(_) => "console",
                Device::Parallel(_) => "parallel",
                Device::Serial(_) => "serial",
                Device::Channel(_) => "channel",
                Device::Smartcard(_) => "smartcard",
                Device::Hub(_) => "hub",
                Device::Redirdev(_) => "redirdev",
                Device::Redirfilter(_) => "redirfilter",
                Device::Rng(_) => "rng",
                Device::Tpm(_) => "tpm",
                Device::Shmem(_) => "shmem",
                Device::Memory(_) => "memory",
                Device::Crypto(_) => "crypto",
                Device::Watchdog(_) => "watchdog",
                Device::MemBalloon(_) => "memballoon",
                Device::Nvram(_) => "nvram",
                Device::Panic(_) => "panic",
                Device::Iommu(_) => "iommu",
                Device::Vsock(_) => "vsock",
                Device::Pstore(_) => "pstore",
                Device::Other(_) => "other",
            };
            seen.insert(name);
        }
        assert_eq!(seen.len(), FRAGMENTS.len());
        assert!(!seen.contains("other"));
    }

    #[test]
    fn device_types_stand_alone() {
        let disk = Disk::from_xml(FRAGMENTS[1]).unwrap();
        assert_eq!(disk.to_xml().unwrap(), FRAGMENTS[1]);
        let hostdev = Hostdev::from_xml(FRAGMENTS[9]).unwrap();
        assert_eq!(
            Device::from(hostdev.clone()).to_xml().unwrap(),
            FRAGMENTS[9]
        );
        assert_eq!(hostdev, Hostdev::pci("06:02.0".parse().unwrap()));
        // The root element must match the type.
        let err = Disk::from_xml("<interface type='network'/>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected the root element <disk>"), "{err}");
    }

    #[test]
    fn unknown_content_is_kept_and_refused_when_strict() {
        let xml = "<vsock model='virtio' future='1'>\n  <cid auto='yes'/>\n</vsock>";
        let vsock = Vsock::from_xml(xml).unwrap();
        assert_eq!(vsock.to_xml().unwrap(), xml);
        let unmodelled = vsock.unmodelled();
        assert_eq!(unmodelled.len(), 1);
        assert_eq!(unmodelled[0].path, "/vsock/@future");
        let err = Vsock::from_xml_strict(xml).unwrap_err();
        assert!(
            matches!(&err, Error::Unmodelled { path, .. } if path == "/vsock/@future"),
            "{err}"
        );
        let err = Device::from_xml_strict(xml).unwrap_err();
        assert!(matches!(err, Error::Unmodelled { .. }), "{err}");
    }

    #[test]
    fn unknown_values_of_closed_sets_are_reported() {
        let xml = "<disk type='file' device='dsik'>\n  <source file='/a.img'/>\n  <target dev='vda' bus='virtoi'/>\n</disk>";
        let disk = Disk::from_xml(xml).unwrap();
        assert_eq!(disk.to_xml().unwrap(), xml);
        let unmodelled = disk.unmodelled();
        let paths: Vec<(&str, &str)> = unmodelled
            .iter()
            .map(|u| (u.path.as_str(), u.kind))
            .collect();
        assert_eq!(
            paths,
            [("/disk/@device", "value"), ("/disk/target/@bus", "value")]
        );
        let err = Disk::from_xml_strict(xml).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1, column 19: /disk/@device: unmodelled value; parse without strict mode to keep it as raw XML"
        );
        let err = Device::from_xml_strict(xml).unwrap_err().to_string();
        assert!(err.starts_with("line 1, column 19: /disk/@device"), "{err}");
        // An open set (any NIC model) is not reported.
        let nic = Interface::from_xml_strict(
            "<interface type='user'>\n  <model type='lan9118'/>\n</interface>",
        )
        .unwrap();
        assert!(nic.unmodelled().is_empty());
    }

    #[test]
    fn unknown_values_in_a_domain_carry_their_position() {
        let xml = "<domain type='kvm'>\n  <name>t</name>\n  <devices>\n    <disk type='file'>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n    <disk type='file'>\n      <target dev='vdb' bus='virtoi'/>\n    </disk>\n  </devices>\n</domain>";
        let domain = crate::Domain::from_xml(xml).unwrap();
        let unmodelled = domain.unmodelled();
        assert_eq!(unmodelled.len(), 1, "{unmodelled:?}");
        assert_eq!(unmodelled[0].path, "/domain/devices/disk[2]/target/@bus");
        let err = crate::Domain::from_xml_strict(xml).unwrap_err();
        assert!(
            matches!(&err, Error::Unmodelled { position, path, what: "value" }
                if position.line == 8 && position.column == 25 && path == "/domain/devices/disk[2]/target/@bus"),
            "{err}"
        );
    }

    #[test]
    fn unknown_fragment_is_kept_whole() {
        let xml = "<gizmo kind='new'>\n  <part/>\n</gizmo>";
        let device = Device::from_xml(xml).unwrap();
        let Device::Other(raw) = &device else {
            panic!("expected Device::Other, got {device:?}");
        };
        assert_eq!(raw.element.name.local, "gizmo");
        assert_eq!(device.element_name(), "gizmo");
        assert_eq!(device.to_xml().unwrap(), xml);
        let unmodelled = device.unmodelled();
        assert_eq!(unmodelled.len(), 1, "{unmodelled:?}");
        assert_eq!(unmodelled[0].path, "/gizmo");
        assert_eq!(unmodelled[0].kind, "element");
        let err = Device::from_xml_strict(xml).unwrap_err().to_string();
        assert!(err.contains("/gizmo: unmodelled element"), "{err}");
        // A namespaced element is never a device, whatever its local name.
        let namespaced = Device::from_xml("<x:disk xmlns:x='urn:example'/>").unwrap();
        assert!(matches!(namespaced, Device::Other(_)));
        assert_eq!(
            namespaced.to_xml().unwrap(),
            "<x:disk xmlns:x='urn:example'/>"
        );
    }

    #[test]
    fn malformed_fragments_are_errors() {
        assert!(Device::from_xml("<disk").is_err());
        assert!(Device::from_xml("<audio id='1'/>").is_ok());
        let err = Device::from_xml("<vsock><cid address='x'/></vsock>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("/vsock/cid/@address"), "{err}");
    }
}
