//! `<resource>` and `<throttlegroups>`: the domain's resource partition and Fibre
//! Channel VMID, and named disk I/O limits shared by disks (formatdomain: "Resource
//! partitioning", "Fibre Channel VMID", "Disk Throttle Group Management").

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// `<resource>`: where the domain is placed in the host's resource hierarchy
/// (formatdomain: "Resource partitioning", "Fibre Channel VMID").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Resource {
    /// `<partition>`: the absolute path of the resource partition, e.g. `/machine`.
    pub partition: Option<String>,
    /// `<fibrechannel>`: the Fibre Channel application id.
    pub fibrechannel: Option<FibreChannel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Resource {
    /// The resource partition at `path`.
    pub fn partition(path: &str) -> Self {
        Resource {
            partition: Some(path.to_owned()),
            ..Default::default()
        }
    }
}

/// `<resource><fibrechannel>`: the application id the kernel turns into a Fibre
/// Channel VMID (formatdomain: "Fibre Channel VMID").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FibreChannel {
    /// `appid`: 1 to 128 printable ASCII characters.
    #[serde(rename = "@appid")]
    pub appid: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<throttlegroups>`: named I/O limits that disks share through `<throttlefilters>`
/// (formatdomain: "Disk Throttle Group Management").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ThrottleGroups {
    /// `<throttlegroup>` elements.
    #[serde(rename = "throttlegroup")]
    pub groups: Vec<ThrottleGroup>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<throttlegroup>`: one named I/O limit group (formatdomain: "Hard drives, floppy
/// disks, CDROMs"). Its children are exactly those of a disk's `<iotune>`, so it is
/// the same type; `group_name` names the group that disks' `<throttlefilter>` use.
pub type ThrottleGroup = crate::devices::Iotune;

impl ThrottleGroup {
    /// An empty group called `name`.
    pub fn named(name: &str) -> Self {
        ThrottleGroup {
            group_name: Some(name.to_owned()),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_round_trips() {
        let table: Vec<(Resource, &str)> = vec![
            (
                Resource::partition("/virtualmachines/production"),
                "<resource>\n  <partition>/virtualmachines/production</partition>\n</resource>",
            ),
            (
                Resource {
                    fibrechannel: Some(FibreChannel {
                        appid: "userProvidedID".into(),
                        ..Default::default()
                    }),
                    ..Resource::partition("/machine")
                },
                "<resource>\n  <partition>/machine</partition>\n  \
                 <fibrechannel appid='userProvidedID'/>\n</resource>",
            ),
            (Resource::default(), "<resource/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "resource").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Resource>(text, "resource").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn throttlegroups_round_trip() {
        let every = ThrottleGroup {
            read_bytes_sec: Some(1),
            write_bytes_sec: Some(2),
            read_iops_sec: Some(3),
            write_iops_sec: Some(4),
            read_bytes_sec_max: Some(5),
            write_bytes_sec_max: Some(6),
            read_iops_sec_max: Some(7),
            write_iops_sec_max: Some(8),
            size_iops_sec: Some(9),
            read_bytes_sec_max_length: Some(10),
            write_bytes_sec_max_length: Some(11),
            read_iops_sec_max_length: Some(12),
            write_iops_sec_max_length: Some(13),
            ..ThrottleGroup::named("split")
        };
        let totals = ThrottleGroup {
            total_bytes_sec: Some(10000000),
            total_iops_sec: Some(400000),
            total_bytes_sec_max: Some(20000000),
            total_iops_sec_max: Some(800000),
            total_bytes_sec_max_length: Some(60),
            total_iops_sec_max_length: Some(30),
            ..ThrottleGroup::named("limit0")
        };
        let value = ThrottleGroups {
            groups: vec![totals, every],
            ..Default::default()
        };
        let text = "<throttlegroups>\n  <throttlegroup>\n    <total_bytes_sec>10000000</total_bytes_sec>\n    \
                    <total_iops_sec>400000</total_iops_sec>\n    \
                    <total_bytes_sec_max>20000000</total_bytes_sec_max>\n    \
                    <total_iops_sec_max>800000</total_iops_sec_max>\n    <group_name>limit0</group_name>\n    \
                    <total_bytes_sec_max_length>60</total_bytes_sec_max_length>\n    \
                    <total_iops_sec_max_length>30</total_iops_sec_max_length>\n  </throttlegroup>\n  \
                    <throttlegroup>\n    <read_bytes_sec>1</read_bytes_sec>\n    \
                    <write_bytes_sec>2</write_bytes_sec>\n    <read_iops_sec>3</read_iops_sec>\n    \
                    <write_iops_sec>4</write_iops_sec>\n    <read_bytes_sec_max>5</read_bytes_sec_max>\n    \
                    <write_bytes_sec_max>6</write_bytes_sec_max>\n    <read_iops_sec_max>7</read_iops_sec_max>\n    \
                    <write_iops_sec_max>8</write_iops_sec_max>\n    <size_iops_sec>9</size_iops_sec>\n    \
                    <group_name>split</group_name>\n    \
                    <read_bytes_sec_max_length>10</read_bytes_sec_max_length>\n    \
                    <write_bytes_sec_max_length>11</write_bytes_sec_max_length>\n    \
                    <read_iops_sec_max_length>12</read_iops_sec_max_length>\n    \
                    <write_iops_sec_max_length>13</write_iops_sec_max_length>\n  </throttlegroup>\n\
                    </throttlegroups>";
        assert_eq!(
            crate::codec::to_string(&value, "throttlegroups").unwrap(),
            text
        );
        assert_eq!(
            crate::codec::from_str::<ThrottleGroups>(text, "throttlegroups").unwrap(),
            value
        );
        assert_eq!(
            crate::codec::to_string(&ThrottleGroups::default(), "throttlegroups").unwrap(),
            "<throttlegroups/>"
        );
    }
}
