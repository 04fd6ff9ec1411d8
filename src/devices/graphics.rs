//! `<graphics>`: graphical framebuffers (formatdomain: "Graphical framebuffers").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, OnOff, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<graphics type=…>`: the display protocol (formatdomain: "Graphical framebuffers").
    pub enum GraphicsType {
        /// `sdl`: a local SDL window.
        Sdl = "sdl",
        /// `vnc`: a VNC server.
        Vnc = "vnc",
        /// `spice`: a SPICE server.
        Spice = "spice",
        /// `rdp`: an RDP server.
        Rdp = "rdp",
        /// `desktop`: a VirtualBox desktop window.
        Desktop = "desktop",
        /// `egl-headless`: OpenGL rendering without a display, for other displays.
        EglHeadless = "egl-headless",
        /// `dbus`: QEMU's D-Bus display.
        Dbus = "dbus",
    }
}

value_enum! {
    /// `<listen type=…>`: what a graphics server listens on
    /// (formatdomain: "Graphical framebuffers").
    pub enum ListenType {
        /// `address`: an IP address or host name.
        Address = "address",
        /// `network`: an address of a libvirt network.
        Network = "network",
        /// `socket`: a UNIX socket.
        Socket = "socket",
        /// `none`: no network listener (SPICE with OpenGL, local clients only).
        None = "none",
    }
}

value_enum! {
    /// `<image compression=…>`: SPICE lossless image compression
    /// (formatdomain: "Graphical framebuffers").
    pub enum ImageCompression {
        /// `auto_glz`
        AutoGlz = "auto_glz",
        /// `auto_lz`
        AutoLz = "auto_lz",
        /// `quic`
        Quic = "quic",
        /// `glz`
        Glz = "glz",
        /// `lz`
        Lz = "lz",
        /// `off`
        Off = "off",
    }
}

value_enum! {
    /// `<jpeg compression=…>` and `<zlib compression=…>`: when SPICE compresses
    /// (formatdomain: "Graphical framebuffers").
    pub enum CompressionPolicy {
        /// `auto`
        Auto = "auto",
        /// `never`
        Never = "never",
        /// `always`
        Always = "always",
    }
}

value_enum! {
    /// `<streaming mode=…>`: SPICE video streaming detection
    /// (formatdomain: "Graphical framebuffers").
    pub enum StreamingMode {
        /// `filter`
        Filter = "filter",
        /// `all`
        All = "all",
        /// `off`
        Off = "off",
    }
}

value_enum! {
    /// `<mouse mode=…>`: SPICE (or qemu-vdagent) mouse mode
    /// (formatdomain: "Graphical framebuffers").
    pub enum MouseModeKind {
        /// `server`: relative, the server draws the cursor.
        Server = "server",
        /// `client`: absolute, the client draws the cursor.
        Client = "client",
    }
}

value_enum! {
    /// `<graphics sharePolicy=…>`: how a VNC server shares its display between
    /// clients (formatdomain: "Graphical framebuffers").
    pub enum VncSharePolicy {
        /// `allow-exclusive`: a client may ask for exclusive access, dropping the
        /// others (the default).
        AllowExclusive = "allow-exclusive",
        /// `force-shared`: no exclusive access; every client must ask for a shared
        /// session.
        ForceShared = "force-shared",
        /// `ignore`: every connection is welcome, whatever it asks for.
        Ignore = "ignore",
    }
}

value_enum! {
    /// `<graphics connected=…>`: what happens to connected clients when the password
    /// changes (formatdomain: "Graphical framebuffers"; VNC accepts `keep` only).
    pub enum GraphicsConnected {
        /// `fail`: refuse to change the password (SPICE).
        Fail = "fail",
        /// `disconnect`: disconnect the clients (SPICE).
        Disconnect = "disconnect",
        /// `keep`: keep the clients connected.
        Keep = "keep",
    }
}

value_enum! {
    /// `<graphics defaultMode=…>` and `<channel mode=…>` of SPICE graphics: whether
    /// channels run on the TLS port (formatdomain: "Graphical framebuffers").
    pub enum SpiceChannelMode {
        /// `any`: secure if possible, insecure otherwise (the default).
        Any = "any",
        /// `secure`: the TLS port only.
        Secure = "secure",
        /// `insecure`: the plain port only.
        Insecure = "insecure",
    }
}

