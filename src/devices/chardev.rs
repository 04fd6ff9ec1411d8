//! Character devices: `<serial>`, `<parallel>`, `<console>` and `<channel>`, which
//! share their host-side `<source>` (formatdomain: "Consoles, serial, parallel &
//! channel devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::chardev_source::{CharSource, ChardevType};
use super::common::{Acpi, Alias};
use super::typed_source::typed_source_serde;
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<target type=…>` of a character device: the guest-side device (consoles,
    /// serial ports and channels each use their own subset)
    /// (formatdomain: "Consoles, serial, parallel & channel devices").
    pub enum CharTargetType {
        /// Console/serial `serial`; channel-less console on a serial port.
        Serial = "serial",
        /// Console/channel `virtio`.
        Virtio = "virtio",
        /// Console/channel `xen`.
        Xen = "xen",
        /// Console `uml` (no longer used).
        Uml = "uml",
        /// Console `lxc`.
        Lxc = "lxc",
        /// Console `openvz`.
        Openvz = "openvz",
        /// Console `sclp` (s390).
        Sclp = "sclp",
        /// Console `sclplm` (s390).
        Sclplm = "sclplm",
        /// Serial `isa-serial`.
        IsaSerial = "isa-serial",
        /// Serial `usb-serial`.
        UsbSerial = "usb-serial",
        /// Serial `pci-serial`.
        PciSerial = "pci-serial",
        /// Serial `spapr-vio-serial`.
        SpaprVioSerial = "spapr-vio-serial",
        /// Serial `system-serial`.
        SystemSerial = "system-serial",
        /// Serial `sclp-serial`.
        SclpSerial = "sclp-serial",
        /// Serial `isa-debug`.
        IsaDebug = "isa-debug",
        /// Channel `guestfwd`: forward a guest TCP address to the host.
        Guestfwd = "guestfwd",
        /// Parallel `parallel`.
        Parallel = "parallel",
    }
}

value_enum! {
    /// `<target state=…>` of a virtio channel: whether the guest side is open (live XML)
    /// (formatdomain: "Consoles, serial, parallel & channel devices").
    pub enum ChannelState {
        /// `connected`
        Connected = "connected",
        /// `disconnected`
        Disconnected = "disconnected",
    }
}

value_enum! {
    /// `<protocol type=…>` of a TCP character device
    /// (formatdomain: "Consoles, serial, parallel & channel devices").
    pub enum CharProtocolType {
        /// `raw`
        Raw = "raw",
        /// `telnet`
        Telnet = "telnet",
        /// `telnets`
        Telnets = "telnets",
        /// `tls`
        Tls = "tls",
    }
}

/// `<protocol>` of a TCP character device (formatdomain: "Host interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharProtocol {
    /// `type`: wire protocol.
    #[serde(rename = "@type")]
    pub kind: Option<CharProtocolType>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<log>`: copy the device's output to a file (formatdomain: "Consoles, serial,
/// parallel & channel devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharLog {
    /// `file`: the log file.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// `append`: append instead of truncating.
    #[serde(rename = "@append")]
    pub append: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of a character device: the guest side (formatdomain: "Guest interface").
