//! `<encryption>` of a disk or disk source: how the image is encrypted (schema
//! `encryption` in storagecommon.rng; formatdomain: "Hard drives, floppy disks,
//! CDROMs", formatstorageencryption).

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<encryption format=…>`: the encryption format (formatdomain: "Hard drives,
    /// floppy disks, CDROMs").
    pub enum EncryptionFormat {
        /// `default`: whatever the image uses.
        Default = "default",
        /// `qcow`: legacy qcow AES encryption.
        Qcow = "qcow",
        /// `luks`: LUKS (version 1).
        Luks = "luks",
        /// `luks2`: LUKS version 2.
        Luks2 = "luks2",
        /// `luks-any`: any LUKS version (RBD with `engine='librbd'`).
        LuksAny = "luks-any",
    }
}

value_enum! {
    /// `<encryption engine=…>`: who decrypts (formatdomain: "Hard drives, floppy
    /// disks, CDROMs").
    pub enum EncryptionEngine {
        /// `qemu`: QEMU's own block layer.
        Qemu = "qemu",
        /// `librbd`: Ceph's librbd.
        Librbd = "librbd",
    }
}

value_enum! {
    /// `<secret type=…>` inside `<encryption>` (formatdomain: "Hard drives, floppy
    /// disks, CDROMs").
    pub enum EncryptionSecretType {
        /// `passphrase`: the secret is the passphrase.
        Passphrase = "passphrase",
    }
}

/// `<encryption>`: the image's encryption and its key (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Encryption {
    /// `format`: the encryption format.
    #[serde(rename = "@format")]
    pub format: Option<EncryptionFormat>,
    /// `engine`: who decrypts.
    #[serde(rename = "@engine")]
    pub engine: Option<EncryptionEngine>,
    /// `<secret>`: the libvirt secrets holding the passphrases.
    #[serde(rename = "secret")]
    pub secrets: Vec<EncryptionSecret>,
    /// `<cipher>`: the cipher used when creating a LUKS volume.
    pub cipher: Option<EncryptionCipher>,
    /// `<ivgen>`: the IV generator used when creating a LUKS volume.
    pub ivgen: Option<EncryptionIvgen>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<secret>` inside `<encryption>`: a passphrase secret by `uuid` or `usage`
/// (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EncryptionSecret {
    /// `type`: always `passphrase`.
    #[serde(rename = "@type")]
    pub kind: Option<EncryptionSecretType>,
    /// `uuid`: the secret's UUID.
    #[serde(rename = "@uuid")]
    pub uuid: Option<String>,
    /// `usage`: the secret's usage name.
    #[serde(rename = "@usage")]
    pub usage: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cipher>` inside `<encryption>` (formatstorageencryption: "LUKS").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EncryptionCipher {
    /// `name`: the cipher, e.g. `aes`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `size`: key size in bits.
    #[serde(rename = "@size")]
    pub size: Option<u32>,
    /// `mode`: cipher mode, e.g. `xts`.
    #[serde(rename = "@mode")]
    pub mode: Option<String>,
    /// `hash`: hash algorithm, e.g. `sha256`.
    #[serde(rename = "@hash")]
    pub hash: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<ivgen>` inside `<encryption>` (formatstorageencryption: "LUKS").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EncryptionIvgen {
    /// `name`: the generator, e.g. `plain64`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `hash`: hash algorithm.
    #[serde(rename = "@hash")]
    pub hash: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn encryption_round_trips() {
        let value = Encryption {
            format: Some(EncryptionFormat::Luks),
            engine: Some(EncryptionEngine::Qemu),
            secrets: vec![EncryptionSecret {
                kind: Some(EncryptionSecretType::Passphrase),
                uuid: Some("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f".into()),
                ..Default::default()
            }],
            cipher: Some(EncryptionCipher {
                name: Some("aes".into()),
                size: Some(256),
                mode: Some("xts".into()),
                hash: Some("sha256".into()),
                ..Default::default()
            }),
            ivgen: Some(EncryptionIvgen {
                name: Some("plain64".into()),
                hash: Some("sha256".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let xml = "<encryption format='luks' engine='qemu'>\n  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n  <cipher name='aes' size='256' mode='xts' hash='sha256'/>\n  <ivgen name='plain64' hash='sha256'/>\n</encryption>";
        assert_xml(&value, "encryption", xml);
        assert_eq!(assert_modelled::<Encryption>(xml, "encryption"), value);
    }

    #[test]
    fn unknown_format_is_kept() {
        let xml = "<encryption format='luks3'/>";
        let enc: Encryption = crate::codec::from_str(xml, "encryption").unwrap();
        assert_eq!(enc.format, Some(EncryptionFormat::Other("luks3".into())));
        assert_eq!(crate::codec::to_string(&enc, "encryption").unwrap(), xml);
        // A value outside the closed set is kept and reported.
        let unmodelled = crate::codec::unmodelled(&enc, "encryption");
        assert_eq!(unmodelled.len(), 1);
        assert_eq!(unmodelled[0].path, "/encryption/@format");
        assert_eq!(unmodelled[0].kind, "value");
    }
}
