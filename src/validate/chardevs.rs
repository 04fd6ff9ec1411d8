//! Character device rules: serial ports, consoles, parallel ports, channels, and the
//! character-device backends of redirdevs, smartcards and RNGs (formatdomain:
//! "Consoles, serial, parallel & channel devices").

use super::{Checker, Rule};
use crate::devices::{
    CharProtocol, CharProtocolType, CharSource, CharSourceMode, CharTargetType, ChardevType,
    Device, Reconnect, Smartcard,
};
use crate::values::YesNo;

pub(super) const RULES: &[Rule] = &[
    sources_match_type,
    reconnect,
    reconnect_generated_path,
    tcp_protocol,
    unix_path,
    serial_target_fits_machine,
    no_parallel_on_s390_or_pseries,
];

/// One character device: its path, `type`, sources, `<protocol>`, and
/// whether it is a `<channel>`.
struct Chardev<'a> {
    path: String,
    kind: ChardevType,
    sources: &'a [CharSource],
    protocol: Option<&'a CharProtocol>,
    channel: bool,
}

/// Every character device and character-device backend of the domain.
fn chardevs<'a>(c: &Checker<'a>) -> Vec<Chardev<'a>> {
    let mut out = Vec::new();
    for (i, device) in c.each() {
        let path = c.path(i);
        let found = match device {
            Device::Serial(d) => (d.written_kind(), &d.sources, &d.protocol, path),
            Device::Parallel(d) => (d.written_kind(), &d.sources, &d.protocol, path),
            Device::Console(d) => (d.written_kind(), &d.sources, &d.protocol, path),
            Device::Channel(d) => (d.written_kind(), &d.sources, &d.protocol, path),
            Device::Redirdev(d) => (d.kind.clone(), &d.sources, &d.protocol, path),
            Device::Smartcard(card) => match &**card {
                Smartcard::Passthrough(d) => (d.kind.clone(), &d.sources, &d.protocol, path),
                _ => continue,
            },
            Device::Rng(rng) => match &rng.backend {
                Some(b) => (
                    b.kind.clone(),
                    &b.sources,
                    &b.protocol,
                    format!("{path}/backend"),
                ),
                None => continue,
            },
            _ => continue,
        };
        let (kind, sources, protocol, path) = found;
        out.push(Chardev {
            path,
            kind: kind.unwrap_or(ChardevType::Pty),
            sources,
            protocol: protocol.as_ref(),
            channel: matches!(device, Device::Channel(_)),
        });
    }
    out
}

/// The path of source `index` of `dev`.
fn source_path(dev: &Chardev<'_>, index: usize) -> String {
    super::util::child(&dev.path, "source", index, dev.sources.len())
}

/// The `<source>` variants of a character device agree with its `type` (`pty` when
/// absent), and only `udp` has two (libvirt reads `<source>` by the `type`; "only one
/// source element is allowed for character device").
fn sources_match_type(c: &mut Checker<'_>) {
    for dev in chardevs(c) {
        let kind = &dev.kind;
        let most = if *kind == ChardevType::Udp { 2 } else { 1 };
        if dev.sources.len() > most {
            c.error(
                format!("{}/source[{}]", dev.path, most + 1),
                format!("a type='{kind}' device takes at most {most} <source>; remove the rest"),
            );
        }
        for (index, source) in dev.sources.iter().enumerate() {
            let at = source_path(&dev, index);
            match source.kind() {
                Some(found) if found == *kind => {}
                Some(found) => c.error(
                    at,
                    format!(
                        "a {found} source under type='{kind}'; set type='{found}' or use a \
                         {kind} source"
                    ),
                ),
                None if CharSource::has_variant(kind) => c.error(
                    at,
                    format!("not a {kind} source; type='{kind}' needs CharSource::{kind:?}"),
                ),
                None => {}
            }
        }
    }
}

/// The `<reconnect>` and `mode` of a unix or TCP source.
fn reconnect_of(source: &CharSource) -> Option<(Option<&CharSourceMode>, &Reconnect)> {
    match source {
        CharSource::Unix(s) => Some((s.mode.as_ref(), s.reconnect.as_ref()?)),
        CharSource::Tcp(s) => Some((s.mode.as_ref(), s.reconnect.as_ref()?)),
        _ => None,
    }
}

/// `<reconnect enabled='yes'>` is for connecting sources and needs a timeout above 0
/// (libvirt: "chardev reconnect is possible only for connect mode", "chardev reconnect
/// source timeout cannot be '0'").
fn reconnect(c: &mut Checker<'_>) {
    for dev in chardevs(c) {
        for (index, source) in dev.sources.iter().enumerate() {
            let Some((mode, reconnect)) = reconnect_of(source) else {
                continue;
            };
            if reconnect.enabled != Some(YesNo::Yes) {
                continue;
            }
            let at = format!("{}/reconnect", source_path(&dev, index));
            if mode == Some(&CharSourceMode::Bind) {
                c.error(
                    at.clone(),
                    "a listening (mode='bind') source cannot reconnect; use mode='connect' or \
                     remove <reconnect>",
                );
            }
            if reconnect.timeout == Some(0) {
                c.error(
                    format!("{at}/@timeout"),
                    "0 is not permitted; give the seconds between attempts",
                );
            }
        }
    }
}

