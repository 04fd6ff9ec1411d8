//! The smaller devices: `<input>`, `<sound>`, `<tpm>`, `<watchdog>`, `<panic>`,
//! `<memballoon>` and `<iommu>` (src/devices/input.rs, sound.rs, tpm.rs, watchdog.rs,
//! panic.rs, memballoon.rs, iommu.rs).

use libvirt_domain::devices::{
    Input, InputBus, InputGrab, InputGrabToggle, InputSource, InputType, Iommu, IommuDriver,
    IommuModel, MemBalloon, MemBalloonModel, MemBalloonStats, Panic, PanicModel, Sound, SoundAudio,
    SoundCodec, SoundCodecType, SoundModel, Tpm, TpmActivePcrBanks, TpmBackend, TpmBackendType,
    TpmDevice, TpmEncryption, TpmModel, TpmProfile, TpmRemoveDisabled, TpmSource, TpmSourceMode,
    TpmSourceType, TpmVersion, Watchdog, WatchdogAction, WatchdogModel,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, marker, virtio_driver, virtio_model};
use crate::strategies::values::{on_off, text, uint, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

/// `<input>`.
pub fn input() -> BoxedStrategy<Input> {
    structure!(Input {
        kind: opt(value_enum!(InputType)),
        bus: opt(value_enum!(InputBus)),
        model: opt(virtio_model()),
        driver: opt(virtio_driver()),
        source: opt(structure!(InputSource {
            evdev: opt(text()),
            dev: opt(text()),
            grab: opt(value_enum!(InputGrab)),
            grab_toggle: opt(value_enum!(InputGrabToggle)),
            repeat: opt(on_off()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<sound>`.
pub fn sound() -> BoxedStrategy<Sound> {
    structure!(Sound {
        model: opt(value_enum!(SoundModel)),
        multichannel: opt(yes_no()),
        streams: opt(any::<u32>()),
        codecs: list(structure!(SoundCodec {
            kind: opt(value_enum!(SoundCodecType)),
            extra: extra(),
        })),
        audio: opt(structure!(SoundAudio {
            id: opt(uint()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        driver: opt(virtio_driver()),
        extra: extra(),
    })
}

fn tpm_backend() -> BoxedStrategy<TpmBackend> {
    structure!(TpmBackend {
        kind: opt(value_enum!(TpmBackendType)),
        version: opt(value_enum!(TpmVersion)),
        persistent_state: opt(yes_no()),
        debug: opt(any::<u32>()),
        device: opt(structure!(TpmDevice {
            path: opt(text()),
            extra: extra(),
        })),
        source: opt(structure!(TpmSource {
            kind: opt(value_enum!(TpmSourceType)),
            mode: opt(value_enum!(TpmSourceMode)),
            path: opt(text()),
            extra: extra(),
        })),
        encryption: opt(structure!(TpmEncryption {
            secret: opt(text()),
            extra: extra(),
        })),
        profile: opt(structure!(TpmProfile {
            source: opt(text()),
            remove_disabled: opt(value_enum!(TpmRemoveDisabled)),
            name: opt(text()),
            extra: extra(),
        })),
        active_pcr_banks: opt(structure!(TpmActivePcrBanks {
            sha1: opt(marker()),
            sha256: opt(marker()),
            sha384: opt(marker()),
            sha512: opt(marker()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<tpm>`.
pub fn tpm() -> BoxedStrategy<Tpm> {
    structure!(Tpm {
        model: opt(value_enum!(TpmModel)),
        backend: opt(tpm_backend()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<watchdog>`.
pub fn watchdog() -> BoxedStrategy<Watchdog> {
    structure!(Watchdog {
        model: opt(value_enum!(WatchdogModel)),
        action: opt(value_enum!(WatchdogAction)),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<panic>`.
pub fn panic() -> BoxedStrategy<Panic> {
    structure!(Panic {
        model: opt(value_enum!(PanicModel)),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<memballoon>`.
pub fn memballoon() -> BoxedStrategy<MemBalloon> {
    structure!(MemBalloon {
        model: opt(value_enum!(MemBalloonModel)),
        autodeflate: opt(on_off()),
        free_page_reporting: opt(on_off()),
        stats: opt(structure!(MemBalloonStats {
            period: opt(any::<u32>()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        driver: opt(virtio_driver()),
        extra: extra(),
    })
}

/// `<iommu>`.
pub fn iommu() -> BoxedStrategy<Iommu> {
    structure!(Iommu {
        model: opt(value_enum!(IommuModel)),
        driver: opt(structure!(IommuDriver {
            intremap: opt(on_off()),
            caching_mode: opt(on_off()),
            eim: opt(on_off()),
            iotlb: opt(on_off()),
            aw_bits: opt(uint()),
            dma_translation: opt(on_off()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}
