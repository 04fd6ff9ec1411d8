//! Host capabilities: `<domainCapabilities>` (what `virsh domcapabilities` reports for
//! one emulator, machine type and architecture; formatdomaincaps) and `<capabilities>`
//! (what `virsh capabilities` reports about the host and its guests; formatcaps).
//!
//! Both are typed, lossless and strict like [`Domain`](crate::Domain): content the
//! model does not know is kept in `extra` fields and listed by `unmodelled()`.
//! [`Domain::check_host`](crate::Domain::check_host) judges a domain against a
//! [`DomainCapabilities`] offline.
//!
//! Files follow the documents' sections: `domcaps.rs` (the root, `<os>`),
//! `domcaps_enums.rs` (the generic `<enum>` lists), `domcaps_cpu.rs`, `domcaps_devices.rs`, `domcaps_features.rs`;
//! `host.rs` (`<capabilities>` and `<host>`), `host_topology.rs` (NUMA cells, caches,
//! memory bandwidth) and `guest.rs` (`<guest>`).

mod domcaps;
mod domcaps_cpu;
mod domcaps_devices;
mod domcaps_enums;
mod domcaps_features;
mod guest;
mod host;
mod host_topology;

pub use self::domcaps::{DomainCapabilities, LoaderCaps, OsCaps, VcpuCaps};
pub use self::domcaps_cpu::{
    CpuBlockers, CpuCaps, CpuModeCaps, CpuModelCaps, CpuModelUsable, CustomModeCaps, HostModelCaps,
    MigratableModeCaps, UnknownCpuModeCaps,
};
pub use self::domcaps_devices::DevicesCaps;
pub use self::domcaps_enums::{CapsEnum, EnumCaps, Supported};
pub use self::domcaps_features::{
    FeaturesCaps, SevCaps, SgxCaps, SgxSection, SgxSectionSize, SgxSections,
};
pub use self::guest::{
    FeatureToggle, Guest, GuestArch, GuestDomain, GuestFeatures, GuestMachine, OsType,
};
pub use self::host::{
    BaseLabel, Capabilities, Host, HostCpu, HostCpuCounter, HostCpuFeatures, HostCpuMicrocode,
    Iommu, MigrationFeatures, PowerManagement, SecModel, UriTransport, UriTransports,
};
pub use self::host_topology::{
    CacheBank, CacheControl, CacheMonitor, CacheType, HostCache, HostCell, HostCellCpu,
    HostCellCpus, HostCellMemory, HostCells, HostTopology, MemoryBandwidth, MemoryBandwidthControl,
    MemoryBandwidthNode, MonitorFeature, Pages,
};

#[cfg(test)]
mod tests;
