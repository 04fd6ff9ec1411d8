//! `<source>` of a character device: the host side, one shape per backend `type`
//! (formatdomain: "Host interface").
//!
//! The schema (`qemucdevSrcDef`) lists every attribute for every `type`; which of
//! them a type uses is libvirt's parser's choice (`virDomainChrSourceDefParseXML`,
//! checked against libvirt 11.3 in `tests/libvirt_oracle.rs`), and [`CharSource`] has
//! one variant per type with exactly those fields. Anything else a `<source>` holds is
//! kept in the variant's `extra` and reported as unmodelled, as libvirt ignores it.

use serde::{Deserialize, Serialize};

use super::common::{DeviceSeclabel, OtherSource, Reconnect};
use super::graphics::{Clipboard, MouseMode};
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `type` of a character device: its host-side backend (schema
    /// `qemucdevSrcTypeChoice`; formatdomain: "Host interface"). A device without
    /// `type` is a `pty`; the type decides the shape of its [`CharSource`].
    pub enum ChardevType {
        /// `dev`: a host character device.
        Dev = "dev",
        /// `file`: output to a file.
        File = "file",
        /// `pipe`: a named pipe.
        Pipe = "pipe",
        /// `unix`: a UNIX socket.
        Unix = "unix",
        /// `tcp`: a TCP socket.
        Tcp = "tcp",
        /// `udp`: UDP network console.
        Udp = "udp",
        /// `null`: discard.
        Null = "null",
        /// `stdio`: the hypervisor's standard input/output.
        Stdio = "stdio",
        /// `vc`: a virtual console in the graphical framebuffer.
        Vc = "vc",
        /// `pty`: a pseudo TTY.
        Pty = "pty",
        /// `spicevmc`: a SPICE channel (agent, USB redirection, …).
        Spicevmc = "spicevmc",
        /// `spiceport`: a named SPICE port.
        Spiceport = "spiceport",
        /// `nmdm`: FreeBSD nullmodem pair.
        Nmdm = "nmdm",
        /// `qemu-vdagent`: QEMU's built-in SPICE vdagent.
        QemuVdagent = "qemu-vdagent",
        /// `dbus`: a D-Bus display channel.
        Dbus = "dbus",
    }
}

value_enum! {
    /// `<source mode=…>` of a `unix`, `tcp` or `udp` character device: listen or
    /// connect (formatdomain: "Host interface"). libvirt reads a missing mode as
    /// `connect`.
    pub enum CharSourceMode {
        /// `bind`: listen (server); for `udp`, the local address.
        Bind = "bind",
        /// `connect`: connect to a listener (client); for `udp`, the remote address.
        Connect = "connect",
    }
}

