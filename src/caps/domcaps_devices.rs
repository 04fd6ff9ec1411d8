//! `<domainCapabilities><devices>`: for each device kind, whether it is supported and
//! the values its attributes may take (formatdomaincaps: "Devices").

use serde::{Deserialize, Serialize};

use crate::caps::domcaps_enums::EnumCaps;
use crate::xml::Extra;

/// `<devices>`: one element per device kind, each with `supported` and `<enum>` lists
/// (formatdomaincaps: "Devices"). The enum names each kind uses are listed on its
/// field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DevicesCaps {
    /// `<disk>`: enums `diskDevice`, `bus`, `model` (formatdomaincaps: "Hard drives,
    /// floppy disks, CDROMs").
    pub disk: Option<EnumCaps>,
    /// `<graphics>`: enum `type` (formatdomaincaps: "Graphical framebuffers").
    pub graphics: Option<EnumCaps>,
    /// `<video>`: enum `modelType` (formatdomaincaps: "Video device").
    pub video: Option<EnumCaps>,
    /// `<hostdev>`: enums `mode`, `startupPolicy`, `subsysType`, `capsType`,
    /// `pciBackend` (formatdomaincaps: "Host device assignment").
    pub hostdev: Option<EnumCaps>,
    /// `<rng>`: enums `model`, `backendModel` (formatdomaincaps: "RNG device").
    pub rng: Option<EnumCaps>,
    /// `<filesystem>`: enum `driverType` (formatdomaincaps: "Filesystem device").
    pub filesystem: Option<EnumCaps>,
    /// `<tpm>`: enums `model`, `backendModel`, `backendVersion` (formatdomaincaps: "TPM
    /// device").
    pub tpm: Option<EnumCaps>,
    /// `<redirdev>`: enum `bus` (formatdomaincaps: "Redirect device").
    pub redirdev: Option<EnumCaps>,
    /// `<channel>`: enum `type` (formatdomaincaps: "Channel device").
    pub channel: Option<EnumCaps>,
    /// `<crypto>`: enums `model`, `type`, `backendModel` (formatdomaincaps: "Crypto
    /// device").
    pub crypto: Option<EnumCaps>,
    /// `<interface>`: enum `backendType` (formatdomaincaps: "Interface device").
    pub interface: Option<EnumCaps>,
    /// `<panic>`: enum `model` (formatdomaincaps: "Panic device").
    pub panic: Option<EnumCaps>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
