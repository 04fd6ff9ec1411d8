//! `<memtune>` and `<blkiotune>`: memory limits and block I/O weights of the domain's
//! cgroup (formatdomain: "Memory Tuning", "Block I/O Tuning").

use serde::{Deserialize, Serialize};

use crate::memory::MemoryLimit;
use crate::xml::Extra;

/// `<memtune>`: memory limits of the domain's process (formatdomain: "Memory Tuning").
///
/// Each limit keeps its unit; libvirt writes them in KiB.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemTune {
    /// `<hard_limit>`: the most memory the domain may use.
    pub hard_limit: Option<MemoryLimit>,
    /// `<soft_limit>`: the limit enforced under memory contention.
    pub soft_limit: Option<MemoryLimit>,
    /// `<min_guarantee>`: the guaranteed minimum (VMware ESX and OpenVZ).
    pub min_guarantee: Option<MemoryLimit>,
    /// `<swap_hard_limit>`: the most memory plus swap the domain may use.
    pub swap_hard_limit: Option<MemoryLimit>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<blkiotune>`: block I/O (blkio cgroup) tunables (formatdomain: "Block I/O Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BlkioTune {
    /// `<weight>`: the domain's overall I/O weight (10–1000).
    pub weight: Option<u32>,
    /// `<device>` elements: weights and limits per host block device.
    #[serde(rename = "device")]
    pub devices: Vec<BlkioDevice>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<blkiotune><device>`: the weight and limits for one host block device
/// (formatdomain: "Block I/O Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BlkioDevice {
    /// `<path>`: the device's absolute path, e.g. `/dev/sda`.
    pub path: Option<String>,
    /// `<weight>`: the device's relative weight (10–1000).
    pub weight: Option<u32>,
    /// `<read_bytes_sec>`: read throughput limit in bytes per second.
    pub read_bytes_sec: Option<u64>,
    /// `<write_bytes_sec>`: write throughput limit in bytes per second.
    pub write_bytes_sec: Option<u64>,
    /// `<read_iops_sec>`: read operations per second limit.
    pub read_iops_sec: Option<u32>,
    /// `<write_iops_sec>`: write operations per second limit.
    pub write_iops_sec: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl BlkioDevice {
    /// Tuning for the host device at `path`, with nothing set yet.
    pub fn new(path: &str) -> Self {
        BlkioDevice {
            path: Some(path.to_owned()),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit;

    #[test]
    fn memtune_round_trips() {
        let table: Vec<(MemTune, &str)> = vec![
            (
                MemTune {
                    hard_limit: Some(MemoryLimit::new(1, Unit::G)),
                    soft_limit: Some(MemoryLimit::new(128, Unit::M)),
                    min_guarantee: Some(MemoryLimit::new(67108864, Unit::BYTES)),
                    swap_hard_limit: Some(MemoryLimit::kib(2097152)),
                    ..Default::default()
                },
                "<memtune>\n  <hard_limit unit='G'>1</hard_limit>\n  <soft_limit unit='M'>128</soft_limit>\n  \
                 <min_guarantee unit='bytes'>67108864</min_guarantee>\n  \
                 <swap_hard_limit unit='KiB'>2097152</swap_hard_limit>\n</memtune>",
            ),
            (
                MemTune {
                    hard_limit: Some(MemoryLimit {
                        value: 9007199254740991,
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                "<memtune>\n  <hard_limit>9007199254740991</hard_limit>\n</memtune>",
            ),
            (MemTune::default(), "<memtune/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "memtune").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<MemTune>(text, "memtune").unwrap(),
                value,
                "{text}"
            );
        }
        let tune = MemTune {
            hard_limit: Some(MemoryLimit::gib(2)),
            ..Default::default()
        };
        assert_eq!(tune.hard_limit.unwrap().bytes().unwrap(), 2 << 30);
        let err = crate::codec::from_str::<MemTune>(
            "<memtune><soft_limit unit='lots'>1</soft_limit></memtune>",
            "memtune",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("/memtune/soft_limit") && err.contains("unknown unit"),
            "{err}"
        );
    }

    #[test]
    fn blkiotune_round_trips() {
        let table: Vec<(BlkioTune, &str)> = vec![
            (
                BlkioTune {
                    weight: Some(800),
                    devices: vec![
                        BlkioDevice {
                            weight: Some(1000),
                            ..BlkioDevice::new("/dev/sda")
                        },
                        BlkioDevice {
                            weight: Some(500),
                            read_bytes_sec: Some(10000),
                            write_bytes_sec: Some(10001),
                            read_iops_sec: Some(20000),
                            write_iops_sec: Some(20001),
                            ..BlkioDevice::new("/dev/sdb")
                        },
                    ],
                    ..Default::default()
                },
                "<blkiotune>\n  <weight>800</weight>\n  <device>\n    <path>/dev/sda</path>\n    \
                 <weight>1000</weight>\n  </device>\n  <device>\n    <path>/dev/sdb</path>\n    \
                 <weight>500</weight>\n    <read_bytes_sec>10000</read_bytes_sec>\n    \
                 <write_bytes_sec>10001</write_bytes_sec>\n    <read_iops_sec>20000</read_iops_sec>\n    \
                 <write_iops_sec>20001</write_iops_sec>\n  </device>\n</blkiotune>",
            ),
            (BlkioTune::default(), "<blkiotune/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "blkiotune").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<BlkioTune>(text, "blkiotune").unwrap(),
                value,
                "{text}"
            );
        }
    }
}
