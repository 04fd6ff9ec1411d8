//! `<input>`: mice, tablets, keyboards and passed-through input devices
//! (formatdomain: "Input devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, VirtioDriver, VirtioModel};
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<input type=…>`: the kind of input device (formatdomain: "Input devices").
    pub enum InputType {
        /// `mouse`: relative pointer.
        Mouse = "mouse",
        /// `tablet`: absolute pointer.
        Tablet = "tablet",
        /// `keyboard`
        Keyboard = "keyboard",
        /// `passthrough`: a host evdev device through virtio-input-host.
        Passthrough = "passthrough",
        /// `evdev`: a host evdev device grabbed by QEMU.
        Evdev = "evdev",
    }
}

value_enum! {
    /// `<input bus=…>`: the bus the device is on (formatdomain: "Input devices").
    pub enum InputBus {
        /// `ps2`
        Ps2 = "ps2",
        /// `usb`
        Usb = "usb",
        /// `virtio`
        Virtio = "virtio",
        /// `xen`
        Xen = "xen",
        /// `none`
        None = "none",
    }
}

value_enum! {
    /// `<source grab=…>` of an `evdev` input device: what to grab
    /// (formatdomain: "Input devices").
    pub enum InputGrab {
        /// `all`: every input device of the kind, not just this one.
        All = "all",
    }
}

value_enum! {
    /// `<source grabToggle=…>` of an `evdev` input device: the key combination that
    /// toggles the grab (formatdomain: "Input devices").
    pub enum InputGrabToggle {
        /// `ctrl-ctrl`: both Ctrl keys.
        CtrlCtrl = "ctrl-ctrl",
        /// `alt-alt`: both Alt keys.
        AltAlt = "alt-alt",
        /// `shift-shift`: both Shift keys.
        ShiftShift = "shift-shift",
        /// `meta-meta`: both Meta keys.
        MetaMeta = "meta-meta",
        /// `scrolllock`: Scroll Lock.
        Scrolllock = "scrolllock",
        /// `ctrl-scrolllock`: Ctrl and Scroll Lock.
        CtrlScrolllock = "ctrl-scrolllock",
    }
}

/// `<input>`: an input device (formatdomain: "Input devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Input {
    /// `type`: the kind of device.
    #[serde(rename = "@type")]
    pub kind: Option<InputType>,
    /// `bus`: the bus.
    #[serde(rename = "@bus")]
    pub bus: Option<InputBus>,
    /// `model`: virtio flavour for `bus='virtio'`.
    #[serde(rename = "@model")]
    pub model: Option<VirtioModel>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// `<source>`: the host device (`passthrough`, `evdev`).
    pub source: Option<InputSource>,
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

impl Input {
    /// An input device of this type on this bus.
    pub fn new(kind: InputType, bus: InputBus) -> Self {
        Input {
            kind: Some(kind),
            bus: Some(bus),
            ..Default::default()
        }
    }
}

/// `<source>` of an input device: the host evdev device (formatdomain: "Input devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InputSource {
    /// `evdev`: host event device (`type='passthrough'`).
    #[serde(rename = "@evdev")]
    pub evdev: Option<String>,
    /// `dev`: host event device (`type='evdev'`).
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `grab`: `all` grabs every device of the kind.
    #[serde(rename = "@grab")]
    pub grab: Option<InputGrab>,
    /// `grabToggle`: key combination that toggles the grab.
    #[serde(rename = "@grabToggle")]
    pub grab_toggle: Option<InputGrabToggle>,
    /// `repeat`: keyboard auto-repeat.
    #[serde(rename = "@repeat")]
    pub repeat: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn inputs_round_trip() {
        assert_xml(
            &Input::new(InputType::Keyboard, InputBus::Virtio),
            "input",
            "<input type='keyboard' bus='virtio'/>",
        );
        assert_xml(
            &Input {
                model: Some(VirtioModel::VirtioNonTransitional),
                driver: Some(VirtioDriver {
                    iommu: Some(OnOff::On),
                    ..Default::default()
                }),
                alias: Some(Alias::new("input0")),
                address: Some(Address::pci(0, 5, 0, 0)),
                ..Input::new(InputType::Tablet, InputBus::Virtio)
            },
            "input",
            "<input type='tablet' bus='virtio' model='virtio-non-transitional'>\n  <driver iommu='on'/>\n  <alias name='input0'/>\n  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>\n</input>",
        );
        assert_xml(
            &Input {
                kind: Some(InputType::Evdev),
                source: Some(InputSource {
                    dev: Some("/dev/input/event1".into()),
                    grab: Some(InputGrab::All),
                    grab_toggle: Some(InputGrabToggle::CtrlCtrl),
                    repeat: Some(OnOff::On),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "input",
            "<input type='evdev'>\n  <source dev='/dev/input/event1' grab='all' grabToggle='ctrl-ctrl' repeat='on'/>\n</input>",
        );
    }

    #[test]
    fn phyllome_inputs_are_fully_modelled() {
        for kind in ["keyboard", "mouse", "tablet"] {
            let xml = format!("<input type='{kind}' bus='virtio'/>");
            let input: Input = assert_modelled(&xml, "input");
            assert_eq!(input.bus, Some(InputBus::Virtio));
        }
    }
}
