//! `<features>`: hypervisor features turned on or off — ACPI, APIC, Hyper-V
//! enlightenments, KVM and Xen options, container capabilities, SMM, POWER and RISC-V
//! machine options and more (formatdomain: "Hypervisor features").
//!
//! `hyperv.rs` holds the hypervisor groups (`<hyperv>`, `<kvm>`, `<xen>`),
//! `capabilities.rs` the container capabilities; the rest is here.

mod capabilities;
mod hyperv;

use bytesize::ByteSize;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::units::{Size, Unit};
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

pub use self::capabilities::{Capabilities, CapabilitiesPolicy};
pub use self::hyperv::{
    Hyperv, HypervMode, HypervSpinlocks, HypervStimer, HypervTlbflush, HypervVendorId, Kvm,
    KvmDirtyRing, Xen, XenPassthrough, XenPassthroughMode,
};

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
    /// `<capabilities>`: Linux capabilities of a container.
    pub capabilities: Option<Capabilities>,
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
    /// `<hpt>`: the POWER hashed page table.
    pub hpt: Option<Hpt>,
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
    /// `<xen>`: Xen-specific behaviour.
    pub xen: Option<Xen>,
    /// `<cfpc>`: POWER cache flush on privilege change (Spectre mitigation).
    pub cfpc: Option<PseriesMitigation>,
    /// `<sbbc>`: POWER speculation barrier bounds checking (Spectre mitigation).
    pub sbbc: Option<PseriesMitigation>,
    /// `<ibs>`: POWER indirect branch speculation (Spectre mitigation).
    pub ibs: Option<Ibs>,
    /// `<tcg>`: options of QEMU's TCG accelerator.
    pub tcg: Option<Tcg>,
    /// `<async-teardown>`: tear down guest memory asynchronously (s390).
    #[serde(rename = "async-teardown")]
    pub async_teardown: Option<AsyncTeardown>,
    /// `<ras>`: ARM Reliability, Availability and Serviceability.
    pub ras: Option<FeatureState>,
    /// `<ps2>`: the PS/2 controller.
    pub ps2: Option<FeatureState>,
    /// `<aia>`: the RISC-V Advanced Interrupt Architecture.
    pub aia: Option<Aia>,
    /// Unknown attributes and elements, kept and written back.
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

value_enum! {
    /// `<hpt resizing=…>`: whether the POWER hashed page table can be resized.
    pub enum HptResizing {
        /// `enabled`: if the host supports it.
        Enabled = "enabled",
        /// `disabled`
        Disabled = "disabled",
        /// `required`: refuse to start without it.
        Required = "required",
    }
}

/// `<hpt>`: the POWER (pSeries) hashed page table (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hpt {
    /// `resizing`: enabled, disabled or required.
    #[serde(rename = "@resizing")]
    pub resizing: Option<HptResizing>,
    /// `<maxpagesize>`: the largest page size the guest may use (KiB without a unit).
    pub maxpagesize: Option<FeatureSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// A size element of a feature (`<hpt><maxpagesize>`, `<tcg><tb-cache>`): libvirt's
/// `scaledInteger`, KiB when there is no unit (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureSize {
    /// `unit`: the unit of `value`; KiB when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// The size, in `unit`.
    #[serde(rename = "$text")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl FeatureSize {
    /// `value` of `unit`.
    pub fn new(value: u64, unit: Unit) -> Self {
        FeatureSize {
            unit: Some(unit),
            value,
            extra: Extra::default(),
        }
    }

    /// The number and unit as a [`Size`].
    pub fn size(&self) -> Size {
        Size {
            value: self.value,
            unit: self.unit.clone(),
        }
    }

    /// The size in bytes (KiB when there is no unit); an error when it overflows.
    pub fn bytes(&self) -> Result<u64> {
        self.size().to_bytes(&Unit::KIB)
    }
}

value_enum! {
    /// `<cfpc value=…>`, `<sbbc value=…>`: the state of a POWER Spectre mitigation.
    pub enum MitigationValue {
        /// `broken`: no mitigation.
        Broken = "broken",
        /// `workaround`: mitigated in software.
        Workaround = "workaround",
        /// `fixed`: fixed in hardware.
        Fixed = "fixed",
    }
}

