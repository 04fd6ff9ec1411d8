//! Firmware of an `<os>`: `<loader>`, `<nvram>` and the `<firmware>` features that
//! steer automatic firmware selection (formatdomain: "BIOS bootloader").

use serde::{Deserialize, Serialize};

use crate::devices::DiskSource;
use crate::error::Problem;
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<loader type=…>`: where the firmware image is mapped.
    pub enum LoaderType {
        /// `rom`
        Rom = "rom",
        /// `pflash`: a flash device (UEFI images).
        Pflash = "pflash",
    }
}

value_enum! {
    /// `format` / `templateFormat` of `<loader>` and `<nvram>` (schema `pflashFormatTypes`).
    pub enum FirmwareFormat {
        /// `raw`
        Raw = "raw",
        /// `qcow2`
        Qcow2 = "qcow2",
    }
}

value_enum! {
    /// `<nvram type=…>`: what stores the NVRAM when it is given by a `<source>`; the
    /// schema allows every disk type (`diskSource`), libvirt documents `file`,
    /// `block` and `network`; the value selects the [`DiskSource`] variant
    /// (formatdomain: "BIOS bootloader").
    pub enum NvramType {
        /// `file`: an image file on the host.
        File = "file",
        /// `block`: a host block device.
        Block = "block",
        /// `dir`: a host directory.
        Dir = "dir",
        /// `network`: a network protocol (NBD, iSCSI, HTTP, …).
        Network = "network",
        /// `volume`: a libvirt storage pool volume.
        Volume = "volume",
        /// `nvme`: a host NVMe controller namespace.
        Nvme = "nvme",
        /// `vhostuser`: a vhost-user backend socket.
        Vhostuser = "vhostuser",
        /// `vhostvdpa`: a vhost-vDPA device.
        Vhostvdpa = "vhostvdpa",
    }
}

value_enum! {
    /// `<firmware><feature name=…>`: a firmware feature for auto-selection.
    pub enum FirmwareFeatureName {
        /// `enrolled-keys`: the NVRAM template has the default certificates enrolled.
        EnrolledKeys = "enrolled-keys",
        /// `secure-boot`: the firmware implements UEFI Secure Boot.
        SecureBoot = "secure-boot",
    }
}

/// `<os><firmware>`: the firmware features auto-selection must honour
/// (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FirmwareFeatures {
    /// `<feature>` elements.
    #[serde(rename = "feature")]
    pub features: Vec<FirmwareFeature>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><firmware><feature>`: a firmware feature that must be on or off
/// (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FirmwareFeature {
    /// `enabled`: whether the selected firmware must have the feature.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// `name`: the feature.
    #[serde(rename = "@name")]
    pub name: Option<FirmwareFeatureName>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl FirmwareFeature {
    /// `<feature enabled=… name=…/>`.
    pub fn new(name: FirmwareFeatureName, enabled: bool) -> Self {
        FirmwareFeature {
            enabled: Some(enabled.into()),
            name: Some(name),
            extra: Extra::default(),
        }
    }
}

/// `<os><loader>`: the firmware image (formatdomain: "BIOS bootloader").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Loader {
    /// `readonly`: whether the image is read-only (UEFI code is).
    #[serde(rename = "@readonly")]
    pub readonly: Option<YesNo>,
    /// `secure`: whether the firmware is Secure Boot capable.
    #[serde(rename = "@secure")]
    pub secure: Option<YesNo>,
    /// `type`: `rom` or `pflash`.
    #[serde(rename = "@type")]
    pub kind: Option<LoaderType>,
    /// `stateless`: run without NVRAM.
    #[serde(rename = "@stateless")]
    pub stateless: Option<YesNo>,
    /// `format`: only consider firmware builds in this format.
    #[serde(rename = "@format")]
    pub format: Option<FirmwareFormat>,
    /// The host path of the image; `None` with firmware auto-selection.
    #[serde(rename = "$text")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os><nvram>`: the UEFI variable store (formatdomain: "BIOS bootloader").
