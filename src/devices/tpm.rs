//! `<tpm>`: Trusted Platform Module devices (formatdomain: "TPM device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, Marker};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<tpm model=…>`: the TPM interface the guest sees (formatdomain: "TPM device").
    pub enum TpmModel {
        /// `tpm-tis`: TIS interface (x86 default).
        TpmTis = "tpm-tis",
        /// `tpm-crb`: CRB interface (TPM 2.0 only).
        TpmCrb = "tpm-crb",
        /// `tpm-spapr`: PowerPC pseries.
        TpmSpapr = "tpm-spapr",
        /// `spapr-tpm-proxy`: PowerPC secure VM proxy.
        SpaprTpmProxy = "spapr-tpm-proxy",
    }
}

value_enum! {
    /// `<backend type=…>` of a TPM: what implements it on the host
    /// (formatdomain: "TPM device").
    pub enum TpmBackendType {
        /// `passthrough`: the host's TPM.
        Passthrough = "passthrough",
        /// `emulator`: a swtpm process started by libvirt.
        Emulator = "emulator",
        /// `external`: a swtpm started by someone else, reached over a socket.
        External = "external",
    }
}

value_enum! {
    /// `<backend version=…>` of a TPM: the TPM specification version
    /// (formatdomain: "TPM device").
    pub enum TpmVersion {
        /// `1.2`
        V1_2 = "1.2",
        /// `2.0`
        V2_0 = "2.0",
    }
}

value_enum! {
    /// `<backend><source type=…>` of a TPM: what the source is
    /// (formatdomain: "TPM device").
    pub enum TpmSourceType {
        /// `file`: a file or block device holding the emulator's state.
        File = "file",
        /// `dir`: a directory holding the emulator's state.
        Dir = "dir",
        /// `unix`: the socket of an external emulator.
        Unix = "unix",
    }
}

value_enum! {
    /// `<backend><source mode=…>` of an external TPM: how the socket is used
    /// (formatdomain: "TPM device").
    pub enum TpmSourceMode {
        /// `connect`: libvirt connects to the emulator (the only mode).
        Connect = "connect",
    }
}

value_enum! {
    /// `<profile removeDisabled=…>` of an emulator TPM: which algorithms the host
    /// disables are removed from a `custom` profile (formatdomain: "TPM device").
    pub enum TpmRemoveDisabled {
        /// `check`: those disabled now (recommended).
        Check = "check",
        /// `fips-host`: every one a FIPS host may disable.
        FipsHost = "fips-host",
    }
}