value_enum! {
    /// `<channel name=…>` of SPICE graphics: the SPICE channel a mode applies to
    /// (formatdomain: "Graphical framebuffers").
    pub enum SpiceChannelName {
        /// `main`
        Main = "main",
        /// `display`
        Display = "display",
        /// `inputs`
        Inputs = "inputs",
        /// `cursor`
        Cursor = "cursor",
        /// `playback`
        Playback = "playback",
        /// `record`
        Record = "record",
        /// `smartcard`
        Smartcard = "smartcard",
        /// `usbredir`
        Usbredir = "usbredir",
    }
}

/// `<graphics>`: a graphical framebuffer (formatdomain: "Graphical framebuffers").
///
/// One struct for every `type`; each type uses a subset of the attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Graphics {
    /// `type`: the display protocol.
    #[serde(rename = "@type")]
    pub kind: Option<GraphicsType>,
    /// `port`: TCP port (`-1` with `autoport`).
    #[serde(rename = "@port")]
    pub port: Option<i32>,
    /// `tlsPort`: SPICE TLS port.
    #[serde(rename = "@tlsPort")]
    pub tls_port: Option<i32>,
    /// `autoport`: allocate ports automatically.
    #[serde(rename = "@autoport")]
    pub autoport: Option<YesNo>,
    /// `websocket`: VNC WebSocket port.
    #[serde(rename = "@websocket")]
    pub websocket: Option<i32>,
    /// `socket`: VNC UNIX socket path.
    #[serde(rename = "@socket")]
    pub socket: Option<String>,
    /// `listen`: legacy listen address (mirrors the first `<listen>`).
    #[serde(rename = "@listen")]
    pub listen: Option<String>,
    /// `keymap`: keyboard layout, e.g. `en-us`.
    #[serde(rename = "@keymap")]
    pub keymap: Option<String>,
    /// `defaultMode`: SPICE default channel security.
    #[serde(rename = "@defaultMode")]
    pub default_mode: Option<SpiceChannelMode>,
    /// `sharePolicy`: VNC sharing policy.
    #[serde(rename = "@sharePolicy")]
    pub share_policy: Option<VncSharePolicy>,
    /// `replaceUser`: RDP replaces an existing connection.
    #[serde(rename = "@replaceUser")]
    pub replace_user: Option<YesNo>,
    /// `multiUser`: RDP allows several connections.
    #[serde(rename = "@multiUser")]
    pub multi_user: Option<YesNo>,
    /// `username`: RDP user name.
    #[serde(rename = "@username")]
    pub username: Option<String>,
    /// `passwd`: connection password.
    #[serde(rename = "@passwd")]
    pub passwd: Option<String>,
    /// `passwdValidTo`: password expiry timestamp.
    #[serde(rename = "@passwdValidTo")]
    pub passwd_valid_to: Option<String>,
    /// `connected`: what to do with clients when the password changes.
    #[serde(rename = "@connected")]
    pub connected: Option<GraphicsConnected>,
    /// `powerControl`: let VNC clients power the guest off and on.
    #[serde(rename = "@powerControl")]
    pub power_control: Option<YesNo>,
    /// `display`: X11 display (sdl, desktop).
    #[serde(rename = "@display")]
    pub display: Option<String>,
    /// `xauth`: X authority file (sdl).
    #[serde(rename = "@xauth")]
    pub xauth: Option<String>,
    /// `fullscreen`: start full screen (sdl, desktop).
    #[serde(rename = "@fullscreen")]
    pub fullscreen: Option<YesNo>,
    /// `address`: D-Bus address (dbus).
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `p2p`: peer-to-peer D-Bus connection (dbus).
    #[serde(rename = "@p2p")]
    pub p2p: Option<YesNo>,
    /// `<listen>`: listeners, in order.
    #[serde(rename = "listen")]
    pub listens: Vec<GraphicsListen>,
    /// `<channel>`: SPICE channel security settings.
    #[serde(rename = "channel")]
    pub channels: Vec<SpiceChannel>,
    /// `<image>`: SPICE image compression.
    pub image: Option<SpiceImage>,
    /// `<jpeg>`: SPICE JPEG compression.
    pub jpeg: Option<SpiceCompression>,
    /// `<zlib>`: SPICE zlib compression.
    pub zlib: Option<SpiceCompression>,
    /// `<playback>`: SPICE audio compression.
    pub playback: Option<SpicePlayback>,
    /// `<streaming>`: SPICE video streaming.
    pub streaming: Option<SpiceStreaming>,
    /// `<clipboard>`: SPICE clipboard sharing.
    pub clipboard: Option<Clipboard>,
    /// `<mouse>`: SPICE mouse mode.
    pub mouse: Option<MouseMode>,
    /// `<filetransfer>`: SPICE file transfer.
    pub filetransfer: Option<SpiceFileTransfer>,
    /// `<gl>`: OpenGL acceleration (spice, sdl, egl-headless, dbus).
    pub gl: Option<GraphicsGl>,
    /// `<audio>`: the `<audio>` backend used for VNC/D-Bus audio.
    pub audio: Option<GraphicsAudio>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Graphics {
    /// A display of this type and no further settings.
    pub fn new(kind: GraphicsType) -> Self {
        Graphics {
            kind: Some(kind),
            ..Default::default()
        }
    }

    /// A VNC display on a port libvirt picks (`<graphics type='vnc' autoport='yes'/>`).
    pub fn vnc() -> Self {
        Graphics {
            autoport: Some(YesNo::Yes),
            ..Graphics::new(GraphicsType::Vnc)
        }
    }

    /// A SPICE display on a port libvirt picks (`<graphics type='spice'
    /// autoport='yes'/>`).
    pub fn spice() -> Self {
        Graphics {
            autoport: Some(YesNo::Yes),
            ..Graphics::new(GraphicsType::Spice)
        }
    }
}

