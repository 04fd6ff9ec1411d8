//! `<graphics>` and `<video>` (src/devices/graphics.rs, video.rs).

use libvirt_domain::devices::{
    Clipboard, CompressionPolicy, Graphics, GraphicsAudio, GraphicsConnected, GraphicsGl,
    GraphicsListen, GraphicsType, ImageCompression, ListenType, MouseMode, MouseModeKind,
    SpiceChannel, SpiceChannelMode, SpiceChannelName, SpiceCompression, SpiceFileTransfer,
    SpiceImage, SpicePlayback, SpiceStreaming, StreamingMode, VgaConf, Video, VideoAcceleration,
    VideoDriver, VideoDriverName, VideoModel, VideoModelType, VideoResolution, VncSharePolicy,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias};
use crate::strategies::values::{on_off, text, uint, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

/// `<clipboard>` (SPICE graphics, qemu-vdagent channels).
pub fn clipboard() -> BoxedStrategy<Clipboard> {
    structure!(Clipboard {
        copypaste: opt(yes_no()),
        extra: extra(),
    })
}

/// `<mouse>` (SPICE graphics, qemu-vdagent channels).
pub fn mouse_mode() -> BoxedStrategy<MouseMode> {
    structure!(MouseMode {
        mode: opt(value_enum!(MouseModeKind)),
        extra: extra(),
    })
}

fn compression() -> BoxedStrategy<SpiceCompression> {
    structure!(SpiceCompression {
        compression: opt(value_enum!(CompressionPolicy)),
        extra: extra(),
    })
}

/// `<graphics>`.
pub fn graphics() -> BoxedStrategy<Graphics> {
    structure!(Graphics {
        kind: opt(value_enum!(GraphicsType)),
        port: opt(any::<i32>()),
        tls_port: opt(any::<i32>()),
        autoport: opt(yes_no()),
        websocket: opt(any::<i32>()),
        socket: opt(text()),
        listen: opt(text()),
        keymap: opt(text()),
        default_mode: opt(value_enum!(SpiceChannelMode)),
        share_policy: opt(value_enum!(VncSharePolicy)),
        replace_user: opt(yes_no()),
        multi_user: opt(yes_no()),
        username: opt(text()),
        passwd: opt(text()),
        passwd_valid_to: opt(text()),
        connected: opt(value_enum!(GraphicsConnected)),
        power_control: opt(yes_no()),
        display: opt(text()),
        xauth: opt(text()),
        fullscreen: opt(yes_no()),
        address: opt(text()),
        p2p: opt(yes_no()),
        listens: list(structure!(GraphicsListen {
            kind: opt(value_enum!(ListenType)),
            address: opt(text()),
            network: opt(text()),
            socket: opt(text()),
            extra: extra(),
        })),
        channels: list(structure!(SpiceChannel {
            name: opt(value_enum!(SpiceChannelName)),
            mode: opt(value_enum!(SpiceChannelMode)),
            extra: extra(),
        })),
        image: opt(structure!(SpiceImage {
            compression: opt(value_enum!(ImageCompression)),
            extra: extra(),
        })),
        jpeg: opt(compression()),
        zlib: opt(compression()),
        playback: opt(structure!(SpicePlayback {
            compression: opt(on_off()),
            extra: extra(),
        })),
        streaming: opt(structure!(SpiceStreaming {
            mode: opt(value_enum!(StreamingMode)),
            extra: extra(),
        })),
        clipboard: opt(clipboard()),
        mouse: opt(mouse_mode()),
        filetransfer: opt(structure!(SpiceFileTransfer {
            enable: opt(yes_no()),
            extra: extra(),
        })),
        gl: opt(structure!(GraphicsGl {
            enable: opt(yes_no()),
            rendernode: opt(text()),
            extra: extra(),
        })),
        audio: opt(structure!(GraphicsAudio {
            id: opt(uint()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn video_model() -> BoxedStrategy<VideoModel> {
    structure!(VideoModel {
        kind: opt(value_enum!(VideoModelType)),
        ram: opt(any::<u32>()),
        vram: opt(any::<u32>()),
        vram64: opt(any::<u32>()),
        vgamem: opt(any::<u32>()),
        heads: opt(any::<u32>()),
        primary: opt(yes_no()),
        blob: opt(on_off()),
        acceleration: opt(structure!(VideoAcceleration {
            accel3d: opt(yes_no()),
            accel2d: opt(yes_no()),
            rendernode: opt(text()),
            extra: extra(),
        })),
        resolution: opt(structure!(VideoResolution {
            x: opt(any::<u32>()),
            y: opt(any::<u32>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<video>`.
pub fn video() -> BoxedStrategy<Video> {
    structure!(Video {
        driver: opt(structure!(VideoDriver {
            iommu: opt(on_off()),
            ats: opt(on_off()),
            packed: opt(on_off()),
            page_per_vq: opt(on_off()),
            name: opt(value_enum!(VideoDriverName)),
            vgaconf: opt(value_enum!(VgaConf)),
            extra: extra(),
        })),
        model: opt(video_model()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}
