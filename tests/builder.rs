//! The builder: the plain build's exact XML, the presets against Phyllome's own files,
//! and every setter's effect.

use bytesize::ByteSize;
use libvirt_domain::builder::Uuid;
use libvirt_domain::defaults::{DEFAULT_CURRENT_MEMORY, DEFAULT_EMULATOR, DEFAULT_MEMORY};
use libvirt_domain::devices::{
    ControllerModel, Device, DiskBus, DiskDevice, InterfaceType, StorageFormat,
};
use libvirt_domain::events::SuspendState;
use libvirt_domain::os::BootDevice;
use libvirt_domain::{Domain, Mode, NetworkSource, Preset};

/// The plain build: the seed page's defaults, plus the ACPI and APIC features UEFI
/// needs.
const PLAIN: &str = "<domain type='kvm'>
  <name>phyllome</name>
  <memory unit='GiB'>4</memory>
  <currentMemory unit='GiB'>1</currentMemory>
  <memoryBacking>
    <source type='memfd'/>
    <access mode='shared'/>
  </memoryBacking>
  <vcpu placement='static'>1</vcpu>
  <os firmware='efi'>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <input type='keyboard' bus='virtio'/>
    <memballoon model='virtio-non-transitional'/>
  </devices>
</domain>";

/// A build with every everyday addition, and the XML it must write.
const FULL: &str = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>full</name>
  <uuid>6f2c4bde-8f5b-4c55-9a3e-1a2b3c4d5e6f</uuid>
  <title>Everything</title>
  <description>All at once</description>
  <memory unit='GiB'>8</memory>
  <currentMemory unit='MiB'>1536</currentMemory>
  <memoryBacking>
    <source type='memfd'/>
    <access mode='shared'/>
  </memoryBacking>
  <vcpu placement='static'>4</vcpu>
  <os firmware='efi'>
    <type arch='x86_64' machine='q35'>hvm</type>
    <boot dev='hd'/>
    <boot dev='cdrom'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <cpu>
    <topology sockets='1' dies='1' cores='2' threads='2'/>
  </cpu>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/images/root.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/isos/install.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='vmdk'/>
      <source file='/images/data.disk'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <filesystem type='mount' accessmode='passthrough'>
      <driver type='virtiofs'/>
      <source dir='/srv/share'/>
      <target dir='share'/>
    </filesystem>
    <interface type='bridge'>
      <source bridge='br0'/>
      <model type='virtio'/>
    </interface>
    <input type='keyboard' bus='virtio'/>
    <memballoon model='virtio-non-transitional'/>
  </devices>
  <qemu:commandline>
    <qemu:arg value='-device'/>
    <qemu:arg value='ipmi-bmc-sim,id=bmc0'/>
    <qemu:env name='QEMU_MODULE_DIR' value='/usr/lib64/qemu'/>
  </qemu:commandline>
</domain>";

fn full() -> Domain {
    Domain::builder("full")
        .uuid(Uuid::parse_str("6f2c4bde-8f5b-4c55-9a3e-1a2b3c4d5e6f").unwrap())
        .title("Everything")
        .description("All at once")
        .memory(ByteSize::gib(8))
        .current_memory(ByteSize::mib(1536))
        .topology((1, 2, 2))
        .disk("/images/root.qcow2")
        .cdrom("/isos/install.iso")
        .disk_with_format("/images/data.disk", StorageFormat::Vmdk)
        .share("/srv/share", "share")
        .network(NetworkSource::bridge("br0"))
        .qemu_arg("-device")
        .qemu_arg("ipmi-bmc-sim,id=bmc0")
        .qemu_env("QEMU_MODULE_DIR", "/usr/lib64/qemu")
        .build()
        .unwrap()
}

#[test]
fn builds_write_exactly_this_xml_and_read_back() {
    let table = [
        (Domain::builder("phyllome").build().unwrap(), PLAIN),
        (full(), FULL),
    ];
    for (domain, xml) in table {
        assert_eq!(domain.to_xml().unwrap(), xml);
        assert_eq!(Domain::from_xml_strict(xml).unwrap(), domain);
    }
}

#[test]
fn plain_build_uses_the_named_defaults() {
    let domain = Domain::builder("phyllome").build().unwrap();
    let memory = domain.memory.as_ref().unwrap().to_bytesize().unwrap();
    let current = domain
        .current_memory
        .as_ref()
        .unwrap()
        .to_bytesize()
        .unwrap();
    assert_eq!((memory, current), (DEFAULT_MEMORY, DEFAULT_CURRENT_MEMORY));
    let devices = domain.devices.as_ref().unwrap();
    assert_eq!(devices.emulator(), Some(DEFAULT_EMULATOR));
    assert!(domain.qemu_commandline.is_none());
    assert!(domain.uuid.is_none() && domain.description.is_none());
}

