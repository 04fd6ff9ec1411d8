//! `<video>`: video adapters (formatdomain: "Video devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias};
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<driver name=…>` of a video device: the backend that implements it
    /// (formatdomain: "Video devices").
    pub enum VideoDriverName {
        /// `qemu`: QEMU's own device (the default).
        Qemu = "qemu",
        /// `vhostuser`: a separate vhost-user GPU process.
        Vhostuser = "vhostuser",
    }
}

value_enum! {
    /// `<driver vgaconf=…>` of a video device: how VGA is exposed to the guest
    /// (bhyve `gop` model; formatdomain: "Video devices").
    pub enum VgaConf {
        /// `io`
        Io = "io",
        /// `on`
        On = "on",
        /// `off`
        Off = "off",
    }
}

value_enum! {
    /// `<model type=…>` of a video device: the emulated adapter
    /// (formatdomain: "Video devices").
    pub enum VideoModelType {
        /// `vga`: standard VGA.
        Vga = "vga",
        /// `cirrus`: Cirrus Logic GD5446.
        Cirrus = "cirrus",
        /// `vmvga`: VMware SVGA.
        Vmvga = "vmvga",
        /// `xen`: Xen paravirtual framebuffer.
        Xen = "xen",
        /// `vbox`: VirtualBox adapter.
        Vbox = "vbox",
        /// `qxl`: SPICE QXL.
        Qxl = "qxl",
        /// `virtio`: virtio-gpu (virgl with 3D acceleration).
        Virtio = "virtio",
        /// `gop`: UEFI GOP framebuffer (bhyve).
        Gop = "gop",
        /// `bochs`: Bochs display.
        Bochs = "bochs",
        /// `ramfb`: a simple RAM framebuffer.
        Ramfb = "ramfb",
        /// `none`: no video device at all.
        None = "none",
    }
}

/// `<video>`: a video adapter (formatdomain: "Video devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Video {
    /// `<driver>`: backend and virtio options.
    pub driver: Option<VideoDriver>,
    /// `<model>`: the adapter and its memory, heads and acceleration.
    pub model: Option<VideoModel>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the adapter sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Video {
    /// A video device of this model and no further settings.
    pub fn new(kind: VideoModelType) -> Self {
        Video {
            model: Some(VideoModel {
                kind: Some(kind),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// A virtio GPU (`<video><model type='virtio'/></video>`), Phyllome's choice.
    pub fn virtio() -> Self {
        Video::new(VideoModelType::Virtio)
    }
}

/// `<driver>` of a video device (formatdomain: "Video devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoDriver {
    /// `iommu`: use the emulated IOMMU (virtio option).
    #[serde(rename = "@iommu")]
    pub iommu: Option<OnOff>,
    /// `ats`: PCIe Address Translation Service (virtio option).
    #[serde(rename = "@ats")]
    pub ats: Option<OnOff>,
    /// `packed`: packed virtqueues (virtio option).
    #[serde(rename = "@packed")]
    pub packed: Option<OnOff>,
    /// `page_per_vq`: one notification page per queue (virtio option).
    #[serde(rename = "@page_per_vq")]
    pub page_per_vq: Option<OnOff>,
    /// `name`: the backend (`vhostuser`: virtio-gpu in a separate process).
    #[serde(rename = "@name")]
    pub name: Option<VideoDriverName>,
    /// `vgaconf`: bhyve VGA configuration.
    #[serde(rename = "@vgaconf")]
    pub vgaconf: Option<VgaConf>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<model>` of a video device (formatdomain: "Video devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoModel {
    /// `type`: the adapter.
    #[serde(rename = "@type")]
    pub kind: Option<VideoModelType>,
    /// `ram`: QXL primary bar size in KiB.
    #[serde(rename = "@ram")]
    pub ram: Option<u32>,
    /// `vram`: video memory in KiB.
    #[serde(rename = "@vram")]
    pub vram: Option<u32>,
    /// `vram64`: QXL 64-bit video memory in KiB.
    #[serde(rename = "@vram64")]
    pub vram64: Option<u32>,
    /// `vgamem`: QXL VGA framebuffer size in KiB.
    #[serde(rename = "@vgamem")]
    pub vgamem: Option<u32>,
    /// `heads`: number of screens.
    #[serde(rename = "@heads")]
    pub heads: Option<u32>,
    /// `primary`: this is the primary adapter.
    #[serde(rename = "@primary")]
    pub primary: Option<YesNo>,
    /// `blob`: virtio-gpu blob resources.
    #[serde(rename = "@blob")]
    pub blob: Option<OnOff>,
    /// `<acceleration>`: 2D/3D acceleration.
    pub acceleration: Option<VideoAcceleration>,
    /// `<resolution>`: initial resolution.
    pub resolution: Option<VideoResolution>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<acceleration>` of a video model (formatdomain: "Video devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoAcceleration {
    /// `accel3d`: 3D acceleration (virgl).
    #[serde(rename = "@accel3d")]
    pub accel3d: Option<YesNo>,
    /// `accel2d`: 2D acceleration.
    #[serde(rename = "@accel2d")]
    pub accel2d: Option<YesNo>,
    /// `rendernode`: DRM render node for a vhost-user GPU.
    #[serde(rename = "@rendernode")]
    pub rendernode: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<resolution>` of a video model (formatdomain: "Video devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoResolution {
    /// `x`: width in pixels.
    #[serde(rename = "@x")]
    pub x: Option<u32>,
    /// `y`: height in pixels.
    #[serde(rename = "@y")]
    pub y: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    fn phyllome_video(accel3d: YesNo) -> Video {
        Video {
            model: Some(VideoModel {
                kind: Some(VideoModelType::Virtio),
                heads: Some(1),
                primary: Some(YesNo::Yes),
                acceleration: Some(VideoAcceleration {
                    accel3d: Some(accel3d),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn phyllome_video_is_fully_modelled() {
        for (accel, word) in [(YesNo::Yes, "yes"), (YesNo::No, "no")] {
            let xml = format!("<video>\n  <model type='virtio' heads='1' primary='yes'>\n    <acceleration accel3d='{word}'/>\n  </model>\n</video>");
            assert_xml(&phyllome_video(accel), "video", &xml);
            assert_eq!(
                assert_modelled::<Video>(&xml, "video"),
                phyllome_video(accel)
            );
        }
    }

    #[test]
    fn videos_round_trip() {
        assert_xml(
            &Video::new(VideoModelType::None),
            "video",
            "<video>\n  <model type='none'/>\n</video>",
        );
        assert_xml(
            &Video {
                driver: Some(VideoDriver {
                    name: Some(VideoDriverName::Vhostuser),
                    iommu: Some(OnOff::On),
                    ..Default::default()
                }),
                model: Some(VideoModel {
                    kind: Some(VideoModelType::Qxl),
                    ram: Some(65536),
                    vram: Some(65536),
                    vgamem: Some(16384),
                    heads: Some(1),
                    primary: Some(YesNo::Yes),
                    blob: Some(OnOff::On),
                    resolution: Some(VideoResolution {
                        x: Some(1920),
                        y: Some(1080),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                alias: Some(Alias::new("video0")),
                address: Some(Address::pci(0, 0, 1, 0)),
                ..Default::default()
            },
            "video",
            "<video>\n  <driver iommu='on' name='vhostuser'/>\n  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes' blob='on'>\n    <resolution x='1920' y='1080'/>\n  </model>\n  <alias name='video0'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n</video>",
        );
    }
}
