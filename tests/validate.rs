//! `Domain::validate`: every rule has a failing case (exactly that problem, at that
//! path) and a passing one; several problems are all returned; parsing never
//! validates; Phyllome's own files are valid.

use libvirt_domain::devices::{
    BackingStore, Boot, Channel, CharSource, CharSourceMode, ChardevType, Controller,
    ControllerType, Device, Disk, DiskProtocol, DiskSource, DiskType, Filesystem, Interface,
    InterfaceMac, InterfaceSource, InterfaceType, MacvtapMode, MemBalloon, MemBalloonModel,
    OtherSource, Parallel, Rng, RngBackend, RngBackendModel, Serial, Video, VideoModelType,
};
use libvirt_domain::features::{FeatureState, HypervSpinlocks, Smm};
use libvirt_domain::memory::{CurrentMemory, MaxMemory, Memory, MemoryAccessMode};
use libvirt_domain::numa::{Numa, NumaCell};
use libvirt_domain::os::{BootDevice, LoaderType, Nvram, NvramType};
use libvirt_domain::qemu::QemuCommandline;
use libvirt_domain::units::Unit;
use libvirt_domain::values::{OnOff, YesNo};
use libvirt_domain::{Domain, NetworkSource, Preset};

/// A valid domain with something of every kind the rules look at: two disks, a
/// CD-ROM, two NICs with MAC addresses, a share, a balloon, a video, controllers.
fn base() -> Domain {
    let mut domain = Domain::builder("guest")
        .preset(Preset::Linux)
        .disk("/a.qcow2")
        .disk("/b.qcow2")
        .cdrom("/c.iso")
        .network(NetworkSource::default())
        .network(NetworkSource::bridge("br0"))
        .generate_uuid()
        .build()
        .expect("the base domain is valid");
    let mut nics = devices(&mut domain).iter_mut().filter_map(|d| match d {
        Device::Interface(i) => Some(i),
        _ => None,
    });
    nics.next().unwrap().mac = Some(mac("52:54:00:00:00:01"));
    nics.next().unwrap().mac = Some(mac("52:54:00:00:00:02"));
    domain
}

fn mac(address: &str) -> InterfaceMac {
    InterfaceMac {
        address: Some(address.into()),
        ..Default::default()
    }
}

fn devices(domain: &mut Domain) -> &mut Vec<Device> {
    &mut domain.devices.as_mut().unwrap().devices
}

fn disk(domain: &mut Domain, n: usize) -> &mut Disk {
    domain.devices.as_mut().unwrap().disks_mut().nth(n).unwrap()
}

fn nic(domain: &mut Domain, n: usize) -> &mut Interface {
    domain
        .devices
        .as_mut()
        .unwrap()
        .interfaces_mut()
        .nth(n)
        .unwrap()
}

fn share(domain: &mut Domain) -> &mut Filesystem {
    domain
        .devices
        .as_mut()
        .unwrap()
        .filesystems_mut()
        .next()
        .unwrap()
}

fn push(domain: &mut Domain, device: impl Into<Device>) {
    domain.devices.as_mut().unwrap().push(device);
}

/// A rule: what breaks it (one problem at `path`, message containing `says`) and a
/// nearby change that keeps the domain valid.
struct Rule {
    name: &'static str,
    fail: fn(&mut Domain),
    path: &'static str,
    says: &'static str,
    pass: fn(&mut Domain),
}

