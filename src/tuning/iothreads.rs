//! `<vcpus>`, `<iothreadids>` and `<defaultiothread>`: the state of each vCPU and the
//! IOThreads of the domain (formatdomain: "CPU Allocation", "IOThreads Allocation").
//! `<iothreads>` (the IOThread count) is a plain number on
//! [`Domain`](crate::Domain).

use serde::{Deserialize, Serialize};

use crate::values::YesNo;
use crate::xml::Extra;

/// `<vcpus>`: the state of individual vCPUs (formatdomain: "CPU Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vcpus {
    /// `<vcpu>` elements, one per vCPU.
    #[serde(rename = "vcpu")]
    pub vcpus: Vec<VcpuState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<vcpus><vcpu>`: whether one vCPU is online at boot and can be hot(un)plugged
/// (formatdomain: "CPU Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VcpuState {
    /// `id`: the vCPU's libvirt id, from 0.
    #[serde(rename = "@id")]
    pub id: u32,
    /// `enabled`: whether the vCPU is online at boot.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// `hotpluggable`: whether the vCPU can be hotplugged and unplugged.
    #[serde(rename = "@hotpluggable")]
    pub hotpluggable: Option<YesNo>,
    /// `order`: the order in which online vCPUs are added.
    #[serde(rename = "@order")]
    pub order: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl VcpuState {
    /// vCPU `id`, `enabled` or not, `hotpluggable` or not.
    pub fn new(id: u32, enabled: bool, hotpluggable: bool) -> Self {
        VcpuState {
            id,
            enabled: Some(enabled.into()),
            hotpluggable: Some(hotpluggable.into()),
            ..Default::default()
        }
    }
}

/// `<iothreadids>`: the IOThreads the domain has, by id (formatdomain: "IOThreads
/// Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IoThreadIds {
    /// `<iothread>` elements.
    #[serde(rename = "iothread")]
    pub iothreads: Vec<IoThread>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<iothreadids><iothread>`: one IOThread (formatdomain: "IOThreads Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IoThread {
    /// `id`: the IOThread id, from 1.
    #[serde(rename = "@id")]
    pub id: u32,
    /// `thread_pool_min`: the least number of worker threads.
    #[serde(rename = "@thread_pool_min")]
    pub thread_pool_min: Option<u32>,
    /// `thread_pool_max`: the most worker threads (not zero).
    #[serde(rename = "@thread_pool_max")]
    pub thread_pool_max: Option<u32>,
    /// `<poll>`: the IOThread's polling interval.
    pub poll: Option<IoThreadPoll>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl IoThread {
    /// IOThread `id` with the hypervisor's defaults.
    pub fn new(id: u32) -> Self {
        IoThread {
            id,
            ..Default::default()
        }
    }
}

/// `<iothread><poll>`: how long an IOThread polls before it waits for events
/// (formatdomain: "IOThreads Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IoThreadPoll {
    /// `max`: the longest polling time in nanoseconds (0 turns polling off).
    #[serde(rename = "@max")]
    pub max: Option<u64>,
    /// `grow`: the step by which the polling interval grows (0: the default).
    #[serde(rename = "@grow")]
    pub grow: Option<u64>,
    /// `shrink`: the step by which the polling interval shrinks (0: the default).
    #[serde(rename = "@shrink")]
    pub shrink: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<defaultiothread>`: the worker threads of the hypervisor's main event loop
/// (formatdomain: "IOThreads Allocation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultIoThread {
    /// `thread_pool_min`: the least number of worker threads.
    #[serde(rename = "@thread_pool_min")]
    pub thread_pool_min: Option<u32>,
    /// `thread_pool_max`: the most worker threads.
    #[serde(rename = "@thread_pool_max")]
    pub thread_pool_max: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcpus_round_trip() {
        let table: Vec<(Vcpus, &str)> = vec![
            (
                Vcpus {
                    vcpus: vec![
                        VcpuState {
                            order: Some(1),
                            ..VcpuState::new(0, true, false)
                        },
                        VcpuState::new(1, false, true),
                    ],
                    ..Default::default()
                },
                "<vcpus>\n  <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n  \
                 <vcpu id='1' enabled='no' hotpluggable='yes'/>\n</vcpus>",
            ),
            (Vcpus::default(), "<vcpus/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "vcpus").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Vcpus>(text, "vcpus").unwrap(),
                value,
                "{text}"
            );
        }
        assert!(crate::codec::from_str::<Vcpus>(
            "<vcpus><vcpu id='0' enabled='true'/></vcpus>",
            "vcpus"
        )
        .is_err());
    }

    #[test]
    fn iothreads_round_trip() {
        let table: Vec<(IoThreadIds, &str)> = vec![
            (
                IoThreadIds {
                    iothreads: vec![
                        IoThread::new(2),
                        IoThread {
                            thread_pool_min: Some(0),
                            thread_pool_max: Some(32),
                            poll: Some(IoThreadPoll {
                                max: Some(123),
                                grow: Some(0),
                                shrink: Some(789),
                                ..Default::default()
                            }),
                            ..IoThread::new(8)
                        },
                        IoThread {
                            poll: Some(IoThreadPoll::default()),
                            ..IoThread::new(9)
                        },
                    ],
                    ..Default::default()
                },
                "<iothreadids>\n  <iothread id='2'/>\n  \
                 <iothread id='8' thread_pool_min='0' thread_pool_max='32'>\n    \
                 <poll max='123' grow='0' shrink='789'/>\n  </iothread>\n  \
                 <iothread id='9'>\n    <poll/>\n  </iothread>\n</iothreadids>",
            ),
            (IoThreadIds::default(), "<iothreadids/>"),
        ];
        for (value, text) in table {
            assert_eq!(
                crate::codec::to_string(&value, "iothreadids").unwrap(),
                text
            );
            assert_eq!(
                crate::codec::from_str::<IoThreadIds>(text, "iothreadids").unwrap(),
                value,
                "{text}"
            );
        }

        let default = DefaultIoThread {
            thread_pool_min: Some(8),
            thread_pool_max: Some(16),
            ..Default::default()
        };
        let text = "<defaultiothread thread_pool_min='8' thread_pool_max='16'/>";
        assert_eq!(
            crate::codec::to_string(&default, "defaultiothread").unwrap(),
            text
        );
        assert_eq!(
            crate::codec::from_str::<DefaultIoThread>(text, "defaultiothread").unwrap(),
            default
        );
    }
}
