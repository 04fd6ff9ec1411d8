//! Every rule on a document of our own that it refuses and one that it accepts.
//!
//! A case gives the content of two `<domain type='kvm'>` documents: the same header
//! (`<name>`, and `<vcpu>`, `<memory>` and an x86-64 q35 `<os>` unless the content
//! has its own) then the content. The refused one must give a problem at exactly
//! `path` (an error, or a warning for the rules that only warn); the accepted one
//! must give no problem at all.
//!
//! Rules that judge Rust values XML cannot express (a source variant that disagrees
//! with the `type`) are tested on built values in `tests/validate.rs`.

use crate::error::Severity;
use crate::Domain;

pub(super) struct Case {
    rule: &'static str,
    bad: &'static str,
    good: &'static str,
    path: &'static str,
}

pub(super) const fn case(
    rule: &'static str,
    bad: &'static str,
    good: &'static str,
    path: &'static str,
) -> Case {
    Case {
        rule,
        bad,
        good,
        path,
    }
}

pub(super) fn document(content: &str) -> Domain {
    let has_memory = content.contains("<memory unit=")
        || content.contains("<memory>")
        || content.contains("<numa>")
        || content.contains("<currentMemory");
    let memory = if has_memory {
        ""
    } else {
        "<memory unit='MiB'>512</memory>"
    };
    let os = if content.contains("<os") {
        ""
    } else {
        "<os><type arch='x86_64' machine='q35'>hvm</type></os>"
    };
    let vcpu = if content.contains("<vcpu>") || content.contains("<vcpu ") {
        ""
    } else {
        "<vcpu>2</vcpu>"
    };
    let text = format!("<domain type='kvm'><name>t</name>{memory}{vcpu}{os}{content}</domain>");
    Domain::from_xml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

pub(super) fn run(cases: &[Case], severity: Severity) {
    for case in cases {
        let bad = document(case.bad).check();
        assert!(
            bad.iter()
                .any(|p| p.path == case.path && p.severity == severity),
            "{}: expected a {severity} at {}, got {bad:#?}",
            case.rule,
            case.path
        );
        let good = document(case.good).check();
        assert!(
            good.is_empty(),
            "{}: accepted document has {good:#?}",
            case.rule
        );
    }
}

pub(super) const X86_PC: &str = "<os><type arch='x86_64' machine='pc'>hvm</type></os>";

#[test]
fn general_rules() {
    run(
        &[
            case(
                "uuid",
                "<uuid>not-a-uuid</uuid>",
                "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>",
                "/domain/uuid",
            ),
            case(
                "title",
                "<title>a\nb</title>",
                "<title>a b</title>",
                "/domain/title",
            ),
            case(
                "seclabel_models_unique",
                "<seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='selinux'/>",
                "<seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='dac'/>",
                "/domain/seclabel[2]",
            ),
            case(
                "sysinfo_uuid_matches",
                "<uuid>11111111-2222-3333-4444-555555555555</uuid><sysinfo type='smbios'><system>\
                 <entry name='uuid'>11111111-2222-3333-4444-666666666666</entry></system></sysinfo>",
                "<uuid>11111111-2222-3333-4444-555555555555</uuid><sysinfo type='smbios'><system>\
                 <entry name='uuid'>11111111222233334444555555555555</entry></system></sysinfo>",
                "/domain/sysinfo/system/entry",
            ),
            case(
                "qemu_env_names",
                "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\
                 <qemu:env name='1X' value='y'/></qemu:commandline>",
                "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\
                 <qemu:env name='X_1' value='y'/></qemu:commandline>",
                "/domain/qemu:commandline/qemu:env/@name",
            ),
        ],
        Severity::Error,
    );
    let unnamed = Domain::from_xml("<domain type='kvm'><memory>1024</memory></domain>").unwrap();
    assert_eq!(
        unnamed.validate().unwrap_err().problems()[0].path,
        "/domain/name"
    );
}

#[test]
fn memory_rules() {
    run(
        &[
            case(
                "memory_sizes",
                "<memory unit='MiB'>512</memory><maxMemory unit='MiB'>256</maxMemory>",
                "<memory unit='MiB'>512</memory><maxMemory slots='2' unit='MiB'>1024</maxMemory>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/maxMemory",
            ),
            case(
                "memory_sizes (missing)",
                "<currentMemory unit='MiB'>512</currentMemory>",
                "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/memory",
            ),
            case(
                "default_hugepage_unique",
                "<memoryBacking><hugepages><page size='2048' unit='KiB'/>\
                 <page size='1' unit='GiB' nodeset='0'/></hugepages></memoryBacking>",
                "<memoryBacking><hugepages><page size='2048' unit='KiB'/></hugepages></memoryBacking>",
                "/domain/memoryBacking/hugepages/page[2]",
            ),
            case(
                "hugepage_nodes_exist",
                "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='2'/>\
                 </hugepages></memoryBacking>",
                "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='0'/>\
                 </hugepages></memoryBacking>",
                "/domain/memoryBacking/hugepages/page/@nodeset",
            ),
            case(
                "hotplug_needs_numa",
                "<memory unit='MiB'>512</memory><maxMemory slots='4' unit='GiB'>4</maxMemory>",
                "<memory unit='MiB'>512</memory><maxMemory slots='4' unit='GiB'>4</maxMemory>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/cpu/numa",
            ),
            case(
                "memory_device_ranges_disjoint",
                "<maxMemory slots='2' unit='GiB'>4</maxMemory>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>\
                 <devices><memory model='virtio-mem'><target><size unit='MiB'>256</size>\
                 <block unit='MiB'>2</block><address base='0x100000000'/></target></memory>\
                 <memory model='virtio-mem'><target><size unit='MiB'>256</size>\
                 <block unit='MiB'>2</block><address base='0x108000000'/></target></memory></devices>",
                "<maxMemory slots='2' unit='GiB'>4</maxMemory>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>\
                 <devices><memory model='virtio-mem'><target><size unit='MiB'>256</size>\
                 <block unit='MiB'>2</block><address base='0x100000000'/></target></memory>\
                 <memory model='virtio-mem'><target><size unit='MiB'>256</size>\
                 <block unit='MiB'>2</block><address base='0x110000000'/></target></memory></devices>",
                "/domain/devices/memory[2]/target/address",
            ),
            case(
                "shmem_size",
                "<devices><shmem name='s'><size unit='M'>3</size></shmem></devices>",
                "<devices><shmem name='s'><size unit='M'>4</size></shmem></devices>",
                "/domain/devices/shmem/size",
            ),
            case(
                "shmem_msi_needs_server",
                "<devices><shmem name='s'><model type='ivshmem-doorbell'/><msi vectors='2'/></shmem></devices>",
                "<devices><shmem name='s'><model type='ivshmem-doorbell'/>\
                 <server path='/tmp/s'/><msi vectors='2'/></shmem></devices>",
                "/domain/devices/shmem/msi",
            ),
            case(
                "numa_mem_access_known",
                "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB' memAccess='public'/></numa></cpu>",
                "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB' memAccess='private'/></numa></cpu>",
                "/domain/cpu/numa/cell/@memAccess",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn cpu_rules() {
    run(
        &[
            case(
                "vcpu_count",
                "<vcpu current='3'>2</vcpu>",
                "<vcpu current='1'>2</vcpu>",
                "/domain/vcpu/@current",
            ),
            case(
                "topology",
                "<cpu><topology sockets='1' cores='2' threads='2'/></cpu>",
                "<cpu><topology sockets='1' cores='2' threads='1'/></cpu>",
                "/domain/cpu/topology",
            ),
            case(
                "cache_level",
                "<cpu mode='host-passthrough'><cache level='2' mode='emulate'/></cpu>",
                "<cpu mode='host-passthrough'><cache level='3' mode='emulate'/></cpu>",
                "/domain/cpu/cache/@level",
            ),
            case(
                "maxphysaddr_bits",
                "<cpu mode='host-passthrough'><maxphysaddr mode='passthrough' bits='40'/></cpu>",
                "<cpu mode='host-passthrough'><maxphysaddr mode='emulate' bits='40'/></cpu>",
                "/domain/cpu/maxphysaddr/@bits",
            ),
            case(
                "bitmaps",
                "<cputune><emulatorpin cpuset='one'/></cputune>",
                "<cputune><emulatorpin cpuset='1-3,^2'/></cputune>",
                "/domain/cputune/emulatorpin/@cpuset",
            ),
            case(
                "vcpusched_disjoint",
                "<cputune><vcpusched vcpus='0' scheduler='fifo' priority='1'/>\
                 <vcpusched vcpus='0-1' scheduler='rr' priority='1'/></cputune>",
                "<cputune><vcpusched vcpus='0' scheduler='fifo' priority='1'/>\
                 <vcpusched vcpus='1' scheduler='rr' priority='1'/></cputune>",
                "/domain/cputune/vcpusched[2]/@vcpus",
            ),
            case(
                "iothreadsched_ids_exist",
                "<iothreads>2</iothreads><cputune><iothreadsched iothreads='3' scheduler='batch'/></cputune>",
                "<iothreads>2</iothreads><cputune><iothreadsched iothreads='2' scheduler='batch'/></cputune>",
                "/domain/cputune/iothreadsched/@iothreads",
            ),
            case(
                "numatune_static_needs_nodeset",
                "<numatune><memory mode='strict' placement='static'/></numatune>",
                "<numatune><memory mode='strict' placement='static' nodeset='0'/></numatune>",
                "/domain/numatune/memory/@nodeset",
            ),
            case(
                "memnodes_need_cells",
                "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>",
                "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/numatune/memnode",
            ),
            case(
                "memnodes_not_auto",
                "<numatune><memory placement='auto'/><memnode cellid='0' mode='strict' nodeset='0'/>\
                 </numatune><cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "<numatune><memory nodeset='0'/><memnode cellid='0' mode='strict' nodeset='0'/>\
                 </numatune><cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/numatune/memnode",
            ),
            case(
                "restrictive_modes_agree",
                "<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' nodeset='0'/>\
                 </numatune><cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "<numatune><memory mode='restrictive' nodeset='0'/>\
                 <memnode cellid='0' mode='restrictive' nodeset='0'/>\
                 </numatune><cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>",
                "/domain/numatune/memnode/@mode",
            ),
        ],
        Severity::Error,
    );
}

#[test]
fn os_rules() {
    run(
        &[
            case(
                "uefi_needs_acpi",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader readonly='yes' type='pflash'>/code.fd</loader></os>",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader readonly='yes' type='pflash'>/code.fd</loader></os><features><acpi/></features>",
                "/domain/features/acpi",
            ),
            case(
                "acpi_needs_uefi_on_arm",
                "<os><type arch='aarch64' machine='virt'>hvm</type></os><features><acpi/></features>",
                "<os firmware='efi'><type arch='aarch64' machine='virt'>hvm</type></os>\
                 <features><acpi/></features>",
                "/domain/features/acpi",
            ),
            case(
                "secure_boot",
                "<os><type arch='x86_64' machine='pc'>hvm</type>\
                 <loader readonly='yes' secure='yes' type='pflash'>/code.fd</loader></os>\
                 <features><acpi/><smm state='on'/></features>",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader readonly='yes' secure='yes' type='pflash'>/code.fd</loader></os>\
                 <features><acpi/><smm state='on'/></features>",
                "/domain/os/type/@machine",
            ),
            case(
                "bios_has_no_nvram",
                "<os firmware='bios'><type arch='x86_64' machine='q35'>hvm</type>\
                 <nvram>/vars.fd</nvram></os>",
                "<os firmware='bios'><type arch='x86_64' machine='q35'>hvm</type></os>",
                "/domain/os/nvram",
            ),
            case(
                "nvram_needs_pflash",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader stateless='no'>/bios.bin</loader></os>",
                "<os><type arch='x86_64' machine='q35'>hvm</type><loader>/bios.bin</loader></os>",
                "/domain/os/loader/@stateless",
            ),
            case(
                "stateless_has_no_nvram",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader stateless='yes' readonly='yes' type='pflash'>/code.fd</loader>\
                 <nvram template='/vars.fd'/></os><features><acpi/></features>",
                "<os><type arch='x86_64' machine='q35'>hvm</type>\
                 <loader stateless='yes' readonly='yes' type='pflash'>/code.fd</loader></os>\
                 <features><acpi/></features>",
                "/domain/os/nvram/@template",
            ),
            case(
                "enrolled_keys_need_secure_boot",
                "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><firmware>\
                 <feature enabled='yes' name='enrolled-keys'/><feature enabled='no' name='secure-boot'/>\
                 </firmware></os><features><acpi/></features>",
                "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><firmware>\
                 <feature enabled='no' name='enrolled-keys'/><feature enabled='no' name='secure-boot'/>\
                 </firmware></os><features><acpi/></features>",
                "/domain/os/firmware/feature[1]/@enabled",
            ),
            case(
                "hyperv_spinlocks",
                "<features><hyperv><spinlocks state='on' retries='100'/></hyperv></features>",
                "<features><hyperv><spinlocks state='on' retries='8191'/></hyperv></features>",
                "/domain/features/hyperv/spinlocks/@retries",
            ),
            case(
                "gic_on_arm_only",
                "<features><gic version='3'/></features>",
                "<os><type arch='aarch64' machine='virt'>hvm</type></os><features><gic version='3'/></features>",
                "/domain/features/gic",
            ),
            case(
                "pseries_features",
                "<features><htm state='on'/></features>",
                "<os><type arch='ppc64' machine='pseries'>hvm</type></os><features><htm state='on'/></features>",
                "/domain/features/htm",
            ),
            case(
                "vmport_needs_ps2",
                "<features><vmport state='on'/><ps2 state='off'/></features>",
                "<features><vmport state='on'/></features>",
                "/domain/features/vmport/@state",
            ),
            case(
                "boot_orders",
                "<os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>\
                 <devices><disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <boot order='1'/></disk></devices>",
                "<devices><disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <boot order='1'/></disk></devices>",
                "/domain/os/boot",
            ),
            case(
                "loadparm",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\
                 <devices><disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <boot order='1' loadparm='TOOLONG12'/></disk></devices>",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\
                 <devices><disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/>\
                 <boot order='1' loadparm='SYS1'/></disk></devices>",
                "/domain/devices/disk/boot/@loadparm",
            ),
        ],
        Severity::Error,
    );
    run(
        &[
            case(
                "no_acpi_on_s390",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><features><acpi/></features>",
                "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>",
                "/domain/features/acpi",
            ),
            case(
                "firmware_features_need_autoselection",
                "<os><type arch='x86_64' machine='q35'>hvm</type><firmware>\
                 <feature enabled='no' name='enrolled-keys'/></firmware></os>",
                "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><firmware>\
                 <feature enabled='no' name='enrolled-keys'/></firmware></os><features><acpi/></features>",
                "/domain/os/firmware",
            ),
        ],
        Severity::Warning,
    );
}

/// A `<devices>` holding one disk with these attributes and content.
macro_rules! disk {
    ($attrs:literal, $inner:literal) => {
        concat!("<devices><disk ", $attrs, ">", $inner, "</disk></devices>")
    };
}

mod devices;
mod more_devices;

#[test]
fn more_domain_rules() {
    run(
        &[
            case(
                "vcpupin_ids_exist",
                "<cputune><vcpupin vcpu='2' cpuset='0'/></cputune>",
                "<cputune><vcpupin vcpu='1' cpuset='0'/></cputune>",
                "/domain/cputune/vcpupin/@vcpu",
            ),
            case(
                "iothreadsched_ids_exist (iothreadpin)",
                "<iothreads>1</iothreads><cputune><iothreadpin iothread='2' cpuset='0'/></cputune>",
                "<iothreads>1</iothreads><cputune><iothreadpin iothread='1' cpuset='0'/></cputune>",
                "/domain/cputune/iothreadpin/@iothread",
            ),
            // The largest count libvirt's schema allows is a range, not a set of four
            // billion ids (found by tests/mutation.rs: validate() did not finish).
            case(
                "iothreadsched_ids_exist (iothreadpin, huge count)",
                "<iothreads>4294967295</iothreads><cputune><iothreadpin iothread='0' cpuset='0'/></cputune>",
                "<iothreads>4294967295</iothreads><cputune><iothreadpin iothread='4294967295' cpuset='0'/></cputune>",
                "/domain/cputune/iothreadpin/@iothread",
            ),
            case(
                "numa_cells",
                "<cpu><numa><cell id='0' cpus='0-1' memory='256' unit='MiB'/>\
                 <cell id='1' cpus='1' memory='256' unit='MiB'/></numa></cpu>",
                "<cpu><numa><cell id='1' cpus='1' memory='256' unit='MiB'/>\
                 <cell id='0' cpus='0' memory='256' unit='MiB'/></numa></cpu>",
                "/domain/cpu/numa/cell[2]/@cpus",
            ),
            case(
                "features_need_model",
                "<cpu><feature policy='require' name='vmx'/></cpu>",
                "<cpu mode='host-model'><feature policy='require' name='vmx'/></cpu>",
                "/domain/cpu/model",
            ),
            case(
                "hyperv_dependencies",
                "<features><hyperv><synic state='on'/></hyperv></features>",
                "<features><hyperv><vpindex state='on'/><synic state='on'/></hyperv></features>",
                "/domain/features/hyperv/synic",
            ),
            case(
                "memtune_limits",
                "<memtune><hard_limit unit='MiB'>256</hard_limit><soft_limit unit='MiB'>512</soft_limit></memtune>",
                "<memtune><hard_limit unit='MiB'>1024</hard_limit><soft_limit unit='MiB'>512</soft_limit></memtune>",
                "/domain/memtune/hard_limit",
            ),
            case(
                "memory_devices_need_hotplug",
                "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>\
                 <devices><memory model='dimm'><target><size unit='MiB'>128</size><node>0</node>\
                 </target></memory></devices>",
                "<memory unit='MiB'>512</memory><maxMemory slots='2' unit='GiB'>2</maxMemory>\
                 <cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/></numa></cpu>\
                 <devices><memory model='dimm'><target><size unit='MiB'>128</size><node>0</node>\
                 </target></memory></devices>",
                "/domain/devices/memory",
            ),
        ],
        Severity::Error,
    );
}
