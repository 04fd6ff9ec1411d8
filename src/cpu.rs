//! `<vcpu>` and `<cpu>`: how many virtual CPUs the guest has, and their model,
//! features and topology (formatdomain: "CPU Allocation", "CPU model and topology").

use serde::{Deserialize, Serialize};

use crate::numa::Numa;
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<vcpu placement=…>`: how the domain's process is placed on host CPUs.
    pub enum VcpuPlacement {
        /// `static`: on `cpuset` (or all host CPUs).
        Static = "static",
        /// `auto`: on the nodeset numad advises.
        Auto = "auto",
    }
}

/// `<vcpu>`: the maximum number of virtual CPUs (formatdomain: "CPU Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vcpu {
    /// `placement`: static or automatic placement on host CPUs.
    #[serde(rename = "@placement")]
    pub placement: Option<VcpuPlacement>,
    /// `cpuset`: host CPUs the vCPUs may run on, e.g. `1-4,^3,6`.
    #[serde(rename = "@cpuset")]
    pub cpuset: Option<String>,
    /// `current`: how many vCPUs are enabled at boot, when fewer than the maximum.
    #[serde(rename = "@current")]
    pub current: Option<u32>,
    /// The maximum number of vCPUs.
    #[serde(rename = "$text")]
    pub count: u32,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Vcpu {
    /// `<vcpu placement='static'>count</vcpu>`, as Phyllome writes it.
    pub fn fixed(count: u32) -> Self {
        Vcpu {
            placement: Some(VcpuPlacement::Static),
            count,
            ..Default::default()
        }
    }
}

value_enum! {
    /// `<cpu mode=…>`: how the guest CPU relates to the host's.
    pub enum CpuMode {
        /// `custom`: the model and features given.
        Custom = "custom",
        /// `host-model`: the closest named model to the host CPU (Phyllome's choice).
        HostModel = "host-model",
        /// `host-passthrough`: the host CPU as is.
        HostPassthrough = "host-passthrough",
        /// `maximum`: everything the hypervisor can offer.
        Maximum = "maximum",
    }
}

value_enum! {
    /// `<cpu match=…>`: how strictly the guest CPU must match the request.
    pub enum CpuMatch {
        /// `minimum`: at least what is asked.
        Minimum = "minimum",
        /// `exact`: what is asked.
        Exact = "exact",
        /// `strict`: what is asked, and only if the host has exactly that.
        Strict = "strict",
    }
}

value_enum! {
    /// `<cpu check=…>`: how the guest CPU is checked against the request.
    pub enum CpuCheck {
        /// `none`
        None = "none",
        /// `partial`
        Partial = "partial",
        /// `full`
        Full = "full",
    }
}

value_enum! {
    /// `<model fallback=…>`: whether another model may be used when the host cannot
    /// run the one asked.
    pub enum CpuModelFallback {
        /// `allow`
        Allow = "allow",
        /// `forbid`
        Forbid = "forbid",
    }
}

value_enum! {
    /// `<feature policy=…>`: what to do with a CPU feature.
    pub enum CpuFeaturePolicy {
        /// `force`: on, whatever the host supports.
        Force = "force",
        /// `require`: on; fail if the host lacks it.
        Require = "require",
        /// `optional`: on if the host has it.
        Optional = "optional",
        /// `disable`: off.
        Disable = "disable",
        /// `forbid`: off; fail if the host has it.
        Forbid = "forbid",
    }
}

value_enum! {
    /// `<cache mode=…>`: how the guest sees CPU caches.
    pub enum CpuCacheMode {
        /// `emulate`: an emulated cache of `level`.
        Emulate = "emulate",
        /// `passthrough`: the host's caches.
        Passthrough = "passthrough",
        /// `disable`: no cache information.
        Disable = "disable",
    }
}

value_enum! {
    /// `<maxphysaddr mode=…>`: how the guest's physical address width is set.
    pub enum MaxPhysAddrMode {
        /// `emulate`: `bits` wide.
        Emulate = "emulate",
        /// `passthrough`: the host's width (capped by `limit`).
        Passthrough = "passthrough",
    }
}

/// `<cpu>`: guest CPU model, features, topology and NUMA cells (formatdomain: "CPU
/// model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Cpu {
    /// `mode`: custom, host-model, host-passthrough or maximum.
    #[serde(rename = "@mode")]
    pub mode: Option<CpuMode>,
    /// `match`: how strictly the CPU must match.
    #[serde(rename = "@match")]
    pub match_: Option<CpuMatch>,
    /// `check`: how the CPU is checked.
    #[serde(rename = "@check")]
    pub check: Option<CpuCheck>,
    /// `migratable`: with host-passthrough/maximum, drop features that block migration.
    #[serde(rename = "@migratable")]
    pub migratable: Option<OnOff>,
    /// `deprecated_features`: whether features the hypervisor deprecates stay on.
    #[serde(rename = "@deprecated_features")]
    pub deprecated_features: Option<OnOff>,
    /// `<model>`: the CPU model name.
    pub model: Option<CpuModel>,
    /// `<vendor>`: the CPU vendor, e.g. `Intel`.
    pub vendor: Option<String>,
    /// `<signature>`: family, model and stepping (the schema has it for host CPUs only).
    pub signature: Option<CpuSignature>,
    /// `<topology>`: sockets, dies, clusters, cores and threads.
    pub topology: Option<CpuTopology>,
    /// `<cache>`: CPU cache information.
    pub cache: Option<CpuCache>,
    /// `<maxphysaddr>`: the physical address width.
    pub maxphysaddr: Option<MaxPhysAddr>,
    /// `<feature>` elements: CPU features turned on or off.
    #[serde(rename = "feature")]
    pub features: Vec<CpuFeature>,
    /// `<numa>`: the guest NUMA cells.
    pub numa: Option<Numa>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Cpu {
    /// Phyllome's CPU: `host-model` with one socket, one die, `cores` cores of
    /// `threads` threads.
    pub fn host_model(cores: u32, threads: u32) -> Self {
        Cpu {
            mode: Some(CpuMode::HostModel),
            topology: Some(CpuTopology {
                sockets: Some(1),
                dies: Some(1),
                cores: Some(cores),
                threads: Some(threads),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<cpu><model>`: the CPU model (formatdomain: "CPU model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuModel {
    /// `fallback`: whether a different model may be used.
    #[serde(rename = "@fallback")]
    pub fallback: Option<CpuModelFallback>,
    /// `vendor_id`: the 12-character CPUID vendor string shown to the guest.
    #[serde(rename = "@vendor_id")]
    pub vendor_id: Option<String>,
    /// The model name, e.g. `Skylake-Client`; `None` for `<model fallback='forbid'/>`.
    #[serde(rename = "$text")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cpu><signature>`: the CPU's family, model and stepping (schema `cputypes.rng`:
/// part of host CPU definitions; read typed when a guest's `<cpu>` carries it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuSignature {
    /// `family`: the CPU family.
    #[serde(rename = "@family")]
    pub family: Option<u32>,
    /// `model`: the model number.
    #[serde(rename = "@model")]
    pub model: Option<u32>,
    /// `stepping`: the stepping.
    #[serde(rename = "@stepping")]
    pub stepping: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cpu><topology>`: how vCPUs are grouped (formatdomain: "CPU model and topology").
///
/// Their product is the number of vCPUs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuTopology {
    /// `sockets`
    #[serde(rename = "@sockets")]
    pub sockets: Option<u32>,
    /// `dies`: dies per socket.
    #[serde(rename = "@dies")]
    pub dies: Option<u32>,
    /// `clusters`: clusters per die.
    #[serde(rename = "@clusters")]
    pub clusters: Option<u32>,
    /// `cores`: cores per cluster.
    #[serde(rename = "@cores")]
    pub cores: Option<u32>,
    /// `threads`: threads per core.
    #[serde(rename = "@threads")]
    pub threads: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl CpuTopology {
    /// The number of vCPUs this topology holds (absent counts are 1); `None` on
    /// overflow.
    pub fn vcpus(&self) -> Option<u32> {
        [
            self.sockets,
            self.dies,
            self.clusters,
            self.cores,
            self.threads,
        ]
        .into_iter()
        .try_fold(1u32, |acc, n| acc.checked_mul(n.unwrap_or(1)))
    }
}

/// `<cpu><feature>`: a CPU feature and what to do with it (formatdomain: "CPU model and
/// topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CpuFeature {
    /// `policy`: force, require, optional, disable or forbid.
    #[serde(rename = "@policy")]
    pub policy: Option<CpuFeaturePolicy>,
    /// `name`: the feature, e.g. `vmx`, `lahf_lm`.
    #[serde(rename = "@name")]
    pub name: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl CpuFeature {
    /// `<feature policy=… name=…/>`.
    pub fn new(policy: CpuFeaturePolicy, name: &str) -> Self {
        CpuFeature {
            policy: Some(policy),
            name: name.to_owned(),
            extra: Extra::default(),
        }
    }
}

/// `<cpu><cache>`: the CPU cache the guest sees (formatdomain: "CPU model and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuCache {
    /// `level`: the cache level (1–3) with `mode='emulate'`.
    #[serde(rename = "@level")]
    pub level: Option<u32>,
    /// `mode`: emulate, passthrough or disable.
    #[serde(rename = "@mode")]
    pub mode: Option<CpuCacheMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cpu><maxphysaddr>`: the guest's physical address width (formatdomain: "CPU model
/// and topology").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MaxPhysAddr {
    /// `mode`: emulate or passthrough.
    #[serde(rename = "@mode")]
    pub mode: Option<MaxPhysAddrMode>,
    /// `bits`: the width, with `mode='emulate'`.
    #[serde(rename = "@bits")]
    pub bits: Option<u32>,
    /// `limit`: the largest width, with `mode='passthrough'`.
    #[serde(rename = "@limit")]
    pub limit: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numa::NumaCell;
    use crate::units::{Size, Unit};

    #[test]
    fn vcpu_round_trips() {
        let table: Vec<(Vcpu, &str)> = vec![
            (Vcpu::fixed(4), "<vcpu placement='static'>4</vcpu>"),
            (
                Vcpu {
                    count: 2,
                    ..Default::default()
                },
                "<vcpu>2</vcpu>",
            ),
            (
                Vcpu {
                    placement: Some(VcpuPlacement::Static),
                    cpuset: Some("1-4,^3,6".into()),
                    current: Some(1),
                    count: 2,
                    ..Default::default()
                },
                "<vcpu placement='static' cpuset='1-4,^3,6' current='1'>2</vcpu>",
            ),
            (
                Vcpu {
                    placement: Some(VcpuPlacement::Auto),
                    count: 8,
                    ..Default::default()
                },
                "<vcpu placement='auto'>8</vcpu>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "vcpu").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Vcpu>(text, "vcpu").unwrap(),
                value,
                "{text}"
            );
        }
        assert!(crate::codec::from_str::<Vcpu>("<vcpu>four</vcpu>", "vcpu").is_err());
    }

    #[test]
    fn cpu_round_trips() {
        let table: Vec<(Cpu, &str)> = vec![
            (
                Cpu::host_model(2, 2),
                "<cpu mode='host-model'>\n  <topology sockets='1' dies='1' cores='2' threads='2'/>\n</cpu>",
            ),
            (
                Cpu {
                    match_: Some(CpuMatch::Exact),
                    model: Some(CpuModel {
                        fallback: Some(CpuModelFallback::Allow),
                        name: Some("core2duo".into()),
                        ..Default::default()
                    }),
                    vendor: Some("Intel".into()),
                    topology: Some(CpuTopology {
                        sockets: Some(1),
                        dies: Some(1),
                        clusters: Some(1),
                        cores: Some(2),
                        threads: Some(1),
                        ..Default::default()
                    }),
                    cache: Some(CpuCache {
                        level: Some(3),
                        mode: Some(CpuCacheMode::Emulate),
                        ..Default::default()
                    }),
                    maxphysaddr: Some(MaxPhysAddr {
                        mode: Some(MaxPhysAddrMode::Emulate),
                        bits: Some(42),
                        ..Default::default()
                    }),
                    features: vec![
                        CpuFeature::new(CpuFeaturePolicy::Disable, "lahf_lm"),
                        CpuFeature::new(CpuFeaturePolicy::Require, "vmx"),
                    ],
                    ..Default::default()
                },
                "<cpu match='exact'>\n  <model fallback='allow'>core2duo</model>\n  <vendor>Intel</vendor>\n  \
                 <topology sockets='1' dies='1' clusters='1' cores='2' threads='1'/>\n  \
                 <cache level='3' mode='emulate'/>\n  <maxphysaddr mode='emulate' bits='42'/>\n  \
                 <feature policy='disable' name='lahf_lm'/>\n  <feature policy='require' name='vmx'/>\n</cpu>",
            ),
            (
                Cpu {
                    mode: Some(CpuMode::HostPassthrough),
                    check: Some(CpuCheck::None),
                    migratable: Some(OnOff::Off),
                    cache: Some(CpuCache {
                        mode: Some(CpuCacheMode::Passthrough),
                        ..Default::default()
                    }),
                    maxphysaddr: Some(MaxPhysAddr {
                        mode: Some(MaxPhysAddrMode::Passthrough),
                        limit: Some(39),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                "<cpu mode='host-passthrough' check='none' migratable='off'>\n  <cache mode='passthrough'/>\n  \
                 <maxphysaddr mode='passthrough' limit='39'/>\n</cpu>",
            ),
            (
                Cpu {
                    mode: Some(CpuMode::HostModel),
                    model: Some(CpuModel {
                        fallback: Some(CpuModelFallback::Forbid),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                "<cpu mode='host-model'>\n  <model fallback='forbid'/>\n</cpu>",
            ),
            (
                Cpu {
                    mode: Some(CpuMode::Maximum),
                    deprecated_features: Some(OnOff::Off),
                    ..Default::default()
                },
                "<cpu mode='maximum' deprecated_features='off'/>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "cpu").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Cpu>(text, "cpu").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn numa_and_signature_round_trip() {
        let cpu = Cpu {
            mode: Some(CpuMode::HostModel),
            vendor: Some("AMD".into()),
            signature: Some(CpuSignature {
                family: Some(25),
                model: Some(33),
                stepping: Some(0),
                ..Default::default()
            }),
            topology: Some(CpuTopology {
                sockets: Some(2),
                cores: Some(2),
                threads: Some(1),
                ..Default::default()
            }),
            features: vec![CpuFeature::new(CpuFeaturePolicy::Require, "topoext")],
            numa: Some(Numa {
                cells: vec![
                    NumaCell::new(0, "0-1", Size::new(512, Unit::MIB)),
                    NumaCell::new(1, "2-3", Size::new(512, Unit::MIB)),
                ],
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = "<cpu mode='host-model'>\n  <vendor>AMD</vendor>\n  \
                    <signature family='25' model='33' stepping='0'/>\n  \
                    <topology sockets='2' cores='2' threads='1'/>\n  \
                    <feature policy='require' name='topoext'/>\n  <numa>\n    \
                    <cell id='0' cpus='0-1' memory='512' unit='MiB'/>\n    \
                    <cell id='1' cpus='2-3' memory='512' unit='MiB'/>\n  </numa>\n</cpu>";
        assert_eq!(crate::codec::to_string(&cpu, "cpu").unwrap(), text);
        let back = crate::codec::from_str::<Cpu>(text, "cpu").unwrap();
        assert_eq!(back, cpu);
        assert!(back.extra.is_empty());
        assert_eq!(back.numa.unwrap().cells[1].bytes().unwrap(), 512 << 20);
    }

    #[test]
    fn topology_counts_vcpus() {
        assert_eq!(Cpu::host_model(2, 2).topology.unwrap().vcpus(), Some(4));
        assert_eq!(CpuTopology::default().vcpus(), Some(1));
        let huge = CpuTopology {
            sockets: Some(u32::MAX),
            cores: Some(2),
            ..Default::default()
        };
        assert_eq!(huge.vcpus(), None);
    }
}
