//! `<controller>`: buses that other devices attach to (formatdomain: "Controllers").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, IothreadMapping};
use crate::values::{value_enum, OnOff, Uint};
use crate::xml::Extra;

value_enum! {
    /// `<controller type=…>`: the kind of bus (formatdomain: "Controllers").
    pub enum ControllerType {
        /// `ide`
        Ide = "ide",
        /// `fdc`: floppy disk controller.
        Fdc = "fdc",
        /// `scsi`
        Scsi = "scsi",
        /// `sata`
        Sata = "sata",
        /// `usb`
        Usb = "usb",
        /// `ccid`: smartcard bus.
        Ccid = "ccid",
        /// `virtio-serial`: ports for `<channel>` and `<console>` devices.
        VirtioSerial = "virtio-serial",
        /// `xenbus`
        Xenbus = "xenbus",
        /// `pci`: PCI/PCIe roots, bridges and ports.
        Pci = "pci",
        /// `isa`
        Isa = "isa",
    }
}

value_enum! {
    /// `<controller model=…>`: the controller's implementation; the values valid
    /// depend on `type` (SCSI, USB, IDE, PCI or virtio-serial models)
    /// (formatdomain: "Controllers").
    pub enum ControllerModel {
        /// SCSI `auto`
        Auto = "auto",
        /// SCSI `buslogic`
        Buslogic = "buslogic",
        /// SCSI `lsilogic`
        Lsilogic = "lsilogic",
        /// SCSI `lsisas1068`
        Lsisas1068 = "lsisas1068",
        /// SCSI `vmpvscsi`
        Vmpvscsi = "vmpvscsi",
        /// SCSI `ibmvscsi`
        Ibmvscsi = "ibmvscsi",
        /// SCSI `virtio-scsi`
        VirtioScsi = "virtio-scsi",
        /// SCSI `lsisas1078`
        Lsisas1078 = "lsisas1078",
        /// SCSI `ncr53c90`
        Ncr53c90 = "ncr53c90",
        /// SCSI `dc390`
        Dc390 = "dc390",
        /// SCSI `am53c974`
        Am53c974 = "am53c974",
        /// SCSI and virtio-serial `virtio`
        Virtio = "virtio",
        /// SCSI and virtio-serial `virtio-transitional`
        VirtioTransitional = "virtio-transitional",
        /// SCSI and virtio-serial `virtio-non-transitional`
        VirtioNonTransitional = "virtio-non-transitional",
        /// USB `piix3-uhci`
        Piix3Uhci = "piix3-uhci",
        /// USB `piix4-uhci`
        Piix4Uhci = "piix4-uhci",
        /// USB `ehci`
        Ehci = "ehci",
        /// USB `ich9-ehci1`
        Ich9Ehci1 = "ich9-ehci1",
        /// USB `ich9-uhci1`
        Ich9Uhci1 = "ich9-uhci1",
        /// USB `ich9-uhci2`
        Ich9Uhci2 = "ich9-uhci2",
        /// USB `ich9-uhci3`
        Ich9Uhci3 = "ich9-uhci3",
        /// USB `vt82c686b-uhci`
        Vt82c686bUhci = "vt82c686b-uhci",
        /// USB `pci-ohci`
        PciOhci = "pci-ohci",
        /// USB `nec-xhci`
        NecXhci = "nec-xhci",
        /// USB `qusb1`
        Qusb1 = "qusb1",
        /// USB `qusb2`
        Qusb2 = "qusb2",
        /// USB `qemu-xhci`
        QemuXhci = "qemu-xhci",
        /// USB `none`: no USB controller.
        None = "none",
        /// IDE `piix3`
        Piix3 = "piix3",
        /// IDE `piix4`
        Piix4 = "piix4",
        /// IDE `ich6`
        Ich6 = "ich6",
        /// PCI `pci-root`
        PciRoot = "pci-root",
        /// PCI `pcie-root`
        PcieRoot = "pcie-root",
        /// PCI `pci-bridge`
        PciBridge = "pci-bridge",
        /// PCI `dmi-to-pci-bridge`
        DmiToPciBridge = "dmi-to-pci-bridge",
        /// PCI `pcie-to-pci-bridge`
        PcieToPciBridge = "pcie-to-pci-bridge",
        /// PCI `pcie-root-port`
        PcieRootPort = "pcie-root-port",
        /// PCI `pcie-switch-upstream-port`
        PcieSwitchUpstreamPort = "pcie-switch-upstream-port",
        /// PCI `pcie-switch-downstream-port`
        PcieSwitchDownstreamPort = "pcie-switch-downstream-port",
        /// PCI `pci-expander-bus`
        PciExpanderBus = "pci-expander-bus",
        /// PCI `pcie-expander-bus`
        PcieExpanderBus = "pcie-expander-bus",
    }
}

