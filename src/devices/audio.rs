//! `<audio>`: host audio backends that sound devices and displays play through
//! (formatdomain: "Audio backends").
//!
//! [`Audio`] has one variant per backend `type`. Each backend has its own struct for
//! the `<audio>` element and for its `<input>`/`<output>` children, holding the
//! attributes that backend allows next to the ones every backend shares.

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<settings format=…>`: the sample format (formatdomain: "Audio backends").
    pub enum AudioFormat {
        /// `s8`
        S8 = "s8",
        /// `u8`
        U8 = "u8",
        /// `s16`
        S16 = "s16",
        /// `u16`
        U16 = "u16",
        /// `s32`
        S32 = "s32",
        /// `u32`
        U32 = "u32",
        /// `f32`
        F32 = "f32",
    }
}

value_enum! {
    /// `<audio type='sdl' driver=…>`: the SDL audio driver (formatdomain: "SDL audio
    /// backend").
    pub enum SdlAudioDriver {
        /// `esd`
        Esd = "esd",
        /// `alsa`
        Alsa = "alsa",
        /// `arts`
        Arts = "arts",
        /// `pulseaudio`
        Pulseaudio = "pulseaudio",
    }
}

/// `<audio>`: a host audio backend; the shape depends on `type`
/// (formatdomain: "Audio backends").
///
/// The variant is chosen by the element's `type` attribute; a `type` this crate does
/// not know is kept in [`Audio::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum Audio {
    /// `type='none'`: no host audio (a remote display may still carry sound).
    #[serde(rename = "none")]
    None(NoneAudio),
    /// `type='alsa'`: ALSA.
    #[serde(rename = "alsa")]
    Alsa(AlsaAudio),
    /// `type='coreaudio'`: macOS Core Audio.
    #[serde(rename = "coreaudio")]
    Coreaudio(CoreAudio),
    /// `type='dbus'`: a D-Bus display client.
    #[serde(rename = "dbus")]
    Dbus(DbusAudio),
    /// `type='jack'`: JACK.
    #[serde(rename = "jack")]
    Jack(JackAudio),
    /// `type='oss'`: Open Sound System.
    #[serde(rename = "oss")]
    Oss(OssAudio),
    /// `type='pipewire'`: PipeWire.
    #[serde(rename = "pipewire")]
    Pipewire(PipewireAudio),
    /// `type='pulseaudio'`: PulseAudio.
    #[serde(rename = "pulseaudio")]
    Pulseaudio(PulseAudio),
    /// `type='sdl'`: SDL.
    #[serde(rename = "sdl")]
    Sdl(SdlAudio),
    /// `type='spice'`: the SPICE display's audio channel.
    #[serde(rename = "spice")]
    Spice(SpiceAudio),
    /// `type='file'`: record output to a WAV file.
    #[serde(rename = "file")]
    File(FileAudio),
    /// A backend `type` this crate does not know, kept whole.
    #[serde(rename = "$other")]
    Other(UnknownAudio),
}

/// Runs `$body` with `$b` bound to the backend struct of every known variant.
macro_rules! each_backend {
    ($audio:expr, $b:ident => $body:expr, $other:ident => $other_body:expr) => {
        match $audio {
            Audio::None($b) => $body,
            Audio::Alsa($b) => $body,
            Audio::Coreaudio($b) => $body,
            Audio::Dbus($b) => $body,
            Audio::Jack($b) => $body,
            Audio::Oss($b) => $body,
            Audio::Pipewire($b) => $body,
            Audio::Pulseaudio($b) => $body,
            Audio::Sdl($b) => $body,
            Audio::Spice($b) => $body,
            Audio::File($b) => $body,
            Audio::Other($other) => $other_body,
        }
    };
}

impl Audio {
    /// A `none` backend with this id, as libvirt adds for VNC-only guests.
    pub fn none(id: u32) -> Self {
        Audio::None(NoneAudio {
            id: Some(id.into()),
            ..Default::default()
        })
    }