/// `<source>` of a character device: its host side, shaped by the `type` of the
/// element that holds it (formatdomain: "Host interface").
///
/// The variant is the parent's `type` (`<serial type='tcp'>`, and likewise
/// `<parallel>`, `<console>`, `<channel>`, `<redirdev>`, `<smartcard
/// mode='passthrough'>` and `<rng><backend model='egd'>`); a parent without `type`
/// means `pty`, as in libvirt. The parent's `kind` field writes the `type`, so keep
/// the two in agreement ([`Domain::validate`](crate::Domain::validate) checks it).
///
/// Types that take no `<source>` (`null`, `vc`, `stdio`, `spicevmc`) and types this
/// crate does not know read any `<source>` into [`CharSource::Other`], kept whole.
/// `pty`, `dev` and `pipe` share [`CharSourcePath`]; `spiceport` and `dbus` share
/// [`CharSourceChannel`]. libvirt reads `<seclabel>` only in the sources of the four
/// chardev elements, not in those of `<redirdev>`, `<smartcard>` or `<rng>`, and the
/// `path` of a `pty` only from live XML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "^@type=pty")]
#[non_exhaustive]
pub enum CharSource {
    /// `type='dev'`: a host character device (formatdomain: "Host device proxy").
    #[serde(rename = "dev")]
    Dev(CharSourcePath),
    /// `type='file'`: output to a file (formatdomain: "Device logfile").
    #[serde(rename = "file")]
    File(CharSourceFile),
    /// `type='pipe'`: a named pipe (formatdomain: "Named pipe").
    #[serde(rename = "pipe")]
    Pipe(CharSourcePath),
    /// `type='unix'`: a UNIX socket (formatdomain: "UNIX domain socket
    /// client/server").
    #[serde(rename = "unix")]
    Unix(CharSourceUnix),
    /// `type='tcp'`: a TCP socket (formatdomain: "TCP client/server").
    #[serde(rename = "tcp")]
    Tcp(CharSourceTcp),
    /// `type='udp'`: one end of a UDP console; a device has one `bind` and one
    /// `connect` source (formatdomain: "UDP network console").
    #[serde(rename = "udp")]
    Udp(CharSourceUdp),
    /// `type='pty'` (also a parent without `type`): the allocated PTY, in live XML
    /// (formatdomain: "Pseudo TTY").
    #[serde(rename = "pty")]
    Pty(CharSourcePath),
    /// `type='spiceport'`: a named SPICE port (formatdomain: "Spice channel").
    #[serde(rename = "spiceport")]
    Spiceport(CharSourceChannel),
    /// `type='nmdm'`: a FreeBSD nullmodem pair (formatdomain: "Nmdm device").
    #[serde(rename = "nmdm")]
    Nmdm(CharSourceNmdm),
    /// `type='qemu-vdagent'`: features of QEMU's vdagent (formatdomain: "Channel").
    #[serde(rename = "qemu-vdagent")]
    QemuVdagent(CharSourceQemuVdagent),
    /// `type='dbus'`: a D-Bus display channel (schema `qemucdevSrcDef`).
    #[serde(rename = "dbus")]
    Dbus(CharSourceChannel),
    /// A `<source>` under a type without one (`null`, `vc`, `stdio`, `spicevmc`) or
    /// under a type this crate does not know, kept whole.
    #[serde(rename = "$other")]
    Other(OtherSource),
}

impl CharSource {
    /// The parent `type` this source belongs under (`None` for
    /// [`CharSource::Other`]).
    pub fn kind(&self) -> Option<ChardevType> {
        Some(match self {
            CharSource::Dev(_) => ChardevType::Dev,
            CharSource::File(_) => ChardevType::File,
            CharSource::Pipe(_) => ChardevType::Pipe,
            CharSource::Unix(_) => ChardevType::Unix,
            CharSource::Tcp(_) => ChardevType::Tcp,
            CharSource::Udp(_) => ChardevType::Udp,
            CharSource::Pty(_) => ChardevType::Pty,
            CharSource::Spiceport(_) => ChardevType::Spiceport,
            CharSource::Nmdm(_) => ChardevType::Nmdm,
            CharSource::QemuVdagent(_) => ChardevType::QemuVdagent,
            CharSource::Dbus(_) => ChardevType::Dbus,
            CharSource::Other(_) => return None,
        })
    }

    /// Whether `kind` has a `<source>` variant of its own; `false` for types without
    /// a source and for unknown types, whose sources read as [`CharSource::Other`].
    pub fn has_variant(kind: &ChardevType) -> bool {
        !matches!(
            kind,
            ChardevType::Null
                | ChardevType::Vc
                | ChardevType::Stdio
                | ChardevType::Spicevmc
                | ChardevType::Other(_)
        )
    }

    /// A `unix` socket at `path`, listening (`bind`) or connecting.
    pub fn unix(path: impl Into<String>, mode: CharSourceMode) -> Self {
        CharSource::Unix(CharSourceUnix {
            mode: Some(mode),
            path: Some(path.into()),
            ..Default::default()
        })
    }

    /// A `file` at `path`.
    pub fn file(path: impl Into<String>) -> Self {
        CharSource::File(CharSourceFile {
            path: Some(path.into()),
            ..Default::default()
        })
    }

    /// A `tcp` socket on `host` and `service` (a port), listening or connecting.
    pub fn tcp(mode: CharSourceMode, host: impl Into<String>, service: impl Into<String>) -> Self {
        CharSource::Tcp(CharSourceTcp {
            mode: Some(mode),
            host: Some(host.into()),
            service: Some(service.into()),
            ..Default::default()
        })
    }

