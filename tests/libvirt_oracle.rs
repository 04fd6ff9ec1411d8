//! Real libvirt accepts what the builder writes.
//!
//! For the plain build, every preset in both modes, a build with a disk, a CD-ROM,
//! a network, a share and a QEMU argument, and one with a NIC of every interface
//! source and virtualport variant:
//!
//! - `xmllint --noout --relaxng ../shared/reference/libvirt-11.3/schemas/domain.rng`
//!   accepts `to_xml()`;
//! - libvirt 11.3's own parser accepts it: the file is copied into a Debian 13 chroot
//!   (`LIBVIRT_ROOT`, default `/var/tmp/libvirt-root`, made with
//!   `debootstrap --variant=minbase trixie DIR` and
//!   `chroot DIR apt-get install -y --no-install-recommends libvirt-clients libvirt-daemon`)
//!   and defined with `virsh -c test:///default` (the test driver runs libvirt's real
//!   domain parser without a daemon); the `dumpxml` of the same invocation must parse
//!   with `Domain::from_xml_strict` and keep the name, memory, vCPUs and devices
//!   (interfaces with their source and virtualport variants).
//!
//! And libvirt keeps exactly the character device `<source>` fields the model types
//! for each `type` (`virsh_keeps_exactly_the_modelled_chardev_source_fields`).
//!
//! Where `xmllint` or the chroot is missing the tests say they were skipped and pass,
//! unless `REQUIRE_LIBVIRT=1`, which makes them fail instead.

mod common;

use std::path::Path;
use std::process::Command;

use bytesize::ByteSize;
use common::libvirt::{dumped, root as libvirt_root};
use libvirt_domain::devices::{
    CharSource, Device, Interface, InterfaceBackend, InterfaceHostdevAddress, InterfaceIp,
    InterfaceSource, InterfaceSourceEthernet, InterfaceSourceHostdev, InterfaceSourceInternal,
    InterfaceSourceLocal, InterfaceSourceTunnel, InterfaceSourceUdp, InterfaceSourceUser,
    InterfaceSourceVdpa, InterfaceSourceVds, InterfaceSourceVhostuser, InterfaceType, MacvtapMode,
    MidonetParameters, NetBackendType, OpenvswitchParameters, PciAddress, QbgParameters,
    QbhParameters, SocketMode, SocketType, VirtualPort, VirtualPortMidonet, VirtualPortOpenvswitch,
    VirtualPortParameters, VirtualPortQbg, VirtualPortQbh, VirtualPortUntyped,
};
use libvirt_domain::values::{Uint, YesNo};
use libvirt_domain::xml::Extra;
use libvirt_domain::{Domain, NetworkSource, Preset};

/// The builds every oracle checks, by label (also the domain name).
fn build(label: &str) -> Domain {
    let builder = Domain::builder(format!("oracle-{label}"));
    let builder = match label {
        "plain" => builder,
        "linux-session" => builder.preset(Preset::Linux).session(),
        "linux-system" => builder.preset(Preset::Linux).system(),
        "windows-session" => builder.preset(Preset::Windows).session(),
        "windows-system" => builder.preset(Preset::Windows).system(),
        "windows10-system" => builder.preset(Preset::Windows).secure_boot(false),
        "full" => builder
            .memory(ByteSize::gib(8))
            .vcpus(4)
            .topology((1, 2, 2))
            .disk("/var/lib/libvirt/images/guest.qcow2")
            .disk("/var/lib/libvirt/images/data.raw")
            .cdrom("/var/lib/libvirt/isos/installer.iso")
            .network("bridge:br0".parse::<NetworkSource>().expect("network"))
            .network(NetworkSource::User)
            .share("/srv/share", "share")
            .qemu_arg("-device")
            .qemu_arg("ipmi-bmc-sim,id=bmc0")
            .qemu_env("QEMU_MODULE_DIR", "/usr/lib64/qemu")
            .generate_uuid()
            .title("Everything at once")
            .description("A build with every everyday addition"),
        "linux-full" => builder
            .preset(Preset::Linux)
            .session()
            .vcpus(6)
            .disk("/home/user/guest.qcow2")
            .cdrom("/home/user/installer.iso")
            .network(NetworkSource::User)
            .share("/home/user/Documents", "documents")
            .qemu_arg("-no-user-config"),
        "nics" => builder,
        other => panic!("unknown build {other}"),
    };
    let mut domain = builder
        .build()
        .unwrap_or_else(|e| panic!("{label} does not build:\n{e}"));
    if label == "nics" {
        let devices = domain.devices.get_or_insert_with(Default::default);
        for nic in every_nic() {
            devices.push(nic);
        }
    }
    domain
}