///
/// Either a host path as text (the classic form) or, with `type`, a `<source>` child
/// shaped like a disk's source (a file, a block device or a network volume): `type`
/// chooses the [`DiskSource`] variant, `file` when absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Nvram {
    /// `template`: the master variable store copied into a new NVRAM file.
    #[serde(rename = "@template")]
    pub template: Option<String>,
    /// `templateFormat`: the template's format.
    #[serde(rename = "@templateFormat")]
    pub template_format: Option<FirmwareFormat>,
    /// `type`: the storage kind when the NVRAM is given by a `<source>` child.
    #[serde(rename = "@type")]
    pub kind: Option<NvramType>,
    /// `format`: the NVRAM image's format.
    #[serde(rename = "@format")]
    pub format: Option<FirmwareFormat>,
    /// The host path of the NVRAM file (old style, without `type`).
    #[serde(rename = "$text")]
    pub path: Option<String>,
    /// `<source>`: where the NVRAM is stored; its variant must match `kind`.
    pub source: Option<DiskSource>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Nvram {
    /// Where `type` disagrees with the `<source>`'s variant; `path` is the
    /// `<nvram>`'s.
    pub(crate) fn check_source_type(&self, path: &str, out: &mut Vec<Problem>) {
        if let Some(source) = &self.source {
            let kind = self.kind.as_ref().map(NvramType::as_str);
            source.check_type(kind, &format!("{path}/source"), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::{DiskProtocol, DiskSourceHost, DiskSourceNetwork};

    fn round_trip(value: &Nvram, text: &str) {
        assert_eq!(crate::codec::to_string(value, "nvram").unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<Nvram>(text, "nvram").unwrap(),
            value,
            "{text}"
        );
        assert!(
            crate::codec::unmodelled(value, "nvram").is_empty(),
            "{text}"
        );
    }

    #[test]
    fn nvram_with_a_file_source() {
        round_trip(
            &Nvram {
                template: Some("/usr/share/OVMF/OVMF_VARS.fd".into()),
                kind: Some(NvramType::File),
                source: Some(DiskSource::file("/var/lib/libvirt/nvram/guest_VARS.fd")),
                ..Default::default()
            },
            "<nvram template='/usr/share/OVMF/OVMF_VARS.fd' type='file'>\n  \
             <source file='/var/lib/libvirt/nvram/guest_VARS.fd'/>\n</nvram>",
        );
    }

    #[test]
    fn nvram_on_a_block_device_or_the_network() {
        round_trip(
            &Nvram {
                kind: Some(NvramType::Block),
                source: Some(DiskSource::block("/dev/vg0/guest_vars")),
                ..Default::default()
            },
            "<nvram type='block'>\n  <source dev='/dev/vg0/guest_vars'/>\n</nvram>",
        );
        round_trip(
            &Nvram {
                kind: Some(NvramType::Network),
                format: Some(FirmwareFormat::Qcow2),
                source: Some(DiskSource::Network(Box::new(DiskSourceNetwork {
                    protocol: Some(DiskProtocol::Nbd),
                    name: Some("vars".into()),
                    hosts: vec![DiskSourceHost {
                        name: Some("nvram.example.org".into()),
                        port: Some(10809),
                        ..Default::default()
                    }],
                    ..Default::default()
                }))),
                ..Default::default()
            },
            "<nvram type='network' format='qcow2'>\n  <source protocol='nbd' name='vars'>\n    \
             <host name='nvram.example.org' port='10809'/>\n  </source>\n</nvram>",
        );
    }

    #[test]
    fn nvram_source_without_type_is_a_file_and_type_is_checked() {
        let nvram: Nvram = crate::codec::from_str(
            "<nvram>\n  <source file='/var/lib/vars.fd'/>\n</nvram>",
            "nvram",
        )
        .unwrap();
        assert_eq!(nvram.source, Some(DiskSource::file("/var/lib/vars.fd")));
        let mut out = Vec::new();
        nvram.check_source_type("/domain/os/nvram", &mut out);
        assert_eq!(out, []);
        let block = Nvram {
            kind: Some(NvramType::File),
            source: Some(DiskSource::block("/dev/vg0/vars")),
            ..Default::default()
        };
        block.check_source_type("/domain/os/nvram", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path, "/domain/os/nvram/source");
    }

    #[test]
    fn loader_attributes() {
        let loader = Loader {
            readonly: Some(YesNo::Yes),
            secure: Some(YesNo::No),
            kind: Some(LoaderType::Rom),
            stateless: Some(YesNo::Yes),
            format: Some(FirmwareFormat::Qcow2),
            path: Some("/usr/share/edk2/ovmf/OVMF.inteltdx.fd".into()),
            ..Default::default()
        };
        let text = "<loader readonly='yes' secure='no' type='rom' stateless='yes' format='qcow2'>\
                    /usr/share/edk2/ovmf/OVMF.inteltdx.fd</loader>";
        assert_eq!(crate::codec::to_string(&loader, "loader").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Loader>(text, "loader").unwrap(),
            loader
        );
    }
}