    /// The backend `type` as written in XML (`None` for an unknown backend without one).
    pub fn kind(&self) -> Option<&str> {
        Some(match self {
            Audio::None(_) => "none",
            Audio::Alsa(_) => "alsa",
            Audio::Coreaudio(_) => "coreaudio",
            Audio::Dbus(_) => "dbus",
            Audio::Jack(_) => "jack",
            Audio::Oss(_) => "oss",
            Audio::Pipewire(_) => "pipewire",
            Audio::Pulseaudio(_) => "pulseaudio",
            Audio::Sdl(_) => "sdl",
            Audio::Spice(_) => "spice",
            Audio::File(_) => "file",
            Audio::Other(other) => return other.kind.as_deref(),
        })
    }

    /// The `id` that `<sound><audio id=…>` and `<graphics><audio id=…>` refer to.
    pub fn id(&self) -> Option<Uint> {
        each_backend!(self, b => b.id, o => o.id)
    }

    /// The `timerPeriod` in microseconds.
    pub fn timer_period(&self) -> Option<u32> {
        each_backend!(self, b => b.timer_period, o => o.timer_period)
    }
}

/// `<settings>` of an audio `<input>` or `<output>`: the fixed stream format
/// (formatdomain: "Audio backends").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AudioSettings {
    /// `frequency`: sample rate in Hz.
    #[serde(rename = "@frequency")]
    pub frequency: Option<u32>,
    /// `channels`: number of channels.
    #[serde(rename = "@channels")]
    pub channels: Option<u32>,
    /// `format`: sample format.
    #[serde(rename = "@format")]
    pub format: Option<AudioFormat>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// Declares an `<input>`/`<output>` struct: the attributes every backend shares, then
/// the listed backend ones, then `<settings>`, in libvirt's order.
macro_rules! audio_io {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $attr:literal => pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            /// `mixingEngine`: convert formats and rates in the host mixing engine.
            #[serde(rename = "@mixingEngine")]
            pub mixing_engine: Option<YesNo>,
            /// `fixedSettings`: use `<settings>` instead of adapting to the guest.
            #[serde(rename = "@fixedSettings")]
            pub fixed_settings: Option<YesNo>,
            /// `voices`: number of voices.
            #[serde(rename = "@voices")]
            pub voices: Option<u32>,
            /// `bufferLength`: buffer length in microseconds.
            #[serde(rename = "@bufferLength")]
            pub buffer_length: Option<u32>,
            $(
                $(#[$fmeta])*
                #[serde(rename = $attr)]
                pub $field: $ty,
            )*
            /// `<settings>`: the fixed stream format.
            pub settings: Option<AudioSettings>,
            /// Unknown attributes and elements, kept and written back.
            #[serde(rename = "$extra")]
            pub extra: Extra,
        }
    };
}

audio_io! {
    /// `<input>`/`<output>` of the `none`, `dbus`, `spice` and `file` backends: only
    /// the shared settings (formatdomain: "Audio backends").
    pub struct AudioIo {}
}

