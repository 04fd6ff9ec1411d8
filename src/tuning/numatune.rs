//! `<numatune>`: the host NUMA memory policy of the domain and of each guest NUMA
//! cell (formatdomain: "NUMA Node Tuning").

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `mode` of `<numatune><memory>` and `<memnode>`: the host memory policy.
    pub enum NumaTuneMode {
        /// `strict`: only from `nodeset` (the default).
        Strict = "strict",
        /// `preferred`: from `nodeset` when possible.
        Preferred = "preferred",
        /// `interleave`: round-robin over `nodeset`.
        Interleave = "interleave",
        /// `restrictive`: the system policy, restricted by cgroups only.
        Restrictive = "restrictive",
    }
}

value_enum! {
    /// `<numatune><memory placement=…>`: where the host nodes come from.
    pub enum NumaPlacement {
        /// `static`: from `nodeset`.
        Static = "static",
        /// `auto`: from the nodeset numad advises.
        Auto = "auto",
    }
}

/// `<numatune>`: host NUMA memory policy (formatdomain: "NUMA Node Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NumaTune {
    /// `<memory>`: the policy for the whole domain.
    pub memory: Option<NumaTuneMemory>,
    /// `<memnode>` elements: the policy for single guest NUMA cells.
    #[serde(rename = "memnode")]
    pub memnodes: Vec<MemNode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<numatune><memory>`: the host memory policy of the domain (formatdomain: "NUMA
/// Node Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NumaTuneMemory {
    /// `mode`: strict, preferred, interleave or restrictive.
    #[serde(rename = "@mode")]
    pub mode: Option<NumaTuneMode>,
    /// `placement`: static (from `nodeset`) or auto (from numad).
    #[serde(rename = "@placement")]
    pub placement: Option<NumaPlacement>,
    /// `nodeset`: host NUMA nodes, e.g. `1-4,^3`.
    #[serde(rename = "@nodeset")]
    pub nodeset: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<numatune><memnode>`: the host memory policy of one guest NUMA cell (formatdomain:
/// "NUMA Node Tuning").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemNode {
    /// `cellid`: the guest NUMA cell.
    #[serde(rename = "@cellid")]
    pub cellid: u32,
    /// `mode`: strict, preferred, interleave or restrictive.
    #[serde(rename = "@mode")]
    pub mode: Option<NumaTuneMode>,
    /// `nodeset`: host NUMA nodes.
    #[serde(rename = "@nodeset")]
    pub nodeset: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl MemNode {
    /// Guest cell `cellid` allocated with `mode` from the host nodes `nodeset`.
    pub fn new(cellid: u32, mode: NumaTuneMode, nodeset: &str) -> Self {
        MemNode {
            cellid,
            mode: Some(mode),
            nodeset: Some(nodeset.to_owned()),
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numatune_round_trips() {
        let table: Vec<(NumaTune, &str)> = vec![
            (
                NumaTune {
                    memory: Some(NumaTuneMemory {
                        mode: Some(NumaTuneMode::Strict),
                        nodeset: Some("1-4,^3".into()),
                        ..Default::default()
                    }),
                    memnodes: vec![
                        MemNode::new(0, NumaTuneMode::Strict, "1"),
                        MemNode::new(2, NumaTuneMode::Preferred, "2"),
                        MemNode::new(3, NumaTuneMode::Restrictive, "0-1"),
                    ],
                    ..Default::default()
                },
                "<numatune>\n  <memory mode='strict' nodeset='1-4,^3'/>\n  \
                 <memnode cellid='0' mode='strict' nodeset='1'/>\n  \
                 <memnode cellid='2' mode='preferred' nodeset='2'/>\n  \
                 <memnode cellid='3' mode='restrictive' nodeset='0-1'/>\n</numatune>",
            ),
            (
                NumaTune {
                    memory: Some(NumaTuneMemory {
                        mode: Some(NumaTuneMode::Interleave),
                        placement: Some(NumaPlacement::Auto),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                "<numatune>\n  <memory mode='interleave' placement='auto'/>\n</numatune>",
            ),
            (
                NumaTune {
                    memory: Some(NumaTuneMemory::default()),
                    ..Default::default()
                },
                "<numatune>\n  <memory/>\n</numatune>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "numatune").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<NumaTune>(text, "numatune").unwrap(),
                value,
                "{text}"
            );
        }
    }
}
