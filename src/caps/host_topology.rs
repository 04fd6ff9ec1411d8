//! `<host>`'s `<topology>` (NUMA cells), `<cache>` and `<memory_bandwidth>`
//! (formatcaps: "Host capabilities").

use serde::{Deserialize, Serialize};

use crate::numa::{Interconnects, NumaCache, NumaDistances};
use crate::units::Unit;
use crate::values::value_enum;
use crate::xml::Extra;

/// `<host><topology>`: the host's NUMA cells and their interconnects (formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostTopology {
    /// `<cells>`: the NUMA cells.
    pub cells: Option<HostCells>,
    /// `<interconnects>`: latencies and bandwidths between cells (ACPI HMAT).
    pub interconnects: Option<Interconnects>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<topology><cells num>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCells {
    /// `num`: the number of cells.
    #[serde(rename = "@num")]
    pub num: Option<u32>,
    /// `<cell>`: each cell.
    #[serde(rename = "cell")]
    pub cells: Vec<HostCell>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cells><cell id>`: one host NUMA node (formatcaps: "Host capabilities").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCell {
    /// `id`: the node number.
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `<memory unit>`: the node's memory.
    pub memory: Option<HostCellMemory>,
    /// `<pages>`: free pages per page size.
    pub pages: Vec<Pages>,
    /// `<distances>`: distances to the other nodes.
    pub distances: Option<NumaDistances>,
    /// `<cache>`: memory-side caches (ACPI HMAT).
    pub cache: Vec<NumaCache>,
    /// `<cpus num>`: the node's CPUs.
    pub cpus: Option<HostCellCpus>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cell><memory unit>`: a NUMA node's memory (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCellMemory {
    /// `unit`: the unit (KiB when absent).
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// The amount, in `unit`.
    #[serde(rename = "$text")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cell><cpus num>`: a NUMA node's CPUs (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCellCpus {
    /// `num`: the number of CPUs.
    #[serde(rename = "@num")]
    pub num: Option<u32>,
    /// `<cpu>`: each CPU.
    #[serde(rename = "cpu")]
    pub cpus: Vec<HostCellCpu>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cpus><cpu id>`: one host CPU and where it sits (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCellCpu {
    /// `id`: the CPU number.
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `socket_id`
    #[serde(rename = "@socket_id")]
    pub socket_id: Option<u32>,
    /// `die_id`
    #[serde(rename = "@die_id")]
    pub die_id: Option<u32>,
    /// `cluster_id`
    #[serde(rename = "@cluster_id")]
    pub cluster_id: Option<u32>,
    /// `core_id`
    #[serde(rename = "@core_id")]
    pub core_id: Option<u32>,
    /// `siblings`: the CPUs sharing the core, as a cpuset.
    #[serde(rename = "@siblings")]
    pub siblings: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `type` of a cache bank or control: which kind of data it caches (formatcaps:
    /// "Host capabilities").
    pub enum CacheType {
        /// `both`: code and data.
        Both = "both",
        /// `code`
        Code = "code",
        /// `data`
        Data = "data",
    }
}

/// `<host><cache>`: the CPU cache banks (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCache {
    /// `<bank>`: each cache bank.
    #[serde(rename = "bank")]
    pub banks: Vec<CacheBank>,
    /// `<monitor>`: cache monitoring (Intel CMT).
    pub monitor: Option<CacheMonitor>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cache><bank>`: one cache bank (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheBank {
    /// `id`: the bank's id.
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `level`: the cache level.
    #[serde(rename = "@level")]
    pub level: Option<u32>,
    /// `type`: what it caches.
    #[serde(rename = "@type")]
    pub kind: Option<CacheType>,
    /// `size`: in `unit`.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// `unit`: the unit of `size`.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// `cpus`: the CPUs sharing the bank, as a cpuset.
    #[serde(rename = "@cpus")]
    pub cpus: Option<String>,
    /// `<control>`: allocation controls (Intel CAT).
    #[serde(rename = "control")]
    pub controls: Vec<CacheControl>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<bank><control>`: how the bank can be allocated (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheControl {
    /// `granularity`: the allocation step, in `unit`.
    #[serde(rename = "@granularity")]
    pub granularity: Option<u64>,
    /// `min`: the least allocation, in `unit`.
    #[serde(rename = "@min")]
    pub min: Option<u64>,
    /// `unit`: the unit of `granularity` and `min`.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// `type`: what the allocation caches.
    #[serde(rename = "@type")]
    pub kind: Option<CacheType>,
    /// `maxAllocs`: the most allocations at once.
    #[serde(rename = "@maxAllocs")]
    pub max_allocs: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<monitor>`: resource monitoring of caches or memory bandwidth (formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheMonitor {
    /// `level`: the cache level monitored.
    #[serde(rename = "@level")]
    pub level: Option<u32>,
    /// `reuseThreshold`: bytes below which a freed monitor may be reused.
    #[serde(rename = "@reuseThreshold")]
    pub reuse_threshold: Option<u64>,
    /// `maxMonitors`: the most monitors at once.
    #[serde(rename = "@maxMonitors")]
    pub max_monitors: Option<u32>,
    /// `<feature name>`: what can be monitored (`llc_occupancy`, `mbm_total_bytes`, …).
    #[serde(rename = "feature")]
    pub features: Vec<MonitorFeature>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<monitor><feature name>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitorFeature {
    /// `name`: e.g. `llc_occupancy`.
    #[serde(rename = "@name")]
    pub name: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memory_bandwidth>`: memory bandwidth allocation (Intel MBA; formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryBandwidth {
    /// `<node>`: each node.
    #[serde(rename = "node")]
    pub nodes: Vec<MemoryBandwidthNode>,
    /// `<monitor>`: bandwidth monitoring (Intel MBM).
    pub monitor: Option<CacheMonitor>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memory_bandwidth><node>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryBandwidthNode {
    /// `id`: the node's id.
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `cpus`: the node's CPUs, as a cpuset.
    #[serde(rename = "@cpus")]
    pub cpus: Option<String>,
    /// `<control>`: how bandwidth can be allocated.
    #[serde(rename = "control")]
    pub controls: Vec<MemoryBandwidthControl>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memory_bandwidth><node><control>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryBandwidthControl {
    /// `granularity`: the allocation step, in percent.
    #[serde(rename = "@granularity")]
    pub granularity: Option<u32>,
    /// `min`: the least allocation, in percent.
    #[serde(rename = "@min")]
    pub min: Option<u32>,
    /// `maxAllocs`: the most allocations at once.
    #[serde(rename = "@maxAllocs")]
    pub max_allocs: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<pages unit size>`: a page size, with the number of free pages inside a NUMA
/// cell (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pages {
    /// `unit`: the unit of `size` (KiB when absent).
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// `size`: the page size.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// The number of pages of this size (only inside a NUMA cell).
    #[serde(rename = "$text")]
    pub count: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
