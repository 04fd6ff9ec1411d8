//! `<features>`: hypervisor features turned on or off — ACPI, APIC, Hyper-V
//! enlightenments, KVM options, SMM and more (formatdomain: "Hypervisor features").
//!
//! Not modelled yet, kept in `extra` and written back: `<xen>`, `<capabilities>`,
//! `<hpt>`, `<cfpc>`, `<sbbc>`, `<ibs>`, `<tcg>` and `<aia>`.

use bytesize::ByteSize;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::units::{Size, Unit};
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

/// A feature switched with a `state='on|off'` attribute (schema `featurestate`): Hyper-V
/// and KVM options, `<hap>`, `<pvspinlock>`, `<vmport>`, `<pmu>` and others
/// (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureState {
    /// `state`: on or off; absent leaves the hypervisor's default.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl FeatureState {
    /// `state='on'`.
    pub fn on() -> Self {
        FeatureState {
            state: Some(OnOff::On),
            extra: Extra::default(),
        }
    }

    /// `state='off'`.
    pub fn off() -> Self {
        FeatureState {
            state: Some(OnOff::Off),
            extra: Extra::default(),
        }
    }
}

value_enum! {
    /// `<gic version=…>`: the ARM interrupt controller version.
    pub enum GicVersion {
        /// `host`: the host's version.
        Host = "host",
        /// `2`
        V2 = "2",
        /// `3`
        V3 = "3",
    }
}

value_enum! {
    /// `<ioapic driver=…>`: who emulates the IOAPIC.
    pub enum IoapicDriver {
        /// `qemu`: userspace (needed for more than 255 vCPUs with an IOMMU).
        Qemu = "qemu",
        /// `kvm`: in the kernel.
        Kvm = "kvm",
    }
}

value_enum! {
    /// `<msrs unknown=…>`: what the guest gets when it touches an unknown MSR.
    pub enum MsrsUnknown {
        /// `ignore`: nothing happens.
        Ignore = "ignore",
        /// `fault`: a fault.
        Fault = "fault",
    }
}

value_enum! {
    /// `<hyperv mode=…>`: which Hyper-V enlightenments are on.
    pub enum HypervMode {
        /// `custom`: those listed.
        Custom = "custom",
        /// `passthrough`: all the host supports.
        Passthrough = "passthrough",
    }
}