    /// One end of a `udp` console: the local (`bind`) or remote (`connect`) address.
    pub fn udp(mode: CharSourceMode, host: impl Into<String>, service: impl Into<String>) -> Self {
        CharSource::Udp(CharSourceUdp {
            mode: Some(mode),
            host: Some(host.into()),
            service: Some(service.into()),
            ..Default::default()
        })
    }

    /// `path` of a `pty`, `dev`, `file`, `pipe` or `unix` source.
    pub fn path(&self) -> Option<&str> {
        match self {
            CharSource::Dev(s) | CharSource::Pipe(s) | CharSource::Pty(s) => s.path.as_deref(),
            CharSource::File(s) => s.path.as_deref(),
            CharSource::Unix(s) => s.path.as_deref(),
            _ => None,
        }
    }

    /// `mode` of a `unix`, `tcp` or `udp` source.
    pub fn mode(&self) -> Option<&CharSourceMode> {
        match self {
            CharSource::Unix(s) => s.mode.as_ref(),
            CharSource::Tcp(s) => s.mode.as_ref(),
            CharSource::Udp(s) => s.mode.as_ref(),
            _ => None,
        }
    }
}

/// `<source path=…>` of a `pty`, `dev` or `pipe` character device (formatdomain:
/// "Pseudo TTY", "Host device proxy", "Named pipe"); the three have the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourcePath {
    /// `path`: the host device, the pipe, or the allocated PTY (live XML).
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `<seclabel>`: security label overrides of the path.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source path=… append=…>` of a `file` character device (formatdomain: "Device
/// logfile", "Consoles, serial, parallel & channel devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceFile {
    /// `path`: the file written to.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `append`: keep the file's content on restart (default `off`).
    #[serde(rename = "@append")]
    pub append: Option<OnOff>,
    /// `<seclabel>`: security label overrides of the file.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source mode=… path=…>` of a `unix` character device (formatdomain: "UNIX domain
/// socket client/server").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceUnix {
    /// `mode`: listen (`bind`) or connect (the default).
    #[serde(rename = "@mode")]
    pub mode: Option<CharSourceMode>,
    /// `path`: the socket; libvirt picks one for a virtio channel without it.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `host`: allowed by the schema (one `<source>` shape serves every chardev
    /// type) but ignored by libvirt for a UNIX socket; modelled so that such
    /// documents, which libvirt's own test suite writes, read strictly.
    #[serde(rename = "@host")]
    pub host: Option<String>,
    /// `service`: like `host`, allowed by the schema and ignored by libvirt here.
    #[serde(rename = "@service")]
    pub service: Option<String>,
    /// `<seclabel>`: security label overrides of the socket.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// `<reconnect>`: reconnect after the server went away (`connect` mode).
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source mode=… host=… service=…>` of a `tcp` character device (formatdomain:
/// "TCP client/server").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceTcp {
    /// `mode`: listen (`bind`) or connect (the default).
    #[serde(rename = "@mode")]
    pub mode: Option<CharSourceMode>,
    /// `host`: host name or address.
    #[serde(rename = "@host")]
    pub host: Option<String>,
    /// `service`: the port.
    #[serde(rename = "@service")]
    pub service: Option<String>,
    /// `tls`: use the host's TLS X.509 environment.
    #[serde(rename = "@tls")]
    pub tls: Option<YesNo>,
    /// `<reconnect>`: reconnect after the server went away (`connect` mode).
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source mode=… host=… service=…>` of a `udp` character device: one end of the
/// console (formatdomain: "UDP network console").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceUdp {
    /// `mode`: `bind` (the local end) or `connect` (the remote end, the default).
    #[serde(rename = "@mode")]
    pub mode: Option<CharSourceMode>,
    /// `host`: host name or address.
    #[serde(rename = "@host")]
    pub host: Option<String>,
    /// `service`: the port.
    #[serde(rename = "@service")]
    pub service: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source channel=…>` of a `spiceport` or `dbus` character device (formatdomain:
/// "Spice channel"); the two have the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceChannel {
    /// `channel`: the SPICE port or D-Bus channel name, e.g.
    /// `org.qemu.console.serial.0`.
    #[serde(rename = "@channel")]
    pub channel: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source master=… slave=…>` of an `nmdm` character device (formatdomain: "Nmdm
/// device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceNmdm {
    /// `master`: the device passed to the hypervisor, e.g. `/dev/nmdm0A`.
    #[serde(rename = "@master")]
    pub master: Option<String>,
    /// `slave`: the device clients connect to, e.g. `/dev/nmdm0B`.
    #[serde(rename = "@slave")]
    pub slave: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `qemu-vdagent` channel: the vdagent features (formatdomain:
/// "Channel").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CharSourceQemuVdagent {
    /// `<clipboard>`: copy and paste with the client.
    pub clipboard: Option<Clipboard>,
    /// `<mouse>`: mouse mode, `server` or `client`.
    pub mouse: Option<MouseMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::{
        Channel, Console, MouseModeKind, Parallel, PassthroughSmartcard, Redirdev, Rng, RngBackend,
        RngBackendModel, Serial, Smartcard,
    };

    /// `<serial>` with `kind` and these sources, written as `xml`, read back equal and
    /// fully modelled.
    fn serial_round_trips(kind: Option<ChardevType>, sources: Vec<CharSource>, xml: &str) {
        let serial = Serial {
            kind,
            sources,
            ..Default::default()
        };
        assert_xml(&serial, "serial", xml);
        assert_eq!(assert_modelled::<Serial>(xml, "serial"), serial);
    }

    fn seclabel(model: &str) -> DeviceSeclabel {
        DeviceSeclabel {
            model: Some(model.into()),
            relabel: Some(YesNo::No),
            ..Default::default()
        }
    }

    fn reconnect() -> Reconnect {
        Reconnect {
            enabled: Some(YesNo::Yes),
            timeout: Some(10),
            ..Default::default()
        }
    }

    #[test]
    fn path_sources_round_trip() {
        for (kind, variant) in [
            ("pty", CharSource::Pty as fn(CharSourcePath) -> CharSource),
            ("dev", CharSource::Dev),
            ("pipe", CharSource::Pipe),
        ] {
            let source = variant(CharSourcePath {
                path: Some("/dev/pts/7".into()),
                seclabels: vec![seclabel("dac")],
                ..Default::default()
            });
            assert_eq!(source.kind(), Some(ChardevType::from(kind)));
            assert_eq!(source.path(), Some("/dev/pts/7"));
            serial_round_trips(
                Some(kind.into()),
                vec![source],
                &format!("<serial type='{kind}'>\n  <source path='/dev/pts/7'>\n    <seclabel model='dac' relabel='no'/>\n  </source>\n</serial>"),
            );
        }
    }

    #[test]
    fn a_parent_without_type_holds_a_pty_source() {
        let console = Console {
            tty: Some("/dev/pts/2".into()),
            sources: vec![CharSource::Pty(CharSourcePath {
                path: Some("/dev/pts/2".into()),
                ..Default::default()
            })],
            ..Default::default()
        };
        let xml = "<console tty='/dev/pts/2'>\n  <source path='/dev/pts/2'/>\n</console>";
        assert_xml(&console, "console", xml);
        assert_eq!(assert_modelled::<Console>(xml, "console"), console);
    }

    #[test]
    fn file_source_round_trips() {
        assert_eq!(
            CharSource::file("/var/log/guest.log"),
            CharSource::File(CharSourceFile {
                path: Some("/var/log/guest.log".into()),
                ..Default::default()
            })
        );
        let source = CharSource::File(CharSourceFile {
            path: Some("/var/log/guest.log".into()),
            append: Some(OnOff::On),
            seclabels: vec![seclabel("selinux")],
            ..Default::default()
        });
        assert_eq!(source.path(), Some("/var/log/guest.log"));
        serial_round_trips(
            Some(ChardevType::File),
            vec![source],
            "<serial type='file'>\n  <source path='/var/log/guest.log' append='on'>\n    <seclabel model='selinux' relabel='no'/>\n  </source>\n</serial>",
        );
    }

    #[test]
    fn unix_source_round_trips() {
        let mut source = CharSource::unix("/run/guest.sock", CharSourceMode::Connect);
        if let CharSource::Unix(unix) = &mut source {
            unix.seclabels.push(seclabel("dac"));
            unix.reconnect = Some(reconnect());
        }
        assert_eq!(source.mode(), Some(&CharSourceMode::Connect));
        let channel = Channel::with_source(source);
        assert_eq!(channel.kind, Some(ChardevType::Unix));
        let xml = "<channel type='unix'>\n  <source mode='connect' path='/run/guest.sock'>\n    <seclabel model='dac' relabel='no'/>\n    <reconnect enabled='yes' timeout='10'/>\n  </source>\n</channel>";
        assert_xml(&channel, "channel", xml);
        assert_eq!(assert_modelled::<Channel>(xml, "channel"), channel);
    }

    #[test]
    fn tcp_source_round_trips() {
        let plain = CharSource::tcp(CharSourceMode::Connect, "192.0.2.1", "5555");
        let CharSource::Tcp(mut tcp) = plain.clone() else {
            panic!("tcp() built {plain:?}");
        };
        tcp.tls = Some(YesNo::Yes);
        tcp.reconnect = Some(reconnect());
        let source = CharSource::Tcp(tcp);
        assert_eq!(source.path(), None);
        serial_round_trips(
            Some(ChardevType::Tcp),
            vec![source],
            "<serial type='tcp'>\n  <source mode='connect' host='192.0.2.1' service='5555' tls='yes'>\n    <reconnect enabled='yes' timeout='10'/>\n  </source>\n</serial>",
        );
    }

    #[test]
    fn udp_sources_are_a_list_of_the_same_variant() {
        let parallel = Parallel {
            kind: Some(ChardevType::Udp),
            sources: vec![
                CharSource::udp(CharSourceMode::Bind, "0.0.0.0", "2445"),
                CharSource::Udp(CharSourceUdp {
                    host: Some("192.0.2.9".into()),
                    ..Default::default()
                }),
            ],
            ..Default::default()
        };
        let xml = "<parallel type='udp'>\n  <source mode='bind' host='0.0.0.0' service='2445'/>\n  <source host='192.0.2.9'/>\n</parallel>";
        assert_xml(&parallel, "parallel", xml);
        assert_eq!(assert_modelled::<Parallel>(xml, "parallel"), parallel);
        assert_eq!(parallel.sources[1].mode(), None);
        // A fallback source leaves the type to the caller.
        let other = Parallel::with_source(CharSource::Other(OtherSource::default()));
        assert_eq!(other.kind, None);
        assert_eq!(other.sources.len(), 1);
    }

    #[test]
    fn channel_nmdm_and_vdagent_sources_round_trip() {
        for kind in ["spiceport", "dbus"] {
            let source = CharSourceChannel {
                channel: Some("org.qemu.console.serial.0".into()),
                ..Default::default()
            };
            let source = if kind == "dbus" {
                CharSource::Dbus(source)
            } else {
                CharSource::Spiceport(source)
            };
            assert_eq!(source.kind(), Some(ChardevType::from(kind)));
            serial_round_trips(
                Some(kind.into()),
                vec![source],
                &format!("<serial type='{kind}'>\n  <source channel='org.qemu.console.serial.0'/>\n</serial>"),
            );
        }
        serial_round_trips(
            Some(ChardevType::Nmdm),
            vec![CharSource::Nmdm(CharSourceNmdm {
                master: Some("/dev/nmdm0A".into()),
                slave: Some("/dev/nmdm0B".into()),
                ..Default::default()
            })],
            "<serial type='nmdm'>\n  <source master='/dev/nmdm0A' slave='/dev/nmdm0B'/>\n</serial>",
        );
        let vdagent = Channel::with_source(CharSource::QemuVdagent(CharSourceQemuVdagent {
            clipboard: Some(Clipboard {
                copypaste: Some(YesNo::Yes),
                ..Default::default()
            }),
            mouse: Some(MouseMode {
                mode: Some(MouseModeKind::Client),
                ..Default::default()
            }),
            ..Default::default()
        }));
        let xml = "<channel type='qemu-vdagent'>\n  <source>\n    <clipboard copypaste='yes'/>\n    <mouse mode='client'/>\n  </source>\n</channel>";
        assert_xml(&vdagent, "channel", xml);
        assert_eq!(assert_modelled::<Channel>(xml, "channel"), vdagent);
    }

    #[test]
    fn other_parents_pass_their_type_to_the_source() {
        let xml = "<redirdev bus='usb' type='unix'>\n  <source mode='bind' path='/run/redir.sock'/>\n</redirdev>";
        let redirdev: Redirdev = assert_modelled(xml, "redirdev");
        assert_eq!(
            redirdev.sources,
            vec![CharSource::unix("/run/redir.sock", CharSourceMode::Bind)]
        );
        let xml = "<smartcard mode='passthrough' type='spiceport'>\n  <source channel='org.qemu.smartcard.0'/>\n</smartcard>";
        let card: Smartcard = assert_modelled(xml, "smartcard");
        assert!(
            matches!(&card, Smartcard::Passthrough(PassthroughSmartcard { sources, .. })
                if matches!(&sources[..], [CharSource::Spiceport(s)]
                    if s.channel.as_deref() == Some("org.qemu.smartcard.0")))
        );
        let rng = Rng {
            backend: Some(RngBackend {
                model: Some(RngBackendModel::Egd),
                kind: Some(ChardevType::Unix),
                sources: vec![CharSource::unix("/run/egd.sock", CharSourceMode::Connect)],
                ..Default::default()
            }),
            ..Default::default()
        };
        let xml = "<rng>\n  <backend model='egd' type='unix'>\n    <source mode='connect' path='/run/egd.sock'/>\n  </backend>\n</rng>";
        assert_xml(&rng, "rng", xml);
        assert_eq!(assert_modelled::<Rng>(xml, "rng"), rng);
    }

    #[test]
    fn an_unknown_type_keeps_its_source_whole_and_reports_it() {
        let xml = "<serial type='quantum'>\n  <source entangled='yes'>\n    <pair id='1'/>\n  </source>\n</serial>";
        let serial: Serial = crate::codec::from_str(xml, "serial").unwrap();
        assert_eq!(serial.kind, Some(ChardevType::Other("quantum".into())));
        let [CharSource::Other(other)] = &serial.sources[..] else {
            panic!("expected one Other source, got {:?}", serial.sources);
        };
        assert_eq!(other.extra.attributes.len(), 1);
        assert_eq!(serial.sources[0].kind(), None);
        assert_eq!(crate::codec::to_string(&serial, "serial").unwrap(), xml);
        let paths: Vec<String> = crate::codec::unmodelled(&serial, "serial")
            .into_iter()
            .map(|u| u.path)
            .collect();
        assert_eq!(
            paths,
            // The unknown type itself is reported too (a value), after the parsed items.
            [
                "/serial/source/@entangled",
                "/serial/source/pair",
                "/serial/@type"
            ],
            "{paths:?}"
        );
    }

    #[test]
    fn a_type_without_a_source_keeps_one_whole_and_reports_it() {
        let xml = "<channel type='spicevmc'>\n  <source path='/tmp/x'/>\n</channel>";
        let channel: Channel = crate::codec::from_str(xml, "channel").unwrap();
        assert!(matches!(&channel.sources[..], [CharSource::Other(_)]));
        assert!(!CharSource::has_variant(&ChardevType::Spicevmc));
        assert!(CharSource::has_variant(&ChardevType::Pty));
        assert_eq!(crate::codec::to_string(&channel, "channel").unwrap(), xml);
        let reports = crate::codec::unmodelled(&channel, "channel");
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].path, "/channel/source/@path");
    }

    #[test]
    fn an_attribute_the_type_does_not_allow_is_kept_and_reported() {
        // `tls` belongs to tcp; a unix source keeps it as unknown content.
        let xml = "<serial type='unix'>\n  <source mode='connect' path='/run/a.sock' tls='yes'/>\n</serial>";
        let serial: Serial = crate::codec::from_str(xml, "serial").unwrap();
        let [CharSource::Unix(unix)] = &serial.sources[..] else {
            panic!("expected one unix source, got {:?}", serial.sources);
        };
        assert_eq!(unix.path.as_deref(), Some("/run/a.sock"));
        assert_eq!(unix.extra.attributes.len(), 1);
        assert_eq!(crate::codec::to_string(&serial, "serial").unwrap(), xml);
        let reports = crate::codec::unmodelled(&serial, "serial");
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].path, "/serial/source/@tls");
    }
}
