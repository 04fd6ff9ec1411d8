//! `<sound>`: sound cards (formatdomain: "Sound devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, VirtioDriver};
use crate::values::{value_enum, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<sound model=…>`: the emulated sound card (formatdomain: "Sound devices").
    pub enum SoundModel {
        /// `sb16`: Sound Blaster 16.
        Sb16 = "sb16",
        /// `es1370`: Ensoniq AudioPCI.
        Es1370 = "es1370",
        /// `pcspk`: PC speaker.
        Pcspk = "pcspk",
        /// `ac97`: Intel AC'97.
        Ac97 = "ac97",
        /// `ich6`: Intel HD Audio (ICH6).
        Ich6 = "ich6",
        /// `ich7`: Intel HD Audio (ICH7).
        Ich7 = "ich7",
        /// `ich9`: Intel HD Audio (ICH9).
        Ich9 = "ich9",
        /// `usb`: USB audio.
        Usb = "usb",
        /// `virtio`: virtio-sound.
        Virtio = "virtio",
    }
}

value_enum! {
    /// `<codec type=…>`: an HD Audio codec (formatdomain: "Sound devices").
    pub enum SoundCodecType {
        /// `duplex`: line in and line out.
        Duplex = "duplex",
        /// `micro`: microphone and speaker.
        Micro = "micro",
        /// `output`: line out only.
        Output = "output",
    }
}

/// `<sound>`: a sound card (formatdomain: "Sound devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Sound {
    /// `model`: the emulated card.
    #[serde(rename = "@model")]
    pub model: Option<SoundModel>,
    /// `multichannel`: USB audio multichannel mode.
    #[serde(rename = "@multichannel")]
    pub multichannel: Option<YesNo>,
    /// `streams`: virtio-sound stream count.
    #[serde(rename = "@streams")]
    pub streams: Option<u32>,
    /// `<codec>`: HD Audio codecs.
    #[serde(rename = "codec")]
    pub codecs: Vec<SoundCodec>,
    /// `<audio>`: the `<audio>` backend to play through.
    pub audio: Option<SoundAudio>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the card sits.
    pub address: Option<Address>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Sound {
    /// A sound card of this model.
    pub fn new(model: SoundModel) -> Self {
        Sound {
            model: Some(model),
            ..Default::default()
        }
    }
}

/// `<codec>` of a sound card (formatdomain: "Sound devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SoundCodec {
    /// `type`: the codec.
    #[serde(rename = "@type")]
    pub kind: Option<SoundCodecType>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<audio>` of a sound card: which `<audio>` backend it uses (formatdomain: "Sound
/// devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SoundAudio {
    /// `id`: the `<audio id=…>` to use.
    #[serde(rename = "@id")]
    pub id: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn sounds_round_trip() {
        let xml = "<sound model='virtio'/>";
        assert_xml(&Sound::new(SoundModel::Virtio), "sound", xml);
        assert_eq!(
            assert_modelled::<Sound>(xml, "sound"),
            Sound::new(SoundModel::Virtio)
        );
        assert_xml(
            &Sound {
                codecs: vec![
                    SoundCodec {
                        kind: Some(SoundCodecType::Duplex),
                        ..Default::default()
                    },
                    SoundCodec {
                        kind: Some(SoundCodecType::Micro),
                        ..Default::default()
                    },
                ],
                audio: Some(SoundAudio {
                    id: Some(1u32.into()),
                    ..Default::default()
                }),
                alias: Some(Alias::new("sound0")),
                address: Some(Address::pci(0, 0, 0x1b, 0)),
                ..Sound::new(SoundModel::Ich9)
            },
            "sound",
            "<sound model='ich9'>\n  <codec type='duplex'/>\n  <codec type='micro'/>\n  <audio id='1'/>\n  <alias name='sound0'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x1b' function='0x0'/>\n</sound>",
        );
        assert_xml(
            &Sound {
                streams: Some(2),
                driver: Some(VirtioDriver {
                    packed: Some(crate::values::OnOff::On),
                    ..Default::default()
                }),
                ..Sound::new(SoundModel::Virtio)
            },
            "sound",
            "<sound model='virtio' streams='2'>\n  <driver packed='on'/>\n</sound>",
        );
    }
}
