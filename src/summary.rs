//! A short human summary of a domain: what `libvirt-domain show` prints.

use std::fmt;

use serde::Serialize;

use crate::devices::{
    Device, Disk, DiskSource, Graphics, Interface, InterfaceHostdevAddress, InterfaceSource,
};
use crate::domain::Domain;

/// What a person wants to know about a domain at a glance (`libvirt-domain show`).
///
/// Serializes to JSON for `show --json`; `Display` gives the human form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// `<name>`.
    pub name: Option<String>,
    /// `<domain type>`.
    pub kind: String,
    /// `<os firmware>` (`efi`, `bios`), or `efi` when a pflash loader is set.
    pub firmware: Option<String>,
    /// `<os><type machine>`.
    pub machine: Option<String>,
    /// `<os><type arch>`.
    pub arch: Option<String>,
    /// `<vcpu>` count.
    pub vcpus: Option<u32>,
    /// `<cpu><topology>` as sockets, dies, clusters, cores, threads (missing ones are 1).
    pub topology: Option<[u32; 5]>,
    /// `<memory>` in bytes.
    pub memory_bytes: Option<u64>,
    /// `<currentMemory>` in bytes.
    pub current_memory_bytes: Option<u64>,
    /// Every `<disk>`.
    pub disks: Vec<DiskSummary>,
    /// Every `<interface>`.
    pub nics: Vec<NicSummary>,
    /// Every `<graphics>` type, with `+gl` when OpenGL is on.
    pub graphics: Vec<String>,
    /// How many elements, attributes and texts the model does not know.
    pub unmodelled: usize,
    /// The oldest libvirt release that accepts the domain
    /// ([`Domain::min_libvirt_version`]).
    pub libvirt: crate::version::LibvirtVersion,
}

/// One disk in a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DiskSummary {
    /// `<target dev>`.
    pub target: Option<String>,
    /// `<disk device>` (`disk`, `cdrom`, …).
    pub device: Option<String>,
    /// Where the data is: a path, a pool/volume, or protocol:name.
    pub source: Option<String>,
    /// `<driver type>` (`qcow2`, `raw`, …).
    pub format: Option<String>,
    /// `<target bus>`.
    pub bus: Option<String>,
}

/// One network interface in a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NicSummary {
    /// `<interface type>`.
    pub kind: Option<String>,
    /// What it connects to: the network, bridge, host device or socket, a tunnel's
    /// `address:port`, or a passed-through device's PCI address.
    pub source: Option<String>,
    /// `<model type>`.
    pub model: Option<String>,
    /// `<mac address>`.
    pub mac: Option<String>,
}

impl Domain {
    /// A short summary for people (see [`Summary`]).
    pub fn summary(&self) -> Summary {
        let os = self.os.as_ref();
        let os_type = os.and_then(|o| o.kind.as_ref());
        let pflash = os
            .and_then(|o| o.loader.as_ref())
            .and_then(|l| l.kind.as_ref())
            .is_some_and(|k| k.as_str() == "pflash");
        let firmware = os
            .and_then(|o| o.firmware.as_ref())
            .map(|f| f.as_str().to_owned())
            .or_else(|| pflash.then(|| "efi".to_owned()));
        let topology = self
            .cpu
            .as_ref()
            .and_then(|c| c.topology.as_ref())
            .map(|t| [t.sockets, t.dies, t.clusters, t.cores, t.threads].map(|n| n.unwrap_or(1)));
        let devices: &[Device] = self.devices.as_ref().map_or(&[], |d| &d.devices);
        Summary {
            name: self.name.clone(),
            kind: self.kind.as_str().to_owned(),
            firmware,
            machine: os_type.and_then(|t| t.machine.clone()),
            arch: os_type
                .and_then(|t| t.arch.as_ref())
                .map(|a| a.as_str().to_owned()),
            vcpus: self.vcpu.as_ref().map(|v| v.count),
            topology,
            memory_bytes: self.memory.as_ref().and_then(|m| m.bytes().ok()),
            current_memory_bytes: self.current_memory.as_ref().and_then(|m| m.bytes().ok()),
            disks: devices
                .iter()
                .filter_map(|d| match d {
                    Device::Disk(disk) => Some(disk_summary(disk)),
                    _ => None,
                })
                .collect(),
            nics: devices
                .iter()
                .filter_map(|d| match d {
                    Device::Interface(nic) => Some(nic_summary(nic)),
                    _ => None,
                })
                .collect(),
            graphics: devices
                .iter()
                .filter_map(|d| match d {
                    Device::Graphics(g) => Some(graphics_summary(g)),
                    _ => None,
                })
                .collect(),
            unmodelled: self.unmodelled().len(),
            libvirt: self.min_libvirt_version(),
        }
    }
}