/// `<cfpc>`, `<sbbc>`: a POWER (pSeries) Spectre mitigation (formatdomain: "Hypervisor
/// features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PseriesMitigation {
    /// `value`: broken, workaround or fixed.
    #[serde(rename = "@value")]
    pub value: Option<MitigationValue>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<ibs value=…>`: the state of the POWER indirect branch speculation mitigation.
    pub enum IbsValue {
        /// `broken`: no mitigation.
        Broken = "broken",
        /// `workaround`: mitigated in software.
        Workaround = "workaround",
        /// `fixed-ibs`: fixed by serialising indirect branches.
        FixedIbs = "fixed-ibs",
        /// `fixed-ccd`: fixed by disabling the count cache.
        FixedCcd = "fixed-ccd",
        /// `fixed-na`: not affected.
        FixedNa = "fixed-na",
    }
}

/// `<ibs>`: POWER indirect branch speculation (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ibs {
    /// `value`: the mitigation's state.
    #[serde(rename = "@value")]
    pub value: Option<IbsValue>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<tcg>`: options of QEMU's TCG accelerator (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tcg {
    /// `<tb-cache>`: the translation block cache size (KiB without a unit).
    #[serde(rename = "tb-cache")]
    pub tb_cache: Option<FeatureSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<aia value=…>`: which RISC-V interrupt controllers the guest gets.
    pub enum AiaValue {
        /// `none`: neither.
        None = "none",
        /// `aplic`: the APLIC only.
        Aplic = "aplic",
        /// `aplic-imsic`: the APLIC and the IMSIC.
        AplicImsic = "aplic-imsic",
    }
}

/// `<aia>`: the RISC-V Advanced Interrupt Architecture (formatdomain: "Hypervisor
/// features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Aia {
    /// `value`: none, aplic or aplic-imsic.
    #[serde(rename = "@value")]
    pub value: Option<AiaValue>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Features, text: &str) {
        assert_eq!(crate::codec::to_string(value, "features").unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<Features>(text, "features").unwrap(),
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
        let text = "<features>\n  <acpi/>\n  <tcg>\n    <tb-cache unit='MiB'>128</tb-cache>\n    \
                    <split-wx state='on'/>\n  </tcg>\n  <sev-guest state='on'/>\n</features>";
        let features = crate::codec::from_str::<Features>(text, "features").unwrap();
        assert!(features.acpi.is_some());
        assert!(!features.extra.is_empty());
        assert!(!features.tcg.as_ref().unwrap().extra.is_empty());
        assert_eq!(
            crate::codec::to_string(&features, "features").unwrap(),
            text
        );
    }

    #[test]
    fn machine_specific_features() {
        round_trip(
            &Features {
                capabilities: Some(Capabilities {
                    policy: Some(CapabilitiesPolicy::Allow),
                    sys_module: Some(FeatureState::off()),
                    ..Default::default()
                }),
                hpt: Some(Hpt {
                    resizing: Some(HptResizing::Required),
                    maxpagesize: Some(FeatureSize::new(64, Unit::KIB)),
                    ..Default::default()
                }),
                xen: Some(Xen {
                    e820_host: Some(FeatureState::on()),
                    passthrough: Some(XenPassthrough {
                        state: Some(OnOff::On),
                        mode: Some(XenPassthroughMode::SharePt),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                cfpc: Some(PseriesMitigation {
                    value: Some(MitigationValue::Workaround),
                    ..Default::default()
                }),
                sbbc: Some(PseriesMitigation {
                    value: Some(MitigationValue::Fixed),
                    ..Default::default()
                }),
                ibs: Some(Ibs {
                    value: Some(IbsValue::FixedCcd),
                    ..Default::default()
                }),
                tcg: Some(Tcg {
                    tb_cache: Some(FeatureSize::new(128, Unit::MIB)),
                    ..Default::default()
                }),
                aia: Some(Aia {
                    value: Some(AiaValue::AplicImsic),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "<features>\n  <capabilities policy='allow'>\n    <sys_module state='off'/>\n  </capabilities>\n  \
             <hpt resizing='required'>\n    <maxpagesize unit='KiB'>64</maxpagesize>\n  </hpt>\n  \
             <xen>\n    <e820_host state='on'/>\n    <passthrough state='on' mode='share_pt'/>\n  </xen>\n  \
             <cfpc value='workaround'/>\n  <sbbc value='fixed'/>\n  <ibs value='fixed-ccd'/>\n  \
             <tcg>\n    <tb-cache unit='MiB'>128</tb-cache>\n  </tcg>\n  <aia value='aplic-imsic'/>\n</features>",
        );
        let size = FeatureSize {
            value: 2,
            ..Default::default()
        };
        assert_eq!(size.bytes().unwrap(), 2048);
        assert_eq!(FeatureSize::new(1, Unit::GIB).bytes().unwrap(), 1 << 30);
    }

    #[test]
    fn empty_groups_are_kept() {
        round_trip(
            &Features {
                xen: Some(Xen::default()),
                tcg: Some(Tcg::default()),
                hpt: Some(Hpt::default()),
                ..Default::default()
            },
            "<features>\n  <hpt/>\n  <xen/>\n  <tcg/>\n</features>",
        );
    }

    #[test]
    fn marker_attributes_are_kept() {
        let text = "<features>\n  <acpi future='yes'/>\n</features>";
        let features = crate::codec::from_str::<Features>(text, "features").unwrap();
        assert!(!features.acpi.as_ref().unwrap().extra.is_empty());
        assert_eq!(
            crate::codec::to_string(&features, "features").unwrap(),
            text
        );
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
