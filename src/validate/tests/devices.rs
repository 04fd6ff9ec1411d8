//! The device families' rules: controllers, addresses, disks, interfaces, character
//! devices, graphics, host devices and the others.

use super::{case, document, run, X86_PC};
use crate::error::Severity;

#[test]
fn controller_rules() {
    run(
        &[
            case(
                "controller_indexes_unique",
                "<devices><controller type='scsi' index='0' model='virtio-scsi'/>\
                 <controller type='scsi' index='0' model='virtio-scsi'/></devices>",
                "<devices><controller type='scsi' index='0' model='virtio-scsi'/>\
                 <controller type='scsi' index='1' model='virtio-scsi'/></devices>",
                "/domain/devices/controller[2]/@index",
            ),
            case(
                "pci_root_matches_machine",
                "<devices><controller type='pci' index='0' model='pci-root'/></devices>",
                "<devices><controller type='pci' index='0' model='pcie-root'/></devices>",
                "/domain/devices/controller/@model",
            ),
            case(
                "pci_root_index_zero",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root'/></devices>",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root-port'/></devices>",
                "/domain/devices/controller[2]/@index",
            ),
            case(
                "pci_root_has_no_address",
                "<devices><controller type='pci' index='0' model='pcie-root'>\
                 <address type='pci' bus='0' slot='1'/></controller></devices>",
                "<devices><controller type='pci' index='0' model='pcie-root'/></devices>",
                "/domain/devices/controller/address",
            ),
            case(
                "pci_root_has_no_numa_node",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices>\
                 <controller type='pci' index='0' model='pci-root'><target><node>0</node></target>\
                 </controller></devices>",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices>\
                 <controller type='pci' index='0' model='pci-root'/></devices>",
                "/domain/devices/controller/target/node",
            ),
            case(
                "phb_target_index",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices>\
                 <controller type='pci' index='0' model='pci-root'/>\
                 <controller type='pci' index='1' model='pci-root'><target index='0'/></controller></devices>",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices>\
                 <controller type='pci' index='0' model='pci-root'/>\
                 <controller type='pci' index='1' model='pci-root'><target index='1'/></controller></devices>",
                "/domain/devices/controller[2]/target/@index",
            ),
            case(
                "iothread_on_virtio_scsi_only",
                "<iothreads>1</iothreads><devices><controller type='virtio-serial' index='0'>\
                 <driver iothread='1'/></controller></devices>",
                "<iothreads>1</iothreads><devices><controller type='scsi' index='0' model='virtio-scsi'>\
                 <driver iothread='1'/></controller></devices>",
                "/domain/devices/controller/driver/@iothread",
            ),
            case(
                "usb_companions_have_master",
                "<devices><controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/>\
                 </controller></devices>",
                "<devices><controller type='usb' index='0' model='ich9-ehci1'/>\
                 <controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/>\
                 </controller></devices>",
                "/domain/devices/controller",
            ),
            case(
                "xhci_ports",
                "<devices><controller type='usb' index='0' model='qemu-xhci' ports='20'/></devices>",
                "<devices><controller type='usb' index='0' model='qemu-xhci' ports='15'/></devices>",
                "/domain/devices/controller/@ports",
            ),
            case(
                "usb_none_is_alone",
                "<devices><controller type='usb' index='0' model='none'/>\
                 <input type='tablet' bus='usb'/></devices>",
                "<devices><controller type='usb' index='0' model='none'/>\
                 <input type='tablet' bus='virtio'/></devices>",
                "/domain/devices/input",
            ),
            case(
                "no_pci_on_isapc",
                "<os><type arch='x86_64' machine='isapc'>hvm</type></os>\
                 <devices><controller type='usb' index='0'/></devices>",
                "<os><type arch='x86_64' machine='isapc'>hvm</type></os>\
                 <devices><controller type='usb' index='0' model='none'/></devices>",
                "/domain/devices/controller",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn address_rules() {
    run(
        &[
            case(
                "pci_address_ranges",
                "<devices><memballoon model='virtio'><address type='pci' bus='0' slot='0x20'/>\
                 </memballoon></devices>",
                "<devices><memballoon model='virtio'><address type='pci' bus='0' slot='0x1f'/>\
                 </memballoon></devices>",
                "/domain/devices/memballoon/address/@slot",
            ),
            case(
                "pci_addresses_unique",
                "<devices><memballoon model='virtio'><address type='pci' bus='0' slot='5'/></memballoon>\
                 <rng model='virtio'><backend model='random'>/dev/urandom</backend>\
                 <address type='pci' bus='0' slot='5'/></rng></devices>",
                "<devices><memballoon model='virtio'><address type='pci' bus='0' slot='5'/></memballoon>\
                 <rng model='virtio'><backend model='random'>/dev/urandom</backend>\
                 <address type='pci' bus='0' slot='6'/></rng></devices>",
                "/domain/devices/rng/address",
            ),
            case(
                "piix3_slot_reserved",
                "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><memballoon model='virtio'>\
                 <address type='pci' bus='0' slot='1' function='1'/></memballoon></devices>",
                "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><memballoon model='virtio'>\
                 <address type='pci' bus='0' slot='4' function='0'/></memballoon></devices>",
                "/domain/devices/memballoon/address",
            ),
            case(
                "pci_controller_parent",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root-port'/>\
                 <controller type='pci' index='2' model='pcie-root-port'><address type='pci' bus='1'/>\
                 </controller></devices>",
                "<devices><controller type='pci' index='0' model='pcie-root'/>\
                 <controller type='pci' index='1' model='pcie-root-port'/>\
                 <controller type='pci' index='2' model='pcie-root-port'><address type='pci' bus='0'/>\
                 </controller></devices>",
                "/domain/devices/controller[3]/address/@bus",
            ),
            case(
                "ccw_addresses_unique",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>\
                 <memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0' devno='0x0002'/></memballoon>\
                 <rng model='virtio'><backend model='random'>/dev/urandom</backend>\
                 <address type='ccw' cssid='0xfe' ssid='0' devno='0x0002'/></rng></devices>",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>\
                 <memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0' devno='0x0002'/></memballoon>\
                 <rng model='virtio'><backend model='random'>/dev/urandom</backend>\
                 <address type='ccw' cssid='0xfe' ssid='0' devno='0x0003'/></rng></devices>",
                "/domain/devices/rng/address",
            ),
            case(
                "zpci_ids",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>\
                 <memballoon model='virtio'><address type='pci' bus='0' slot='2'><zpci uid='0x0' fid='0x1'/>\
                 </address></memballoon></devices>",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>\
                 <memballoon model='virtio'><address type='pci' bus='0' slot='2'><zpci uid='0x1' fid='0x1'/>\
                 </address></memballoon></devices>",
                "/domain/devices/memballoon/address/zpci/@uid",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn disk_rules() {
    run(
        &[
            case(
                "targets",
                "<devices><disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/></disk>\
                 <disk type='file'><source file='/b'/><target dev='vda' bus='virtio'/></disk></devices>",
                "<devices><disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/></disk>\
                 <disk type='file'><source file='/b'/><target dev='vdb' bus='virtio'/></disk></devices>",
                "/domain/devices/disk[2]/target/@dev",
            ),
            case(
                "target_not_partition",
                disk!("type='file'", "<source file='/a'/><target dev='vda2' bus='virtio'/>"),
                disk!("type='file'", "<source file='/a'/><target dev='vda' bus='virtio'/>"),
                "/domain/devices/disk/target/@dev",
            ),
            case(
                "target_name_parses",
                disk!("type='file'", "<source file='/a'/><target dev='disk-a' bus='sata'/>"),
                disk!(
                    "type='file'",
                    "<source file='/a'/><target dev='disk-a' bus='sata'/>\
                     <address type='drive' controller='0' bus='0' target='0' unit='0'/>"
                ),
                "/domain/devices/disk/target/@dev",
            ),
            case(
                "drive_addresses_unique",
                "<devices><disk type='file'><source file='/a'/><target dev='sdb' bus='sata'/>\
                 <address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>\
                 <disk type='file'><source file='/b'/><target dev='sda' bus='sata'/></disk></devices>",
                "<devices><disk type='file'><source file='/a'/><target dev='sdb' bus='sata'/>\
                 <address type='drive' controller='0' bus='0' target='0' unit='1'/></disk>\
                 <disk type='file'><source file='/b'/><target dev='sda' bus='sata'/></disk></devices>",
                "/domain/devices/disk[2]/target/@dev",
            ),
            case(
                "address_fits_bus",
                disk!(
                    "type='file'",
                    "<source file='/a'/><target dev='sda' bus='scsi'/><address type='pci' bus='0' slot='7'/>"
                ),
                disk!(
                    "type='file'",
                    "<source file='/a'/><target dev='sda' bus='scsi'/>\
                     <address type='drive' controller='0' bus='0' target='0' unit='0'/>"
                ),
                "/domain/devices/disk/address/@type",
            ),
            case(
                "lun_needs_block",
                disk!("type='file' device='lun'", "<source file='/a'/><target dev='sda' bus='scsi'/>"),
                disk!("type='block' device='lun'", "<source dev='/dev/sdx'/><target dev='sda' bus='scsi'/>"),
                "/domain/devices/disk/@device",
            ),
            case(
                "refused_formats",
                disk!(
                    "type='file' device='cdrom'",
                    "<driver name='qemu' type='iso'/><source file='/a.iso'/><target dev='sda' bus='sata'/>"
                ),
                disk!(
                    "type='file' device='cdrom'",
                    "<driver name='qemu' type='raw'/><source file='/a.iso'/><target dev='sda' bus='sata'/>"
                ),
                "/domain/devices/disk/driver/@type",
            ),
            case(
                "encryption_formats",
                disk!(
                    "type='file'",
                    "<driver name='qemu' type='vdi'/><source file='/a'><encryption format='luks'>\
                     <secret type='passphrase' usage='k'/></encryption></source><target dev='vda' bus='virtio'/>"
                ),
                disk!(
                    "type='file'",
                    "<driver name='qemu' type='qcow2'/><source file='/a'><encryption format='luks'>\
                     <secret type='passphrase' usage='k'/></encryption></source><target dev='vda' bus='virtio'/>"
                ),
                "/domain/devices/disk/driver/@type",
            ),
            case(
                "encryption_has_no_cipher",
                disk!(
                    "type='file'",
                    "<source file='/a'><encryption format='luks'><secret type='passphrase' usage='k'/>\
                     <cipher name='aes' size='256'/></encryption></source><target dev='vda' bus='virtio'/>"
                ),
                disk!(
                    "type='file'",
                    "<source file='/a'><encryption format='luks'><secret type='passphrase' usage='k'/>\
                     </encryption></source><target dev='vda' bus='virtio'/>"
                ),
                "/domain/devices/disk/source/encryption/cipher",
            ),
            case(
                "one_auth_one_encryption",
                disk!(
                    "type='network'",
                    "<auth username='u'><secret type='ceph' usage='k'/></auth>\
                     <source protocol='rbd' name='p/i'><host name='m'/>\
                     <auth username='u'><secret type='ceph' usage='k'/></auth></source>\
                     <target dev='vda' bus='virtio'/>"
                ),
                disk!(
                    "type='network'",
                    "<source protocol='rbd' name='p/i'><host name='m'/>\
                     <auth username='u'><secret type='ceph' usage='k'/></auth></source>\
                     <target dev='vda' bus='virtio'/>"
                ),
                "/domain/devices/disk/source/auth",
            ),
            case(
                "auth_secret_type",
                disk!(
                    "type='network'",
                    "<source protocol='rbd' name='p/i'><host name='m'/>\
                     <auth username='u'><secret type='iscsi' usage='k'/></auth></source>\
                     <target dev='vda' bus='virtio'/>"
                ),
                disk!(
                    "type='network'",
                    "<source protocol='rbd' name='p/i'><host name='m'/>\
                     <auth username='u'><secret type='ceph' usage='k'/></auth></source>\
                     <target dev='vda' bus='virtio'/>"
                ),
                "/domain/devices/disk/source/auth/secret/@type",
            ),
            case(
                "no_sheepdog",
                disk!(
                    "type='network'",
                    "<source protocol='sheepdog' name='v'><host name='h'/></source><target dev='vda' bus='virtio'/>"
                ),
                disk!(
                    "type='network'",
                    "<source protocol='nbd' name='v'><host name='h'/></source><target dev='vda' bus='virtio'/>"
                ),
                "/domain/devices/disk/source/@protocol",
            ),
            case(
                "vendor_product_length",
                disk!(
                    "type='block' device='lun'",
                    "<source dev='/dev/sdx'/><target dev='sda' bus='scsi'/><vendor>ACME-STORAGE</vendor>"
                ),
                disk!(
                    "type='block' device='lun'",
                    "<source dev='/dev/sdx'/><target dev='sda' bus='scsi'/><vendor>ACME</vendor>"
                ),
                "/domain/devices/disk/vendor",
            ),
            case(
                "throttlefilters_without_iotune",
                "<throttlegroups><throttlegroup><group_name>g</group_name><total_iops_sec>10</total_iops_sec>\
                 </throttlegroup></throttlegroups>\
                 <devices><disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <iotune><total_iops_sec>5</total_iops_sec></iotune>\
                 <throttlefilters><throttlefilter group='g'/></throttlefilters></disk></devices>",
                "<throttlegroups><throttlegroup><group_name>g</group_name><total_iops_sec>10</total_iops_sec>\
                 </throttlegroup></throttlegroups>\
                 <devices><disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <throttlefilters><throttlefilter group='g'/></throttlefilters></disk></devices>",
                "/domain/devices/disk/throttlefilters",
            ),
        ],
        Severity::Error,
    );
    run(
        &[
            case(
                "target_bus_given",
                disk!("type='file'", "<source file='/a'/><target dev='vda'/>"),
                disk!("type='file'", "<source file='/a'/><target dev='vda' bus='virtio'/>"),
                "/domain/devices/disk/target/@bus",
            ),
            case(
            "iscsi_one_host",
            disk!(
                "type='network'",
                "<source protocol='iscsi' name='iqn.2024-01.org.example:t/1'/><target dev='vda' bus='virtio'/>"
            ),
            disk!(
                "type='network'",
                "<source protocol='iscsi' name='iqn.2024-01.org.example:t/1'><host name='h'/></source>\
                 <target dev='vda' bus='virtio'/>"
            ),
            "/domain/devices/disk/source",
        ),
        ],
        Severity::Warning,
    );
}

#[test]
fn interface_rules() {
    run(
        &[
            case(
                "mac_addresses",
                "<devices><interface type='user'><mac address='53:54:00:00:00:01'/></interface></devices>",
                "<devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices>",
                "/domain/devices/interface/mac/@address",
            ),
            case(
                "source_names_network",
                "<devices><interface type='network'><source portgroup='p'/></interface></devices>",
                "<devices><interface type='network'><source network='default'/></interface></devices>",
                "/domain/devices/interface/source/@network",
            ),
            case(
                "port_forward_needs_passt",
                "<devices><interface type='user'><portForward proto='tcp'><range start='2022' to='22'/>\
                 </portForward></interface></devices>",
                "<devices><interface type='user'><backend type='passt'/><portForward proto='tcp'>\
                 <range start='2022' to='22'/></portForward></interface></devices>",
                "/domain/devices/interface/portForward",
            ),
            case(
                "vhostuser_passt_needs_shared_memory",
                "<devices><interface type='vhostuser'><backend type='passt'/><model type='virtio'/>\
                 </interface></devices>",
                "<memoryBacking><access mode='shared'/></memoryBacking>\
                 <devices><interface type='vhostuser'><backend type='passt'/><model type='virtio'/>\
                 </interface></devices>",
                "/domain/devices/interface",
            ),
            case(
                "queue_sizes",
                "<devices><interface type='user'><model type='virtio'/><driver rx_queue_size='300'/>\
                 </interface></devices>",
                "<devices><interface type='user'><model type='virtio'/><driver rx_queue_size='256'/>\
                 </interface></devices>",
                "/domain/devices/interface/driver/@rx_queue_size",
            ),
        ],
        Severity::Error,
    );
    run(
        &[
            case(
                "mac_addresses_unique",
                "<devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface>\
                 <interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices>",
                "<devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface>\
                 <interface type='user'><mac address='52:54:00:00:00:02'/></interface></devices>",
                "/domain/devices/interface[2]/mac/@address",
            ),
            case(
                "vhostuser_has_no_tap",
                "<memoryBacking><access mode='shared'/></memoryBacking><devices>\
                 <interface type='vhostuser'><source type='unix' path='/s' mode='client'/>\
                 <model type='virtio'/><backend tap='/dev/tap1'/></interface></devices>",
                "<memoryBacking><access mode='shared'/></memoryBacking><devices>\
                 <interface type='vhostuser'><source type='unix' path='/s' mode='client'/>\
                 <model type='virtio'/></interface></devices>",
                "/domain/devices/interface/backend/@tap",
            ),
        ],
        Severity::Warning,
    );
}

#[test]
fn chardev_rules() {
    run(
        &[
            case(
                "reconnect",
                "<devices><serial type='tcp'><source mode='connect' host='h' service='1'>\
                 <reconnect enabled='yes' timeout='0'/></source></serial></devices>",
                "<devices><serial type='tcp'><source mode='connect' host='h' service='1'>\
                 <reconnect enabled='yes' timeout='5'/></source></serial></devices>",
                "/domain/devices/serial/source/reconnect/@timeout",
            ),
            case(
                "reconnect (bind)",
                "<devices><serial type='unix'><source mode='bind' path='/s'>\
                 <reconnect enabled='yes' timeout='5'/></source></serial></devices>",
                "<devices><serial type='unix'><source mode='bind' path='/s'/></serial></devices>",
                "/domain/devices/serial/source/reconnect",
            ),
            case(
                "reconnect_generated_path",
                "<devices><channel type='unix'><source mode='connect' \
                 path='/var/lib/libvirt/qemu/channel/target/domain-1-old/agent'>\
                 <reconnect enabled='yes' timeout='10'/></source>\
                 <target type='virtio' name='agent'/></channel></devices>",
                "<devices><channel type='unix'><source mode='connect' \
                 path='/run/agent.sock'><reconnect enabled='yes' timeout='10'/></source>\
                 <target type='virtio' name='agent'/></channel>\
                 <channel type='unix'><source mode='connect' \
                 path='/var/lib/libvirt/qemu/channel/target/domain-1-old/agent2'/>\
                 <target type='virtio' name='agent2'/></channel></devices>",
                "/domain/devices/channel/source/reconnect",
            ),
            case(
                "tcp_protocol",
                "<devices><serial type='tcp'><source mode='connect' host='h' service='1'/>\
                 <protocol type='tls'/></serial></devices>",
                "<devices><serial type='tcp'><source mode='connect' host='h' service='1'/>\
                 <protocol type='telnets'/></serial></devices>",
                "/domain/devices/serial/protocol/@type",
            ),
            case(
                "unix_path",
                "<devices><serial type='unix'><source mode='connect'/></serial></devices>",
                "<devices><serial type='unix'><source mode='connect' path='/s'/></serial>\
                 <channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/>\
                 </channel></devices>",
                "/domain/devices/serial/source/@path",
            ),
            case(
                "serial_target_fits_machine",
                "<devices><serial type='pty'><target type='spapr-vio-serial'/></serial></devices>",
                "<devices><serial type='pty'><target type='isa-serial'/></serial></devices>",
                "/domain/devices/serial/target",
            ),
            case(
                "no_parallel_on_s390_or_pseries",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\
                 <devices><parallel type='pty'/></devices>",
                "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><parallel type='pty'/></devices>",
                "/domain/devices/parallel",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn graphics_rules() {
    run(
        &[
            case(
                "egl_headless_companions",
                "<devices><graphics type='sdl'/><graphics type='egl-headless'/></devices>",
                "<devices><graphics type='vnc'/><graphics type='egl-headless'/></devices>",
                "/domain/devices/graphics[1]/@type",
            ),
            case(
                "one_opengl_display",
                "<devices><graphics type='spice'><gl enable='yes'/></graphics>\
                 <graphics type='egl-headless'/></devices>",
                "<devices><graphics type='spice'><gl enable='no'/></graphics>\
                 <graphics type='egl-headless'/></devices>",
                "/domain/devices/graphics[2]",
            ),
            case(
                "one_primary_video",
                "<devices><video><model type='virtio' primary='yes'/></video>\
                 <video><model type='virtio' primary='yes'/></video></devices>",
                "<devices><video><model type='virtio' primary='yes'/></video>\
                 <video><model type='virtio'/></video></devices>",
                "/domain/devices/video[2]/model/@primary",
            ),
            case(
                "video_none_alone",
                "<devices><video><model type='virtio'/></video><video><model type='none'/></video></devices>",
                "<devices><video><model type='none'/></video></devices>",
                "/domain/devices/video[2]/model/@type",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn hostdev_rules() {
    run(
        &[
            case(
                "hostdevs_unique",
                "<devices><hostdev mode='subsystem' type='pci'><source>\
                 <address domain='0' bus='3' slot='0' function='0'/></source></hostdev>\
                 <hostdev mode='subsystem' type='pci'><source>\
                 <address domain='0x0000' bus='0x03' slot='0x00' function='0x0'/></source></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='pci'><source>\
                 <address domain='0' bus='3' slot='0' function='0'/></source></hostdev>\
                 <hostdev mode='subsystem' type='pci'><source>\
                 <address domain='0' bus='3' slot='0' function='1'/></source></hostdev></devices>",
                "/domain/devices/hostdev[2]/source",
            ),
            case(
                "scsi_drive_addresses_unique",
                "<devices><hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host1'/>\
                 <address bus='0' target='0' unit='1'/></source>\
                 <address type='drive' controller='0' bus='0' target='0' unit='3'/></hostdev>\
                 <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host1'/>\
                 <address bus='0' target='0' unit='2'/></source>\
                 <address type='drive' controller='0' bus='0' target='0' unit='3'/></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host1'/>\
                 <address bus='0' target='0' unit='1'/></source>\
                 <address type='drive' controller='0' bus='0' target='0' unit='3'/></hostdev>\
                 <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host1'/>\
                 <address bus='0' target='0' unit='2'/></source>\
                 <address type='drive' controller='0' bus='0' target='0' unit='4'/></hostdev></devices>",
                "/domain/devices/hostdev[2]/address",
            ),
            case(
                "mdev_address_fits_model",
                "<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>\
                 <address uuid='c7a5fdbd-edaf-9455-926a-d65c16db1809'/></source>\
                 <address type='ccw' cssid='0xfe' ssid='0' devno='1'/></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>\
                 <address uuid='c7a5fdbd-edaf-9455-926a-d65c16db1809'/></source>\
                 <address type='pci' bus='0' slot='9'/></hostdev></devices>",
                "/domain/devices/hostdev/address/@type",
            ),
            case(
                "mdev_source_uuid",
                "<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>\
                 <address/></source></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>\
                 <address uuid='c7a5fdbd-edaf-9455-926a-d65c16db1809'/></source></hostdev></devices>",
                "/domain/devices/hostdev/source/address/@uuid",
            ),
            case(
                "rawio_sgio_scsi_only",
                "<devices><hostdev mode='subsystem' type='scsi_host' sgio='unfiltered'>\
                 <source protocol='vhost' wwpn='naa.5000000000000001'/></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='scsi_host'>\
                 <source protocol='vhost' wwpn='naa.5000000000000001'/></hostdev></devices>",
                "/domain/devices/hostdev/@sgio",
            ),
            case(
                "boot_from_assigned_devices",
                "<devices><hostdev mode='subsystem' type='scsi_host'>\
                 <source protocol='vhost' wwpn='naa.5000000000000001'/><boot order='1'/></hostdev></devices>",
                "<devices><hostdev mode='subsystem' type='pci'><source>\
                 <address domain='0' bus='3' slot='0' function='0'/></source><boot order='1'/></hostdev></devices>",
                "/domain/devices/hostdev/boot",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn other_device_rules() {
    run(
        &[
            case(
                "filesystem_source_and_target",
                "<memoryBacking><access mode='shared'/></memoryBacking><devices>\
                 <filesystem type='mount'><driver type='virtiofs'/><source dir='/a'/><target dir='t'/></filesystem>\
                 <filesystem type='mount'><driver type='virtiofs'/><source dir='/b'/><target dir='t'/></filesystem>\
                 </devices>",
                "<memoryBacking><access mode='shared'/></memoryBacking><devices>\
                 <filesystem type='mount'><driver type='virtiofs'/><source dir='/a'/><target dir='t'/></filesystem>\
                 <filesystem type='mount'><driver type='virtiofs'/><source dir='/b'/><target dir='u'/></filesystem>\
                 </devices>",
                "/domain/devices/filesystem[2]/target/@dir",
            ),
            case(
                "virtiofs_needs_shared_memory",
                "<devices><filesystem type='mount'><driver type='virtiofs'/><source dir='/a'/>\
                 <target dir='t'/></filesystem></devices>",
                "<memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>\
                 <devices><filesystem type='mount'><driver type='virtiofs'/><source dir='/a'/>\
                 <target dir='t'/></filesystem></devices>",
                "/domain/devices/filesystem/driver",
            ),
            case(
                "virtiofs_boot_needs_pci",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\
                 <memoryBacking><access mode='shared'/></memoryBacking><devices><filesystem type='mount'>\
                 <driver type='virtiofs'/><source dir='/a'/><target dir='t'/><boot order='1'/></filesystem></devices>",
                "<memoryBacking><access mode='shared'/></memoryBacking><devices><filesystem type='mount'>\
                 <driver type='virtiofs'/><source dir='/a'/><target dir='t'/><boot order='1'/></filesystem></devices>",
                "/domain/devices/filesystem/boot",
            ),
            case(
                "single_devices",
                "<devices><memballoon model='virtio'/><memballoon model='virtio'/></devices>",
                "<devices><memballoon model='virtio'/></devices>",
                "/domain/devices/memballoon[2]",
            ),
            case(
                "tpm_count",
                "<devices><tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>\
                 <tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm></devices>",
                "<devices><tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm></devices>",
                "/domain/devices/tpm[2]",
            ),
            case(
                "tpm_version_fits_arch",
                "<os><type arch='aarch64' machine='virt'>hvm</type></os><devices><tpm model='tpm-tis'>\
                 <backend type='emulator' version='1.2'/></tpm></devices>",
                "<os><type arch='aarch64' machine='virt'>hvm</type></os><devices><tpm model='tpm-tis'>\
                 <backend type='emulator' version='2.0'/></tpm></devices>",
                "/domain/devices/tpm/backend/@version",
            ),
            case(
                "panic_model",
                "<os><type arch='riscv64' machine='virt'>hvm</type></os><devices><panic/></devices>",
                "<os><type arch='riscv64' machine='virt'>hvm</type></os><devices><panic model='pvpanic'/></devices>",
                "/domain/devices/panic/@model",
            ),
            case(
                "panic_address",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices><panic>\
                 <address type='isa' iobase='0x505'/></panic></devices>",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><devices><panic/></devices>",
                "/domain/devices/panic/address",
            ),
            case(
                "iommu_driver_options",
                "<devices><iommu model='virtio'><driver iotlb='on'/></iommu></devices>",
                "<devices><iommu model='virtio'/></devices>",
                "/domain/devices/iommu/driver/@iotlb",
            ),
            case(
                "iommu_fits_machine",
                "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><iommu model='intel'/></devices>",
                "<features><ioapic driver='qemu'/></features><devices><iommu model='intel'/></devices>",
                "/domain/devices/iommu/@model",
            ),
            case(
                "input_transitional",
                "<devices><input type='tablet' bus='virtio' model='virtio-transitional'/></devices>",
                "<devices><input type='tablet' bus='virtio' model='virtio'/></devices>",
                "/domain/devices/input/@model",
            ),
            case(
                "ps2_inputs_need_ps2",
                "<features><ps2 state='off'/></features><devices><input type='mouse' bus='ps2'/></devices>",
                "<features><ps2 state='off'/></features><devices><input type='mouse' bus='usb'/></devices>",
                "/domain/devices/input/@bus",
            ),
        ],
        Severity::Error,
    );
    assert!(document(X86_PC).check().is_empty());
}