fn disk_summary(disk: &Disk) -> DiskSummary {
    let source = disk.source.as_ref().and_then(source_summary);
    let target = disk.target.as_ref();
    DiskSummary {
        target: target.and_then(|t| t.dev.clone()),
        device: disk.device.as_ref().map(|d| d.to_string()),
        source,
        format: disk
            .driver
            .as_ref()
            .and_then(|d| d.kind.as_ref())
            .map(|k| k.to_string()),
        bus: target.and_then(|t| t.bus.as_ref()).map(|b| b.to_string()),
    }
}

/// What a disk source names, in one word: its host path, `pool/volume` or
/// `protocol:name`.
fn source_summary(source: &DiskSource) -> Option<String> {
    match source {
        DiskSource::Volume(s) => match (&s.pool, &s.volume) {
            (Some(pool), Some(volume)) => Some(format!("{pool}/{volume}")),
            _ => None,
        },
        DiskSource::Network(s) => match (&s.protocol, &s.name) {
            (Some(protocol), Some(name)) => Some(format!("{protocol}:{name}")),
            (Some(protocol), None) => Some(protocol.to_string()),
            _ => None,
        },
        source => source.path().map(str::to_owned),
    }
}

fn nic_summary(nic: &Interface) -> NicSummary {
    NicSummary {
        kind: nic.kind.as_ref().map(|k| k.to_string()),
        source: nic.source.as_ref().and_then(nic_source),
        model: nic
            .model
            .as_ref()
            .and_then(|m| m.kind.as_ref())
            .map(|k| k.to_string()),
        mac: nic.mac.as_ref().and_then(|m| m.address.clone()),
    }
}

/// What the interface connects to, in the fewest words.
fn nic_source(source: &InterfaceSource) -> Option<String> {
    let endpoint = |address: &Option<String>, port: Option<i32>| match (address, port) {
        (Some(a), Some(p)) => Some(format!("{a}:{p}")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(p)) => Some(format!(":{p}")),
        (None, None) => None,
    };
    match source {
        InterfaceSource::Network(s) => s.network.clone(),
        InterfaceSource::Bridge(s) => s.bridge.clone(),
        InterfaceSource::Direct(s) => s.dev.clone(),
        InterfaceSource::User(s) => s.dev.clone(),
        InterfaceSource::Vdpa(s) => s.dev.clone(),
        InterfaceSource::Vhostuser(s) => s.path.clone().or_else(|| s.dev.clone()),
        InterfaceSource::Internal(s) => s.name.clone(),
        InterfaceSource::Vds(s) => s.switchid.clone(),
        InterfaceSource::Server(s) | InterfaceSource::Client(s) | InterfaceSource::Mcast(s) => {
            endpoint(&s.address, s.port)
        }
        InterfaceSource::Udp(s) => endpoint(&s.address, s.port),
        InterfaceSource::Hostdev(s) => match &s.address {
            Some(InterfaceHostdevAddress::Pci(pci)) => {
                let part = |n: &Option<crate::values::Uint>| n.as_ref().map_or(0, |n| n.value);
                Some(format!(
                    "{:04x}:{:02x}:{:02x}.{:x}",
                    part(&pci.domain),
                    part(&pci.bus),
                    part(&pci.slot),
                    part(&pci.function)
                ))
            }
            _ => None,
        },
        InterfaceSource::Ethernet(_) | InterfaceSource::Other(_) => None,
    }
}

fn graphics_summary(g: &Graphics) -> String {
    let kind = g.kind.as_ref().map_or("?", |k| k.as_str());
    let gl =
        g.gl.as_ref()
            .and_then(|gl| gl.enable)
            .is_some_and(|e| e.is_set());
    if gl {
        format!("{kind}+gl")
    } else {
        kind.to_owned()
    }
}

/// `4 GiB`, `512 MiB`, or bytesize's rounded form when no binary unit divides it.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u32); 6] = [
        ("EiB", 60),
        ("PiB", 50),
        ("TiB", 40),
        ("GiB", 30),
        ("MiB", 20),
        ("KiB", 10),
    ];
    for (name, shift) in UNITS {
        let unit = 1u64 << shift;
        if bytes >= unit && bytes % unit == 0 {
            return format!("{} {name}", bytes / unit);
        }
    }
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    bytesize::ByteSize::b(bytes).display().iec().to_string()
}

fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "name:       {}", or_dash(&self.name))?;
        writeln!(f, "type:       {}", self.kind)?;
        writeln!(f, "firmware:   {}", or_dash(&self.firmware))?;
        match (&self.machine, &self.arch) {
            (Some(m), Some(a)) => writeln!(f, "machine:    {m} ({a})")?,
            (m, a) => writeln!(
                f,
                "machine:    {}",
                m.as_deref().or(a.as_deref()).unwrap_or("-")
            )?,
        }
        let vcpus = self.vcpus.map_or("-".to_owned(), |n| n.to_string());
        match self.topology {
            Some([s, d, cl, co, t]) => {
                let mut parts = vec![plural(s, "socket")];
                if d != 1 {
                    parts.push(plural(d, "die"));
                }
                if cl != 1 {
                    parts.push(plural(cl, "cluster"));
                }
                parts.push(plural(co, "core"));
                parts.push(plural(t, "thread"));
                writeln!(f, "vCPUs:      {vcpus} ({})", parts.join(" × "))?;
            }
            None => writeln!(f, "vCPUs:      {vcpus}")?,
        }
        let memory = match (self.memory_bytes, self.current_memory_bytes) {
            (Some(m), Some(c)) => format!("{} max, {} current", human_size(m), human_size(c)),
            (Some(m), None) => format!("{} max", human_size(m)),
            (None, Some(c)) => format!("{} current", human_size(c)),
            (None, None) => "-".to_owned(),
        };
        writeln!(f, "memory:     {memory}")?;
        writeln!(f, "disks:      {}", self.disks.len())?;
        for d in &self.disks {
            writeln!(
                f,
                "  {} {} {} format={} bus={}",
                or_dash(&d.target),
                or_dash(&d.device),
                or_dash(&d.source),
                or_dash(&d.format),
                or_dash(&d.bus)
            )?;
        }
        writeln!(f, "nics:       {}", self.nics.len())?;
        for n in &self.nics {
            writeln!(
                f,
                "  {} {} model={} mac={}",
                or_dash(&n.kind),
                or_dash(&n.source),
                or_dash(&n.model),
                or_dash(&n.mac)
            )?;
        }
        let graphics = if self.graphics.is_empty() {
            "-".to_owned()
        } else {
            self.graphics.join(", ")
        };
        writeln!(f, "graphics:   {graphics}")?;
        writeln!(f, "libvirt:    {} or newer", self.libvirt)?;
        write!(f, "unmodelled: {}", self.unmodelled)
    }
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<domain type='kvm'>
  <name>phyllome</name>
  <memory unit='GiB'>4</memory>
  <currentMemory unit='MiB'>1024</currentMemory>
  <vcpu placement='static'>4</vcpu>
  <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>
  <cpu mode='host-model'><topology sockets='1' dies='1' cores='2' threads='2'/></cpu>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/a.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <graphics type='spice'><gl enable='yes'/></graphics>
    <sound model='virtio' future='1'/>
  </devices>
</domain>";

    #[test]
    fn summary_has_what_show_prints() {
        let s = Domain::from_xml(DOC).unwrap().summary();
        let text = s.to_string();
        let expected = "\
name:       phyllome
type:       kvm
firmware:   efi
machine:    q35 (x86_64)
vCPUs:      4 (1 socket × 2 cores × 2 threads)
memory:     4 GiB max, 1 GiB current
disks:      1
  vda disk /var/lib/libvirt/images/a.qcow2 format=qcow2 bus=virtio
nics:       1
  network default model=virtio mac=52:54:00:00:00:01
graphics:   spice+gl
libvirt:    10.4 or newer
unmodelled: 1";
        assert_eq!(text, expected);
    }

    #[test]
    fn nic_sources_name_what_they_connect_to() {
        let table = [
            ("<interface type='bridge'><source bridge='br0'/></interface>", Some("br0")),
            ("<interface type='direct'><source dev='eth0' mode='vepa'/></interface>", Some("eth0")),
            (
                "<interface type='vhostuser'><source type='unix' path='/run/v.sock'/></interface>",
                Some("/run/v.sock"),
            ),
            (
                "<interface type='udp'><source address='10.0.0.2' port='5000'><local address='10.0.0.1' port='5001'/></source></interface>",
                Some("10.0.0.2:5000"),
            ),
            ("<interface type='server'><source port='5000'/></interface>", Some(":5000")),
            (
                "<interface type='hostdev'><source><address type='pci' domain='0x0000' bus='0x3b' slot='0x10' function='0x2'/></source></interface>",
                Some("0000:3b:10.2"),
            ),
            ("<interface type='ethernet'/>", None),
            ("<interface type='future'><source bridge='br0'/></interface>", None),
        ];
        for (nic, expected) in table {
            let xml = format!("<domain type='kvm'><devices>{nic}</devices></domain>");
            let summary = Domain::from_xml(&xml).unwrap().summary();
            assert_eq!(summary.nics[0].source.as_deref(), expected, "{nic}");
        }
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(4 << 30), "4 GiB");
        assert_eq!(human_size(1536 << 20), "1536 MiB");
        assert_eq!(human_size(1000), "1000 B");
        assert_eq!(human_size(0), "0 B");
    }
}
