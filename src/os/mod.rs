//! `<os>`: how the guest boots — firmware, loader and NVRAM, direct kernel boot,
//! boot order, container init (formatdomain: "Operating system booting").
//!
//! `firmware.rs` holds `<loader>`, `<nvram>` and `<firmware>`; `container.rs` the
//! container pieces (`<initenv>` and the domain-level `<idmap>`). The domain-level
//! `<bootloader>` and `<bootloader_args>` (formatdomain: "Host bootloader") are plain
//! text fields of [`Domain`](crate::Domain).

mod container;
mod firmware;

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

pub use self::container::{IdMap, IdMapEntry, InitEnv};
pub use self::firmware::{
    FirmwareFeature, FirmwareFeatureName, FirmwareFeatures, FirmwareFormat, Loader, LoaderType,
    Nvram, NvramType,
};

value_enum! {
    /// `<os><type arch=…>`: the CPU architecture of the guest (schema `archnames`;
    /// formatdomain: "BIOS bootloader").
    pub enum Arch {
        /// `aarch64`: 64-bit Arm.
        Aarch64 = "aarch64",
        /// `alpha`: DEC Alpha.
        Alpha = "alpha",
        /// `armv6l`: 32-bit Arm v6, little-endian.
        Armv6l = "armv6l",
        /// `armv7l`: 32-bit Arm v7, little-endian.
        Armv7l = "armv7l",
        /// `cris`: Axis CRIS.
        Cris = "cris",
        /// `i686`: 32-bit x86.
        I686 = "i686",
        /// `ia64`: Intel Itanium.
        Ia64 = "ia64",
        /// `lm32`: LatticeMico32.
        Lm32 = "lm32",
        /// `loongarch64`: 64-bit LoongArch.
        Loongarch64 = "loongarch64",
        /// `m68k`: Motorola 68000.
        M68k = "m68k",
        /// `microblaze`: Xilinx MicroBlaze, big-endian.
        Microblaze = "microblaze",
        /// `microblazeel`: Xilinx MicroBlaze, little-endian.
        Microblazeel = "microblazeel",
        /// `mips`: 32-bit MIPS, big-endian.
        Mips = "mips",
        /// `mipsel`: 32-bit MIPS, little-endian.
        Mipsel = "mipsel",
        /// `mips64`: 64-bit MIPS, big-endian.
        Mips64 = "mips64",
        /// `mips64el`: 64-bit MIPS, little-endian.
        Mips64el = "mips64el",
        /// `openrisc`: OpenRISC.
        Openrisc = "openrisc",
        /// `parisc`: 32-bit PA-RISC.
        Parisc = "parisc",
        /// `parisc64`: 64-bit PA-RISC.
        Parisc64 = "parisc64",
        /// `ppc`: 32-bit PowerPC.
        Ppc = "ppc",
        /// `ppc64`: 64-bit PowerPC, big-endian.
        Ppc64 = "ppc64",
        /// `ppc64le`: 64-bit PowerPC, little-endian.
        Ppc64le = "ppc64le",
        /// `ppcemb`: embedded 32-bit PowerPC.
        Ppcemb = "ppcemb",
        /// `riscv32`: 32-bit RISC-V.
        Riscv32 = "riscv32",
        /// `riscv64`: 64-bit RISC-V.
        Riscv64 = "riscv64",
        /// `s390`: 31-bit IBM S/390.
        S390 = "s390",
        /// `s390x`: 64-bit IBM Z.
        S390x = "s390x",
        /// `sh4`: SuperH SH-4, little-endian.
        Sh4 = "sh4",
        /// `sh4eb`: SuperH SH-4, big-endian.
        Sh4eb = "sh4eb",
        /// `sparc`: 32-bit SPARC.
        Sparc = "sparc",
        /// `sparc64`: 64-bit SPARC.
        Sparc64 = "sparc64",
        /// `unicore32`: UniCore32.
        Unicore32 = "unicore32",
        /// `x86_64`: 64-bit x86 (Phyllome's architecture).
        X86_64 = "x86_64",
        /// `xtensa`: Tensilica Xtensa, little-endian.
        Xtensa = "xtensa",
        /// `xtensaeb`: Tensilica Xtensa, big-endian.
        Xtensaeb = "xtensaeb",
    }
}

