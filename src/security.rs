//! Domain-level security: `<seclabel>` (security driver labels), `<keywrap>` (s390 key
//! wrapping) and `<launchSecurity>` (confidential guests: AMD SEV and SEV-SNP, IBM
//! Secure Execution, Intel TDX) (formatdomain: "Security label", "Key Wrap", "Launch
//! Security").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, HexUint, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<seclabel type=…>`: how the security label is chosen.
    pub enum SeclabelType {
        /// `dynamic`: libvirt generates a unique label (the default).
        Dynamic = "dynamic",
        /// `static`: the label in `<label>` is used as is.
        Static = "static",
        /// `none`: no confinement.
        None = "none",
    }
}

/// `<seclabel>`: the label a security driver (SELinux, AppArmor, DAC) gives the domain
/// (formatdomain: "Security label"). One per driver.
///
/// Per-device `<seclabel>` overrides live with the devices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Seclabel {
    /// `type`: dynamic, static or none.
    #[serde(rename = "@type")]
    pub kind: Option<SeclabelType>,
    /// `model`: the security driver, e.g. `selinux`, `apparmor`, `dac`.
    #[serde(rename = "@model")]
    pub model: Option<String>,
    /// `relabel`: whether libvirt relabels the domain's resources.
    #[serde(rename = "@relabel")]
    pub relabel: Option<YesNo>,
    /// `<label>`: the full label (static), or the generated one (live XML).
    pub label: Option<String>,
    /// `<imagelabel>`: the label put on the domain's resources (output only).
    pub imagelabel: Option<String>,
    /// `<baselabel>`: with dynamic labelling, the label the generated one is based on.
    pub baselabel: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Seclabel {
    /// `<seclabel type='none'/>`, optionally for one driver (`model`).
    pub fn none(model: Option<&str>) -> Self {
        Seclabel {
            kind: Some(SeclabelType::None),
            model: model.map(str::to_owned),
            ..Default::default()
        }
    }

    /// `<seclabel type='dynamic' model=…/>`.
    pub fn dynamic(model: &str) -> Self {
        Seclabel {
            kind: Some(SeclabelType::Dynamic),
            model: Some(model.to_owned()),
            ..Default::default()
        }
    }
}

value_enum! {
    /// `<cipher name=…>`: a key-wrapping algorithm.
    pub enum CipherName {
        /// `aes`: keys wrapped under the AES wrapping key.
        Aes = "aes",
        /// `dea`: keys wrapped under the DEA/TDEA wrapping key.
        Dea = "dea",
    }
}

/// `<keywrap>`: s390 cryptographic key management operations (formatdomain: "Key Wrap").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Keywrap {
    /// `<cipher>` elements.
    #[serde(rename = "cipher")]
    pub ciphers: Vec<Cipher>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<keywrap><cipher>`: one algorithm turned on or off (formatdomain: "Key Wrap").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Cipher {
    /// `name`: aes or dea.
    #[serde(rename = "@name")]
    pub name: Option<CipherName>,
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Cipher {
    /// `<cipher name=… state=…/>`.
    pub fn new(name: CipherName, on: bool) -> Self {
        Cipher {
            name: Some(name),
            state: Some(on.into()),
            extra: Extra::default(),
        }
    }
}

/// `<launchSecurity>`: a confidential guest's launch parameters; the shape depends on
/// `type` (formatdomain: "Launch Security").
///
/// A `type` this crate does not know is kept whole in [`LaunchSecurity::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum LaunchSecurity {
    /// `type='sev'`: AMD Secure Encrypted Virtualization.
    #[serde(rename = "sev")]
    Sev(Sev),
    /// `type='sev-snp'`: AMD SEV with Secure Nested Paging.
    #[serde(rename = "sev-snp")]
    SevSnp(SevSnp),
    /// `type='s390-pv'`: IBM Secure Execution (protected virtualization).
    #[serde(rename = "s390-pv")]
    S390Pv(S390Pv),
    /// `type='tdx'`: Intel Trust Domain Extensions (libvirt 11.5 and later).
    #[serde(rename = "tdx")]
    Tdx(Tdx),
    /// A launch security type this crate does not know, kept with all its content.
    #[serde(rename = "$other")]
    Other(UnknownLaunchSecurity),
}

