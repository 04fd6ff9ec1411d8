//! More device rules: disk buses and identity, I/O threads, PCI targets, displays,
//! IOMMU, vsock, watchdog, TPM and vhost-user.

use super::{case, run};
use crate::error::Severity;

#[test]
fn more_device_rules() {
    run(
        &[
            case(
                "floppy_on_fdc",
                disk!("type='file' device='floppy'", "<source file='/f.img'/><target dev='fda' bus='sata'/>"),
                disk!("type='file' device='floppy'", "<source file='/f.img'/><target dev='fda' bus='fdc'/>"),
                "/domain/devices/disk/target/@bus",
            ),
            case(
                "readonly_ide_sata",
                disk!("type='file'", "<source file='/a'/><target dev='sda' bus='sata'/><readonly/>"),
                disk!("type='file'", "<source file='/a'/><target dev='vda' bus='virtio'/><readonly/>"),
                "/domain/devices/disk/readonly",
            ),
            case(
                "requisite_for_removable_media",
                disk!("type='file'", "<source file='/a' startupPolicy='requisite'/><target dev='vda' bus='virtio'/>"),
                disk!(
                    "type='file' device='cdrom'",
                    "<source file='/a' startupPolicy='requisite'/><target dev='sda' bus='sata'/><readonly/>"
                ),
                "/domain/devices/disk/source/@startupPolicy",
            ),
            case(
                "scsi_identity_on_scsi",
                disk!("type='file'", "<source file='/a'/><target dev='vda' bus='virtio'/><vendor>ACME</vendor>"),
                disk!("type='file'", "<source file='/a'/><target dev='sda' bus='scsi'/><vendor>ACME</vendor>"),
                "/domain/devices/disk/vendor",
            ),
            case(
                "disk_iothread",
                "<iothreads>1</iothreads>\
                 <devices><disk type='file'><driver name='qemu' iothread='2'/><source file='/a'/>\
                 <target dev='vda' bus='virtio'/></disk></devices>",
                "<iothreads>1</iothreads>\
                 <devices><disk type='file'><driver name='qemu' iothread='1'/><source file='/a'/>\
                 <target dev='vda' bus='virtio'/></disk></devices>",
                "/domain/devices/disk/driver/@iothread",
            ),
            case(
                "controller_iothread_exists",
                "<devices><controller type='scsi' index='0' model='virtio-scsi'><driver iothread='1'/>\
                 </controller></devices>",
                "<iothreads>1</iothreads><devices><controller type='scsi' index='0' model='virtio-scsi'>\
                 <driver iothread='1'/></controller></devices>",
                "/domain/devices/controller/driver/@iothread",
            ),
            case(
                "pci_target_ranges",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root-port'><target chassis='1' port='0x100'/>\
                 </controller></devices>",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root-port'><target chassis='1' port='0x10'/>\
                 </controller></devices>",
                "/domain/devices/controller[2]/target/@port",
            ),
            case(
                "one_display_per_type",
                "<devices><graphics type='vnc'/><graphics type='vnc'/></devices>",
                "<devices><graphics type='vnc'/><graphics type='spice'/></devices>",
                "/domain/devices/graphics[2]",
            ),
            case(
                "intel_iommu_interrupts",
                "<devices><iommu model='intel'><driver intremap='on'/></iommu></devices>",
                "<features><ioapic driver='qemu'/></features>\
                 <devices><iommu model='intel'><driver intremap='on'/></iommu></devices>",
                "/domain/devices/iommu/driver/@intremap",
            ),
            case(
                "vsock_cid",
                "<devices><vsock model='virtio'><cid auto='no' address='2'/></vsock></devices>",
                "<devices><vsock model='virtio'><cid auto='no' address='3'/></vsock></devices>",
                "/domain/devices/vsock/cid/@address",
            ),
            case(
                "watchdog_fits_machine",
                "<devices><watchdog model='diag288'/></devices>",
                "<devices><watchdog model='itco'/></devices>",
                "/domain/devices/watchdog/@model",
            ),
            case(
                "spapr_tpm_on_pseries",
                "<devices><tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm></devices>",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os>\
                 <devices><tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm></devices>",
                "/domain/devices/tpm/@model",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn vhost_and_display_rules() {
    run(
        &[
            case(
                "lun_bus",
                disk!(
                    "type='block' device='lun'",
                    "<source dev='/dev/sdx'/><target dev='sda' bus='sata'/>"
                ),
                disk!(
                    "type='block' device='lun'",
                    "<source dev='/dev/sdx'/><target dev='sda' bus='scsi'/>"
                ),
                "/domain/devices/disk/target/@bus",
            ),
            case(
                "vhostuser_disk",
                "<devices><disk type='vhostuser' device='disk'><driver name='qemu' type='raw'/>\
                 <source type='unix' path='/s'/><target dev='vda' bus='virtio'/></disk></devices>",
                "<memoryBacking><access mode='shared'/></memoryBacking>\
                 <devices><disk type='vhostuser' device='disk'><driver name='qemu' type='raw'/>\
                 <source type='unix' path='/s'/><target dev='vda' bus='virtio'/></disk></devices>",
                "/domain/devices/disk",
            ),
            case(
                "listen_matches_first_address",
                "<devices><graphics type='vnc' listen='127.0.0.1'>\
                 <listen type='address' address='0.0.0.0'/></graphics></devices>",
                "<devices><graphics type='vnc' listen='127.0.0.1'>\
                 <listen type='address' address='127.0.0.1'/></graphics></devices>",
                "/domain/devices/graphics/@listen",
            ),
        ],
        Severity::Error,
    );
}