fn phyllome(file: &str) -> Option<Domain> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/phyllome/domains")
        .join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return None;
    };
    Some(Domain::from_xml(&text).unwrap())
}

/// Devices as comparable strings, sorted: order between kinds is free in libvirt.
fn device_set(domain: &Domain) -> Vec<String> {
    let mut devices: Vec<String> = domain
        .devices
        .iter()
        .flat_map(|d| d.devices.iter())
        .map(|d| format!("{d:?}"))
        .collect();
    devices.sort();
    devices
}

/// Each preset and mode is Phyllome's file, less the netboot CD-ROM (a preset has
/// one only when asked) and its `<boot dev='cdrom'/>`, with the virtio-serial
/// controller's model as an attribute, and with suspend to disk off (libvirt's QEMU
/// driver finds no firmware for a session file that allows it).
#[test]
fn presets_reproduce_phyllomes_files() {
    let cases = [
        (Preset::Linux, Mode::Session, None, "session_linux515.xml"),
        (Preset::Linux, Mode::System, None, "system_linux515.xml"),
        (
            Preset::Windows,
            Mode::System,
            Some(false),
            "system_windows10.xml",
        ),
        (Preset::Windows, Mode::System, None, "system_windows11.xml"),
    ];
    for (preset, mode, secure_boot, file) in cases {
        let Some(mut expected) = phyllome(file) else {
            return;
        };
        let mut builder = Domain::builder("x").preset(preset).mode(mode);
        if let Some(on) = secure_boot {
            builder = builder.secure_boot(on);
        }
        let built = builder.build().unwrap();
        let devices = expected.devices.as_mut().unwrap();
        devices.devices.retain(|d| !matches!(d, Device::Disk(_)));
        for controller in devices.controllers_mut() {
            if let Some(name) = controller.model_name.take() {
                controller.model = name.kind.as_deref().map(ControllerModel::from);
            }
        }
        expected.os.as_mut().unwrap().boot.clear();
        let pm = expected.pm.as_mut().unwrap();
        assert!(pm.suspend_to_disk.is_some(), "{file} sets suspend to disk");
        pm.suspend_to_disk = Some(SuspendState::new(false));
        assert_eq!(device_set(&built), device_set(&expected), "{file}");
        assert_eq!(built.os, expected.os, "{file}");
        assert_eq!(built.features, expected.features, "{file}");
        assert_eq!(built.cpu, expected.cpu, "{file}");
        assert_eq!(built.clock, expected.clock, "{file}");
        assert_eq!(built.pm, expected.pm, "{file}");
        assert_eq!(built.memory_backing, expected.memory_backing, "{file}");
        assert_eq!(built.vcpu, expected.vcpu, "{file}");
        assert_eq!(
            (&built.on_poweroff, &built.on_reboot, &built.on_crash),
            (
                &expected.on_poweroff,
                &expected.on_reboot,
                &expected.on_crash
            ),
            "{file}"
        );
        let bytes = |d: &Domain| {
            (
                d.memory.as_ref().unwrap().bytes().unwrap(),
                d.current_memory.as_ref().unwrap().bytes().unwrap(),
            )
        };
        assert_eq!(bytes(&built), bytes(&expected), "{file}");
    }
}