impl LaunchSecurity {
    /// The `type` as written in XML (`None` when an unknown one has no `type`).
    pub fn kind(&self) -> Option<&str> {
        match self {
            LaunchSecurity::Sev(_) => Some("sev"),
            LaunchSecurity::SevSnp(_) => Some("sev-snp"),
            LaunchSecurity::S390Pv(_) => Some("s390-pv"),
            LaunchSecurity::Tdx(_) => Some("tdx"),
            LaunchSecurity::Other(other) => other.kind.as_deref(),
        }
    }
}

/// `<launchSecurity type='sev'>`: AMD SEV parameters (formatdomain: "Launch Security").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Sev {
    /// `kernelHashes`: measure the kernel, initrd and command line (direct kernel boot).
    #[serde(rename = "@kernelHashes")]
    pub kernel_hashes: Option<YesNo>,
    /// `<cbitpos>`: the C-bit (encryption bit) position in page table entries.
    pub cbitpos: Option<u32>,
    /// `<reducedPhysBits>`: the physical address bit reduction.
    #[serde(rename = "reducedPhysBits")]
    pub reduced_phys_bits: Option<u32>,
    /// `<policy>`: the guest policy enforced by the SEV firmware (hex).
    pub policy: Option<HexUint>,
    /// `<handle>`: the SEV firmware's guest handle (live XML).
    pub handle: Option<u32>,
    /// `<dhCert>`: the guest owner's base64 Diffie-Hellman key.
    #[serde(rename = "dhCert")]
    pub dh_cert: Option<String>,
    /// `<session>`: the guest owner's base64 session blob.
    pub session: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<launchSecurity type='sev-snp'>`: AMD SEV-SNP parameters (formatdomain: "Launch
/// Security").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SevSnp {
    /// `kernelHashes`: measure the kernel, initrd and command line (direct kernel boot).
    #[serde(rename = "@kernelHashes")]
    pub kernel_hashes: Option<YesNo>,
    /// `authorKey`: whether `<idAuth>` holds the AUTHOR_KEY field.
    #[serde(rename = "@authorKey")]
    pub author_key: Option<YesNo>,
    /// `vcek`: whether the guest may use the VCEK for attestation reports.
    #[serde(rename = "@vcek")]
    pub vcek: Option<YesNo>,
    /// `<cbitpos>`: the C-bit (encryption bit) position in page table entries.
    pub cbitpos: Option<u32>,
    /// `<reducedPhysBits>`: the physical address bit reduction.
    #[serde(rename = "reducedPhysBits")]
    pub reduced_phys_bits: Option<u32>,
    /// `<policy>`: the guest policy (hex, 64 bits).
    pub policy: Option<HexUint>,
    /// `<guestVisibleWorkarounds>`: base64 hypervisor-defined workarounds.
    #[serde(rename = "guestVisibleWorkarounds")]
    pub guest_visible_workarounds: Option<String>,
    /// `<idBlock>`: base64 SNP ID block.
    #[serde(rename = "idBlock")]
    pub id_block: Option<String>,
    /// `<idAuth>`: base64 SNP ID authentication information.
    #[serde(rename = "idAuth")]
    pub id_auth: Option<String>,
    /// `<hostData>`: base64 data provided by the host, put in attestation reports.
    #[serde(rename = "hostData")]
    pub host_data: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<launchSecurity type='s390-pv'/>`: IBM Secure Execution, which has no parameters