/// `<features>`: hypervisor features (formatdomain: "Hypervisor features").
///
/// Fields are in libvirt's output order. A marker such as `<acpi/>` is on when present.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Features {
    /// `<acpi/>`: ACPI, for power management.
    pub acpi: Option<Acpi>,
    /// `<apic/>`: the APIC, for programmable interrupts.
    pub apic: Option<Apic>,
    /// `<pae/>`: physical address extension (32-bit guests above 4 GiB).
    pub pae: Option<Pae>,
    /// `<hap>`: hardware assisted paging.
    pub hap: Option<FeatureState>,
    /// `<viridian/>`: Xen's Hyper-V compatibility.
    pub viridian: Option<Viridian>,
    /// `<privnet/>`: a private network namespace (containers).
    pub privnet: Option<Privnet>,
    /// `<hyperv>`: Hyper-V enlightenments for Windows guests.
    pub hyperv: Option<Hyperv>,
    /// `<kvm>`: KVM-specific behaviour.
    pub kvm: Option<Kvm>,
    /// `<pvspinlock>`: paravirtual spinlocks.
    pub pvspinlock: Option<FeatureState>,
    /// `<pmu>`: the performance monitoring unit.
    pub pmu: Option<FeatureState>,
    /// `<vmport>`: VMware IO port emulation.
    pub vmport: Option<FeatureState>,
    /// `<gic>`: the ARM Generic Interrupt Controller.
    pub gic: Option<Gic>,
    /// `<smm>`: System Management Mode (needed for UEFI Secure Boot).
    pub smm: Option<Smm>,
    /// `<ioapic>`: the IOAPIC driver.
    pub ioapic: Option<Ioapic>,
    /// `<vmcoreinfo>`: the guest's vmcoreinfo device for crash dumps.
    pub vmcoreinfo: Option<FeatureState>,
    /// `<htm>`: POWER Hardware Transactional Memory.
    pub htm: Option<FeatureState>,
    /// `<nested-hv>`: POWER nested HV.
    #[serde(rename = "nested-hv")]
    pub nested_hv: Option<FeatureState>,
    /// `<msrs>`: unknown MSR handling.
    pub msrs: Option<Msrs>,
    /// `<ccf-assist>`: POWER count cache flush assist.
    #[serde(rename = "ccf-assist")]
    pub ccf_assist: Option<FeatureState>,
    /// `<async-teardown>`: tear down guest memory asynchronously (s390).
    #[serde(rename = "async-teardown")]
    pub async_teardown: Option<AsyncTeardown>,
    /// `<ras>`: ARM Reliability, Availability and Serviceability.
    pub ras: Option<FeatureState>,
    /// `<ps2>`: the PS/2 controller.
    pub ps2: Option<FeatureState>,
    /// Unknown attributes and elements (`<xen>`, `<hpt>`, `<tcg>`, …), kept and
    /// written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Features {
    /// `<acpi/>` and `<apic/>`, as every Phyllome guest has.
    pub fn acpi_apic() -> Self {
        Features {
            acpi: Some(Acpi::default()),
            apic: Some(Apic::default()),
            ..Default::default()
        }
    }
}

/// `<acpi/>`: ACPI on (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Acpi {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<apic>`: APIC on (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Apic {
    /// `eoi`: paravirtual end-of-interrupt.
    #[serde(rename = "@eoi")]
    pub eoi: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<pae/>`: physical address extension on (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pae {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<viridian/>`: Xen's Hyper-V compatibility on (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Viridian {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<privnet/>`: private network namespace on (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Privnet {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<gic>`: the ARM interrupt controller (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Gic {
    /// `version`: `host`, `2` or `3`.
    #[serde(rename = "@version")]
    pub version: Option<GicVersion>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<smm>`: System Management Mode (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Smm {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `<tseg>`: the extended TSEG size.
    pub tseg: Option<Tseg>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<smm><tseg>`: the SMM TSEG size, MiB when there is no unit (formatdomain:
/// "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tseg {
    /// `unit`: the unit of `value`; MiB when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// The size, in `unit`.
    #[serde(rename = "$text")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Tseg {
    /// The size in bytes (MiB when there is no unit); an error when it overflows.
    pub fn bytes(&self) -> Result<u64> {
        Size {
            value: self.value,
            unit: self.unit.clone(),
        }
        .to_bytes(&Unit::MIB)
    }

    /// The size as a [`ByteSize`] (MiB when there is no unit).
    pub fn to_bytesize(&self) -> Result<ByteSize> {
        self.bytes().map(ByteSize::b)
    }
}

