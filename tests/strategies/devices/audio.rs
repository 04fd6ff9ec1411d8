//! `<audio>` backends (src/devices/audio.rs).

use libvirt_domain::devices::{
    AlsaAudio, AlsaAudioIo, Audio, AudioFormat, AudioIo, AudioSettings, CoreAudio, CoreAudioIo,
    DbusAudio, FileAudio, JackAudio, JackAudioIo, NoneAudio, OssAudio, OssAudioIo, PipewireAudio,
    PipewireAudioIo, PulseAudio, PulseAudioIo, SdlAudio, SdlAudioDriver, SdlAudioIo, SpiceAudio,
    UnknownAudio,
};
use proptest::prelude::*;

use crate::strategies::opt;
use crate::strategies::values::{text, uint, yes_no};
use crate::strategies::xml::extra;

/// The `type` values with a variant of their own.
const KNOWN_TYPES: &[&str] = &[
    "none",
    "alsa",
    "coreaudio",
    "dbus",
    "jack",
    "oss",
    "pipewire",
    "pulseaudio",
    "sdl",
    "spice",
    "file",
];

fn settings() -> BoxedStrategy<Option<AudioSettings>> {
    opt(structure!(AudioSettings {
        frequency: opt(any::<u32>()),
        channels: opt(any::<u32>()),
        format: opt(value_enum!(AudioFormat)),
        extra: extra(),
    }))
}

/// An `<input>`/`<output>` struct: the common attributes, then the backend's own.
macro_rules! io {
    ($ty:ident { $($field:ident : $strategy:expr),* $(,)? }) => {
        structure!($ty {
            mixing_engine: opt(yes_no()),
            fixed_settings: opt(yes_no()),
            voices: opt(any::<u32>()),
            buffer_length: opt(any::<u32>()),
            $($field: $strategy,)*
            settings: settings(),
            extra: extra(),
        })
    };
}

/// A backend struct: `id`, `timerPeriod`, the backend's own attributes, `<input>` and
/// `<output>`.
macro_rules! backend {
    ($ty:ident ($io:expr) { $($field:ident : $strategy:expr),* $(,)? }) => {{
        let io = $io;
        structure!($ty {
            id: opt(uint()),
            timer_period: opt(any::<u32>()),
            $($field: $strategy,)*
            input: opt(io.clone()),
            output: opt(io),
            extra: extra(),
        })
    }};
}

fn plain_io() -> BoxedStrategy<AudioIo> {
    io!(AudioIo {})
}

fn named_io() -> (BoxedStrategy<PipewireAudioIo>, BoxedStrategy<PulseAudioIo>) {
    (
        io!(PipewireAudioIo {
            name: opt(text()),
            stream_name: opt(text()),
            latency: opt(any::<u32>()),
        }),
        io!(PulseAudioIo {
            name: opt(text()),
            stream_name: opt(text()),
            latency: opt(any::<u32>()),
        }),
    )
}

/// `<audio>` of every `type`, and of a type this crate does not know.
pub fn audio() -> BoxedStrategy<Audio> {
    let (pipewire_io, pulse_io) = named_io();
    prop_oneof![
        backend!(NoneAudio(plain_io()) {}).prop_map(Audio::None),
        backend!(AlsaAudio(io!(AlsaAudioIo { dev: opt(text()) })) {}).prop_map(Audio::Alsa),
        backend!(CoreAudio(io!(CoreAudioIo {
            buffer_count: opt(any::<u32>())
        })) {})
        .prop_map(Audio::Coreaudio),
        backend!(DbusAudio(plain_io()) {}).prop_map(Audio::Dbus),
        backend!(JackAudio(io!(JackAudioIo {
            server_name: opt(text()),
            client_name: opt(text()),
            connect_ports: opt(text()),
            exact_name: opt(yes_no()),
        })) {})
        .prop_map(Audio::Jack),
        backend!(OssAudio(io!(OssAudioIo {
            dev: opt(text()),
            buffer_count: opt(any::<u32>()),
            try_poll: opt(yes_no()),
        })) {
            try_mmap: opt(yes_no()),
            exclusive: opt(yes_no()),
            dsp_policy: opt(any::<i32>()),
        })
        .prop_map(Audio::Oss),
        backend!(PipewireAudio(pipewire_io) {
            runtime_dir: opt(text())
        })
        .prop_map(Audio::Pipewire),
        backend!(PulseAudio(pulse_io) {
            server_name: opt(text())
        })
        .prop_map(Audio::Pulseaudio),
        backend!(SdlAudio(io!(SdlAudioIo {
            buffer_count: opt(any::<u32>())
        })) {
            driver: opt(value_enum!(SdlAudioDriver))
        })
        .prop_map(Audio::Sdl),
        backend!(SpiceAudio(plain_io()) {}).prop_map(Audio::Spice),
        backend!(FileAudio(plain_io()) { path: opt(text()) }).prop_map(Audio::File),
        structure!(UnknownAudio {
            // A known type reads back as its variant.
            kind: opt(text().prop_filter("a type with a variant of its own", |t| {
                !KNOWN_TYPES.contains(&t.as_str())
            })),
            id: opt(uint()),
            timer_period: opt(any::<u32>()),
            extra: extra(),
        })
        .prop_map(Audio::Other),
    ]
    .boxed()
}