/// (formatdomain: "Launch Security").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct S390Pv {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<launchSecurity type='tdx'>`: Intel TDX parameters (formatdomain: "Launch
/// Security", libvirt 11.5 and later; not in the 11.3 schema).
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tdx {
    /// `<policy>`: the TD attributes (hex).
    pub policy: Option<HexUint>,
    /// `<mrConfigId>`: base64 SHA-384 id for non-owner-defined configuration.
    #[serde(rename = "mrConfigId")]
    pub mr_config_id: Option<String>,
    /// `<mrOwner>`: base64 SHA-384 id of the guest owner.
    #[serde(rename = "mrOwner")]
    pub mr_owner: Option<String>,
    /// `<mrOwnerConfig>`: base64 SHA-384 id for owner-defined configuration.
    #[serde(rename = "mrOwnerConfig")]
    pub mr_owner_config: Option<String>,
    /// `<quoteGenerationService>`: where the guest gets attestation quotes.
    #[serde(rename = "quoteGenerationService")]
    pub quote_generation_service: Option<QuoteGenerationService>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<launchSecurity type='tdx'><quoteGenerationService>`: the host's Quote Generation
/// Service (formatdomain: "Launch Security").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteGenerationService {
    /// `path`: the QGS socket; absent uses the default one.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<launchSecurity type='…'>` with a `type` this crate does not know (formatdomain:
/// "Launch Security"); its content is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownLaunchSecurity {
    /// `type`: as written; `None` when absent.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_xml<T>(value: &T, root: &'static str, text: &str)
    where
        T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        assert_eq!(crate::codec::to_string(value, root).unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<T>(text, root).unwrap(),
            value,
            "{text}"
        );
        assert!(crate::codec::unmodelled(value, root).is_empty(), "{text}");
    }

    #[test]
    fn seclabels() {
        let table: Vec<(Seclabel, &str)> = vec![
            (
                Seclabel::dynamic("selinux"),
                "<seclabel type='dynamic' model='selinux'/>",
            ),
            (
                Seclabel {
                    relabel: Some(YesNo::Yes),
                    baselabel: Some("system_u:system_r:guest_t:s0".into()),
                    ..Seclabel::dynamic("selinux")
                },
                "<seclabel type='dynamic' model='selinux' relabel='yes'>\n  \
                 <baselabel>system_u:system_r:guest_t:s0</baselabel>\n</seclabel>",
            ),
            (
                Seclabel {
                    kind: Some(SeclabelType::Static),
                    model: Some("dac".into()),
                    relabel: Some(YesNo::No),
                    label: Some("+107:+107".into()),
                    imagelabel: Some("+107:+107".into()),
                    ..Default::default()
                },
                "<seclabel type='static' model='dac' relabel='no'>\n  <label>+107:+107</label>\n  \
                 <imagelabel>+107:+107</imagelabel>\n</seclabel>",
            ),
            (Seclabel::none(None), "<seclabel type='none'/>"),
            (
                Seclabel::none(Some("apparmor")),
                "<seclabel type='none' model='apparmor'/>",
            ),
        ];
        for (value, text) in &table {
            assert_xml(value, "seclabel", text);
        }
    }

    #[test]
    fn keywrap() {
        assert_xml(
            &Keywrap {
                ciphers: vec![
                    Cipher::new(CipherName::Aes, false),
                    Cipher::new(CipherName::Dea, true),
                ],
                ..Default::default()
            },
            "keywrap",
            "<keywrap>\n  <cipher name='aes' state='off'/>\n  <cipher name='dea' state='on'/>\n</keywrap>",
        );
    }

    #[test]
    fn launch_security_variants() {
        let table: Vec<(LaunchSecurity, &str)> = vec![
            (
                LaunchSecurity::Sev(Sev {
                    kernel_hashes: Some(YesNo::Yes),
                    cbitpos: Some(47),
                    reduced_phys_bits: Some(1),
                    policy: Some(HexUint::new(3, 4)),
                    handle: Some(1),
                    dh_cert: Some("AAAA".into()),
                    session: Some("BBBB".into()),
                    ..Default::default()
                }),
                "<launchSecurity type='sev' kernelHashes='yes'>\n  <cbitpos>47</cbitpos>\n  \
                 <reducedPhysBits>1</reducedPhysBits>\n  <policy>0x0003</policy>\n  \
                 <handle>1</handle>\n  <dhCert>AAAA</dhCert>\n  <session>BBBB</session>\n\
                 </launchSecurity>",
            ),
            (
                LaunchSecurity::SevSnp(SevSnp {
                    author_key: Some(YesNo::Yes),
                    vcek: Some(YesNo::No),
                    cbitpos: Some(51),
                    reduced_phys_bits: Some(1),
                    policy: Some(HexUint::new(0x30000, 8)),
                    guest_visible_workarounds: Some("CCCC".into()),
                    id_block: Some("DDDD".into()),
                    id_auth: Some("EEEE".into()),
                    host_data: Some("FFFF".into()),
                    ..Default::default()
                }),
                "<launchSecurity type='sev-snp' authorKey='yes' vcek='no'>\n  <cbitpos>51</cbitpos>\n  \
                 <reducedPhysBits>1</reducedPhysBits>\n  <policy>0x00030000</policy>\n  \
                 <guestVisibleWorkarounds>CCCC</guestVisibleWorkarounds>\n  <idBlock>DDDD</idBlock>\n  \
                 <idAuth>EEEE</idAuth>\n  <hostData>FFFF</hostData>\n</launchSecurity>",
            ),
            (
                LaunchSecurity::S390Pv(S390Pv::default()),
                "<launchSecurity type='s390-pv'/>",
            ),
            (
                LaunchSecurity::Tdx(Tdx {
                    policy: Some(HexUint::new(0x1000_0001, 8)),
                    mr_config_id: Some("GGGG".into()),
                    mr_owner: Some("HHHH".into()),
                    mr_owner_config: Some("IIII".into()),
                    quote_generation_service: Some(QuoteGenerationService {
                        path: Some("/run/tdx-qgs/qgs.socket".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<launchSecurity type='tdx'>\n  <policy>0x10000001</policy>\n  \
                 <mrConfigId>GGGG</mrConfigId>\n  <mrOwner>HHHH</mrOwner>\n  \
                 <mrOwnerConfig>IIII</mrOwnerConfig>\n  \
                 <quoteGenerationService path='/run/tdx-qgs/qgs.socket'/>\n</launchSecurity>",
            ),
        ];
        for (value, text) in &table {
            assert_xml(value, "launchSecurity", text);
        }
    }

    #[test]
    fn policy_without_prefix_is_hex() {
        let text = "<launchSecurity type='sev'>\n  <policy>10</policy>\n</launchSecurity>";
        let value = crate::codec::from_str::<LaunchSecurity>(text, "launchSecurity").unwrap();
        let LaunchSecurity::Sev(sev) = &value else {
            panic!("expected sev");
        };
        assert_eq!(sev.policy.unwrap().value, 16);
        assert_eq!(
            crate::codec::to_string(&value, "launchSecurity").unwrap(),
            text
        );
    }

    #[test]
    fn unknown_launch_security_is_kept_whole() {
        for text in [
            "<launchSecurity type='cca' realm='yes'>\n  <measurement>x</measurement>\n</launchSecurity>",
            "<launchSecurity>\n  <policy>0x1</policy>\n</launchSecurity>",
        ] {
            let value = crate::codec::from_str::<LaunchSecurity>(text, "launchSecurity").unwrap();
            assert!(matches!(value, LaunchSecurity::Other(_)), "{text}");
            assert_eq!(crate::codec::to_string(&value, "launchSecurity").unwrap(), text);
            assert!(!crate::codec::unmodelled(&value, "launchSecurity").is_empty());
        }
        let value = crate::codec::from_str::<LaunchSecurity>(
            "<launchSecurity type='cca'/>",
            "launchSecurity",
        )
        .unwrap();
        assert_eq!(value.kind(), Some("cca"));
    }
}