value_enum! {
    /// `<os firmware=…>`: firmware auto-selection.
    pub enum OsFirmware {
        /// `bios`
        Bios = "bios",
        /// `efi`: UEFI (Phyllome's choice).
        Efi = "efi",
    }
}

value_enum! {
    /// The text of `<os><type>`: the kind of guest OS.
    pub enum OsTypeKind {
        /// `hvm`: an OS for bare metal, fully virtualized.
        Hvm = "hvm",
        /// `xen`: a Xen paravirtualized guest.
        Xen = "xen",
        /// `linux`: the Xen 3 guest ABI (badly named).
        Linux = "linux",
        /// `xenpvh`: a Xen PVH guest.
        Xenpvh = "xenpvh",
        /// `exe`: a container's init process.
        Exe = "exe",
    }
}

impl Default for OsTypeKind {
    /// Phyllome OS runs fully virtualized guests.
    fn default() -> Self {
        OsTypeKind::Hvm
    }
}

value_enum! {
    /// `<boot dev=…>`: a boot device class.
    pub enum BootDevice {
        /// `hd`: hard disk.
        Hd = "hd",
        /// `fd`: floppy.
        Fd = "fd",
        /// `cdrom`
        Cdrom = "cdrom",
        /// `network`: PXE.
        Network = "network",
    }
}

impl Default for BootDevice {
    /// libvirt boots from `hd` when nothing else is said.
    fn default() -> Self {
        BootDevice::Hd
    }
}

value_enum! {
    /// `<smbios mode=…>`: where the guest's SMBIOS data comes from.
    pub enum SmbiosMode {
        /// `emulate`: the hypervisor makes it up.
        Emulate = "emulate",
        /// `host`: copied from the host (except the UUID).
        Host = "host",
        /// `sysinfo`: from the domain's `<sysinfo>`.
        Sysinfo = "sysinfo",
    }
}

value_enum! {
    /// `<acpi><table type=…>`: the kind of ACPI table file.
    pub enum AcpiTableType {
        /// `raw`: one table, signature from its header.
        Raw = "raw",
        /// `rawset`: several concatenated tables.
        Rawset = "rawset",
        /// `slic`: software licensing table.
        Slic = "slic",
        /// `msdm`: Microsoft data management table.
        Msdm = "msdm",
    }
}

