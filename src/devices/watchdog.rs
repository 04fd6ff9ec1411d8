//! `<watchdog>`: virtual hardware watchdogs (formatdomain: "Watchdog devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<watchdog model=…>`: the emulated watchdog (formatdomain: "Watchdog devices").
    pub enum WatchdogModel {
        /// `i6300esb`: Intel 6300ESB (PCI).
        I6300esb = "i6300esb",
        /// `ib700`: iBase IB700 (ISA).
        Ib700 = "ib700",
        /// `diag288`: s390 diagnose 288.
        Diag288 = "diag288",
        /// `itco`: Intel TCO, built into q35.
        Itco = "itco",
    }
}

value_enum! {
    /// `<watchdog action=…>`: what happens when the watchdog fires
    /// (formatdomain: "Watchdog devices").
    pub enum WatchdogAction {
        /// `reset`: reset the guest (default).
        Reset = "reset",
        /// `shutdown`: graceful shutdown (not recommended).
        Shutdown = "shutdown",
        /// `poweroff`: power off.
        Poweroff = "poweroff",
        /// `pause`: pause the guest.
        Pause = "pause",
        /// `none`: do nothing.
        None = "none",
        /// `dump`: dump the guest's memory, then continue.
        Dump = "dump",
        /// `inject-nmi`: inject an NMI.
        InjectNmi = "inject-nmi",
    }
}

/// `<watchdog>`: a virtual hardware watchdog (formatdomain: "Watchdog devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Watchdog {
    /// `model`: the emulated watchdog.
    #[serde(rename = "@model")]
    pub model: Option<WatchdogModel>,
    /// `action`: what happens when it fires.
    #[serde(rename = "@action")]
    pub action: Option<WatchdogAction>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;

    #[test]
    fn watchdogs_round_trip() {
        assert_xml(
            &Watchdog {
                model: Some(WatchdogModel::Itco),
                action: Some(WatchdogAction::Reset),
                alias: Some(Alias::new("watchdog0")),
                ..Default::default()
            },
            "watchdog",
            "<watchdog model='itco' action='reset'>\n  <alias name='watchdog0'/>\n</watchdog>",
        );
        assert_xml(
            &Watchdog {
                model: Some(WatchdogModel::I6300esb),
                action: Some(WatchdogAction::InjectNmi),
                address: Some(Address::pci(0, 0, 8, 0)),
                ..Default::default()
            },
            "watchdog",
            "<watchdog model='i6300esb' action='inject-nmi'>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x08' function='0x0'/>\n</watchdog>",
        );
    }
}