/// The system QEMU driver's `channelTargetDir`, where it names the sockets of
/// virtio channels itself.
const SYSTEM_CHANNEL_DIR: &str = "/var/lib/libvirt/qemu/channel/target";

/// The session driver's `channelTargetDir`, below the user's configuration folder
/// (`$XDG_CONFIG_HOME/libvirt/qemu/lib/channel/target`).
const SESSION_CHANNEL_DIR: &str = "/libvirt/qemu/lib/channel/target";

/// Whether the QEMU driver takes `path` for a channel socket it generated (it
/// compares the start of the path only, as `STRPREFIX` does).
fn generated_channel_path(path: &str) -> bool {
    path.starts_with(SYSTEM_CHANNEL_DIR) || path.contains(SESSION_CHANNEL_DIR)
}

/// A virtio channel's unix socket under libvirt's own channel folder is not kept:
/// the QEMU driver drops such a path as one it generated and makes a new one when
/// the domain starts, in listening mode, so `<reconnect enabled='yes'>` there fails
/// like any listening source does ("chardev reconnect is possible only for connect
/// mode"; `qemuDomainChrDefDropDefaultPath`).
fn reconnect_generated_path(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for (i, device) in c.each() {
        let Device::Channel(channel) = device else {
            continue;
        };
        let virtio =
            channel.target.as_ref().and_then(|t| t.kind.as_ref()) == Some(&CharTargetType::Virtio);
        if !virtio || channel.written_kind() != Some(ChardevType::Unix) {
            continue;
        }
        let count = channel.sources.len();
        for (index, source) in channel.sources.iter().enumerate() {
            let CharSource::Unix(unix) = source else {
                continue;
            };
            let enabled = unix.reconnect.as_ref().and_then(|r| r.enabled.as_ref());
            let Some(path) = unix.path.as_deref() else {
                continue;
            };
            if enabled == Some(&YesNo::Yes) && generated_channel_path(path) {
                let at = super::util::child(&c.path(i), "source", index, count);
                c.error(
                    format!("{at}/reconnect"),
                    format!(
                        "libvirt replaces the socket path {path} (inside its own channel \
                         folder) with one it listens on, which cannot reconnect; put the \
                         socket elsewhere or remove <reconnect>"
                    ),
                );
            }
        }
    }
}

/// A TCP character device speaks `raw`, `telnet` or `telnets` (QEMU driver: "tcp
/// chardev protocol 'tls' not supported"; TLS is `<source tls='yes'>`).
fn tcp_protocol(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    for dev in chardevs(c) {
        let Some(kind) = dev.protocol.and_then(|p| p.kind.as_ref()) else {
            continue;
        };
        let known = matches!(
            kind,
            CharProtocolType::Raw | CharProtocolType::Telnet | CharProtocolType::Telnets
        );
        if dev.kind == ChardevType::Tcp && !known {
            c.error(
                format!("{}/protocol/@type", dev.path),
                format!("'{kind}' is not a protocol QEMU speaks; use raw, telnet or telnets (TLS is <source tls='yes'>)"),
            );
        }
    }
}

/// A unix character device names its socket, except a `<channel>`, whose path
/// libvirt makes up (libvirt: "Missing source path attribute for char device").
fn unix_path(c: &mut Checker<'_>) {
    for dev in chardevs(c) {
        if dev.kind != ChardevType::Unix || dev.channel {
            continue;
        }
        let path = dev.sources.iter().find_map(|s| match s {
            CharSource::Unix(u) => u.path.as_deref(),
            _ => None,
        });
        if path.map_or(true, str::is_empty) {
            c.error(
                format!("{}/source/@path", dev.path),
                "missing; a unix character device needs its socket path",
            );
        }
    }
}

/// A serial port's target type and model fit the machine: `spapr-vio-serial` and
/// `spapr-vty` are pSeries', `system-serial` with `pl011` Arm's `virt`, `sclp-serial`
/// s390's (QEMU driver: "Serial device with target type … and
/// target model … not compatible with guest architecture or machine type").
fn serial_target_fits_machine(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() {
        return;
    }
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Serial(serial) = device else {
            continue;
        };
        let Some(target) = &serial.target else {
            continue;
        };
        let model = target
            .model
            .as_ref()
            .and_then(|m| m.name.as_ref())
            .map(|n| n.as_str());
        let fits = match (&target.kind, model) {
            (Some(CharTargetType::SpaprVioSerial), _) | (_, Some("spapr-vty")) => c.is_pseries(),
            (_, Some("pl011")) => c.is_arm_virt(),
            (Some(CharTargetType::SclpSerial), _) | (_, Some("sclpconsole" | "sclplmconsole")) => {
                c.is_s390()
            }
            (Some(CharTargetType::SystemSerial), _) => !c.is_x86() && !c.is_s390(),
            _ => true,
        };
        if !fits {
            wrong.push(i);
        }
    }
    for i in wrong {
        c.error(
            format!("{}/target", c.path(i)),
            "this serial target type or model does not exist on this architecture or \
             machine; remove it to let libvirt pick",
        );
    }
}

/// s390 and pSeries guests have no parallel port (QEMU driver: "parallel ports are not
/// supported").
fn no_parallel_on_s390_or_pseries(c: &mut Checker<'_>) {
    if !c.qemu() || !(c.is_s390() || c.is_pseries()) {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| matches!(d, Device::Parallel(_)))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(c.path(i), "this machine has no parallel port; remove it");
    }
}
