//! `<cputune>`: CPU shares, bandwidth, pinning, scheduling and resctrl cache and
//! memory bandwidth allocations (formatdomain: "CPU Tuning").

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::units::{Size, Unit};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `scheduler` of `<vcpusched>`, `<iothreadsched>` and `<emulatorsched>`: the host
    /// scheduler policy for the threads.
    pub enum Scheduler {
        /// `batch`: SCHED_BATCH.
        Batch = "batch",
        /// `idle`: SCHED_IDLE.
        Idle = "idle",
        /// `fifo`: SCHED_FIFO (real time; needs `priority`).
        Fifo = "fifo",
        /// `rr`: SCHED_RR (real time; needs `priority`).
        Rr = "rr",
    }
}

value_enum! {
    /// `<cachetune><cache type=…>`: what a cache allocation holds.
    pub enum CacheType {
        /// `both`: code and data (unified).
        Both = "both",
        /// `code`: instructions.
        Code = "code",
        /// `data`
        Data = "data",
    }
}

/// `<cputune>`: CPU tunables of the domain (formatdomain: "CPU Tuning").
///
/// Periods and quotas are in microseconds; a negative quota means no limit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuTune {
    /// `<shares>`: the domain's proportional weighted share of host CPU time.
    pub shares: Option<u64>,
    /// `<period>`: the enforcement interval for each vCPU.
    pub period: Option<u64>,
    /// `<quota>`: the bandwidth each vCPU may use within `period`.
    pub quota: Option<i64>,
    /// `<global_period>`: the enforcement interval for the whole domain.
    pub global_period: Option<u64>,
    /// `<global_quota>`: the bandwidth the whole domain may use within `global_period`.
    pub global_quota: Option<i64>,
    /// `<emulator_period>`: the enforcement interval for the emulator threads.
    pub emulator_period: Option<u64>,
    /// `<emulator_quota>`: the bandwidth of the emulator threads.
    pub emulator_quota: Option<i64>,
    /// `<iothread_period>`: the enforcement interval for each IOThread.
    pub iothread_period: Option<u64>,
    /// `<iothread_quota>`: the bandwidth of each IOThread.
    pub iothread_quota: Option<i64>,
    /// `<vcpupin>` elements: host CPUs for each vCPU.
    #[serde(rename = "vcpupin")]
    pub vcpupins: Vec<VcpuPin>,
    /// `<emulatorpin>`: host CPUs for the emulator threads.
    pub emulatorpin: Option<EmulatorPin>,
    /// `<iothreadpin>` elements: host CPUs for each IOThread.
    #[serde(rename = "iothreadpin")]
    pub iothreadpins: Vec<IoThreadPin>,
    /// `<emulatorsched>`: the scheduler of the emulator threads.
    pub emulatorsched: Option<EmulatorSched>,
    /// `<vcpusched>` elements: the scheduler of sets of vCPUs.
    #[serde(rename = "vcpusched")]
    pub vcpuscheds: Vec<VcpuSched>,
    /// `<iothreadsched>` elements: the scheduler of sets of IOThreads.
    #[serde(rename = "iothreadsched")]
    pub iothreadscheds: Vec<IoThreadSched>,
    /// `<cachetune>` elements: CPU cache allocations.
    #[serde(rename = "cachetune")]
    pub cachetunes: Vec<CacheTune>,
    /// `<memorytune>` elements: memory bandwidth allocations.
    #[serde(rename = "memorytune")]
    pub memorytunes: Vec<MemoryTune>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cputune><vcpupin>`: the host CPUs one vCPU may run on (formatdomain: "CPU
/// Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VcpuPin {
    /// `vcpu`: the vCPU id.
    #[serde(rename = "@vcpu")]
    pub vcpu: u32,
    /// `cpuset`: host CPUs, e.g. `1-4,^2`.
    #[serde(rename = "@cpuset")]
    pub cpuset: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl VcpuPin {
    /// Pin vCPU `vcpu` to the host CPUs `cpuset`.
    pub fn new(vcpu: u32, cpuset: &str) -> Self {
        VcpuPin {
            vcpu,
            cpuset: cpuset.to_owned(),
            extra: Extra::default(),
        }
    }
}

/// `<cputune><emulatorpin>`: the host CPUs the emulator threads may run on
/// (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EmulatorPin {
    /// `cpuset`: host CPUs, e.g. `1-3`.
    #[serde(rename = "@cpuset")]
    pub cpuset: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<cputune><iothreadpin>`: the host CPUs one IOThread may run on (formatdomain: "CPU
/// Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IoThreadPin {
    /// `iothread`: the IOThread id.
    #[serde(rename = "@iothread")]
    pub iothread: u32,
    /// `cpuset`: host CPUs, e.g. `5,6`.
    #[serde(rename = "@cpuset")]
    pub cpuset: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<cputune><vcpusched>`: the scheduler of a set of vCPUs (formatdomain: "CPU
/// Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VcpuSched {
    /// `vcpus`: the vCPUs, e.g. `0-4,^3`; all when absent.
    #[serde(rename = "@vcpus")]
    pub vcpus: Option<String>,
    /// `scheduler`: batch, idle, fifo or rr.
    #[serde(rename = "@scheduler")]
    pub scheduler: Option<Scheduler>,
    /// `priority`: the real-time priority, with fifo and rr.
    #[serde(rename = "@priority")]
    pub priority: Option<u16>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cputune><iothreadsched>`: the scheduler of a set of IOThreads (formatdomain: "CPU
/// Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IoThreadSched {
    /// `iothreads`: the IOThread ids, e.g. `1-3,^2`; all when absent.
    #[serde(rename = "@iothreads")]
    pub iothreads: Option<String>,
    /// `scheduler`: batch, idle, fifo or rr.
    #[serde(rename = "@scheduler")]
    pub scheduler: Option<Scheduler>,
    /// `priority`: the real-time priority, with fifo and rr.
    #[serde(rename = "@priority")]
    pub priority: Option<u16>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cputune><emulatorsched>`: the scheduler of the emulator threads (formatdomain:
/// "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EmulatorSched {
    /// `scheduler`: batch, idle, fifo or rr.
    #[serde(rename = "@scheduler")]
    pub scheduler: Option<Scheduler>,
    /// `priority`: the real-time priority, with fifo and rr.
    #[serde(rename = "@priority")]
    pub priority: Option<u16>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cputune><cachetune>`: a CPU cache allocation (resctrl) for a set of vCPUs
/// (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CacheTune {
    /// `vcpus`: the vCPUs this allocation applies to.
    #[serde(rename = "@vcpus")]
    pub vcpus: String,
    /// `id`: the allocation's name (output only).
    #[serde(rename = "@id")]
    pub id: Option<String>,
    /// `<cache>` elements: the allocations.
    #[serde(rename = "cache", default)]
    pub caches: Vec<CacheTuneCache>,
    /// `<monitor>` elements: cache monitors.
    #[serde(rename = "monitor", default)]
    pub monitors: Vec<CacheTuneMonitor>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<cachetune><cache>`: an allocation from one host cache (formatdomain: "CPU
/// Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CacheTuneCache {
    /// `id`: the host cache id.
    #[serde(rename = "@id")]
    pub id: u32,
    /// `level`: the host cache level.
    #[serde(rename = "@level")]
    pub level: u32,
    /// `type`: both, code or data.
    #[serde(rename = "@type")]
    pub kind: Option<CacheType>,
    /// `size`: the size to allocate, in `unit`.
    #[serde(rename = "@size")]
    pub size: u64,
    /// `unit`: the unit of `size`; bytes when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl CacheTuneCache {
    /// The allocation size as a [`Size`].
    pub fn allocation(&self) -> Size {
        Size {
            value: self.size,
            unit: self.unit.clone(),
        }
    }

    /// The allocation size in bytes (bytes when there is no unit).
    pub fn bytes(&self) -> Result<u64> {
        self.allocation().to_bytes(&Unit::BYTES)
    }
}

/// `<cachetune><monitor>`: a cache monitor for some of the allocation's vCPUs
/// (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CacheTuneMonitor {
    /// `level`: the host cache level monitored.
    #[serde(rename = "@level")]
    pub level: u32,
    /// `vcpus`: the vCPUs monitored.
    #[serde(rename = "@vcpus")]
    pub vcpus: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<cputune><memorytune>`: a memory bandwidth allocation (resctrl) for a set of vCPUs
/// (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemoryTune {
    /// `vcpus`: the vCPUs this allocation applies to.
    #[serde(rename = "@vcpus")]
    pub vcpus: String,
    /// `<node>` elements: bandwidth per host node.
    #[serde(rename = "node", default)]
    pub nodes: Vec<MemoryTuneNode>,
    /// `<monitor>` elements: memory bandwidth monitors.
    #[serde(rename = "monitor", default)]
    pub monitors: Vec<MemoryTuneMonitor>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<memorytune><node>`: the memory bandwidth allocated from one host node
/// (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemoryTuneNode {
    /// `id`: the host node id.
    #[serde(rename = "@id")]
    pub id: u32,
    /// `bandwidth`: usually a percentage (Intel), or MB/s with `mba_MBps`.
    #[serde(rename = "@bandwidth")]
    pub bandwidth: u32,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<memorytune><monitor>`: a memory bandwidth monitor (formatdomain: "CPU Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemoryTuneMonitor {
    /// `vcpus`: the vCPUs monitored.
    #[serde(rename = "@vcpus")]
    pub vcpus: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &CpuTune, text: &str) {
        assert_eq!(crate::codec::to_string(value, "cputune").unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<CpuTune>(text, "cputune").unwrap(),
            value,
            "{text}"
        );
    }

    #[test]
    fn bandwidth_pinning_and_scheduling_round_trip() {
        let value = CpuTune {
            shares: Some(2048),
            period: Some(1000000),
            quota: Some(-1),
            global_period: Some(100000),
            global_quota: Some(50000),
            emulator_period: Some(20000),
            emulator_quota: Some(17592186044415),
            iothread_period: Some(1000),
            iothread_quota: Some(-1),
            vcpupins: vec![VcpuPin::new(0, "1-4,^2"), VcpuPin::new(1, "0,1")],
            emulatorpin: Some(EmulatorPin {
                cpuset: "1-3".into(),
                ..Default::default()
            }),
            iothreadpins: vec![IoThreadPin {
                iothread: 1,
                cpuset: "5,6".into(),
                ..Default::default()
            }],
            emulatorsched: Some(EmulatorSched {
                scheduler: Some(Scheduler::Fifo),
                priority: Some(2),
                ..Default::default()
            }),
            vcpuscheds: vec![
                VcpuSched {
                    vcpus: Some("0-4,^3".into()),
                    scheduler: Some(Scheduler::Rr),
                    priority: Some(1),
                    ..Default::default()
                },
                VcpuSched {
                    scheduler: Some(Scheduler::Idle),
                    ..Default::default()
                },
            ],
            iothreadscheds: vec![IoThreadSched {
                iothreads: Some("2".into()),
                scheduler: Some(Scheduler::Batch),
                ..Default::default()
            }],
            ..Default::default()
        };
        let text = "<cputune>\n  <shares>2048</shares>\n  <period>1000000</period>\n  <quota>-1</quota>\n  \
                    <global_period>100000</global_period>\n  <global_quota>50000</global_quota>\n  \
                    <emulator_period>20000</emulator_period>\n  <emulator_quota>17592186044415</emulator_quota>\n  \
                    <iothread_period>1000</iothread_period>\n  <iothread_quota>-1</iothread_quota>\n  \
                    <vcpupin vcpu='0' cpuset='1-4,^2'/>\n  <vcpupin vcpu='1' cpuset='0,1'/>\n  \
                    <emulatorpin cpuset='1-3'/>\n  <iothreadpin iothread='1' cpuset='5,6'/>\n  \
                    <emulatorsched scheduler='fifo' priority='2'/>\n  \
                    <vcpusched vcpus='0-4,^3' scheduler='rr' priority='1'/>\n  <vcpusched scheduler='idle'/>\n  \
                    <iothreadsched iothreads='2' scheduler='batch'/>\n</cputune>";
        round_trip(&value, text);
        round_trip(&CpuTune::default(), "<cputune/>");
    }

    #[test]
    fn resctrl_allocations_round_trip() {
        let value = CpuTune {
            cachetunes: vec![
                CacheTune {
                    vcpus: "0-3".into(),
                    caches: vec![
                        CacheTuneCache {
                            id: 0,
                            level: 3,
                            kind: Some(CacheType::Both),
                            size: 3,
                            unit: Some(Unit::MIB),
                            ..Default::default()
                        },
                        CacheTuneCache {
                            id: 1,
                            level: 3,
                            kind: Some(CacheType::Code),
                            size: 786432,
                            ..Default::default()
                        },
                    ],
                    monitors: vec![CacheTuneMonitor {
                        level: 3,
                        vcpus: "1".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                CacheTune {
                    vcpus: "4-5".into(),
                    id: Some("vcpus_4-5".into()),
                    monitors: vec![CacheTuneMonitor {
                        level: 3,
                        vcpus: "4".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
            ],
            memorytunes: vec![MemoryTune {
                vcpus: "0-3".into(),
                nodes: vec![MemoryTuneNode {
                    id: 0,
                    bandwidth: 60,
                    ..Default::default()
                }],
                monitors: vec![MemoryTuneMonitor {
                    vcpus: "0-3".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let text = "<cputune>\n  <cachetune vcpus='0-3'>\n    \
                    <cache id='0' level='3' type='both' size='3' unit='MiB'/>\n    \
                    <cache id='1' level='3' type='code' size='786432'/>\n    \
                    <monitor level='3' vcpus='1'/>\n  </cachetune>\n  \
                    <cachetune vcpus='4-5' id='vcpus_4-5'>\n    <monitor level='3' vcpus='4'/>\n  </cachetune>\n  \
                    <memorytune vcpus='0-3'>\n    <node id='0' bandwidth='60'/>\n    \
                    <monitor vcpus='0-3'/>\n  </memorytune>\n</cputune>";
        round_trip(&value, text);
        let caches = &value.cachetunes[0].caches;
        assert_eq!(caches[0].bytes().unwrap(), 3 << 20);
        assert_eq!(caches[1].bytes().unwrap(), 786432);
    }

    #[test]
    fn unknown_scheduler_is_kept_and_bad_numbers_fail() {
        let text = "<cputune>\n  <vcpusched vcpus='0' scheduler='deadline'/>\n</cputune>";
        let tune = crate::codec::from_str::<CpuTune>(text, "cputune").unwrap();
        assert_eq!(
            tune.vcpuscheds[0].scheduler,
            Some(Scheduler::Other("deadline".into()))
        );
        assert_eq!(crate::codec::to_string(&tune, "cputune").unwrap(), text);
        for bad in [
            "<cputune><shares>-1</shares></cputune>",
            "<cputune><quota>lots</quota></cputune>",
            "<cputune><vcpupin vcpu='x' cpuset='0'/></cputune>",
        ] {
            assert!(
                crate::codec::from_str::<CpuTune>(bad, "cputune").is_err(),
                "{bad} accepted"
            );
        }
    }
}