/// `<ioapic>`: the IOAPIC driver (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ioapic {
    /// `driver`: qemu or kvm.
    #[serde(rename = "@driver")]
    pub driver: Option<IoapicDriver>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<msrs>`: how unknown model-specific registers behave (formatdomain: "Hypervisor
/// features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Msrs {
    /// `unknown`: ignore or fault.
    #[serde(rename = "@unknown")]
    pub unknown: Option<MsrsUnknown>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<async-teardown>`: asynchronous teardown of guest memory (formatdomain: "Hypervisor
/// features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AsyncTeardown {
    /// `enabled`: yes or no.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hyperv>`: Hyper-V enlightenments, which make Windows guests faster
/// (formatdomain: "Hypervisor features").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hyperv {
    /// `mode`: custom (the children say) or passthrough (all the host has).
    #[serde(rename = "@mode")]
    pub mode: Option<HypervMode>,
    /// `<relaxed>`: relaxed timing checks.
    pub relaxed: Option<FeatureState>,
    /// `<vapic>`: virtual APIC assists.
    pub vapic: Option<FeatureState>,
    /// `<spinlocks>`: spinlock notification.
    pub spinlocks: Option<HypervSpinlocks>,
    /// `<vpindex>`: virtual processor index.
    pub vpindex: Option<FeatureState>,
    /// `<runtime>`: processor time spent on guest and hypervisor code.
    pub runtime: Option<FeatureState>,
    /// `<synic>`: synthetic interrupt controller.
    pub synic: Option<FeatureState>,
    /// `<stimer>`: synthetic timers.
    pub stimer: Option<HypervStimer>,
    /// `<reset>`: hypervisor reset.
    pub reset: Option<FeatureState>,
    /// `<vendor_id>`: the hypervisor vendor id shown to the guest.
    pub vendor_id: Option<HypervVendorId>,
    /// `<frequencies>`: TSC and APIC frequency MSRs.
    pub frequencies: Option<FeatureState>,
    /// `<reenlightenment>`: notification on TSC frequency change (migration).
    pub reenlightenment: Option<FeatureState>,
    /// `<tlbflush>`: paravirtual TLB flush.
    pub tlbflush: Option<HypervTlbflush>,
    /// `<ipi>`: paravirtual inter-processor interrupts.
    pub ipi: Option<FeatureState>,
    /// `<evmcs>`: enlightened VMCS (nested virtualization).
    pub evmcs: Option<FeatureState>,
    /// `<avic>`: AMD AVIC support.
    pub avic: Option<FeatureState>,
    /// `<emsr_bitmap>`: enlightened MSR bitmap (nested virtualization).
    pub emsr_bitmap: Option<FeatureState>,
    /// `<xmm_input>`: hypercall input through XMM registers.
    pub xmm_input: Option<FeatureState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Hyperv {
    /// The enlightenments Phyllome turns on for Windows 10 and 11 guests.
    pub fn phyllome_windows() -> Self {
        Hyperv {
            mode: Some(HypervMode::Custom),
            relaxed: Some(FeatureState::on()),
            vapic: Some(FeatureState::on()),
            spinlocks: Some(HypervSpinlocks {
                state: Some(OnOff::On),
                retries: Some(4096),
                ..Default::default()
            }),
            vpindex: Some(FeatureState::on()),
            runtime: Some(FeatureState::on()),
            synic: Some(FeatureState::on()),
            stimer: Some(HypervStimer {
                state: Some(OnOff::On),
                direct: Some(FeatureState::on()),
                ..Default::default()
            }),
            reset: Some(FeatureState::on()),
            frequencies: Some(FeatureState::on()),
            reenlightenment: Some(FeatureState::on()),
            tlbflush: Some(HypervTlbflush {
                state: Some(OnOff::On),
                direct: Some(FeatureState::on()),
                extended: Some(FeatureState::on()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<hyperv><spinlocks>`: spinlock notification (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HypervSpinlocks {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `retries`: spin attempts before notifying the hypervisor (at least 4095).
    #[serde(rename = "@retries")]
    pub retries: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hyperv><vendor_id>`: the hypervisor vendor id (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HypervVendorId {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `value`: up to 12 characters.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hyperv><stimer>`: synthetic timers (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HypervStimer {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `<direct>`: direct mode synthetic timers.
    pub direct: Option<FeatureState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hyperv><tlbflush>`: paravirtual TLB flush (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HypervTlbflush {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `<direct>`: direct TLB flush from nested guests.
    pub direct: Option<FeatureState>,
    /// `<extended>`: extended GVA ranges for flushes.
    pub extended: Option<FeatureState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<kvm>`: KVM-specific features (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Kvm {
    /// `<hidden>`: hide the KVM signature from the guest.
    pub hidden: Option<FeatureState>,
    /// `<hint-dedicated>`: tell the guest its vCPUs are pinned and dedicated.
    #[serde(rename = "hint-dedicated")]
    pub hint_dedicated: Option<FeatureState>,
    /// `<poll-control>`: guest-controlled halt polling.
    #[serde(rename = "poll-control")]
    pub poll_control: Option<FeatureState>,
    /// `<pv-ipi>`: paravirtual inter-processor interrupts.
    #[serde(rename = "pv-ipi")]
    pub pv_ipi: Option<FeatureState>,
    /// `<dirty-ring>`: dirty page tracking with a ring buffer.
    #[serde(rename = "dirty-ring")]
    pub dirty_ring: Option<KvmDirtyRing>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<kvm><dirty-ring>`: dirty ring tracking (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KvmDirtyRing {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `size`: ring entries, a power of two from 1024 to 65536.
    #[serde(rename = "@size")]
    pub size: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml;

    fn round_trip(value: &Features, text: &str) {
        assert_eq!(xml::to_string(value, "features").unwrap(), text);
        assert_eq!(
            &xml::from_str::<Features>(text, "features").unwrap(),
            value,
            "{text}"
        );
    }

    #[test]
    fn acpi_apic() {
        round_trip(
            &Features::acpi_apic(),
            "<features>\n  <acpi/>\n  <apic/>\n</features>",
        );
    }

    #[test]
    fn phyllome_windows() {
        round_trip(
            &Features {
                hyperv: Some(Hyperv::phyllome_windows()),
                kvm: Some(Kvm {
                    hidden: Some(FeatureState::on()),
                    ..Default::default()
                }),
                ..Features::acpi_apic()
            },
            "<features>\n  <acpi/>\n  <apic/>\n  <hyperv mode='custom'>\n    <relaxed state='on'/>\n    \
             <vapic state='on'/>\n    <spinlocks state='on' retries='4096'/>\n    <vpindex state='on'/>\n    \
             <runtime state='on'/>\n    <synic state='on'/>\n    <stimer state='on'>\n      \
             <direct state='on'/>\n    </stimer>\n    <reset state='on'/>\n    <frequencies state='on'/>\n    \
             <reenlightenment state='on'/>\n    <tlbflush state='on'>\n      <direct state='on'/>\n      \
             <extended state='on'/>\n    </tlbflush>\n  </hyperv>\n  <kvm>\n    <hidden state='on'/>\n  \
             </kvm>\n</features>",
        );
    }

    #[test]
    fn every_modelled_feature() {
        round_trip(
            &Features {
                acpi: Some(Acpi::default()),
                apic: Some(Apic {
                    eoi: Some(OnOff::On),
                    ..Default::default()
                }),
                pae: Some(Pae::default()),
                hap: Some(FeatureState::default()),
                viridian: Some(Viridian::default()),
                privnet: Some(Privnet::default()),
                hyperv: Some(Hyperv {
                    vendor_id: Some(HypervVendorId {
                        state: Some(OnOff::On),
                        value: Some("KVM Hv".into()),
                        ..Default::default()
                    }),
                    ipi: Some(FeatureState::on()),
                    evmcs: Some(FeatureState::off()),
                    avic: Some(FeatureState::on()),
                    emsr_bitmap: Some(FeatureState::on()),
                    xmm_input: Some(FeatureState::on()),
                    ..Default::default()
                }),
                kvm: Some(Kvm {
                    hidden: Some(FeatureState::on()),
                    hint_dedicated: Some(FeatureState::on()),
                    poll_control: Some(FeatureState::on()),
                    pv_ipi: Some(FeatureState::off()),
                    dirty_ring: Some(KvmDirtyRing {
                        state: Some(OnOff::On),
                        size: Some(4096),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                pvspinlock: Some(FeatureState::on()),
                pmu: Some(FeatureState::off()),
                vmport: Some(FeatureState::off()),
                gic: Some(Gic {
                    version: Some(GicVersion::V2),
                    ..Default::default()
                }),
                smm: Some(Smm {
                    state: Some(OnOff::On),
                    tseg: Some(Tseg {
                        unit: Some(Unit::MIB),
                        value: 48,
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ioapic: Some(Ioapic {
                    driver: Some(IoapicDriver::Qemu),
                    ..Default::default()
                }),
                vmcoreinfo: Some(FeatureState::on()),
                htm: Some(FeatureState::on()),
                nested_hv: Some(FeatureState::on()),
                msrs: Some(Msrs {
                    unknown: Some(MsrsUnknown::Ignore),
                    ..Default::default()
                }),
                ccf_assist: Some(FeatureState::on()),
                async_teardown: Some(AsyncTeardown {
                    enabled: Some(YesNo::Yes),
                    ..Default::default()
                }),
                ras: Some(FeatureState::on()),
                ps2: Some(FeatureState::off()),
                ..Default::default()
            },
            "<features>\n  <acpi/>\n  <apic eoi='on'/>\n  <pae/>\n  <hap/>\n  <viridian/>\n  <privnet/>\n  \
             <hyperv>\n    <vendor_id state='on' value='KVM Hv'/>\n    <ipi state='on'/>\n    \
             <evmcs state='off'/>\n    <avic state='on'/>\n    <emsr_bitmap state='on'/>\n    \
             <xmm_input state='on'/>\n  </hyperv>\n  <kvm>\n    <hidden state='on'/>\n    \
             <hint-dedicated state='on'/>\n    <poll-control state='on'/>\n    <pv-ipi state='off'/>\n    \
             <dirty-ring state='on' size='4096'/>\n  </kvm>\n  <pvspinlock state='on'/>\n  <pmu state='off'/>\n  \
             <vmport state='off'/>\n  <gic version='2'/>\n  <smm state='on'>\n    <tseg unit='MiB'>48</tseg>\n  \
             </smm>\n  <ioapic driver='qemu'/>\n  <vmcoreinfo state='on'/>\n  <htm state='on'/>\n  \
             <nested-hv state='on'/>\n  <msrs unknown='ignore'/>\n  <ccf-assist state='on'/>\n  \
             <async-teardown enabled='yes'/>\n  <ras state='on'/>\n  <ps2 state='off'/>\n</features>",
        );
    }

    #[test]
    fn hyperv_passthrough() {
        round_trip(
            &Features {
                hyperv: Some(Hyperv {
                    mode: Some(HypervMode::Passthrough),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "<features>\n  <hyperv mode='passthrough'/>\n</features>",
        );
    }

    #[test]
    fn unmodelled_features_stay_in_extra() {
        let text = "<features>\n  <acpi/>\n  <xen>\n    <e820_host state='on'/>\n  </xen>\n  \
                    <tcg>\n    <tb-cache unit='MiB'>128</tb-cache>\n  </tcg>\n</features>";
        let features = xml::from_str::<Features>(text, "features").unwrap();
        assert!(features.acpi.is_some());
        assert!(!features.extra.is_empty());
        assert_eq!(xml::to_string(&features, "features").unwrap(), text);
    }

    #[test]
    fn marker_attributes_are_kept() {
        let text = "<features>\n  <acpi future='yes'/>\n</features>";
        let features = xml::from_str::<Features>(text, "features").unwrap();
        assert!(!features.acpi.as_ref().unwrap().extra.is_empty());
        assert_eq!(xml::to_string(&features, "features").unwrap(), text);
    }

    #[test]
    fn tseg_defaults_to_mib() {
        let tseg = Tseg {
            value: 48,
            ..Default::default()
        };
        assert_eq!(tseg.bytes().unwrap(), 48 << 20);
        assert_eq!(tseg.to_bytesize().unwrap(), ByteSize::mib(48));
    }
}