value_enum! {
    /// `<model name=…>` of a PCI controller: the QEMU device that implements the
    /// controller's `model` (formatdomain: "Controllers").
    pub enum PciControllerModelName {
        /// `spapr-pci-host-bridge`: a `pci-root` (PowerPC pseries).
        SpaprPciHostBridge = "spapr-pci-host-bridge",
        /// `pci-bridge`: a `pci-bridge`.
        PciBridge = "pci-bridge",
        /// `i82801b11-bridge`: a `dmi-to-pci-bridge`.
        I82801b11Bridge = "i82801b11-bridge",
        /// `pcie-pci-bridge`: a `pcie-to-pci-bridge`.
        PciePciBridge = "pcie-pci-bridge",
        /// `ioh3420`: a `pcie-root-port` (Intel).
        Ioh3420 = "ioh3420",
        /// `pcie-root-port`: a `pcie-root-port` (generic).
        PcieRootPort = "pcie-root-port",
        /// `x3130-upstream`: a `pcie-switch-upstream-port`.
        X3130Upstream = "x3130-upstream",
        /// `xio3130-downstream`: a `pcie-switch-downstream-port`.
        Xio3130Downstream = "xio3130-downstream",
        /// `pxb`: a `pci-expander-bus`.
        Pxb = "pxb",
        /// `pxb-pcie`: a `pcie-expander-bus`.
        PxbPcie = "pxb-pcie",
    }
}