/// `<os>`: boot configuration (formatdomain: "Operating system booting").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Os {
    /// `firmware`: let libvirt pick a `bios` or `efi` firmware and fill `loader`/`nvram`.
    #[serde(rename = "@firmware")]
    pub firmware: Option<OsFirmware>,
    /// `<type>`: OS kind, architecture and machine type.
    #[serde(rename = "type")]
    pub kind: Option<OsType>,
    /// `<firmware>`: features the auto-selected firmware must have (or lack).
    #[serde(rename = "firmware")]
    pub firmware_features: Option<FirmwareFeatures>,
    /// `<init>`: container boot, path of the init binary (formatdomain: "Container boot").
    pub init: Option<String>,
    /// `<initarg>`: container boot, init's arguments in order.
    #[serde(rename = "initarg")]
    pub init_args: Vec<String>,
    /// `<initenv>`: container boot, init's environment.
    #[serde(rename = "initenv")]
    pub init_env: Vec<InitEnv>,
    /// `<initdir>`: container boot, init's working directory.
    #[serde(rename = "initdir")]
    pub init_dir: Option<String>,
    /// `<inituser>`: container boot, user (name or `+id`) to run init as.
    #[serde(rename = "inituser")]
    pub init_user: Option<String>,
    /// `<initgroup>`: container boot, group (name or `+id`) to run init as.
    #[serde(rename = "initgroup")]
    pub init_group: Option<String>,
    /// `<loader>`: the firmware image.
    pub loader: Option<Loader>,
    /// `<nvram>`: the UEFI variable store.
    pub nvram: Option<Nvram>,
    /// `<kernel>`: direct kernel boot, host path of the kernel image.
    pub kernel: Option<String>,
    /// `<initrd>`: direct kernel boot, host path of the ramdisk.
    pub initrd: Option<String>,
    /// `<cmdline>`: direct kernel boot, kernel command line.
    pub cmdline: Option<String>,
    /// `<shim>`: direct kernel boot, UEFI shim for Secure Boot.
    pub shim: Option<String>,
    /// `<dtb>`: direct kernel boot, device tree binary.
    pub dtb: Option<String>,
    /// `<root>`: Xen, root device of a paravirtualized guest.
    pub root: Option<String>,
    /// `<acpi>`: extra ACPI tables (formatdomain: "Common `<os>` element configuration").
    pub acpi: Option<OsAcpi>,
    /// `<boot>`: boot device classes in priority order.
    pub boot: Vec<Boot>,
    /// `<bootmenu>`: interactive boot menu.
    pub bootmenu: Option<BootMenu>,
    /// `<bios>`: legacy BIOS settings.
    pub bios: Option<Bios>,
    /// `<smbios>`: where SMBIOS data comes from.
    pub smbios: Option<Smbios>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><type>`: the kind of guest OS, its architecture and machine type
/// (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OsType {
    /// `arch`: the CPU architecture.
    #[serde(rename = "@arch")]
    pub arch: Option<Arch>,
    /// `machine`: machine type, e.g. `q35`, `pc-q35-9.2`, `virt`.
    #[serde(rename = "@machine")]
    pub machine: Option<String>,
    /// The OS kind (`hvm`, …).
    #[serde(rename = "$text")]
    pub kind: OsTypeKind,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl OsType {
    /// `<type arch=… machine=…>hvm</type>`.
    pub fn hvm(arch: &str, machine: &str) -> Self {
        OsType {
            arch: Some(Arch::from(arch)),
            machine: Some(machine.to_owned()),
            kind: OsTypeKind::Hvm,
            extra: Extra::default(),
        }
    }
}

/// `<os><acpi>`: ACPI tables passed to the guest (formatdomain: "Common `<os>` element
/// configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OsAcpi {
    /// `<table>` elements.
    #[serde(rename = "table")]
    pub tables: Vec<AcpiTable>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><acpi><table>`: one ACPI table file (formatdomain: "Common `<os>` element
/// configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AcpiTable {
    /// `type`: what the file holds.
    #[serde(rename = "@type")]
    pub kind: Option<AcpiTableType>,
    /// The host path of the table file.
    #[serde(rename = "$text")]
    pub path: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><boot>`: a boot device class; repeated for a priority list (formatdomain:
/// "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Boot {
    /// `dev`: the device class.
    #[serde(rename = "@dev")]
    pub dev: BootDevice,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl Boot {
    /// `<boot dev=…/>`.
    pub fn new(dev: BootDevice) -> Self {
        Boot {
            dev,
            extra: Extra::default(),
        }
    }
}

/// `<os><bootmenu>`: the interactive boot menu (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BootMenu {
    /// `enable`: whether to show the menu.
    #[serde(rename = "@enable")]
    pub enable: Option<YesNo>,
    /// `timeout`: how long the menu waits, in milliseconds.
    #[serde(rename = "@timeout")]
    pub timeout: Option<u16>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><bios>`: legacy BIOS settings (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Bios {
    /// `useserial`: show BIOS messages on the serial port (Serial Graphics Adapter).
    #[serde(rename = "@useserial")]
    pub useserial: Option<YesNo>,
    /// `rebootTimeout`: milliseconds before retrying a failed boot; `-1` never retries.
    #[serde(rename = "@rebootTimeout")]
    pub reboot_timeout: Option<i32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><smbios>`: where the guest's SMBIOS data comes from (formatdomain: "BIOS
/// bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Smbios {
    /// `mode`: emulate, host or sysinfo.
    #[serde(rename = "@mode")]
    pub mode: Option<SmbiosMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Os {
    /// Phyllome's boot setup: UEFI auto-selection for an `x86_64` `q35` machine,
    /// Secure Boot as asked, booting from the CD-ROM.
    pub fn phyllome_efi(secure_boot: bool) -> Self {
        Os {
            firmware: Some(OsFirmware::Efi),
            kind: Some(OsType::hvm("x86_64", "q35")),
            loader: Some(Loader {
                secure: Some(secure_boot.into()),
                ..Default::default()
            }),
            boot: vec![Boot::new(BootDevice::Cdrom)],
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Os, text: &str) {
        assert_eq!(crate::codec::to_string(value, "os").unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<Os>(text, "os").unwrap(),
            value,
            "{text}"
        );
    }

    #[test]
    fn phyllome_efi() {
        round_trip(
            &Os::phyllome_efi(false),
            "<os firmware='efi'>\n  <type arch='x86_64' machine='q35'>hvm</type>\n  \
             <loader secure='no'/>\n  <boot dev='cdrom'/>\n</os>",
        );
    }

    #[test]
    fn bios_with_menu_smbios_and_serial() {
        round_trip(
            &Os {
                kind: Some(OsType::default()),
                boot: vec![Boot::new(BootDevice::Cdrom), Boot::new(BootDevice::Hd)],
                bootmenu: Some(BootMenu {
                    enable: Some(YesNo::Yes),
                    timeout: Some(3000),
                    ..Default::default()
                }),
                bios: Some(Bios {
                    useserial: Some(YesNo::Yes),
                    reboot_timeout: Some(-1),
                    ..Default::default()
                }),
                smbios: Some(Smbios {
                    mode: Some(SmbiosMode::Sysinfo),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "<os>\n  <type>hvm</type>\n  <boot dev='cdrom'/>\n  <boot dev='hd'/>\n  \
             <bootmenu enable='yes' timeout='3000'/>\n  <bios useserial='yes' rebootTimeout='-1'/>\n  \
             <smbios mode='sysinfo'/>\n</os>",
        );
    }

    #[test]
    fn manual_uefi_with_nvram_and_firmware_features() {
        round_trip(
            &Os {
                firmware: Some(OsFirmware::Efi),
                kind: Some(OsType::hvm("x86_64", "pc-q35-9.2")),
                firmware_features: Some(FirmwareFeatures {
                    features: vec![
                        FirmwareFeature::new(FirmwareFeatureName::EnrolledKeys, true),
                        FirmwareFeature::new(FirmwareFeatureName::SecureBoot, true),
                    ],
                    ..Default::default()
                }),
                loader: Some(Loader {
                    readonly: Some(YesNo::Yes),
                    secure: Some(YesNo::Yes),
                    kind: Some(LoaderType::Pflash),
                    format: Some(FirmwareFormat::Raw),
                    path: Some("/usr/share/OVMF/OVMF_CODE.fd".into()),
                    ..Default::default()
                }),
                nvram: Some(Nvram {
                    template: Some("/usr/share/OVMF/OVMF_VARS.fd".into()),
                    template_format: Some(FirmwareFormat::Raw),
                    format: Some(FirmwareFormat::Raw),
                    path: Some("/var/lib/libvirt/qemu/nvram/guest_VARS.fd".into()),
                    ..Default::default()
                }),
                boot: vec![Boot::new(BootDevice::Hd)],
                ..Default::default()
            },
            "<os firmware='efi'>\n  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>\n  <firmware>\n    \
             <feature enabled='yes' name='enrolled-keys'/>\n    <feature enabled='yes' name='secure-boot'/>\n  \
             </firmware>\n  \
             <loader readonly='yes' secure='yes' type='pflash' format='raw'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n  \
             <nvram template='/usr/share/OVMF/OVMF_VARS.fd' templateFormat='raw' format='raw'>\
             /var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>\n  <boot dev='hd'/>\n</os>",
        );
    }

    #[test]
    fn direct_kernel_boot() {
        round_trip(
            &Os {
                kind: Some(OsType::default()),
                loader: Some(Loader {
                    path: Some("/usr/lib/xen/boot/hvmloader".into()),
                    ..Default::default()
                }),
                kernel: Some("/root/f8-i386-vmlinuz".into()),
                initrd: Some("/root/f8-i386-initrd".into()),
                cmdline: Some("console=ttyS0 ks=http://example.com/f8-i386/os/".into()),
                shim: Some("/path/to/shim.efi".into()),
                dtb: Some("/root/ppc.dtb".into()),
                ..Default::default()
            },
            "<os>\n  <type>hvm</type>\n  <loader>/usr/lib/xen/boot/hvmloader</loader>\n  \
             <kernel>/root/f8-i386-vmlinuz</kernel>\n  <initrd>/root/f8-i386-initrd</initrd>\n  \
             <cmdline>console=ttyS0 ks=http://example.com/f8-i386/os/</cmdline>\n  \
             <shim>/path/to/shim.efi</shim>\n  <dtb>/root/ppc.dtb</dtb>\n</os>",
        );
    }

    #[test]
    fn container_boot_and_acpi_tables() {
        round_trip(
            &Os {
                kind: Some(OsType {
                    arch: Some(Arch::X86_64),
                    kind: OsTypeKind::Exe,
                    ..Default::default()
                }),
                init: Some("/bin/systemd".into()),
                init_args: vec!["--unit".into(), "emergency.service".into()],
                init_env: vec![InitEnv {
                    name: Some("MYENV".into()),
                    value: "some value".into(),
                    ..Default::default()
                }],
                init_dir: Some("/my/custom/cwd".into()),
                init_user: Some("tester".into()),
                init_group: Some("1000".into()),
                acpi: Some(OsAcpi {
                    tables: vec![AcpiTable {
                        kind: Some(AcpiTableType::Slic),
                        path: "/path/to/slic.dat".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                ..Default::default()
            },
            "<os>\n  <type arch='x86_64'>exe</type>\n  <init>/bin/systemd</init>\n  \
             <initarg>--unit</initarg>\n  <initarg>emergency.service</initarg>\n  \
             <initenv name='MYENV'>some value</initenv>\n  <initdir>/my/custom/cwd</initdir>\n  \
             <inituser>tester</inituser>\n  <initgroup>1000</initgroup>\n  <acpi>\n    \
             <table type='slic'>/path/to/slic.dat</table>\n  </acpi>\n</os>",
        );
    }

    #[test]
    fn nvram_source_is_typed() {
        let text = "<os>\n  <type>hvm</type>\n  <nvram template='/usr/share/OVMF/OVMF_VARS.fd' type='file'>\n    \
                    <source file='/var/lib/libvirt/nvram/guest_VARS.fd'/>\n  </nvram>\n</os>";
        let os = crate::codec::from_str::<Os>(text, "os").unwrap();
        let nvram = os.nvram.as_ref().unwrap();
        assert_eq!(nvram.kind, Some(NvramType::File));
        assert_eq!(nvram.path, None);
        assert_eq!(
            nvram.source.as_ref().and_then(|s| s.path()),
            Some("/var/lib/libvirt/nvram/guest_VARS.fd")
        );
        assert!(crate::codec::unmodelled(&os, "os").is_empty());
        assert_eq!(crate::codec::to_string(&os, "os").unwrap(), text);
    }

    #[test]
    fn unknown_values_are_kept() {
        let text = "<os firmware='coreboot'>\n  <type machine='virt'>future</type>\n  <boot dev='nvme'/>\n</os>";
        let os = crate::codec::from_str::<Os>(text, "os").unwrap();
        assert_eq!(os.firmware, Some(OsFirmware::Other("coreboot".into())));
        assert_eq!(
            os.kind.as_ref().unwrap().kind,
            OsTypeKind::Other("future".into())
        );
        assert_eq!(os.boot[0].dev, BootDevice::Other("nvme".into()));
        assert_eq!(crate::codec::to_string(&os, "os").unwrap(), text);
    }
}
