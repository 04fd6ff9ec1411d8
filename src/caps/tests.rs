use super::{
    Capabilities, CapsEnum, CpuModeCaps, DomainCapabilities, EnumCaps, HostModelCaps,
    MigratableModeCaps,
};
use crate::cpu::CpuModel;
use crate::domain::DomainType;
use crate::error::Error;
use crate::os::Arch;
use crate::values::YesNo;

#[test]
fn domain_capabilities_are_written_as_libvirt_writes_them() {
    let caps = DomainCapabilities {
        path: Some("/usr/bin/qemu-system-x86_64".into()),
        domain: Some(DomainType::Kvm),
        machine: Some("pc-q35-10.0".into()),
        arch: Some(Arch::X86_64),
        memory_backing: Some(EnumCaps {
            supported: Some(YesNo::Yes),
            enums: vec![CapsEnum {
                name: "sourceType".into(),
                values: vec!["memfd".into()],
                ..Default::default()
            }],
            ..Default::default()
        }),
        cpu: Some(super::CpuCaps {
            modes: vec![
                CpuModeCaps::Maximum(MigratableModeCaps {
                    supported: Some(YesNo::No),
                    ..Default::default()
                }),
                CpuModeCaps::HostModel(HostModelCaps {
                    supported: Some(YesNo::Yes),
                    model: Some(CpuModel {
                        name: Some("EPYC".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let xml = "<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n  \
        <domain>kvm</domain>\n  <machine>pc-q35-10.0</machine>\n  <arch>x86_64</arch>\n  \
        <cpu>\n    <mode name='maximum' supported='no'/>\n    \
        <mode name='host-model' supported='yes'>\n      <model>EPYC</model>\n    </mode>\n  \
        </cpu>\n  <memoryBacking supported='yes'>\n    <enum name='sourceType'>\n      \
        <value>memfd</value>\n    </enum>\n  </memoryBacking>\n</domainCapabilities>";
    assert_eq!(caps.to_xml().unwrap(), xml);
    assert_eq!(DomainCapabilities::from_xml(xml).unwrap(), caps);
    assert_eq!(
        caps.cpu
            .as_ref()
            .unwrap()
            .mode("maximum")
            .unwrap()
            .is_supported(),
        Some(false)
    );
}

#[test]
fn errors_and_strictness_name_path_and_position() {
    let err = DomainCapabilities::from_xml(
        "<domainCapabilities>\n  <vcpu max='many'/>\n</domainCapabilities>",
    )
    .unwrap_err();
    match &err {
        Error::Parse { position, path, .. } => {
            assert_eq!(path, "/domainCapabilities/vcpu/@max");
            assert_eq!((position.line, position.column), (2, 9));
        }
        other => panic!("{other:?}"),
    }
    let text = "<capabilities>\n  <host>\n    <iommu support='no' colour='red'/>\n  </host>\n</capabilities>";
    let caps = Capabilities::from_xml(text).unwrap();
    assert_eq!(caps.unmodelled().len(), 1);
    assert!(caps.to_xml().unwrap().contains("colour='red'"));
    match Capabilities::from_xml_strict(text).unwrap_err() {
        Error::Unmodelled { path, position, .. } => {
            assert_eq!(path, "/capabilities/host/iommu/@colour");
            assert_eq!((position.line, position.column), (3, 25));
        }
        other => panic!("{other:?}"),
    }
    assert!(Capabilities::from_xml("<domain/>").is_err());
}

#[test]
fn enums_read_typed_and_say_nothing_when_absent() {
    let caps = DomainCapabilities::from_xml(
        "<domainCapabilities><devices><disk supported='yes'><enum name='bus'>\
         <value>virtio</value><value>sata</value></enum><enum name='model'/></disk>\
         </devices></domainCapabilities>",
    )
    .unwrap();
    let disk = caps.devices.unwrap().disk.unwrap();
    use crate::devices::DiskBus;
    assert_eq!(
        disk.values::<DiskBus>("bus"),
        Some(vec![DiskBus::Virtio, DiskBus::Sata])
    );
    assert_eq!(disk.values::<String>("model"), Some(vec![]));
    assert_eq!(disk.values::<String>("diskDevice"), None);
    assert_eq!(disk.is_supported(), Some(true));
}
