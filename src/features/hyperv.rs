//! Hypervisor-specific feature groups: `<hyperv>` (Hyper-V enlightenments), `<kvm>`
//! and `<xen>` (formatdomain: "Hypervisor features").

use serde::{Deserialize, Serialize};

use super::FeatureState;
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<hyperv mode=…>`: which Hyper-V enlightenments are on.
    pub enum HypervMode {
        /// `custom`: those listed.
        Custom = "custom",
        /// `passthrough`: all the host supports.
        Passthrough = "passthrough",
    }
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

/// `<xen>`: Xen-specific features (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Xen {
    /// `<e820_host>`: expose the host's e820 memory map to a PV guest.
    pub e820_host: Option<FeatureState>,
    /// `<passthrough>`: IOMMU page table handling for PCI passthrough.
    pub passthrough: Option<XenPassthrough>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<xen><passthrough mode=…>`: how IOMMU page tables are set up.
    pub enum XenPassthroughMode {
        /// `sync_pt`: separate IOMMU page tables, kept in sync.
        SyncPt = "sync_pt",
        /// `share_pt`: share the EPT/NPT with the IOMMU.
        SharePt = "share_pt",
    }
}

/// `<xen><passthrough>`: PCI passthrough setup (formatdomain: "Hypervisor features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct XenPassthrough {
    /// `state`: on or off.
    #[serde(rename = "@state")]
    pub state: Option<OnOff>,
    /// `mode`: sync_pt or share_pt.
    #[serde(rename = "@mode")]
    pub mode: Option<XenPassthroughMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
