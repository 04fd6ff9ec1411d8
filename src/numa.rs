//! `<cpu><numa>`: the guest's NUMA topology: cells with their vCPUs and memory,
//! distances between cells, memory-side caches and the interconnects between
//! initiators and targets (formatdomain: "CPU model and topology", "ACPI Heterogeneous
//! Memory Attribute Table").

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::memory::MemoryAccessMode;
use crate::units::{Size, Unit};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<cell><cache associativity=…>`: how a memory-side cache maps memory.
    pub enum CacheAssociativity {
        /// `none`
        None = "none",
        /// `direct`: direct mapped.
        Direct = "direct",
        /// `full`: fully associative.
        Full = "full",
    }
}

value_enum! {
    /// `<cell><cache policy=…>`: a memory-side cache's write policy.
    pub enum CachePolicy {
        /// `none`
        None = "none",
        /// `writeback`
        Writeback = "writeback",
        /// `writethrough`
        Writethrough = "writethrough",
    }
}

value_enum! {
    /// `<latency type=…>`, `<bandwidth type=…>`: which accesses a figure describes.
    pub enum InterconnectType {
        /// `access`: reads and writes.
        Access = "access",
        /// `read`
        Read = "read",
        /// `write`
        Write = "write",
    }
}

/// `<cpu><numa>`: the guest NUMA cells and their interconnects (formatdomain: "CPU
/// model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Numa {
    /// `<cell>` elements: the guest NUMA nodes.
    #[serde(rename = "cell")]
    pub cells: Vec<NumaCell>,
    /// `<interconnects>`: latencies and bandwidths between initiators and targets.
    pub interconnects: Option<Interconnects>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<numa><cell>`: one guest NUMA node (formatdomain: "CPU model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaCell {
    /// `id`: the node's number (libvirt numbers cells in order when absent).
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `cpus`: the vCPUs in this node, e.g. `0-3`; absent for a memory-only node.
    #[serde(rename = "@cpus")]
    pub cpus: Option<String>,
    /// `memory`: the node's memory, in `unit`.
    #[serde(rename = "@memory")]
    pub memory: u64,
    /// `unit`: the unit of `memory`; KiB when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// `memAccess`: shared or private memory for this node.
    #[serde(rename = "@memAccess")]
    pub mem_access: Option<MemoryAccessMode>,
    /// `discard`: discard the node's memory content when the guest shuts down.
    #[serde(rename = "@discard")]
    pub discard: Option<YesNo>,
    /// `<distances>`: distances from this node to the others.
    pub distances: Option<NumaDistances>,
    /// `<cache>` elements: the node's memory-side caches.
    #[serde(rename = "cache", default)]
    pub caches: Vec<NumaCache>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl NumaCell {
    /// Cell `id` with the vCPUs `cpus` (e.g. `0-3`) and `memory`, written with its unit.
    pub fn new(id: u32, cpus: &str, memory: Size) -> Self {
        NumaCell {
            id: Some(id),
            cpus: Some(cpus.to_owned()),
            memory: memory.value,
            unit: memory.unit,
            ..Default::default()
        }
    }

    /// The node's memory as a [`Size`].
    pub fn size(&self) -> Size {
        Size {
            value: self.memory,
            unit: self.unit.clone(),
        }
    }

    /// The node's memory in bytes (KiB when there is no unit); an error when it does
    /// not fit in a `u64`.
    pub fn bytes(&self) -> Result<u64> {
        self.size().to_bytes(&Unit::KIB)
    }
}

/// `<cell><distances>`: the distances from a cell to the others (formatdomain: "CPU
/// model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NumaDistances {
    /// `<sibling>` elements: one distance each.
    #[serde(rename = "sibling")]
    pub siblings: Vec<NumaSibling>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<distances><sibling>`: the distance to one cell (formatdomain: "CPU model and
/// topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaSibling {
    /// `id`: the other cell.
    #[serde(rename = "@id")]
    pub id: u32,
    /// `value`: the distance (10 is local, 20 is one hop by ACPI's convention).
    #[serde(rename = "@value")]
    pub value: u32,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl NumaSibling {
    /// The distance `value` to cell `id`.
    pub fn new(id: u32, value: u32) -> Self {
        NumaSibling {
            id,
            value,
            extra: Extra::default(),
        }
    }
}

/// `<cell><cache>`: a memory-side cache of a cell (formatdomain: "ACPI Heterogeneous
/// Memory Attribute Table").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaCache {
    /// `level`: the cache level.
    #[serde(rename = "@level")]
    pub level: u32,
    /// `associativity`: none, direct or full.
    #[serde(rename = "@associativity")]
    pub associativity: Option<CacheAssociativity>,
    /// `policy`: none, writeback or writethrough.
    #[serde(rename = "@policy")]
    pub policy: Option<CachePolicy>,
    /// `<size>`: the cache size.
    pub size: Option<NumaCacheSize>,
    /// `<line>`: the cache line size.
    pub line: Option<NumaCacheSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<cache><size>` and `<cache><line>`: a size with its unit (formatdomain: "ACPI
/// Heterogeneous Memory Attribute Table").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaCacheSize {
    /// `value`: the number, in `unit`.
    #[serde(rename = "@value")]
    pub value: u64,
    /// `unit`: the unit of `value` (the schema requires it).
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl NumaCacheSize {
    /// `value` of `unit`.
    pub fn new(value: u64, unit: Unit) -> Self {
        NumaCacheSize {
            value,
            unit: Some(unit),
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
}

/// `<numa><interconnects>`: access latencies and bandwidths between initiator and
/// target cells (formatdomain: "ACPI Heterogeneous Memory Attribute Table").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Interconnects {
    /// `<latency>` elements.
    #[serde(rename = "latency")]
    pub latencies: Vec<NumaLatency>,
    /// `<bandwidth>` elements.
    #[serde(rename = "bandwidth")]
    pub bandwidths: Vec<NumaBandwidth>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<interconnects><latency>`: the access latency from an initiator to a target, in
/// nanoseconds (formatdomain: "ACPI Heterogeneous Memory Attribute Table").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaLatency {
    /// `initiator`: the cell whose CPUs access the memory.
    #[serde(rename = "@initiator")]
    pub initiator: u32,
    /// `target`: the cell whose memory is accessed.
    #[serde(rename = "@target")]
    pub target: u32,
    /// `cache`: the target's cache level, when the figure is for a memory-side cache.
    #[serde(rename = "@cache")]
    pub cache: Option<u32>,
    /// `type`: access, read or write.
    #[serde(rename = "@type")]
    pub kind: Option<InterconnectType>,
    /// `value`: the latency in nanoseconds.
    #[serde(rename = "@value")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<interconnects><bandwidth>`: the access bandwidth from an initiator to a target,
/// per second (formatdomain: "ACPI Heterogeneous Memory Attribute Table").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumaBandwidth {
    /// `initiator`: the cell whose CPUs access the memory.
    #[serde(rename = "@initiator")]
    pub initiator: u32,
    /// `target`: the cell whose memory is accessed.
    #[serde(rename = "@target")]
    pub target: u32,
    /// `cache`: the target's cache level, when the figure is for a memory-side cache.
    #[serde(rename = "@cache")]
    pub cache: Option<u32>,
    /// `type`: access, read or write.
    #[serde(rename = "@type")]
    pub kind: Option<InterconnectType>,
    /// `value`: the bandwidth, in `unit` per second.
    #[serde(rename = "@value")]
    pub value: u64,
    /// `unit`: the unit of `value` (KiB when absent; the schema requires it).
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl NumaBandwidth {
    /// The bandwidth per second as a [`Size`].
    pub fn size(&self) -> Size {
        Size {
            value: self.value,
            unit: self.unit.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(table: Vec<(Numa, &str)>) {
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "numa").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Numa>(text, "numa").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn cells_round_trip() {
        round_trip(vec![
            (
                Numa {
                    cells: vec![
                        NumaCell::new(0, "0-1", Size::new(512, Unit::MIB)),
                        NumaCell {
                            mem_access: Some(MemoryAccessMode::Shared),
                            discard: Some(YesNo::Yes),
                            ..NumaCell::new(1, "2-3", Size::new(1, Unit::GIB))
                        },
                    ],
                    ..Default::default()
                },
                "<numa>\n  <cell id='0' cpus='0-1' memory='512' unit='MiB'/>\n  \
                 <cell id='1' cpus='2-3' memory='1' unit='GiB' memAccess='shared' discard='yes'/>\n</numa>",
            ),
            (
                Numa {
                    cells: vec![NumaCell {
                        memory: 2048,
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                "<numa>\n  <cell memory='2048'/>\n</numa>",
            ),
        ]);
    }

    #[test]
    fn distances_caches_and_interconnects_round_trip() {
        let cell = |id: u32, cpus: &str, near: u32, far: u32| NumaCell {
            distances: Some(NumaDistances {
                siblings: vec![NumaSibling::new(near, 10), NumaSibling::new(far, 21)],
                ..Default::default()
            }),
            ..NumaCell::new(id, cpus, Size::new(1048576, Unit::KIB))
        };
        let mut first = cell(0, "0-1", 0, 1);
        first.caches.push(NumaCache {
            level: 1,
            associativity: Some(CacheAssociativity::Direct),
            policy: Some(CachePolicy::Writeback),
            size: Some(NumaCacheSize::new(8, Unit::KIB)),
            line: Some(NumaCacheSize::new(64, Unit::B)),
            ..Default::default()
        });
        let numa = Numa {
            cells: vec![first, cell(1, "2-3", 1, 0)],
            interconnects: Some(Interconnects {
                latencies: vec![
                    NumaLatency {
                        initiator: 0,
                        target: 0,
                        kind: Some(InterconnectType::Access),
                        value: 5,
                        ..Default::default()
                    },
                    NumaLatency {
                        initiator: 0,
                        target: 0,
                        cache: Some(1),
                        kind: Some(InterconnectType::Read),
                        value: 3,
                        ..Default::default()
                    },
                ],
                bandwidths: vec![NumaBandwidth {
                    initiator: 0,
                    target: 1,
                    kind: Some(InterconnectType::Write),
                    value: 102400,
                    unit: Some(Unit::KIB),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = "<numa>\n  <cell id='0' cpus='0-1' memory='1048576' unit='KiB'>\n    <distances>\n      \
                    <sibling id='0' value='10'/>\n      <sibling id='1' value='21'/>\n    </distances>\n    \
                    <cache level='1' associativity='direct' policy='writeback'>\n      \
                    <size value='8' unit='KiB'/>\n      <line value='64' unit='b'/>\n    </cache>\n  </cell>\n  \
                    <cell id='1' cpus='2-3' memory='1048576' unit='KiB'>\n    <distances>\n      \
                    <sibling id='1' value='10'/>\n      <sibling id='0' value='21'/>\n    </distances>\n  </cell>\n  \
                    <interconnects>\n    <latency initiator='0' target='0' type='access' value='5'/>\n    \
                    <latency initiator='0' target='0' cache='1' type='read' value='3'/>\n    \
                    <bandwidth initiator='0' target='1' type='write' value='102400' unit='KiB'/>\n  \
                    </interconnects>\n</numa>";
        round_trip(vec![(numa.clone(), text)]);
        assert_eq!(numa.cells[0].bytes().unwrap(), 1 << 30);
        assert_eq!(
            numa.interconnects.unwrap().bandwidths[0].size(),
            Size::new(102400, Unit::KIB)
        );
    }

    #[test]
    fn unknown_values_and_content_are_kept() {
        let text = "<numa>\n  <cell id='0' memory='1024' memAccess='future' hot='yes'>\n    \
                    <cache level='2' associativity='partial' policy='none'>\n      \
                    <size value='1' unit='MiB'/>\n    </cache>\n    <extra/>\n  </cell>\n</numa>";
        let numa = crate::codec::from_str::<Numa>(text, "numa").unwrap();
        let cell = &numa.cells[0];
        assert_eq!(
            cell.mem_access,
            Some(MemoryAccessMode::Other("future".into()))
        );
        assert_eq!(
            cell.caches[0].associativity,
            Some(CacheAssociativity::Other("partial".into()))
        );
        assert!(!cell.extra.is_empty());
        let back = crate::codec::to_string(&numa, "numa").unwrap();
        assert!(
            back.contains("hot='yes'") && back.contains("<extra/>"),
            "{back}"
        );
    }
}
