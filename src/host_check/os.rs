//! `<os>`: firmware, loader and Secure Boot.
//!
//! libvirt picks and checks firmware against what the host offers: `firmware='efi'`
//! fails when no such firmware exists ("Unable to find any firmware to satisfy
//! 'efi'"), and a loader `type`, `readonly` or `secure` the host cannot provide fails
//! likewise. `<domainCapabilities><os>` lists `firmware` (`bios`, `efi`) and the
//! loader's `type`, `readonly` and `secure` values; Secure Boot asked for through
//! `<firmware><feature name='secure-boot' enabled='yes'/>` needs `secure='yes'`.
//! The document lists firmware image paths too, but a domain may name any image, so
//! `<loader>`'s path is not judged; nor are enrolled keys or NVRAM, which the 11.3
//! document does not describe.

use super::{indexed, HostCheck};
use crate::domain::Domain;
use crate::os::FirmwareFeatureName;
use crate::values::YesNo;

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let (Some(os), Some(caps)) = (&domain.os, check.caps.os.as_ref()) else {
        return;
    };
    if caps.supported == Some(YesNo::No) {
        if os.firmware.is_some() || os.loader.is_some() {
            check.push(
                "/domain/os",
                "the host does not let the firmware or loader be chosen",
            );
        }
        return;
    }
    check.listed(
        caps.get("firmware"),
        os.firmware.as_ref().map(|f| f.as_str()),
        "/domain/os/@firmware".into(),
        "firmware",
    );
    let loader_caps = caps.loader.as_ref();
    if let (Some(loader), Some(lc)) = (&os.loader, loader_caps) {
        if lc.supported == Some(YesNo::No) {
            check.push("/domain/os/loader", "the host does not let a loader be set");
        } else {
            check.listed(
                lc.get("type"),
                loader.kind.as_ref().map(|k| k.as_str()),
                "/domain/os/loader/@type".into(),
                "loader type",
            );
            check.listed(
                lc.get("readonly"),
                loader.readonly.map(YesNo::as_str),
                "/domain/os/loader/@readonly".into(),
                "loader readonly",
            );
            check.listed(
                lc.get("secure"),
                loader.secure.map(YesNo::as_str),
                "/domain/os/loader/@secure".into(),
                "loader secure",
            );
        }
    }
    let Some(secure) = loader_caps.and_then(|lc| lc.get("secure")) else {
        return;
    };
    if let Some(features) = &os.firmware_features {
        let count = features.features.len();
        for (i, feature) in features.features.iter().enumerate() {
            let secure_boot = feature.name == Some(FirmwareFeatureName::SecureBoot);
            if secure_boot && feature.enabled == Some(YesNo::Yes) && !secure.contains("yes") {
                check.push(
                    format!(
                        "/domain/os/firmware/{}/@enabled",
                        indexed("feature", i, count)
                    ),
                    "Secure Boot is not available on this host (the loader's 'secure' \
                     values do not include 'yes')",
                );
            }
        }
    }
}