/// `<controller>`: a bus that other devices attach to (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Controller {
    /// `type`: the kind of bus.
    #[serde(rename = "@type")]
    pub kind: Option<ControllerType>,
    /// `index`: the controller's number among controllers of its type, as used in
    /// addresses.
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `model`: the implementation.
    #[serde(rename = "@model")]
    pub model: Option<ControllerModel>,
    /// `ports`: number of ports (USB, virtio-serial).
    #[serde(rename = "@ports")]
    pub ports: Option<u32>,
    /// `vectors`: MSI vectors (virtio-serial).
    #[serde(rename = "@vectors")]
    pub vectors: Option<u32>,
    /// `maxGrantFrames`: Xen grant frames (xenbus).
    #[serde(rename = "@maxGrantFrames")]
    pub max_grant_frames: Option<u32>,
    /// `maxEventChannels`: Xen event channels (xenbus).
    #[serde(rename = "@maxEventChannels")]
    pub max_event_channels: Option<u32>,
    /// `<model>`: the PCI controller's QEMU device name.
    #[serde(rename = "model")]
    pub model_name: Option<ControllerModelName>,
    /// `<target>`: PCI controller options.
    pub target: Option<ControllerTarget>,
    /// `<driver>`: driver options (queues, IOThreads, virtio options).
    pub driver: Option<ControllerDriver>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<master>`: companion USB controller's first port.
    pub master: Option<UsbMaster>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the controller sits.
    pub address: Option<Address>,
    /// `<pcihole64>`: size of the 64-bit PCI hole (`pci-root`, `pcie-root`).
    pub pcihole64: Option<Pcihole64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Controller {
    /// A controller of this type and index.
    pub fn new(kind: ControllerType, index: u32) -> Self {
        Controller {
            kind: Some(kind),
            index: Some(index),
            ..Default::default()
        }
    }
}

/// `<model>` child of a controller: the QEMU device implementing a PCI controller
/// model (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ControllerModelName {
    /// `name`: the implementing device.
    #[serde(rename = "@name")]
    pub name: Option<PciControllerModelName>,
    /// `type`: not in libvirt's schema and ignored by libvirt; Phyllome's
    /// `session_linux515.xml` writes `<model type='virtio-non-transitional'/>` on its
    /// virtio-serial controller, so it is kept here (the `model` attribute is the
    /// one libvirt reads).
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of a PCI controller (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ControllerTarget {
    /// `chassisNr`: pci-bridge chassis number.
    #[serde(rename = "@chassisNr")]
    pub chassis_nr: Option<Uint>,
    /// `chassis`: root/downstream port chassis.
    #[serde(rename = "@chassis")]
    pub chassis: Option<Uint>,
    /// `port`: root/downstream port number.
    #[serde(rename = "@port")]
    pub port: Option<Uint>,
    /// `busNr`: first bus number of an expander bus.
    #[serde(rename = "@busNr")]
    pub bus_nr: Option<Uint>,
    /// `index`: spapr-pci-host-bridge index.
    #[serde(rename = "@index")]
    pub index: Option<Uint>,
    /// `hotplug`: whether the port accepts hotplug.
    #[serde(rename = "@hotplug")]
    pub hotplug: Option<OnOff>,
    /// `memReserve`: KiB of memory to reserve behind a port.
    #[serde(rename = "@memReserve")]
    pub mem_reserve: Option<u64>,
    /// `<node>`: NUMA node of an expander bus.
    pub node: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<driver>` of a controller (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ControllerDriver {
    /// `queues`: number of queues (virtio-scsi).
    #[serde(rename = "@queues")]
    pub queues: Option<u32>,
    /// `cmd_per_lun`: commands queued per LUN (virtio-scsi).
    #[serde(rename = "@cmd_per_lun")]
    pub cmd_per_lun: Option<u32>,
    /// `max_sectors`: maximum sectors per request (virtio-scsi).
    #[serde(rename = "@max_sectors")]
    pub max_sectors: Option<u32>,
    /// `ioeventfd`: use ioeventfd.
    #[serde(rename = "@ioeventfd")]
    pub ioeventfd: Option<OnOff>,
    /// `iothread`: the IOThread serving the controller.
    #[serde(rename = "@iothread")]
    pub iothread: Option<u32>,
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
    /// `<iothreads>`: per-queue IOThread mapping.
    pub iothreads: Option<IothreadMapping>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<master>`: a USB companion controller's first port on its master EHCI
/// (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbMaster {
    /// `startport`: first port on the master controller.
    #[serde(rename = "@startport")]
    pub startport: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<pcihole64>`: size of the 64-bit PCI hole of a PCI root (formatdomain: "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pcihole64 {
    /// `unit`: unit of the size (default KiB).
    #[serde(rename = "@unit")]
    pub unit: Option<String>,
    /// The size.
    #[serde(rename = "$text")]
    pub value: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn controllers_round_trip() {
        let root_port = Controller {
            model: Some(ControllerModel::PcieRootPort),
            model_name: Some(ControllerModelName {
                name: Some(PciControllerModelName::PcieRootPort),
                ..Default::default()
            }),
            target: Some(ControllerTarget {
                chassis: Some(1u32.into()),
                port: Some("0x10".parse().unwrap()),
                hotplug: Some(OnOff::Off),
                ..Default::default()
            }),
            alias: Some(Alias::new("pci.1")),
            address: Some(Address::Pci(crate::devices::PciAddress {
                domain: Some("0x0000".parse().unwrap()),
                bus: Some("0x00".parse().unwrap()),
                slot: Some("0x02".parse().unwrap()),
                function: Some("0x0".parse().unwrap()),
                multifunction: Some(OnOff::On),
                ..Default::default()
            })),
            ..Controller::new(ControllerType::Pci, 1)
        };
        let scsi = Controller {
            model: Some(ControllerModel::VirtioScsi),
            driver: Some(ControllerDriver {
                queues: Some(4),
                iothread: Some(2),
                ..Default::default()
            }),
            ..Controller::new(ControllerType::Scsi, 0)
        };
        let usb = Controller {
            model: Some(ControllerModel::Ich9Uhci1),
            master: Some(UsbMaster {
                startport: Some("0".into()),
                ..Default::default()
            }),
            ..Controller::new(ControllerType::Usb, 0)
        };
        let root = Controller {
            model: Some(ControllerModel::PcieRoot),
            pcihole64: Some(Pcihole64 {
                unit: Some("KiB".into()),
                value: Some(1048576),
                ..Default::default()
            }),
            ..Controller::new(ControllerType::Pci, 0)
        };
        let cases = [
            (
                Controller::new(ControllerType::VirtioSerial, 0),
                "<controller type='virtio-serial' index='0'/>",
            ),
            (
                root_port,
                "<controller type='pci' index='1' model='pcie-root-port'>\n  <model name='pcie-root-port'/>\n  <target chassis='1' port='0x10' hotplug='off'/>\n  <alias name='pci.1'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>\n</controller>",
            ),
            (
                scsi,
                "<controller type='scsi' index='0' model='virtio-scsi'>\n  <driver queues='4' iothread='2'/>\n</controller>",
            ),
            (
                usb,
                "<controller type='usb' index='0' model='ich9-uhci1'>\n  <master startport='0'/>\n</controller>",
            ),
            (
                root,
                "<controller type='pci' index='0' model='pcie-root'>\n  <pcihole64 unit='KiB'>1048576</pcihole64>\n</controller>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "controller", xml);
        }
    }

    #[test]
    fn phyllome_model_type_quirk_is_modelled() {
        let c: Controller = assert_modelled(
            "<controller type='virtio-serial' index='0'>\n  <model type='virtio-non-transitional'/>\n</controller>",
            "controller",
        );
        assert_eq!(
            c.model_name.and_then(|m| m.kind).as_deref(),
            Some("virtio-non-transitional")
        );
    }
}