/// A NIC of every `type` whose `<source>` has a variant (and `null`), with each
/// virtualport variant on the types that take one.
fn every_nic() -> Vec<Interface> {
    let uuid = "6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64";
    let with = |mut nic: Interface, port: VirtualPort| {
        nic.virtualport = Some(Box::new(port));
        nic
    };
    let tunnel = |address: &str, port| InterfaceSourceTunnel {
        address: Some(address.into()),
        port: Some(port),
        ..Default::default()
    };
    let mut user = Interface::with_source(InterfaceSource::User(InterfaceSourceUser {
        dev: Some("eth0".into()),
        ..Default::default()
    }));
    user.backend = Some(Box::new(InterfaceBackend {
        kind: Some(NetBackendType::Passt),
        ..Default::default()
    }));
    let hostdev_source = Box::new(InterfaceSourceHostdev {
        address: Some(InterfaceHostdevAddress::Pci(PciAddress {
            domain: Some(Uint::hex(0, 4)),
            bus: Some(Uint::hex(0x3b, 2)),
            slot: Some(Uint::hex(0x10, 2)),
            function: Some(Uint::hex(2, 1)),
            ..Default::default()
        })),
        ..Default::default()
    });
    let mut hostdev = Interface::with_source(InterfaceSource::Hostdev(hostdev_source));
    hostdev.managed = Some(YesNo::Yes);
    vec![
        with(
            Interface::with_source(InterfaceSource::network("default")),
            VirtualPort::Untyped(VirtualPortUntyped {
                parameters: Some(VirtualPortParameters {
                    profileid: Some("finance".into()),
                    interfaceid: Some(uuid.into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        with(
            Interface::with_source(InterfaceSource::bridge("ovsbr0")),
            VirtualPort::Openvswitch(VirtualPortOpenvswitch {
                parameters: Some(OpenvswitchParameters {
                    interfaceid: Some(uuid.into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        with(
            Interface::with_source(InterfaceSource::bridge("midonet")),
            VirtualPort::Midonet(VirtualPortMidonet {
                parameters: Some(MidonetParameters {
                    interfaceid: Some(uuid.into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        with(
            Interface::with_source(InterfaceSource::direct("eth0", MacvtapMode::Vepa)),
            VirtualPort::Qbg(VirtualPortQbg {
                parameters: Some(QbgParameters {
                    managerid: Some(11),
                    typeid: Some(1193047),
                    typeidversion: Some(2),
                    instanceid: Some(uuid.into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        with(
            Interface::with_source(InterfaceSource::direct("eth1", MacvtapMode::Private)),
            VirtualPort::Qbh(VirtualPortQbh {
                parameters: Some(QbhParameters {
                    profileid: Some("finance".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        user,
        Interface::with_source(InterfaceSource::Ethernet(InterfaceSourceEthernet {
            ips: vec![InterfaceIp {
                address: Some("192.168.123.1".into()),
                prefix: Some(24),
                ..Default::default()
            }],
            ..Default::default()
        })),
        hostdev,
        Interface::with_source(InterfaceSource::Vhostuser(Box::new(
            InterfaceSourceVhostuser {
                kind: Some(SocketType::Unix),
                path: Some("/run/vhost-user0.sock".into()),
                mode: Some(SocketMode::Server),
                ..Default::default()
            },
        ))),
        Interface::with_source(InterfaceSource::Vdpa(InterfaceSourceVdpa {
            dev: Some("/dev/vhost-vdpa-0".into()),
            ..Default::default()
        })),
        Interface::with_source(InterfaceSource::Server(tunnel("192.168.0.1", 5558))),
        Interface::with_source(InterfaceSource::Client(tunnel("192.168.0.1", 5558))),
        Interface::with_source(InterfaceSource::Mcast(tunnel("230.0.0.1", 5558))),
        Interface::with_source(InterfaceSource::Udp(InterfaceSourceUdp {
            address: Some("127.0.0.1".into()),
            port: Some(11115),
            local: Some(InterfaceSourceLocal {
                address: Some("127.0.0.1".into()),
                port: Some(11116),
                ..Default::default()
            }),
            ..Default::default()
        })),
        Interface::with_source(InterfaceSource::Vds(InterfaceSourceVds {
            switchid: Some("12345678-1234-1234-1234-123456789abc".into()),
            portid: Some(6),
            portgroupid: Some("pg-4321".into()),
            connectionid: Some(12345),
            ..Default::default()
        })),
        Interface::with_source(InterfaceSource::Internal(InterfaceSourceInternal {
            name: Some("intnet".into()),
            ..Default::default()
        })),
        Interface {
            kind: Some(InterfaceType::Null),
            ..Default::default()
        },
    ]
}

/// Each interface's `type`, `<source>` variant and `<virtualport>` variant.
fn nic_shapes(domain: &Domain) -> Vec<String> {
    domain
        .devices
        .iter()
        .flat_map(|d| d.interfaces())
        .map(|nic| {
            format!(
                "{:?} {:?} {:?}",
                nic.kind,
                nic.source.as_ref().map(InterfaceSource::kind),
                nic.virtualport.as_deref().map(VirtualPort::kind)
            )
        })
        .collect()
}

/// Skip (or fail under `REQUIRE_LIBVIRT=1`) because `what` is missing.
fn skip(test: &str, what: &str) {
    common::libvirt::skip("REQUIRE_LIBVIRT", test, what);
}

/// A file name no other test of this run uses.
fn unique_name(label: &str) -> String {
    format!("{}.xml", common::libvirt::unique_name(label))
}

fn xmllint(label: &str) {
    let test = format!("xmllint {label}");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/libvirt-11.3/schemas/domain.rng");
    if !schema.is_file() {
        return skip(&test, &format!("{} is absent", schema.display()));
    }
    if Command::new("xmllint").arg("--version").output().is_err() {
        return skip(&test, "xmllint is not installed (package libxml2-utils)");
    }
    let xml = build(label).to_xml().expect("to_xml");
    let file = std::env::temp_dir().join(unique_name(label));
    std::fs::write(&file, &xml).expect("write the domain");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--relaxng")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("run xmllint");
    let _ = std::fs::remove_file(&file);
    assert!(
        output.status.success(),
        "{test}: domain.rng refuses\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{test}: valid against domain.rng");
}

fn virsh(label: &str) {
    let test = format!("virsh {label}");
    let root = libvirt_root();
    if !root.join("usr/bin/virsh").is_file() {
        return skip(
            &test,
            &format!("no libvirt 11.3 chroot with virsh at {}", root.display()),
        );
    }
    let domain = build(label);
    let name = domain.name.clone().expect("a name");
    let xml = domain.to_xml().expect("to_xml");
    let Some(stdout) = define_and_dump(&test, &root, &xml, &name) else {
        return;
    };
    let canonical = dumped(&stdout).unwrap_or_else(|| panic!("{test}: no dumpxml in\n{stdout}"));
    let back = Domain::from_xml_strict(canonical).unwrap_or_else(|e| {
        panic!("{test}: libvirt's output does not parse strictly: {e}\n{canonical}")
    });
    assert_eq!(back.name, domain.name, "{test}: name");
    assert!(back.uuid.is_some(), "{test}: libvirt fills in a UUID");
    if domain.uuid.is_some() {
        assert_eq!(back.uuid, domain.uuid, "{test}: uuid");
    }
    let bytes = |d: &Domain| d.memory.as_ref().map(|m| m.bytes().expect("memory size"));
    assert_eq!(bytes(&back), bytes(&domain), "{test}: memory");
    let current = |d: &Domain| {
        d.current_memory
            .as_ref()
            .map(|m| m.bytes().expect("current size"))
    };
    assert_eq!(current(&back), current(&domain), "{test}: currentMemory");
    let count = |d: &Domain| d.vcpu.as_ref().map(|v| v.count);
    assert_eq!(count(&back), count(&domain), "{test}: vcpus");
    // Every device kind written is still there in the same number (libvirt adds
    // controllers it implies, such as the SATA controller for a CD-ROM).
    let kinds = |d: &Domain| {
        let mut kinds: Vec<String> = d
            .devices
            .iter()
            .flat_map(|ds| ds.devices.iter())
            .filter(|dev| !matches!(dev, Device::Controller(_)))
            .map(|dev| dev.element_name().to_owned())
            .collect();
        kinds.sort();
        kinds
    };
    assert_eq!(kinds(&back), kinds(&domain), "{test}: devices");
    let targets = |d: &Domain| -> Vec<String> {
        d.devices
            .iter()
            .flat_map(|ds| ds.disks())
            .filter_map(|disk| disk.target_dev().map(str::to_owned))
            .collect()
    };
    assert_eq!(targets(&back), targets(&domain), "{test}: disk targets");
    // Every interface reads back with the source and virtualport variants it was
    // written with.
    assert_eq!(nic_shapes(&back), nic_shapes(&domain), "{test}: interfaces");
    back.validate()
        .unwrap_or_else(|e| panic!("{test}: libvirt's own output fails validate():\n{e}"));
    println!("{test}: defined by libvirt 11.3, dumpxml parses strictly");
}

/// `virsh define` of `xml` in the chroot at `root`, then `dumpxml` of `name`: virsh's
/// output, or `None` when the chroot cannot run here (skipped).
fn define_and_dump(test: &str, root: &Path, xml: &str, name: &str) -> Option<String> {
    let file = unique_name(name);
    let host_path = root.join("tmp").join(&file);
    std::fs::write(&host_path, xml).expect("write the domain into the chroot");
    let output = Command::new("chroot")
        .arg(root)
        .args(["virsh", "-c", "test:///default"])
        .arg(format!("define /tmp/{file}; dumpxml {name}"))
        .output();
    let _ = std::fs::remove_file(&host_path);
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            skip(test, &format!("chroot cannot run ({e})"));
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() && stderr.contains("Operation not permitted") {
        skip(test, "chroot needs root");
        return None;
    }
    assert!(
        output.status.success(),
        "{test}: libvirt refuses the domain\n{stderr}\n{xml}"
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

macro_rules! oracle_tests {
    ($($label:literal => $xmllint:ident, $virsh:ident;)+) => {
        $(
            #[test]
            fn $xmllint() {
                xmllint($label);
            }

            #[test]
            fn $virsh() {
                virsh($label);
            }
        )+
    };
}

oracle_tests! {
    "plain" => xmllint_plain, virsh_plain;
    "linux-session" => xmllint_linux_session, virsh_linux_session;
    "linux-system" => xmllint_linux_system, virsh_linux_system;
    "windows-session" => xmllint_windows_session, virsh_windows_session;
    "windows-system" => xmllint_windows_system, virsh_windows_system;
    "windows10-system" => xmllint_windows10_system, virsh_windows10_system;
    "full" => xmllint_full, virsh_full;
    "linux-full" => xmllint_linux_full, virsh_linux_full;
    "nics" => xmllint_nics, virsh_nics;
}

/// Every attribute the schema allows on a character device `<source>`.
const EVERY_SOURCE_ATTRIBUTE: &str = "mode='connect' path='/run/probe' host='192.0.2.1' \
    service='4555' channel='org.probe.0' master='/dev/nmdm0A' slave='/dev/nmdm0B' \
    append='on' tls='yes'";

/// Every child the schema allows in a character device `<source>`.
const EVERY_SOURCE_CHILD: &str = "<seclabel model='dac' relabel='no'/>\
    <reconnect enabled='yes' timeout='5'/><clipboard copypaste='yes'/><mouse mode='client'/>";

/// A domain whose character devices each carry every `<source>` attribute and child:
/// serials of every type libvirt accepts there (`pty` is left out: libvirt keeps its
/// path only in live XML), virtio channels of the channel-only types and `unix`, and
/// an EGD RNG over `unix` (without `<seclabel>`, which libvirt reads only under the
/// four chardev elements).
fn every_source_field() -> String {
    let mut devices = String::new();
    let serial_types = [
        "dev",
        "file",
        "pipe",
        "unix",
        "tcp",
        "udp",
        "spiceport",
        "nmdm",
        "null",
        "vc",
        "stdio",
        "dbus",
        "qemu-vdagent",
    ];
    for kind in serial_types {
        devices += &format!(
            "<serial type='{kind}'><source {EVERY_SOURCE_ATTRIBUTE}>{EVERY_SOURCE_CHILD}</source></serial>"
        );
    }
    for kind in ["spicevmc", "dbus", "qemu-vdagent", "unix"] {
        devices += &format!(
            "<channel type='{kind}'><source {EVERY_SOURCE_ATTRIBUTE}>{EVERY_SOURCE_CHILD}</source>\
             <target type='virtio' name='org.probe.{kind}'/></channel>"
        );
    }
    devices += &format!(
        "<rng model='virtio'><backend model='egd' type='unix'><source {EVERY_SOURCE_ATTRIBUTE}>\
         <reconnect enabled='yes' timeout='5'/></source></backend></rng>"
    );
    format!(
        "<domain type='test'><name>oracle-chardev-sources</name><memory>1048576</memory>\
         <vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>{devices}</devices></domain>"
    )
}

/// The typed part of a source libvirt reads (its `extra` emptied, and the two
/// attributes the unix variant models only because the schema allows them there);
/// `None` for the fallback.
fn modelled(source: &CharSource) -> Option<CharSource> {
    let mut source = source.clone();
    match &mut source {
        CharSource::Dev(s) | CharSource::Pipe(s) | CharSource::Pty(s) => s.extra = Extra::default(),
        CharSource::File(s) => s.extra = Extra::default(),
        CharSource::Unix(s) => {
            s.extra = Extra::default();
            s.host = None;
            s.service = None;
        }
        CharSource::Tcp(s) => s.extra = Extra::default(),
        CharSource::Udp(s) => s.extra = Extra::default(),
        CharSource::Spiceport(s) | CharSource::Dbus(s) => s.extra = Extra::default(),
        CharSource::Nmdm(s) => s.extra = Extra::default(),
        CharSource::QemuVdagent(s) => s.extra = Extra::default(),
        _ => return None,
    }
    Some(source)
}

/// The typed sources of every serial, channel and RNG backend, in document order.
fn chardev_sources(domain: &Domain) -> Vec<(String, Vec<CharSource>)> {
    let devices = domain.devices.iter().flat_map(|ds| ds.devices.iter());
    devices
        .filter_map(|device| {
            let (kind, sources) = match device {
                Device::Serial(d) => (&d.kind, &d.sources),
                Device::Channel(d) => (&d.kind, &d.sources),
                Device::Rng(r) => {
                    let backend = r.backend.as_ref()?;
                    (&backend.kind, &backend.sources)
                }
                _ => return None,
            };
            let label = format!("<{} type='{}'>", device.element_name(), kind.as_ref()?);
            Some((label, sources.iter().filter_map(modelled).collect()))
        })
        .collect()
}

/// libvirt keeps exactly the `<source>` fields that [`CharSource`]'s variant for each
/// type models: its output parses strictly (nothing it writes is unmodelled) and its
/// typed sources equal ours, so what the model keeps as unknown content is what
/// libvirt drops.
#[test]
fn virsh_keeps_exactly_the_modelled_chardev_source_fields() {
    let test = "virsh chardev sources";
    let root = libvirt_root();
    if !root.join("usr/bin/virsh").is_file() {
        return skip(
            test,
            &format!("no libvirt 11.3 chroot with virsh at {}", root.display()),
        );
    }
    let xml = every_source_field();
    let ours = Domain::from_xml(&xml).expect("the probe parses");
    assert!(
        !ours.unmodelled().is_empty(),
        "the probe has attributes no type uses"
    );
    let Some(stdout) = define_and_dump(test, &root, &xml, "oracle-chardev-sources") else {
        return;
    };
    let canonical = dumped(&stdout).unwrap_or_else(|| panic!("{test}: no dumpxml in\n{stdout}"));
    let theirs = Domain::from_xml_strict(canonical).unwrap_or_else(|e| {
        panic!("{test}: libvirt's output does not parse strictly: {e}\n{canonical}")
    });
    let (ours, theirs) = (chardev_sources(&ours), chardev_sources(&theirs));
    assert_eq!(ours.len(), 18, "{test}: 13 serials, 4 channels, 1 RNG");
    for ((label, mine), (their_label, libvirts)) in ours.iter().zip(&theirs) {
        assert_eq!(label, their_label, "{test}: device order");
        assert_eq!(mine, libvirts, "{test}: {label}");
    }
    assert_eq!(ours.len(), theirs.len(), "{test}: device count");
    println!("{test}: libvirt 11.3 keeps exactly the modelled fields");
}