/// `<listen>`: one listener of a graphics server (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphicsListen {
    /// `type`: what to listen on.
    #[serde(rename = "@type")]
    pub kind: Option<ListenType>,
    /// `address`: IP address or host name (`address`; resolved address for `network`).
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `network`: libvirt network whose address to use.
    #[serde(rename = "@network")]
    pub network: Option<String>,
    /// `socket`: UNIX socket path.
    #[serde(rename = "@socket")]
    pub socket: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl GraphicsListen {
    /// A listener of this type.
    pub fn new(kind: ListenType) -> Self {
        GraphicsListen {
            kind: Some(kind),
            ..Default::default()
        }
    }
}

/// `<channel>` of SPICE graphics: one channel's security (formatdomain: "Graphical
/// framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpiceChannel {
    /// `name`: the channel.
    #[serde(rename = "@name")]
    pub name: Option<SpiceChannelName>,
    /// `mode`: the port it may use.
    #[serde(rename = "@mode")]
    pub mode: Option<SpiceChannelMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<image>` of SPICE graphics: lossless image compression (formatdomain: "Graphical
/// framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpiceImage {
    /// `compression`: the algorithm, or `off`.
    #[serde(rename = "@compression")]
    pub compression: Option<ImageCompression>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<jpeg>` or `<zlib>` of SPICE graphics: WAN compression policy (formatdomain:
/// "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpiceCompression {
    /// `compression`: `auto`, `never` or `always`.
    #[serde(rename = "@compression")]
    pub compression: Option<CompressionPolicy>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<playback>` of SPICE graphics: audio stream compression (formatdomain: "Graphical
/// framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpicePlayback {
    /// `compression`: on or off.
    #[serde(rename = "@compression")]
    pub compression: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<streaming>` of SPICE graphics (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpiceStreaming {
    /// `mode`: `filter`, `all` or `off`.
    #[serde(rename = "@mode")]
    pub mode: Option<StreamingMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<clipboard>`: clipboard sharing of SPICE graphics or a qemu-vdagent channel
/// (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Clipboard {
    /// `copypaste`: allow copy and paste.
    #[serde(rename = "@copypaste")]
    pub copypaste: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<mouse>`: mouse mode of SPICE graphics or a qemu-vdagent channel (formatdomain:
/// "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MouseMode {
    /// `mode`: `server` or `client`.
    #[serde(rename = "@mode")]
    pub mode: Option<MouseModeKind>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<filetransfer>` of SPICE graphics (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpiceFileTransfer {
    /// `enable`: allow file transfer from the client.
    #[serde(rename = "@enable")]
    pub enable: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<gl>` of graphics: OpenGL acceleration (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphicsGl {
    /// `enable`: turn OpenGL on.
    #[serde(rename = "@enable")]
    pub enable: Option<YesNo>,
    /// `rendernode`: DRM render node, e.g. `/dev/dri/renderD128`.
    #[serde(rename = "@rendernode")]
    pub rendernode: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<audio>` of graphics: which `<audio>` backend carries the display's sound
/// (formatdomain: "Graphical framebuffers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphicsAudio {
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

    fn phyllome_spice(gl: YesNo) -> Graphics {
        Graphics {
            listens: vec![GraphicsListen::new(ListenType::None)],
            image: Some(SpiceImage {
                compression: Some(ImageCompression::Off),
                ..Default::default()
            }),
            gl: Some(GraphicsGl {
                enable: Some(gl),
                ..Default::default()
            }),
            ..Graphics::new(GraphicsType::Spice)
        }
    }

    #[test]
    fn phyllome_spice_is_fully_modelled() {
        for (gl, word) in [(YesNo::Yes, "yes"), (YesNo::No, "no")] {
            let xml = format!("<graphics type='spice'>\n  <listen type='none'/>\n  <image compression='off'/>\n  <gl enable='{word}'/>\n</graphics>");
            assert_xml(&phyllome_spice(gl), "graphics", &xml);
            assert_eq!(
                assert_modelled::<Graphics>(&xml, "graphics"),
                phyllome_spice(gl)
            );
        }
    }

    #[test]
    fn graphics_round_trip() {
        let vnc = Graphics {
            port: Some(-1),
            autoport: Some(YesNo::Yes),
            listen: Some("127.0.0.1".into()),
            keymap: Some("en-us".into()),
            listens: vec![GraphicsListen {
                address: Some("127.0.0.1".into()),
                ..GraphicsListen::new(ListenType::Address)
            }],
            audio: Some(GraphicsAudio {
                id: Some(1u32.into()),
                ..Default::default()
            }),
            ..Graphics::new(GraphicsType::Vnc)
        };
        assert_xml(
            &vnc,
            "graphics",
            "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' keymap='en-us'>\n  <listen type='address' address='127.0.0.1'/>\n  <audio id='1'/>\n</graphics>",
        );
        let spice = Graphics {
            port: Some(5900),
            tls_port: Some(5901),
            autoport: Some(YesNo::No),
            default_mode: Some(SpiceChannelMode::Secure),
            channels: vec![
                SpiceChannel {
                    name: Some(SpiceChannelName::Main),
                    mode: Some(SpiceChannelMode::Secure),
                    ..Default::default()
                },
                SpiceChannel {
                    name: Some(SpiceChannelName::Inputs),
                    mode: Some(SpiceChannelMode::Insecure),
                    ..Default::default()
                },
            ],
            image: Some(SpiceImage {
                compression: Some(ImageCompression::AutoGlz),
                ..Default::default()
            }),
            jpeg: Some(SpiceCompression {
                compression: Some(CompressionPolicy::Auto),
                ..Default::default()
            }),
            zlib: Some(SpiceCompression {
                compression: Some(CompressionPolicy::Never),
                ..Default::default()
            }),
            playback: Some(SpicePlayback {
                compression: Some(OnOff::On),
                ..Default::default()
            }),
            streaming: Some(SpiceStreaming {
                mode: Some(StreamingMode::Filter),
                ..Default::default()
            }),
            clipboard: Some(Clipboard {
                copypaste: Some(YesNo::No),
                ..Default::default()
            }),
            mouse: Some(MouseMode {
                mode: Some(MouseModeKind::Client),
                ..Default::default()
            }),
            filetransfer: Some(SpiceFileTransfer {
                enable: Some(YesNo::No),
                ..Default::default()
            }),
            gl: Some(GraphicsGl {
                enable: Some(YesNo::Yes),
                rendernode: Some("/dev/dri/renderD128".into()),
                ..Default::default()
            }),
            ..Graphics::new(GraphicsType::Spice)
        };
        assert_xml(
            &spice,
            "graphics",
            "<graphics type='spice' port='5900' tlsPort='5901' autoport='no' defaultMode='secure'>\n  <channel name='main' mode='secure'/>\n  <channel name='inputs' mode='insecure'/>\n  <image compression='auto_glz'/>\n  <jpeg compression='auto'/>\n  <zlib compression='never'/>\n  <playback compression='on'/>\n  <streaming mode='filter'/>\n  <clipboard copypaste='no'/>\n  <mouse mode='client'/>\n  <filetransfer enable='no'/>\n  <gl enable='yes' rendernode='/dev/dri/renderD128'/>\n</graphics>",
        );
        assert_xml(
            &Graphics {
                gl: Some(GraphicsGl {
                    rendernode: Some("/dev/dri/renderD128".into()),
                    ..Default::default()
                }),
                ..Graphics::new(GraphicsType::EglHeadless)
            },
            "graphics",
            "<graphics type='egl-headless'>\n  <gl rendernode='/dev/dri/renderD128'/>\n</graphics>",
        );
    }
}