#[test]
fn every_preset_and_mode_round_trips() {
    for preset in Preset::ALL {
        for mode in [Mode::Session, Mode::System] {
            let domain = Domain::builder("guest")
                .preset(*preset)
                .mode(mode)
                .build()
                .unwrap_or_else(|e| panic!("{preset} {mode}: {e}"));
            let xml = domain.to_xml().unwrap();
            let back = Domain::from_xml_strict(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
            assert_eq!(back, domain, "{preset} {mode}");
            assert_eq!(back.to_xml().unwrap(), xml);
            back.validate().unwrap();
        }
    }
}

fn disks(domain: &Domain) -> Vec<(String, String, Option<StorageFormat>, DiskDevice, DiskBus)> {
    domain
        .devices
        .iter()
        .flat_map(|d| d.disks())
        .map(|d| {
            (
                d.target_dev().unwrap().to_owned(),
                d.source_path().unwrap().to_owned(),
                d.driver.as_ref().and_then(|dr| dr.kind.clone()),
                d.device.clone().unwrap(),
                d.target.as_ref().and_then(|t| t.bus.clone()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn disks_get_formats_and_targets_without_clashes() {
    let domain = Domain::builder("g")
        .preset(Preset::Linux)
        .disk("/a.qcow2")
        .disk("/install.ISO")
        .disk("/b.img")
        .cdrom("/drivers.iso")
        .disk("/c.VHD")
        .disk_with_format("/d.qcow2", StorageFormat::Raw)
        .build()
        .unwrap();
    use DiskBus::{Sata, Virtio};
    use DiskDevice::{Cdrom, Disk};
    let f = |s: StorageFormat| Some(s);
    assert_eq!(
        disks(&domain),
        [
            (
                "vda".into(),
                "/a.qcow2".into(),
                f(StorageFormat::Qcow2),
                Disk,
                Virtio
            ),
            (
                "sda".into(),
                "/install.ISO".into(),
                f(StorageFormat::Raw),
                Cdrom,
                Sata
            ),
            (
                "vdb".into(),
                "/b.img".into(),
                f(StorageFormat::Raw),
                Disk,
                Virtio
            ),
            (
                "sdb".into(),
                "/drivers.iso".into(),
                f(StorageFormat::Raw),
                Cdrom,
                Sata
            ),
            (
                "vdc".into(),
                "/c.VHD".into(),
                f(StorageFormat::Vpc),
                Disk,
                Virtio
            ),
            (
                "vdd".into(),
                "/d.qcow2".into(),
                f(StorageFormat::Raw),
                Disk,
                Virtio
            ),
        ]
    );
    let many = (0..30).fold(Domain::builder("many"), |b, i| b.disk(format!("/{i}.raw")));
    let domain = many.build().unwrap();
    let targets: Vec<String> = disks(&domain).into_iter().map(|d| d.0).collect();
    assert_eq!(targets[25..], ["vdz", "vdaa", "vdab", "vdac", "vdad"]);
}

#[test]
fn an_unknown_extension_is_a_build_problem() {
    let err = Domain::builder("g").disk("/a.bin").build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "/domain/devices/disk/driver/@type: cannot guess the image format of \"/a.bin\" from \
         its extension (known: .qcow2, .raw, .img, .iso, .vmdk, .vdi, .vhd, .vpc, .qed); give \
         it with disk_with_format"
    );
}

fn nics(domain: &Domain) -> Vec<Option<InterfaceType>> {
    domain
        .devices
        .iter()
        .flat_map(|d| d.interfaces())
        .map(|i| i.kind.clone())
        .collect()
}

#[test]
fn networks_and_shares_replace_the_presets_then_add() {
    let preset = Domain::builder("g").preset(Preset::Linux).build().unwrap();
    assert_eq!(nics(&preset), [Some(InterfaceType::Network)]);
    let session = Domain::builder("g")
        .preset(Preset::Linux)
        .session()
        .build()
        .unwrap();
    assert_eq!(nics(&session), [Some(InterfaceType::User)]);
    let two = Domain::builder("g")
        .preset(Preset::Linux)
        .network("user".parse::<NetworkSource>().unwrap())
        .network("network:lan".parse::<NetworkSource>().unwrap())
        .share("/a", "a")
        .share("/b", "b")
        .build()
        .unwrap();
    assert_eq!(
        nics(&two),
        [Some(InterfaceType::User), Some(InterfaceType::Network)]
    );
    let tags: Vec<_> = two
        .devices
        .iter()
        .flat_map(|d| d.filesystems())
        .map(|f| f.target.as_ref().unwrap().dir.clone().unwrap())
        .collect();
    assert_eq!(tags, ["a", "b"]);
}

fn boot(domain: &Domain) -> Vec<BootDevice> {
    domain
        .os
        .as_ref()
        .unwrap()
        .boot
        .iter()
        .map(|b| b.dev.clone())
        .collect()
}

#[test]
fn boot_order_is_automatic_unless_set() {
    let b = || Domain::builder("g").preset(Preset::Windows);
    assert_eq!(boot(&b().build().unwrap()), []);
    assert_eq!(
        boot(&b().cdrom("/w.iso").build().unwrap()),
        [BootDevice::Cdrom]
    );
    assert_eq!(
        boot(&b().cdrom("/w.iso").disk("/w.qcow2").build().unwrap()),
        [BootDevice::Hd, BootDevice::Cdrom]
    );
    let set = b()
        .disk("/w.qcow2")
        .cdrom("/w.iso")
        .boot("cdrom")
        .boot(BootDevice::Hd)
        .build()
        .unwrap();
    assert_eq!(boot(&set), [BootDevice::Cdrom, BootDevice::Hd]);
    let list = b()
        .disk("/w.qcow2")
        .boot_order([BootDevice::Network, BootDevice::Hd])
        .build()
        .unwrap();
    assert_eq!(boot(&list), [BootDevice::Network, BootDevice::Hd]);
    let none = b()
        .disk("/w.qcow2")
        .boot_order(Vec::<BootDevice>::new())
        .build()
        .unwrap();
    assert_eq!(boot(&none), []);
}

#[test]
fn memory_and_cpus_follow_the_setters() {
    let sizes = |d: &Domain| {
        (
            d.memory.as_ref().unwrap().to_bytesize().unwrap(),
            d.current_memory.as_ref().unwrap().to_bytesize().unwrap(),
        )
    };
    let small = Domain::builder("g")
        .memory(ByteSize::mib(512))
        .build()
        .unwrap();
    assert_eq!(sizes(&small), (ByteSize::mib(512), ByteSize::mib(512)));
    let windows = Domain::builder("g")
        .preset(Preset::Windows)
        .memory(ByteSize::gib(16))
        .build()
        .unwrap();
    assert_eq!(sizes(&windows), (ByteSize::gib(16), ByteSize::gib(16)));

    let topology = |d: &Domain| {
        let t = d.cpu.as_ref().unwrap().topology.clone().unwrap();
        (
            d.vcpu.as_ref().unwrap().count,
            t.sockets,
            t.dies,
            t.cores,
            t.threads,
        )
    };
    let even = Domain::builder("g")
        .preset(Preset::Linux)
        .vcpus(8)
        .build()
        .unwrap();
    assert_eq!(topology(&even), (8, Some(1), Some(1), Some(4), Some(2)));
    let odd = Domain::builder("g")
        .preset(Preset::Linux)
        .vcpus(3)
        .build()
        .unwrap();
    assert_eq!(topology(&odd), (3, Some(1), Some(1), Some(3), Some(1)));
    let from_topology = Domain::builder("g").topology((2, 2, 1)).build().unwrap();
    assert_eq!(
        topology(&from_topology),
        (4, Some(2), Some(1), Some(2), Some(1))
    );
    let plain = Domain::builder("g").vcpus(2).build().unwrap();
    assert!(plain.cpu.is_none());
}

#[test]
fn identity_and_secure_boot() {
    let generated = Domain::builder("g").generate_uuid().build().unwrap();
    let uuid = Uuid::parse_str(generated.uuid.as_deref().unwrap()).unwrap();
    assert_eq!(uuid.get_version_num(), 4);
    let other = Domain::builder("g").generate_uuid().build().unwrap();
    assert_ne!(generated.uuid, other.uuid);

    let secure = |d: &Domain| {
        d.os.as_ref()
            .and_then(|o| o.loader.as_ref())
            .and_then(|l| l.secure)
            .map(bool::from)
    };
    let windows10 = Domain::builder("g")
        .preset(Preset::Windows)
        .secure_boot(false)
        .build()
        .unwrap();
    assert_eq!(secure(&windows10), Some(false));
    assert!(windows10
        .description
        .unwrap()
        .ends_with("Secure boot is disabled"));
    let linux = Domain::builder("g")
        .preset(Preset::Linux)
        .secure_boot(true)
        .description("mine")
        .build()
        .unwrap();
    assert_eq!(secure(&linux), Some(true));
    assert_eq!(linux.description.as_deref(), Some("mine"));
    assert_eq!(secure(&Domain::builder("g").build().unwrap()), None);
}

#[test]
fn invalid_combinations_fail_with_every_problem() {
    let err = Domain::builder("a/b")
        .memory(ByteSize::gib(1))
        .current_memory(ByteSize::gib(2))
        .vcpus(2)
        .topology((1, 2, 2))
        .share("/a", "same")
        .share("/b", "same")
        .build()
        .unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/domain/name",
            "/domain/currentMemory",
            "/domain/cpu/topology",
            "/domain/devices/filesystem[2]/target/@dir",
        ],
        "{err}"
    );
    assert_eq!(err.to_string().lines().count(), 4);
    assert!(err.to_string().contains(
        "/domain/cpu/topology: 1 socket × 1 die × 2 cores × 2 threads = 4, but <vcpu> is 2"
    ));
}
