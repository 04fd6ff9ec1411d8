//! `<perf>`: which host perf events libvirt collects for the domain (formatdomain:
//! "Performance monitoring events").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<event name=…>`: a perf event (schema `perf`).
    pub enum PerfEventName {
        /// `cmt`: cache usage (Intel CMT).
        Cmt = "cmt",
        /// `mbmt`: total memory bandwidth (Intel MBM).
        Mbmt = "mbmt",
        /// `mbml`: local memory bandwidth (Intel MBM).
        Mbml = "mbml",
        /// `cpu_cycles`
        CpuCycles = "cpu_cycles",
        /// `instructions`
        Instructions = "instructions",
        /// `cache_references`
        CacheReferences = "cache_references",
        /// `cache_misses`
        CacheMisses = "cache_misses",
        /// `branch_instructions`
        BranchInstructions = "branch_instructions",
        /// `branch_misses`
        BranchMisses = "branch_misses",
        /// `bus_cycles`
        BusCycles = "bus_cycles",
        /// `stalled_cycles_frontend`
        StalledCyclesFrontend = "stalled_cycles_frontend",
        /// `stalled_cycles_backend`
        StalledCyclesBackend = "stalled_cycles_backend",
        /// `ref_cpu_cycles`
        RefCpuCycles = "ref_cpu_cycles",
        /// `cpu_clock`
        CpuClock = "cpu_clock",
        /// `task_clock`
        TaskClock = "task_clock",
        /// `page_faults`
        PageFaults = "page_faults",
        /// `context_switches`
        ContextSwitches = "context_switches",
        /// `cpu_migrations`
        CpuMigrations = "cpu_migrations",
        /// `page_faults_min`: minor page faults.
        PageFaultsMin = "page_faults_min",
        /// `page_faults_maj`: major page faults.
        PageFaultsMaj = "page_faults_maj",
        /// `alignment_faults`
        AlignmentFaults = "alignment_faults",
        /// `emulation_faults`
        EmulationFaults = "emulation_faults",
    }
}

/// `<perf>`: perf events to collect (formatdomain: "Performance monitoring events").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Perf {
    /// `<event>` elements.
    #[serde(rename = "event")]
    pub events: Vec<PerfEvent>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Perf {
    /// Add an event turned on or off.
    pub fn event(mut self, name: PerfEventName, enabled: bool) -> Self {
        self.events.push(PerfEvent::new(name, enabled));
        self
    }
}

/// `<perf><event>`: one perf event turned on or off (formatdomain: "Performance
/// monitoring events").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PerfEvent {
    /// `name`: the event.
    #[serde(rename = "@name")]
    pub name: Option<PerfEventName>,
    /// `enabled`: whether libvirt collects it.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl PerfEvent {
    /// `<event name=… enabled=…/>`.
    pub fn new(name: PerfEventName, enabled: bool) -> Self {
        PerfEvent {
            name: Some(name),
            enabled: Some(enabled.into()),
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perf_round_trips() {
        let table: Vec<(Perf, &str)> = vec![
            (
                Perf::default()
                    .event(PerfEventName::Cmt, true)
                    .event(PerfEventName::PageFaultsMaj, false)
                    .event(PerfEventName::EmulationFaults, true),
                "<perf>\n  <event name='cmt' enabled='yes'/>\n  \
                 <event name='page_faults_maj' enabled='no'/>\n  \
                 <event name='emulation_faults' enabled='yes'/>\n</perf>",
            ),
            (
                Perf {
                    events: vec![PerfEvent {
                        name: Some(PerfEventName::Other("future_event".into())),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                "<perf>\n  <event name='future_event'/>\n</perf>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "perf").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Perf>(text, "perf").unwrap(),
                value,
                "{text}"
            );
        }
        for name in PerfEventName::KNOWN {
            assert_eq!(PerfEventName::from(name.as_str()), *name);
        }
    }
}