audio_io! {
    /// `<input>`/`<output>` of an ALSA backend (formatdomain: "ALSA audio backend").
    pub struct AlsaAudioIo {
        /// `dev`: the ALSA device, e.g. `hw:0,0`.
        "@dev" => pub dev: Option<String>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of a Core Audio backend (formatdomain: "Coreaudio audio
    /// backend").
    pub struct CoreAudioIo {
        /// `bufferCount`: number of buffers.
        "@bufferCount" => pub buffer_count: Option<u32>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of a JACK backend (formatdomain: "Jack audio backend").
    pub struct JackAudioIo {
        /// `serverName`: the JACK server.
        "@serverName" => pub server_name: Option<String>,
        /// `clientName`: the client name to register as.
        "@clientName" => pub client_name: Option<String>,
        /// `connectPorts`: regular expression of ports to connect to.
        "@connectPorts" => pub connect_ports: Option<String>,
        /// `exactName`: use `clientName` exactly instead of a unique variant.
        "@exactName" => pub exact_name: Option<YesNo>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of an OSS backend (formatdomain: "OSS audio backend").
    pub struct OssAudioIo {
        /// `dev`: the OSS device, e.g. `/dev/dsp0`.
        "@dev" => pub dev: Option<String>,
        /// `bufferCount`: number of buffers.
        "@bufferCount" => pub buffer_count: Option<u32>,
        /// `tryPoll`: try to use polling.
        "@tryPoll" => pub try_poll: Option<YesNo>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of a PipeWire backend (formatdomain: "PipeWire audio
    /// backend").
    pub struct PipewireAudioIo {
        /// `name`: the sink or source to use.
        "@name" => pub name: Option<String>,
        /// `streamName`: the stream's name.
        "@streamName" => pub stream_name: Option<String>,
        /// `latency`: desired latency in microseconds.
        "@latency" => pub latency: Option<u32>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of a PulseAudio backend (formatdomain: "PulseAudio audio
    /// backend").
    pub struct PulseAudioIo {
        /// `name`: the sink or source to use.
        "@name" => pub name: Option<String>,
        /// `streamName`: the stream's name.
        "@streamName" => pub stream_name: Option<String>,
        /// `latency`: desired latency in microseconds.
        "@latency" => pub latency: Option<u32>,
    }
}

audio_io! {
    /// `<input>`/`<output>` of an SDL backend (formatdomain: "SDL audio backend").
    pub struct SdlAudioIo {
        /// `bufferCount`: number of buffers.
        "@bufferCount" => pub buffer_count: Option<u32>,
    }
}

/// Declares an `<audio>` backend struct: `id` and `timerPeriod`, the listed backend
/// attributes, then `<input>` and `<output>` of type `$io`.
macro_rules! audio_backend {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($io:ident) {
            $( $(#[$fmeta:meta])* $attr:literal => pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            /// `id`: the backend's id (1 or more), referred to by sound devices and
            /// displays.
            #[serde(rename = "@id")]
            pub id: Option<Uint>,
            /// `timerPeriod`: timer period in microseconds.
            #[serde(rename = "@timerPeriod")]
            pub timer_period: Option<u32>,
            $(
                $(#[$fmeta])*
                #[serde(rename = $attr)]
                pub $field: $ty,
            )*
            /// `<input>`: recording settings.
            pub input: Option<$io>,
            /// `<output>`: playback settings.
            pub output: Option<$io>,
            /// Unknown attributes and elements, kept and written back.
            #[serde(rename = "$extra")]
            pub extra: Extra,
        }
    };
}

audio_backend! {
    /// `<audio type='none'>` (formatdomain: "None audio backend").
    pub struct NoneAudio(AudioIo) {}
}

audio_backend! {
    /// `<audio type='alsa'>` (formatdomain: "ALSA audio backend").
    pub struct AlsaAudio(AlsaAudioIo) {}
}

audio_backend! {
    /// `<audio type='coreaudio'>` (formatdomain: "Coreaudio audio backend").
    pub struct CoreAudio(CoreAudioIo) {}
}

audio_backend! {
    /// `<audio type='dbus'>` (formatdomain: "D-Bus audio backend").
    pub struct DbusAudio(AudioIo) {}
}

audio_backend! {
    /// `<audio type='jack'>` (formatdomain: "Jack audio backend").
    pub struct JackAudio(JackAudioIo) {}
}

audio_backend! {
    /// `<audio type='oss'>` (formatdomain: "OSS audio backend").
    pub struct OssAudio(OssAudioIo) {
        /// `tryMMap`: try to use memory-mapped access.
        "@tryMMap" => pub try_mmap: Option<YesNo>,
        /// `exclusive`: open the device exclusively.
        "@exclusive" => pub exclusive: Option<YesNo>,
        /// `dspPolicy`: OSS timing policy, 0..10.
        "@dspPolicy" => pub dsp_policy: Option<i32>,
    }
}

audio_backend! {
    /// `<audio type='pipewire'>` (formatdomain: "PipeWire audio backend").
    pub struct PipewireAudio(PipewireAudioIo) {
        /// `runtimeDir`: the PipeWire runtime directory.
        "@runtimeDir" => pub runtime_dir: Option<String>,
    }
}

audio_backend! {
    /// `<audio type='pulseaudio'>` (formatdomain: "PulseAudio audio backend").
    pub struct PulseAudio(PulseAudioIo) {
        /// `serverName`: the PulseAudio server to connect to.
        "@serverName" => pub server_name: Option<String>,
    }
}

audio_backend! {
    /// `<audio type='sdl'>` (formatdomain: "SDL audio backend").
    pub struct SdlAudio(SdlAudioIo) {
        /// `driver`: the SDL audio driver.
        "@driver" => pub driver: Option<SdlAudioDriver>,
    }
}

audio_backend! {
    /// `<audio type='spice'>` (formatdomain: "Spice audio backend").
    pub struct SpiceAudio(AudioIo) {}
}

audio_backend! {
    /// `<audio type='file'>` (formatdomain: "File audio backend").
    pub struct FileAudio(AudioIo) {
        /// `path`: the WAV file to write.
        "@path" => pub path: Option<String>,
    }
}

/// `<audio>` with a `type` this crate does not know (or none): `id` and
/// `timerPeriod` are read, everything else is kept in `extra`
/// (formatdomain: "Audio backends").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownAudio {
    /// `type`: the unknown backend, as written.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `id`: the backend's id.
    #[serde(rename = "@id")]
    pub id: Option<Uint>,
    /// `timerPeriod`: timer period in microseconds.
    #[serde(rename = "@timerPeriod")]
    pub timer_period: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    fn io(voices: u32) -> AudioIo {
        AudioIo {
            mixing_engine: Some(YesNo::Yes),
            fixed_settings: Some(YesNo::Yes),
            voices: Some(voices),
            buffer_length: Some(100),
            ..Default::default()
        }
    }

    #[test]
    fn none_backend_round_trips() {
        let audio = Audio::none(1);
        assert_xml(&audio, "audio", "<audio type='none' id='1'/>");
        assert_eq!(audio.kind(), Some("none"));
        assert_eq!(audio.id(), Some(1u32.into()));
        // libvirt writes `id` first; attribute order is free.
        let read: Audio = crate::codec::from_str("<audio id='1' type='none'/>", "audio").unwrap();
        assert_eq!(read, audio);
    }

    #[test]
    fn pulseaudio_backend_round_trips() {
        let audio = Audio::Pulseaudio(PulseAudio {
            id: Some(1u32.into()),
            timer_period: Some(40),
            server_name: Some("acme.example.org".into()),
            input: Some(PulseAudioIo {
                mixing_engine: Some(YesNo::Yes),
                name: Some("fish".into()),
                stream_name: Some("food".into()),
                latency: Some(100),
                settings: Some(AudioSettings {
                    frequency: Some(44100),
                    channels: Some(2),
                    format: Some(AudioFormat::S16),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            output: Some(PulseAudioIo {
                name: Some("speakers".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &audio,
            "audio",
            "<audio type='pulseaudio' id='1' timerPeriod='40' serverName='acme.example.org'>\n  <input mixingEngine='yes' name='fish' streamName='food' latency='100'>\n    <settings frequency='44100' channels='2' format='s16'/>\n  </input>\n  <output name='speakers'/>\n</audio>",
        );
        assert_eq!(audio.timer_period(), Some(40));
    }

    #[test]
    fn every_backend_round_trips() {
        let cases: Vec<(Audio, &str)> = vec![
            (
                Audio::Alsa(AlsaAudio {
                    id: Some(1u32.into()),
                    input: Some(AlsaAudioIo {
                        dev: Some("/dev/dsp0".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='alsa' id='1'>\n  <input dev='/dev/dsp0'/>\n</audio>",
            ),
            (
                Audio::Coreaudio(CoreAudio {
                    id: Some(1u32.into()),
                    output: Some(CoreAudioIo {
                        buffer_count: Some(42),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='coreaudio' id='1'>\n  <output bufferCount='42'/>\n</audio>",
            ),
            (
                Audio::Dbus(DbusAudio {
                    id: Some(1u32.into()),
                    input: Some(AudioIo {
                        mixing_engine: Some(YesNo::No),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='dbus' id='1'>\n  <input mixingEngine='no'/>\n</audio>",
            ),
            (
                Audio::Jack(JackAudio {
                    id: Some(1u32.into()),
                    input: Some(JackAudioIo {
                        server_name: Some("fish".into()),
                        client_name: Some("food".into()),
                        connect_ports: Some("yum".into()),
                        exact_name: Some(YesNo::Yes),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='jack' id='1'>\n  <input serverName='fish' clientName='food' connectPorts='yum' exactName='yes'/>\n</audio>",
            ),
            (
                Audio::Oss(OssAudio {
                    id: Some(1u32.into()),
                    try_mmap: Some(YesNo::Yes),
                    exclusive: Some(YesNo::Yes),
                    dsp_policy: Some(3),
                    output: Some(OssAudioIo {
                        dev: Some("/dev/dsp0".into()),
                        buffer_count: Some(50),
                        try_poll: Some(YesNo::No),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='oss' id='1' tryMMap='yes' exclusive='yes' dspPolicy='3'>\n  <output dev='/dev/dsp0' bufferCount='50' tryPoll='no'/>\n</audio>",
            ),
            (
                Audio::Pipewire(PipewireAudio {
                    id: Some(1u32.into()),
                    runtime_dir: Some("/run/user/1000".into()),
                    output: Some(PipewireAudioIo {
                        name: Some("sink".into()),
                        stream_name: Some("vm".into()),
                        latency: Some(1000),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='pipewire' id='1' runtimeDir='/run/user/1000'>\n  <output name='sink' streamName='vm' latency='1000'/>\n</audio>",
            ),
            (
                Audio::Sdl(SdlAudio {
                    id: Some(1u32.into()),
                    driver: Some(SdlAudioDriver::Esd),
                    input: Some(SdlAudioIo {
                        buffer_count: Some(40),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<audio type='sdl' id='1' driver='esd'>\n  <input bufferCount='40'/>\n</audio>",
            ),
            (
                Audio::Spice(SpiceAudio {
                    id: Some(1u32.into()),
                    input: Some(io(1)),
                    output: Some(io(2)),
                    ..Default::default()
                }),
                "<audio type='spice' id='1'>\n  <input mixingEngine='yes' fixedSettings='yes' voices='1' bufferLength='100'/>\n  <output mixingEngine='yes' fixedSettings='yes' voices='2' bufferLength='100'/>\n</audio>",
            ),
            (
                Audio::File(FileAudio {
                    id: Some(1u32.into()),
                    path: Some("audio.wav".into()),
                    ..Default::default()
                }),
                "<audio type='file' id='1' path='audio.wav'/>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "audio", xml);
        }
    }

    #[test]
    fn backend_attributes_of_another_backend_are_not_modelled() {
        // `dev` belongs to alsa/oss; on a pulseaudio input it is kept as unknown.
        let xml = "<audio type='pulseaudio' id='1'>\n  <input dev='/dev/dsp0'/>\n</audio>";
        let read: Audio = crate::codec::from_str(xml, "audio").unwrap();
        let unmodelled = crate::codec::unmodelled(&read, "audio");
        assert_eq!(unmodelled.len(), 1);
        assert_eq!(unmodelled[0].path, "/audio/input/@dev");
        assert_eq!(crate::codec::to_string(&read, "audio").unwrap(), xml);
    }

    #[test]
    fn unknown_backend_is_kept_whole() {
        let xml = "<audio type='wasapi' id='2' timerPeriod='10' device='x'>\n  <output/>\n</audio>";
        let read: Audio = crate::codec::from_str(xml, "audio").unwrap();
        assert_eq!(read.kind(), Some("wasapi"));
        assert_eq!(read.id(), Some(2u32.into()));
        assert_eq!(read.timer_period(), Some(10));
        assert_eq!(crate::codec::to_string(&read, "audio").unwrap(), xml);
        assert_eq!(crate::codec::unmodelled(&read, "audio").len(), 2);
        assert_modelled::<Audio>("<audio type='spice' id='1'/>", "audio");
    }
}
