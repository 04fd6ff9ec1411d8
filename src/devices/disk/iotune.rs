//! `<iotune>` and `<throttlefilters>` of a disk: I/O limits (formatdomain: "Hard
//! drives, floppy disks, CDROMs").

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// `<iotune>`: per-disk I/O throttling (formatdomain: "Hard drives, floppy disks,
/// CDROMs").
///
/// Each limit is a number of bytes or operations per second; libvirt allows either a
/// `total_*` limit or the `read_*`/`write_*` pair of the same kind, not both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Iotune {
    /// `<total_bytes_sec>`: total throughput limit.
    pub total_bytes_sec: Option<u64>,
    /// `<read_bytes_sec>`: read throughput limit.
    pub read_bytes_sec: Option<u64>,
    /// `<write_bytes_sec>`: write throughput limit.
    pub write_bytes_sec: Option<u64>,
    /// `<total_iops_sec>`: total operations per second.
    pub total_iops_sec: Option<u64>,
    /// `<read_iops_sec>`: read operations per second.
    pub read_iops_sec: Option<u64>,
    /// `<write_iops_sec>`: write operations per second.
    pub write_iops_sec: Option<u64>,
    /// `<total_bytes_sec_max>`: total burst throughput.
    pub total_bytes_sec_max: Option<u64>,
    /// `<read_bytes_sec_max>`: read burst throughput.
    pub read_bytes_sec_max: Option<u64>,
    /// `<write_bytes_sec_max>`: write burst throughput.
    pub write_bytes_sec_max: Option<u64>,
    /// `<total_iops_sec_max>`: total burst operations per second.
    pub total_iops_sec_max: Option<u64>,
    /// `<read_iops_sec_max>`: read burst operations per second.
    pub read_iops_sec_max: Option<u64>,
    /// `<write_iops_sec_max>`: write burst operations per second.
    pub write_iops_sec_max: Option<u64>,
    /// `<size_iops_sec>`: the I/O size counted as one operation.
    pub size_iops_sec: Option<u64>,
    /// `<group_name>`: throttle group shared by several disks.
    pub group_name: Option<String>,
    /// `<total_bytes_sec_max_length>`: seconds the total throughput burst may last.
    pub total_bytes_sec_max_length: Option<u64>,
    /// `<read_bytes_sec_max_length>`: seconds the read throughput burst may last.
    pub read_bytes_sec_max_length: Option<u64>,
    /// `<write_bytes_sec_max_length>`: seconds the write throughput burst may last.
    pub write_bytes_sec_max_length: Option<u64>,
    /// `<total_iops_sec_max_length>`: seconds the total operations burst may last.
    pub total_iops_sec_max_length: Option<u64>,
    /// `<read_iops_sec_max_length>`: seconds the read operations burst may last.
    pub read_iops_sec_max_length: Option<u64>,
    /// `<write_iops_sec_max_length>`: seconds the write operations burst may last.
    pub write_iops_sec_max_length: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<throttlefilters>`: the throttle groups (domain `<throttlegroups>`) a disk's I/O
/// passes through (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Throttlefilters {
    /// `<throttlefilter>`: one group, in order.
    #[serde(rename = "throttlefilter")]
    pub filters: Vec<Throttlefilter>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<throttlefilter>` inside `<throttlefilters>` (formatdomain: "Hard drives, floppy
/// disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Throttlefilter {
    /// `group`: the throttle group's name.
    #[serde(rename = "@group")]
    pub group: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn iotune_round_trips() {
        let value = Iotune {
            total_bytes_sec: Some(10_000_000),
            read_iops_sec: Some(400),
            write_iops_sec: Some(100),
            size_iops_sec: Some(4096),
            group_name: Some("shared".into()),
            total_bytes_sec_max_length: Some(10),
            ..Default::default()
        };
        let xml = "<iotune>\n  <total_bytes_sec>10000000</total_bytes_sec>\n  <read_iops_sec>400</read_iops_sec>\n  <write_iops_sec>100</write_iops_sec>\n  <size_iops_sec>4096</size_iops_sec>\n  <group_name>shared</group_name>\n  <total_bytes_sec_max_length>10</total_bytes_sec_max_length>\n</iotune>";
        assert_xml(&value, "iotune", xml);
        assert_eq!(assert_modelled::<Iotune>(xml, "iotune"), value);
    }

    #[test]
    fn throttlefilters_keep_order() {
        let value = Throttlefilters {
            filters: ["limit0", "limit1"]
                .iter()
                .map(|g| Throttlefilter {
                    group: Some((*g).into()),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        assert_xml(
            &value,
            "throttlefilters",
            "<throttlefilters>\n  <throttlefilter group='limit0'/>\n  <throttlefilter group='limit1'/>\n</throttlefilters>",
        );
    }
}