///
/// One struct for every device: serial ports and consoles use `type`/`port`
/// (serial also `<model>`), virtio channels `type`/`name`/`state`, guestfwd channels
/// `type`/`address`/`port`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharTarget {
    /// `type`: the guest-side device type.
    #[serde(rename = "@type")]
    pub kind: Option<CharTargetType>,
    /// `name`: channel name, e.g. `org.qemu.guest_agent.0`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `state`: whether the guest opened the channel (live XML).
    #[serde(rename = "@state")]
    pub state: Option<ChannelState>,
    /// `address`: guest IP address (guestfwd).
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `port`: port number (serial, console, parallel, guestfwd).
    #[serde(rename = "@port")]
    pub port: Option<u32>,
    /// `<model>`: the serial device model.
    pub model: Option<CharTargetModel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<target><model name=…>` of a serial device: the QEMU device model
    /// (formatdomain: "Guest interface").
    pub enum CharTargetModelName {
        /// `isa-serial`
        IsaSerial = "isa-serial",
        /// `usb-serial`
        UsbSerial = "usb-serial",
        /// `pci-serial`
        PciSerial = "pci-serial",
        /// `spapr-vty`
        SpaprVty = "spapr-vty",
        /// `pl011`
        Pl011 = "pl011",
        /// `16550a`
        Uart16550a = "16550a",
        /// `sclpconsole`
        Sclpconsole = "sclpconsole",
        /// `sclplmconsole`
        Sclplmconsole = "sclplmconsole",
        /// `isa-debugcon`
        IsaDebugcon = "isa-debugcon",
    }
}

/// `<model>` of a serial target: the QEMU device (formatdomain: "Guest interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharTargetModel {
    /// `name`: e.g. `isa-serial`, `pl011`, `16550a`, `spapr-vty`.
    #[serde(rename = "@name")]
    pub name: Option<CharTargetModelName>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

macro_rules! chardev_struct {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// An unset `kind` is written from the first source's variant (not for a
        /// `pty` source, libvirt's default), and equality compares the type as
        /// written ([`written_kind`](Self::written_kind)), as for disks.
        #[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
        #[serde(default, remote = "Self")]
        pub struct $name {
            /// `type`: the host-side backend.
            #[serde(rename = "@type")]
            pub kind: Option<ChardevType>,
            /// `tty`: the allocated PTY (live XML of `type='pty'`).
            #[serde(rename = "@tty")]
            pub tty: Option<String>,
            /// `<source>`: backend details, shaped by `kind` (two for `udp`).
            #[serde(rename = "source")]
            pub sources: Vec<CharSource>,
            /// `<protocol>`: wire protocol of a TCP backend.
            pub protocol: Option<CharProtocol>,
            /// `<log>`: copy output to a file.
            pub log: Option<CharLog>,
            /// `<target>`: the guest side.
            pub target: Option<CharTarget>,
            /// `<alias>`: device alias.
            pub alias: Option<Alias>,
            /// `<acpi>`: ACPI index.
            pub acpi: Option<Acpi>,
            /// `<address>`: where the device sits (virtio-serial port, PCI, ISA, …).
            pub address: Option<Address>,
            /// Unknown attributes and elements, kept and written back.
            #[serde(rename = "$extra")]
            pub extra: Extra,
        }

        impl $name {
            /// A device with this backend and no further settings.
            pub fn new(kind: ChardevType) -> Self {
                $name {
                    kind: Some(kind),
                    ..Default::default()
                }
            }

            /// A device with this backend: `kind` is the source's type (left unset
            /// for [`CharSource::Other`], whose type the caller sets).
            pub fn with_source(source: CharSource) -> Self {
                $name {
                    kind: source.kind(),
                    sources: vec![source],
                    ..Default::default()
                }
            }

            /// The first `<source>` (the only one except for `udp`).
            pub fn source(&self) -> Option<&CharSource> {
                self.sources.first()
            }

            /// The `type` this device writes: `kind` when set, else the one its
            /// first source implies unless that is `pty` (libvirt's default,
            /// written as no `type`).
            pub fn written_kind(&self) -> Option<ChardevType> {
                self.kind.clone().or_else(|| self.implied_kind())
            }

            /// The `type` the first source implies when `kind` is unset and the
            /// source is not a `pty` one.
            fn implied_kind(&self) -> Option<ChardevType> {
                match &self.kind {
                    Some(_) => None,
                    None => self.source()?.kind().filter(|k| *k != ChardevType::Pty),
                }
            }
        }

        typed_source_serde!($name);

        impl PartialEq for $name {
            /// Equal when both write the same XML: `kind` as written, every other
            /// field as is.
            fn eq(&self, other: &Self) -> bool {
                // Destructured so that a new field cannot be forgotten here.
                let $name {
                    kind: _,
                    tty,
                    sources,
                    protocol,
                    log,
                    target,
                    alias,
                    acpi,
                    address,
                    extra,
                } = self;
                self.written_kind() == other.written_kind()
                    && *tty == other.tty
                    && *sources == other.sources
                    && *protocol == other.protocol
                    && *log == other.log
                    && *target == other.target
                    && *alias == other.alias
                    && *acpi == other.acpi
                    && *address == other.address
                    && *extra == other.extra
            }
        }
    };
}

chardev_struct! {
    /// `<serial>`: a serial port (formatdomain: "Consoles, serial, parallel & channel
    /// devices").
    Serial
}

impl Serial {
    /// A serial port on a host pseudo-terminal, the guest's first port
    /// (`<serial type='pty'><target port='0'/></serial>`, what `virsh console`
    /// attaches to).
    pub fn pty() -> Self {
        Serial {
            target: Some(CharTarget {
                port: Some(0),
                ..Default::default()
            }),
            ..Serial::new(ChardevType::Pty)
        }
    }
}

impl Console {
    /// A console on a host pseudo-terminal, shown on the guest's first serial port
    /// (`<console type='pty'><target type='serial' port='0'/></console>`).
    pub fn pty() -> Self {
        Console {
            target: Some(CharTarget {
                kind: Some(CharTargetType::Serial),
                port: Some(0),
                ..Default::default()
            }),
            ..Console::new(ChardevType::Pty)
        }
    }
}

chardev_struct! {
    /// `<parallel>`: a parallel port (formatdomain: "Consoles, serial, parallel &
    /// channel devices").
    Parallel
}

chardev_struct! {
    /// `<console>`: an interactive console, on a serial port or virtio-console
    /// (formatdomain: "Consoles, serial, parallel & channel devices").
    Console
}

chardev_struct! {
    /// `<channel>`: a private host–guest communication channel such as the QEMU
    /// guest agent or the SPICE agent (formatdomain: "Consoles, serial, parallel &
    /// channel devices").
    Channel
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::{CharSourceMode, CharSourceTcp, Reconnect, VirtioSerialAddress};
    use crate::values::YesNo;

    fn virtio_serial_port(port: u32) -> Address {
        Address::VirtioSerial(VirtioSerialAddress {
            controller: Some(0u32.into()),
            bus: Some(0u32.into()),
            port: Some(port.into()),
            ..Default::default()
        })
    }

    #[test]
    fn phyllome_chardevs_round_trip() {
        let console = Console {
            target: Some(CharTarget {
                kind: Some(CharTargetType::Virtio),
                port: Some(0),
                ..Default::default()
            }),
            ..Console::new(ChardevType::Pty)
        };
        assert_xml(
            &console,
            "console",
            "<console type='pty'>\n  <target type='virtio' port='0'/>\n</console>",
        );
        let agent = Channel {
            target: Some(CharTarget {
                kind: Some(CharTargetType::Virtio),
                name: Some("org.qemu.guest_agent.0".into()),
                ..Default::default()
            }),
            address: Some(virtio_serial_port(2)),
            ..Channel::new(ChardevType::Unix)
        };
        assert_xml(
            &agent,
            "channel",
            "<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n  <address type='virtio-serial' controller='0' bus='0' port='2'/>\n</channel>",
        );
        let spice = Channel {
            target: Some(CharTarget {
                kind: Some(CharTargetType::Virtio),
                name: Some("com.redhat.spice.0".into()),
                ..Default::default()
            }),
            address: Some(virtio_serial_port(1)),
            ..Channel::new(ChardevType::Spicevmc)
        };
        let read: Channel = assert_modelled(
            "<channel type='spicevmc'>\n  <target type='virtio' name='com.redhat.spice.0'/>\n  <address type='virtio-serial' controller='0' bus='0' port='1'/>\n</channel>",
            "channel",
        );
        assert_eq!(read, spice);
    }

    #[test]
    fn other_chardevs_round_trip() {
        let serial = Serial {
            sources: vec![CharSource::Tcp(CharSourceTcp {
                mode: Some(CharSourceMode::Bind),
                host: Some("127.0.0.1".into()),
                service: Some("4555".into()),
                tls: Some(YesNo::No),
                reconnect: Some(Reconnect {
                    enabled: Some(YesNo::Yes),
                    timeout: Some(10),
                    ..Default::default()
                }),
                ..Default::default()
            })],
            protocol: Some(CharProtocol {
                kind: Some(CharProtocolType::Telnet),
                ..Default::default()
            }),
            log: Some(CharLog {
                file: Some("/var/log/serial.log".into()),
                append: Some(OnOff::On),
                ..Default::default()
            }),
            target: Some(CharTarget {
                kind: Some(CharTargetType::IsaSerial),
                port: Some(0),
                model: Some(CharTargetModel {
                    name: Some(CharTargetModelName::IsaSerial),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            alias: Some(Alias::new("serial0")),
            ..Serial::new(ChardevType::Tcp)
        };
        assert_xml(
            &serial,
            "serial",
            "<serial type='tcp'>\n  <source mode='bind' host='127.0.0.1' service='4555' tls='no'>\n    <reconnect enabled='yes' timeout='10'/>\n  </source>\n  <protocol type='telnet'/>\n  <log file='/var/log/serial.log' append='on'/>\n  <target type='isa-serial' port='0'>\n    <model name='isa-serial'/>\n  </target>\n  <alias name='serial0'/>\n</serial>",
        );
        let udp = Parallel {
            sources: vec![
                CharSource::udp(CharSourceMode::Bind, "0.0.0.0", "2445"),
                CharSource::udp(CharSourceMode::Connect, "0.0.0.0", "2445"),
            ],
            target: Some(CharTarget {
                port: Some(0),
                ..Default::default()
            }),
            ..Parallel::new(ChardevType::Udp)
        };
        assert_xml(
            &udp,
            "parallel",
            "<parallel type='udp'>\n  <source mode='bind' host='0.0.0.0' service='2445'/>\n  <source mode='connect' host='0.0.0.0' service='2445'/>\n  <target port='0'/>\n</parallel>",
        );
        assert_eq!(
            udp.source().and_then(CharSource::mode),
            Some(&CharSourceMode::Bind)
        );
        let fwd = Channel {
            target: Some(CharTarget {
                kind: Some(CharTargetType::Guestfwd),
                address: Some("10.0.2.1".into()),
                port: Some(4600),
                ..Default::default()
            }),
            ..Channel::new(ChardevType::Pipe)
        };
        assert_xml(
            &fwd,
            "channel",
            "<channel type='pipe'>\n  <target type='guestfwd' address='10.0.2.1' port='4600'/>\n</channel>",
        );
    }
}