/// `<tpm>`: a Trusted Platform Module (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tpm {
    /// `model`: the interface the guest sees.
    #[serde(rename = "@model")]
    pub model: Option<TpmModel>,
    /// `<backend>`: the host-side implementation.
    pub backend: Option<TpmBackend>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Tpm {
    /// A TPM 2.0 emulated by swtpm on a CRB interface, as Windows 11 needs
    /// (`<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>`).
    pub fn emulator() -> Self {
        Tpm {
            model: Some(TpmModel::TpmCrb),
            backend: Some(TpmBackend {
                kind: Some(TpmBackendType::Emulator),
                version: Some(TpmVersion::V2_0),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<backend>` of a TPM (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmBackend {
    /// `type`: passthrough, emulator or external.
    #[serde(rename = "@type")]
    pub kind: Option<TpmBackendType>,
    /// `version`: TPM 1.2 or 2.0 (emulator).
    #[serde(rename = "@version")]
    pub version: Option<TpmVersion>,
    /// `persistent_state`: keep the TPM state when the domain is undefined.
    #[serde(rename = "@persistent_state")]
    pub persistent_state: Option<YesNo>,
    /// `debug`: swtpm log level.
    #[serde(rename = "@debug")]
    pub debug: Option<u32>,
    /// `<device>`: host TPM device (passthrough).
    pub device: Option<TpmDevice>,
    /// `<source>`: state location (emulator) or socket (external).
    pub source: Option<TpmSource>,
    /// `<encryption>`: secret encrypting the emulator's state.
    pub encryption: Option<TpmEncryption>,
    /// `<profile>`: swtpm profile (TPM 2.0).
    pub profile: Option<TpmProfile>,
    /// `<active_pcr_banks>`: PCR banks activated at start (TPM 2.0 emulator).
    pub active_pcr_banks: Option<TpmActivePcrBanks>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<active_pcr_banks>` of an emulator TPM backend: each present child activates
/// that PCR bank (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmActivePcrBanks {
    /// `<sha1/>`
    pub sha1: Option<Marker>,
    /// `<sha256/>`
    pub sha256: Option<Marker>,
    /// `<sha384/>`
    pub sha384: Option<Marker>,
    /// `<sha512/>`
    pub sha512: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<device>` of a passthrough TPM backend (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmDevice {
    /// `path`: e.g. `/dev/tpm0`.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of an emulator or external TPM backend (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmSource {
    /// `type`: `file` or `dir` (emulator state), `unix` (external socket).
    #[serde(rename = "@type")]
    pub kind: Option<TpmSourceType>,
    /// `mode`: `connect` (external).
    #[serde(rename = "@mode")]
    pub mode: Option<TpmSourceMode>,
    /// `path`: state file/directory or socket.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<encryption>` of an emulator TPM backend (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmEncryption {
    /// `secret`: UUID of the libvirt secret holding the key.
    #[serde(rename = "@secret")]
    pub secret: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<profile>` of an emulator TPM backend (formatdomain: "TPM device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TpmProfile {
    /// `source`: the profile to start from, e.g. `default-v1`.
    #[serde(rename = "@source")]
    pub source: Option<String>,
    /// `removeDisabled`: which disabled algorithms to remove.
    #[serde(rename = "@removeDisabled")]
    pub remove_disabled: Option<TpmRemoveDisabled>,
    /// `name`: the profile's name (live XML).
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn tpms_round_trip() {
        let phyllome = Tpm {
            model: Some(TpmModel::TpmCrb),
            backend: Some(TpmBackend {
                kind: Some(TpmBackendType::Emulator),
                version: Some(TpmVersion::V2_0),
                ..Default::default()
            }),
            ..Default::default()
        };
        let xml = "<tpm model='tpm-crb'>\n  <backend type='emulator' version='2.0'/>\n</tpm>";
        assert_xml(&phyllome, "tpm", xml);
        assert_eq!(assert_modelled::<Tpm>(xml, "tpm"), phyllome);

        assert_xml(
            &Tpm {
                model: Some(TpmModel::TpmTis),
                backend: Some(TpmBackend {
                    kind: Some(TpmBackendType::Passthrough),
                    device: Some(TpmDevice {
                        path: Some("/dev/tpm0".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                alias: Some(Alias::new("tpm0")),
                ..Default::default()
            },
            "tpm",
            "<tpm model='tpm-tis'>\n  <backend type='passthrough'>\n    <device path='/dev/tpm0'/>\n  </backend>\n  <alias name='tpm0'/>\n</tpm>",
        );
        assert_xml(
            &Tpm {
                model: Some(TpmModel::TpmCrb),
                backend: Some(TpmBackend {
                    kind: Some(TpmBackendType::Emulator),
                    version: Some(TpmVersion::V2_0),
                    persistent_state: Some(YesNo::Yes),
                    source: Some(TpmSource {
                        kind: Some(TpmSourceType::Dir),
                        path: Some("/var/lib/swtpm/guest".into()),
                        ..Default::default()
                    }),
                    encryption: Some(TpmEncryption {
                        secret: Some("6dd3e4a5-1d76-44ce-961f-f119f5aad935".into()),
                        ..Default::default()
                    }),
                    profile: Some(TpmProfile {
                        source: Some("default-v1".into()),
                        remove_disabled: Some(TpmRemoveDisabled::Check),
                        ..Default::default()
                    }),
                    active_pcr_banks: Some(TpmActivePcrBanks {
                        sha256: Some(Marker::default()),
                        sha384: Some(Marker::default()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "tpm",
            "<tpm model='tpm-crb'>\n  <backend type='emulator' version='2.0' persistent_state='yes'>\n    <source type='dir' path='/var/lib/swtpm/guest'/>\n    <encryption secret='6dd3e4a5-1d76-44ce-961f-f119f5aad935'/>\n    <profile source='default-v1' removeDisabled='check'/>\n    <active_pcr_banks>\n      <sha256/>\n      <sha384/>\n    </active_pcr_banks>\n  </backend>\n</tpm>",
        );
    }
}
