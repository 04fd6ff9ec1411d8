//! Property test: a device made by the constructors validates inside a domain and
//! round-trips, in the domain and as a fragment of its own.

use libvirt_domain::devices::{
    Console, Device, Disk, DiskBus, Filesystem, Graphics, Interface, Serial, StorageFormat, Tpm,
    Video,
};
use libvirt_domain::{Domain, MacAddress};
use proptest::prelude::*;

fn path() -> impl Strategy<Value = String> {
    "(/[a-z0-9._-]{1,8}){1,4}".prop_map(|p| p.replace("/..", "/x.").replace("/.", "/x"))
}

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,7}"
}

fn format() -> impl Strategy<Value = StorageFormat> {
    prop_oneof![Just(StorageFormat::Raw), Just(StorageFormat::Qcow2)]
}

fn device() -> impl Strategy<Value = Device> {
    prop_oneof![
        (path(), 0u8..26, format(), any::<bool>(), 1u32..10).prop_map(
            |(p, letter, fmt, ro, boot)| {
                let dev = format!("vd{}", char::from(b'a' + letter));
                let mut disk = Disk::file(p).target(dev, DiskBus::Virtio).format(fmt);
                if ro {
                    disk = disk.readonly();
                }
                Device::from(disk.boot_order(boot))
            }
        ),
        (path(), 0u8..26).prop_map(|(p, letter)| {
            let dev = format!("vd{}", char::from(b'a' + letter));
            Device::from(Disk::block(p).target(dev, DiskBus::Virtio))
        }),
        (path(), 0u8..26).prop_map(|(p, letter)| {
            let dev = format!("sd{}", char::from(b'a' + letter));
            Device::from(Disk::cdrom(p).target(dev, DiskBus::Sata))
        }),
        name().prop_map(|n| Device::from(Interface::network(n).mac(MacAddress::random()))),
        name().prop_map(|n| Device::from(Interface::bridge(n).mac(MacAddress::random()))),
        Just(Device::from(Interface::user())),
        Just(Device::from(Graphics::vnc())),
        Just(Device::from(Graphics::spice())),
        Just(Device::from(Serial::pty())),
        Just(Device::from(Console::pty())),
        Just(Device::from(Tpm::emulator())),
        Just(Device::from(Video::virtio())),
        (path(), name()).prop_map(|(p, tag)| Device::from(Filesystem::virtiofs(p, tag))),
    ]
}

proptest! {
    #[test]
    fn constructed_devices_validate_and_round_trip(device in device()) {
        let mut domain = Domain::builder("constructed").build().expect("defaults validate");
        domain.devices_mut().add(device.clone());
        prop_assert!(domain.validate().is_ok(), "{:?}", domain.validate());

        let xml = domain.to_xml().expect("writes");
        let back = Domain::from_xml_strict(&xml).expect("reads back strictly");
        prop_assert_eq!(&back, &domain);
        prop_assert_eq!(back.to_xml().expect("writes again"), xml);

        let fragment = device.to_xml().expect("fragment writes");
        let alone = Device::from_xml_strict(&fragment).expect("fragment reads back");
        prop_assert_eq!(alone, device);
    }
}