fn rules() -> Vec<Rule> {
    vec![
        Rule {
            name: "name present",
            fail: |d| d.name = None,
            path: "/domain/name",
            says: "missing",
            pass: |d| d.name = Some("x".into()),
        },
        Rule {
            name: "name non-empty",
            fail: |d| d.name = Some(String::new()),
            path: "/domain/name",
            says: "is empty",
            pass: |d| d.name = Some(" ".into()),
        },
        Rule {
            name: "name without slash",
            fail: |d| d.name = Some("web/1".into()),
            path: "/domain/name",
            says: "contains '/'",
            pass: |d| d.name = Some("web\\1".into()),
        },
        Rule {
            name: "uuid syntax",
            fail: |d| d.uuid = Some("6f2c4bde-8f5b-4c55-9a3e-1a2b3c4d5e6".into()),
            path: "/domain/uuid",
            says: "is not a UUID",
            pass: |d| d.uuid = Some("6F2C4BDE8F5B4C559A3E1A2B3C4D5E6F".into()),
        },
        Rule {
            name: "title on one line",
            fail: |d| d.title = Some("a\nb".into()),
            path: "/domain/title",
            says: "newline",
            pass: |d| d.title = Some("a b".into()),
        },
        Rule {
            name: "memory present",
            fail: |d| d.memory = None,
            path: "/domain/memory",
            says: "missing",
            pass: |d| d.memory = Some(Memory::kib(1_048_576)),
        },
        Rule {
            name: "memory above zero",
            fail: |d| {
                d.memory = Some(Memory::kib(0));
                d.current_memory = None;
            },
            path: "/domain/memory",
            says: "is 0",
            pass: |d| {
                d.memory = Some(Memory::kib(1));
                d.current_memory = None;
            },
        },
        Rule {
            name: "size converts to bytes",
            fail: |d| d.memory = Some(Memory::new(u64::MAX, Unit::GIB)),
            path: "/domain/memory",
            says: "64-bit",
            pass: |d| d.memory = Some(Memory::new(u64::MAX / 1024, Unit::B)),
        },
        Rule {
            name: "size under libvirt's 8 EiB",
            fail: |d| d.memory = Some(Memory::new(8, Unit::EIB)),
            path: "/domain/memory",
            says: "8 EiB",
            pass: |d| d.memory = Some(Memory::new(7, Unit::EIB)),
        },
        Rule {
            name: "currentMemory within memory",
            fail: |d| d.current_memory = Some(CurrentMemory::new(4097, Unit::MIB)),
            path: "/domain/currentMemory",
            says: "4097 MiB is more than <memory> (4 GiB)",
            pass: |d| d.current_memory = Some(CurrentMemory::kib(4 << 20)),
        },
        Rule {
            name: "maxMemory at least memory",
            fail: |d| d.max_memory = Some(MaxMemory::gib(2)),
            path: "/domain/maxMemory",
            says: "2 GiB is less than <memory> (4 GiB)",
            pass: |d| d.max_memory = Some(MaxMemory::gib(4)),
        },
        Rule {
            name: "static placement needs a count",
            fail: |d| {
                d.vcpu.as_mut().unwrap().count = 0;
                d.cpu = None;
            },
            path: "/domain/vcpu",
            says: "placement='static' needs a vCPU count above 0",
            pass: |d| {
                d.vcpu.as_mut().unwrap().count = 1;
                d.cpu = None;
            },
        },
        Rule {
            name: "current vCPUs within the count",
            fail: |d| d.vcpu.as_mut().unwrap().current = Some(5),
            path: "/domain/vcpu/@current",
            says: "5 is more than the maximum of 4 vCPUs",
            pass: |d| d.vcpu.as_mut().unwrap().current = Some(4),
        },
        Rule {
            name: "topology matches the vCPU count",
            fail: |d| d.vcpu.as_mut().unwrap().count = 2,
            path: "/domain/cpu/topology",
            says: "1 socket × 1 die × 2 cores × 2 threads = 4, but <vcpu> is 2",
            pass: |d| {
                d.vcpu.as_mut().unwrap().count = 2;
                d.cpu.as_mut().unwrap().topology.as_mut().unwrap().threads = None;
            },
        },
        Rule {
            name: "topology factors above zero",
            fail: |d| d.cpu.as_mut().unwrap().topology.as_mut().unwrap().dies = Some(0),
            path: "/domain/cpu/topology/@dies",
            says: "0 is not permitted",
            pass: |d| d.cpu.as_mut().unwrap().topology.as_mut().unwrap().dies = None,
        },
        Rule {
            name: "UEFI on x86 needs ACPI",
            fail: |d| d.features.as_mut().unwrap().acpi = None,
            path: "/domain/features/acpi",
            says: "UEFI firmware on x86 needs ACPI",
            pass: |d| {
                d.features.as_mut().unwrap().acpi = None;
                let os = d.os.as_mut().unwrap();
                os.firmware = None;
                os.loader = None;
            },
        },
        Rule {
            name: "a pflash loader is UEFI too",
            fail: |d| {
                d.features.as_mut().unwrap().acpi = None;
                let os = d.os.as_mut().unwrap();
                os.firmware = None;
                os.loader.as_mut().unwrap().kind = Some(LoaderType::Pflash);
            },
            path: "/domain/features/acpi",
            says: "needs ACPI",
            pass: |d| {
                d.features.as_mut().unwrap().acpi = None;
                let os = d.os.as_mut().unwrap();
                os.firmware = None;
                os.loader.as_mut().unwrap().kind = Some(LoaderType::Pflash);
                let kind = os.kind.as_mut().unwrap();
                kind.arch = Some("aarch64".into());
                kind.machine = Some("virt".into());
            },
        },
        Rule {
            name: "Secure Boot needs SMM",
            fail: |d| {
                d.os.as_mut().unwrap().loader.as_mut().unwrap().secure = Some(YesNo::Yes);
                d.features.as_mut().unwrap().smm = Some(Smm {
                    state: Some(OnOff::Off),
                    ..Default::default()
                });
            },
            path: "/domain/features/smm/@state",
            says: "Secure Boot",
            pass: |d| {
                d.os.as_mut().unwrap().loader.as_mut().unwrap().secure = Some(YesNo::Yes);
                d.features.as_mut().unwrap().smm = Some(Smm {
                    state: Some(OnOff::On),
                    ..Default::default()
                });
            },
        },
        Rule {
            name: "Secure Boot needs a q35 machine",
            fail: |d| {
                secure_boot(d, "pc-i440fx-9.2", "x86_64");
                // The IOMMU of the base is a q35 device too.
                devices(d).retain(|x| !matches!(x, Device::Iommu(_)));
            },
            path: "/domain/os/type/@machine",
            says: "needs a q35 machine",
            pass: |d| secure_boot(d, "pc-q35-9.2", "x86_64"),
        },
        Rule {
            name: "Secure Boot needs x86_64",
            fail: |d| secure_boot(d, "q35", "i686"),
            path: "/domain/os/type/@arch",
            says: "x86_64 only",
            pass: |d| secure_boot(d, "q35", "x86_64"),
        },
        Rule {
            name: "Secure Boot without auto-selection needs SMM on",
            fail: |d| {
                secure_boot(d, "q35", "x86_64");
                d.os.as_mut().unwrap().firmware = None;
            },
            path: "/domain/features/smm",
            says: "needs <smm state='on'/>",
            pass: |d| {
                secure_boot(d, "q35", "x86_64");
                d.os.as_mut().unwrap().firmware = None;
                d.features.as_mut().unwrap().smm = Some(Smm {
                    state: Some(OnOff::On),
                    ..Default::default()
                });
            },
        },
        Rule {
            name: "Hyper-V spinlock retries",
            fail: |d| spinlocks(d, Some(4094)),
            path: "/domain/features/hyperv/spinlocks/@retries",
            says: "4094 is below 4095",
            pass: |d| spinlocks(d, Some(4095)),
        },
        Rule {
            name: "Hyper-V spinlocks need retries",
            fail: |d| spinlocks(d, None),
            path: "/domain/features/hyperv/spinlocks/@retries",
            says: "missing",
            pass: |d| spinlocks(d, Some(8191)),
        },
        Rule {
            name: "os boot or per-device boot",
            fail: |d| disk(d, 0).boot = Some(Box::new(Boot::order(1))),
            path: "/domain/os/boot",
            says: "(as in /domain/devices/disk[1]/boot); libvirt refuses both",
            pass: |d| {
                disk(d, 0).boot = Some(Box::new(Boot::order(1)));
                d.os.as_mut().unwrap().boot.clear();
            },
        },
        Rule {
            name: "boot orders unique",
            fail: |d| {
                d.os.as_mut().unwrap().boot.clear();
                disk(d, 0).boot = Some(Box::new(Boot::order(1)));
                nic(d, 1).boot = Some(Box::new(Boot::order(1)));
            },
            path: "/domain/devices/interface[2]/boot/@order",
            says: "boot order 1 is already used by /domain/devices/disk[1]/boot",
            pass: |d| {
                d.os.as_mut().unwrap().boot.clear();
                disk(d, 0).boot = Some(Box::new(Boot::order(1)));
                nic(d, 1).boot = Some(Box::new(Boot::order(2)));
            },
        },
        Rule {
            name: "boot orders start at 1",
            fail: |d| {
                d.os.as_mut().unwrap().boot.clear();
                share(d).boot = Some(Boot::order(0));
            },
            path: "/domain/devices/filesystem/boot/@order",
            says: "0 is not permitted",
            pass: |d| {
                d.os.as_mut().unwrap().boot.clear();
                share(d).boot = Some(Boot::order(7));
            },
        },
        Rule {
            name: "disk targets unique",
            fail: |d| disk(d, 2).target.as_mut().unwrap().dev = Some("vda".into()),
            path: "/domain/devices/disk[3]/target/@dev",
            says: "target \"vda\" is already used by /domain/devices/disk[1]",
            pass: |d| disk(d, 2).target.as_mut().unwrap().dev = Some("vdz".into()),
        },
        Rule {
            name: "disk targets present",
            fail: |d| disk(d, 1).target = None,
            path: "/domain/devices/disk[2]/target/@dev",
            says: "missing",
            pass: |d| disk(d, 1).target.as_mut().unwrap().bus = None,
        },
        Rule {
            name: "disk type matches its source",
            fail: |d| disk(d, 0).kind = Some(DiskType::Block),
            path: "/domain/devices/disk[1]/source",
            says: "is a 'file' source, but the type is 'block'; set type='file'",
            pass: |d| disk(d, 0).kind = None,
        },
        Rule {
            name: "backing store type matches its source",
            fail: |d| {
                disk(d, 1).backing_store = Some(Box::new(BackingStore {
                    kind: Some(DiskType::Network),
                    source: Some(DiskSource::file("/base.qcow2")),
                    ..Default::default()
                }))
            },
            path: "/domain/devices/disk[2]/backingStore/source",
            says: "is a 'file' source, but the type is 'network'",
            pass: |d| {
                disk(d, 1).backing_store = Some(Box::new(BackingStore {
                    kind: Some(DiskType::Network),
                    source: Some(DiskSource::network(DiskProtocol::Nbd, "base")),
                    ..Default::default()
                }))
            },
        },
        Rule {
            name: "nvram type matches its source",
            fail: |d| {
                d.os.as_mut().unwrap().nvram = Some(Nvram {
                    kind: Some(NvramType::Network),
                    source: Some(DiskSource::block("/dev/vg0/vars")),
                    ..Default::default()
                })
            },
            path: "/domain/os/nvram/source",
            says: "is a 'block' source, but the type is 'network'",
            pass: |d| {
                d.os.as_mut().unwrap().nvram = Some(Nvram {
                    kind: Some(NvramType::Block),
                    source: Some(DiskSource::block("/dev/vg0/vars")),
                    ..Default::default()
                })
            },
        },
        Rule {
            name: "filesystem targets unique",
            fail: |d| push(d, Filesystem::virtiofs("/srv", "isos")),
            path: "/domain/devices/filesystem[2]/target/@dir",
            says: "target \"isos\" is already used by /domain/devices/filesystem[1]",
            pass: |d| push(d, Filesystem::virtiofs("/srv", "srv")),
        },
        Rule {
            name: "filesystem source present",
            fail: |d| share(d).source = None,
            path: "/domain/devices/filesystem/source",
            says: "missing",
            pass: |d| {
                let source = share(d).source.as_mut().unwrap();
                source.dir = None;
                source.socket = Some("/run/virtiofsd.sock".into());
            },
        },
        Rule {
            name: "virtiofs needs shared memory",
            fail: |d| d.memory_backing = None,
            path: "/domain/devices/filesystem/driver",
            says: "virtiofs needs shared memory",
            pass: |d| {
                d.memory_backing = None;
                d.cpu.as_mut().unwrap().numa = Some(Numa {
                    cells: vec![NumaCell {
                        cpus: Some("0-3".into()),
                        memory: 4 << 20,
                        mem_access: Some(MemoryAccessMode::Shared),
                        ..Default::default()
                    }],
                    ..Default::default()
                });
            },
        },
        Rule {
            name: "MAC addresses parse",
            fail: |d| nic(d, 0).mac = Some(mac("52:54:00:00:00")),
            path: "/domain/devices/interface[1]/mac/@address",
            says: "is not a MAC address",
            pass: |d| nic(d, 0).mac = Some(mac("52:54:0:a:B:3")),
        },
        Rule {
            name: "MAC addresses unicast",
            fail: |d| nic(d, 0).mac = Some(mac("53:54:00:00:00:01")),
            path: "/domain/devices/interface[1]/mac/@address",
            says: "multicast",
            pass: |d| nic(d, 0).mac = Some(mac("56:54:00:00:00:01")),
        },
        Rule {
            name: "network interfaces name their network",
            fail: |d| nic(d, 0).source = Some(InterfaceSource::network("")),
            path: "/domain/devices/interface[1]/source/@network",
            says: "missing",
            pass: |d| nic(d, 0).source = Some(InterfaceSource::network("lan")),
        },
        Rule {
            name: "bridge interfaces name their bridge",
            fail: |d| nic(d, 1).source = None,
            path: "/domain/devices/interface[2]/source/@bridge",
            says: "missing",
            pass: |d| nic(d, 1).source = Some(InterfaceSource::bridge("br1")),
        },
        Rule {
            name: "interface type agrees with its source",
            fail: |d| nic(d, 1).kind = Some(InterfaceType::Network),
            path: "/domain/devices/interface[2]/@type",
            says: "type='network', but the <source> is a bridge source; set type='bridge'",
            pass: |d| {
                let source = InterfaceSource::direct("eth0", MacvtapMode::Bridge);
                *nic(d, 1) = Interface::with_source(source);
            },
        },
        Rule {
            name: "null interfaces take no source",
            fail: |d| {
                let nic = nic(d, 1);
                nic.kind = Some(InterfaceType::Null);
                nic.source = Some(InterfaceSource::Other(OtherSource::default()));
            },
            path: "/domain/devices/interface[2]/source",
            says: "type='null' takes no <source>",
            pass: |d| {
                let nic = nic(d, 1);
                nic.kind = Some(InterfaceType::Null);
                nic.source = None;
            },
        },
        Rule {
            name: "known interface types use their own source variant",
            fail: |d| nic(d, 1).source = Some(InterfaceSource::Other(OtherSource::default())),
            path: "/domain/devices/interface[2]/source",
            says: "use the bridge variant",
            pass: |d| {
                let nic = nic(d, 1);
                nic.kind = Some(InterfaceType::Other("future".into()));
                nic.source = Some(InterfaceSource::Other(OtherSource::default()));
            },
        },
        Rule {
            name: "one memballoon",
            fail: |d| push(d, MemBalloon::new(MemBalloonModel::Virtio)),
            path: "/domain/devices/memballoon[2]",
            says: "libvirt supports one",
            pass: |d| {
                devices(d).retain(|x| !matches!(x, Device::MemBalloon(_)));
                push(d, MemBalloon::new(MemBalloonModel::None));
            },
        },
        Rule {
            name: "one IOMMU",
            fail: |d| {
                push(
                    d,
                    libvirt_domain::devices::Iommu::new(libvirt_domain::devices::IommuModel::Intel),
                )
            },
            path: "/domain/devices/iommu[2]",
            says: "libvirt supports one",
            pass: |d| devices(d).retain(|x| !matches!(x, Device::Iommu(_))),
        },
        Rule {
            name: "one primary video",
            fail: |d| {
                let mut video = Video::new(VideoModelType::Virtio);
                video.model.as_mut().unwrap().primary = Some(YesNo::Yes);
                push(d, video);
            },
            path: "/domain/devices/video[2]/model/@primary",
            says: "a second primary video",
            pass: |d| push(d, Video::new(VideoModelType::Vga)),
        },
        Rule {
            name: "controllers unique per type and index",
            fail: |d| push(d, Controller::new(ControllerType::VirtioSerial, 0)),
            path: "/domain/devices/controller[2]/@index",
            says: "a second virtio-serial controller with index 0",
            pass: |d| push(d, Controller::new(ControllerType::VirtioSerial, 1)),
        },
        Rule {
            name: "chardev source matches its type",
            fail: |d| {
                let mut serial =
                    Serial::with_source(CharSource::unix("/run/a", CharSourceMode::Bind));
                serial.kind = Some(ChardevType::Tcp);
                push(d, serial);
            },
            path: "/domain/devices/serial/source",
            says: "a unix source under type='tcp'; set type='unix'",
            pass: |d| {
                push(
                    d,
                    Serial::with_source(CharSource::unix("/run/a", CharSourceMode::Bind)),
                )
            },
        },
        Rule {
            name: "chardev type agrees with its source",
            fail: |d| {
                let mut serial = Serial::with_source(CharSource::file("/var/log/a"));
                serial.kind = Some(ChardevType::Pty);
                push(d, serial);
            },
            path: "/domain/devices/serial/source",
            says: "a file source under type='pty'",
            pass: |d| push(d, Serial::with_source(CharSource::file("/var/log/a"))),
        },
        Rule {
            name: "chardev type with a source shape needs that shape",
            fail: |d| {
                let rng = Rng {
                    backend: Some(RngBackend {
                        model: Some(RngBackendModel::Egd),
                        kind: Some(ChardevType::Tcp),
                        sources: vec![CharSource::Other(OtherSource::default())],
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                // The preset has an RNG already: this one is the second.
                push(d, rng);
            },
            path: "/domain/devices/rng[2]/backend/source",
            says: "not a tcp source; type='tcp' needs CharSource::Tcp",
            pass: |d| {
                // Types without a source shape hold the fallback.
                let mut channel = Channel::new(ChardevType::Spicevmc);
                channel
                    .sources
                    .push(CharSource::Other(OtherSource::default()));
                push(d, channel);
            },
        },
        Rule {
            name: "one chardev source, two for udp",
            fail: |d| {
                let mut parallel =
                    Parallel::with_source(CharSource::tcp(CharSourceMode::Bind, "::", "9"));
                parallel
                    .sources
                    .push(CharSource::tcp(CharSourceMode::Connect, "::1", "9"));
                push(d, parallel);
            },
            path: "/domain/devices/parallel/source[2]",
            says: "takes at most 1 <source>",
            pass: |d| {
                let mut parallel =
                    Parallel::with_source(CharSource::udp(CharSourceMode::Bind, "::", "9"));
                parallel
                    .sources
                    .push(CharSource::udp(CharSourceMode::Connect, "::1", "9"));
                push(d, parallel);
            },
        },
        Rule {
            name: "qemu env names",
            fail: |d| d.qemu_commandline = QemuCommandline::default().env("QEMU-DIR", "/x"),
            path: "/domain/qemu:commandline/qemu:env/@name",
            says: "is not a variable name",
            pass: |d| d.qemu_commandline = QemuCommandline::default().env("_QEMU_DIR2", "/x"),
        },
    ]
}

fn secure_boot(domain: &mut Domain, machine: &str, arch: &str) {
    let os = domain.os.as_mut().unwrap();
    os.loader.as_mut().unwrap().secure = Some(YesNo::Yes);
    let kind = os.kind.as_mut().unwrap();
    kind.machine = Some(machine.into());
    kind.arch = Some(arch.into());
}

fn spinlocks(domain: &mut Domain, retries: Option<u32>) {
    let hyperv = domain
        .features
        .as_mut()
        .unwrap()
        .hyperv
        .get_or_insert_with(Default::default);
    hyperv.relaxed = Some(FeatureState::on());
    hyperv.spinlocks = Some(HypervSpinlocks {
        state: Some(OnOff::On),
        retries,
        ..Default::default()
    });
}

#[test]
fn the_base_domain_is_valid() {
    base().validate().unwrap();
}

#[test]
fn every_rule_fails_alone_and_passes_nearby() {
    let mut failures = Vec::new();
    for rule in rules() {
        let mut broken = base();
        (rule.fail)(&mut broken);
        match broken.validate() {
            Ok(()) => failures.push(format!("{}: no problem found", rule.name)),
            Err(err) => {
                let problems = err.problems();
                let found = problems.len() == 1
                    && problems[0].path == rule.path
                    && problems[0].message.contains(rule.says);
                if !found {
                    failures.push(format!(
                        "{}: expected one problem `{}: …{}…`, got:\n{err}",
                        rule.name, rule.path, rule.says
                    ));
                }
            }
        }
        let mut fine = base();
        (rule.pass)(&mut fine);
        if let Err(err) = fine.validate() {
            failures.push(format!("{}: the passing case fails:\n{err}", rule.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_problem_is_returned_in_order() {
    // Nineteen rules broken at once; the others touch the same elements (a second
    // break of <name> or <memory> replaces the first).
    let broken = [
        "name without slash",
        "uuid syntax",
        "title on one line",
        "currentMemory within memory",
        "maxMemory at least memory",
        "current vCPUs within the count",
        "topology matches the vCPU count",
        "UEFI on x86 needs ACPI",
        "Secure Boot needs SMM",
        "Hyper-V spinlock retries",
        "boot orders unique",
        "disk targets unique",
        "filesystem targets unique",
        "network interfaces name their network",
        "one memballoon",
        "one IOMMU",
        "one primary video",
        "controllers unique per type and index",
        "qemu env names",
    ];
    let mut domain = base();
    for rule in rules().iter().filter(|r| broken.contains(&r.name)) {
        (rule.fail)(&mut domain);
    }
    let err = domain.validate().unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        // Family by family: general, memory, CPU, OS, controllers, disks,
        // interfaces, graphics, other devices.
        [
            "/domain/name",
            "/domain/uuid",
            "/domain/title",
            "/domain/qemu:commandline/qemu:env/@name",
            "/domain/currentMemory",
            "/domain/maxMemory",
            "/domain/vcpu/@current",
            "/domain/cpu/topology",
            "/domain/features/acpi",
            "/domain/features/smm/@state",
            "/domain/features/hyperv/spinlocks/@retries",
            "/domain/devices/interface[2]/boot/@order",
            "/domain/devices/controller[2]/@index",
            "/domain/devices/disk[3]/target/@dev",
            "/domain/devices/interface[1]/source/@network",
            "/domain/devices/video[2]/model/@primary",
            "/domain/devices/filesystem[2]/target/@dir",
            "/domain/devices/memballoon[2]",
            "/domain/devices/iommu[2]",
        ],
        "{err}"
    );
    // Display: one `path: message` line per problem.
    let text = err.to_string();
    assert_eq!(text.lines().count(), paths.len());
    for (line, problem) in text.lines().zip(err.problems()) {
        assert_eq!(line, problem.to_string());
        assert!(line.starts_with(&format!("{}: ", problem.path)));
    }
}

#[test]
fn parsing_does_not_validate() {
    let xml = "<domain type='kvm'>\n  <name>a/b</name>\n  <vcpu placement='static'>2</vcpu>\n  \
               <cpu>\n    <topology sockets='1' cores='2' threads='2'/>\n  </cpu>\n</domain>";
    let domain = Domain::from_xml_strict(xml).unwrap();
    let err = domain.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "/domain/name: \"a/b\" contains '/', which libvirt refuses\n\
         /domain/memory: missing; libvirt needs the memory size in <memory> or in the NUMA cells\n\
         /domain/cpu/topology: 1 socket × 2 cores × 2 threads = 4, but <vcpu> is 2"
    );
}

#[test]
fn the_os_boot_element_alone_is_fine() {
    let mut domain = base();
    domain.os.as_mut().unwrap().boot = vec![libvirt_domain::os::Boot::new(BootDevice::Network)];
    domain.validate().unwrap();
}

#[test]
fn phyllomes_files_are_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/phyllome/domains");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let domain = Domain::from_xml(&std::fs::read_to_string(&path).unwrap()).unwrap();
        domain
            .validate()
            .unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn qemu_driver_checks_apply_to_qemu_domains_only() {
    let mut domain = base();
    domain.features.as_mut().unwrap().acpi = None;
    domain.memory_backing = None;
    let err = domain.validate().unwrap_err();
    assert_eq!(err.problems().len(), 2, "{err}");
    domain.kind = libvirt_domain::DomainType::Qemu;
    assert_eq!(domain.validate().unwrap_err().problems().len(), 2);
    domain.kind = libvirt_domain::DomainType::Xen;
    domain.validate().unwrap();
}

#[test]
fn usb_companion_controllers_share_an_index() {
    let mut domain = base();
    for model in ["ich9-ehci1", "ich9-uhci1", "ich9-uhci2"] {
        let mut usb = Controller::new(ControllerType::Usb, 0);
        usb.model = Some(model.into());
        push(&mut domain, usb);
    }
    domain.validate().unwrap();
}

#[test]
fn duplicate_macs_are_warnings() {
    let mut domain = base();
    nic(&mut domain, 1).mac = Some(mac("52:54:00:00:00:01"));
    domain.validate().unwrap();
    let warnings = domain.lint();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].path,
        "/domain/devices/interface[2]/mac/@address"
    );
    assert!(warnings[0]
        .message
        .contains("already used by /domain/devices/interface[1]"));
    assert_eq!(warnings[0].severity, libvirt_domain::Severity::Warning);
    assert!(base().lint().is_empty());
}
