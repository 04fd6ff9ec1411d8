//! Container boot: the environment of a container's init process and the user and
//! group id maps of its user namespace (formatdomain: "Container boot").

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// `<os><initenv>`: an environment variable for a container's init (formatdomain:
/// "Container boot").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InitEnv {
    /// `name`: the variable's name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// The variable's value.
    #[serde(rename = "$text")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<idmap>`: user and group id maps of a container's user namespace (formatdomain:
/// "Container boot"). A domain-level element, not a child of `<os>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IdMap {
    /// `<uid>` elements: user id ranges.
    #[serde(rename = "uid")]
    pub uids: Vec<IdMapEntry>,
    /// `<gid>` elements: group id ranges.
    #[serde(rename = "gid")]
    pub gids: Vec<IdMapEntry>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<idmap><uid>` / `<idmap><gid>`: `count` ids from `start` in the container map to
/// ids from `target` on the host (formatdomain: "Container boot").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IdMapEntry {
    /// `start`: the first id in the container.
    #[serde(rename = "@start")]
    pub start: u32,
    /// `target`: the host id `start` maps to.
    #[serde(rename = "@target")]
    pub target: u32,
    /// `count`: how many ids are mapped.
    #[serde(rename = "@count")]
    pub count: u32,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl IdMapEntry {
    /// `<uid start=… target=… count=…/>` (or `<gid …/>`).
    pub fn new(start: u32, target: u32, count: u32) -> Self {
        IdMapEntry {
            start,
            target,
            count,
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idmap_round_trips() {
        let table: Vec<(IdMap, &str)> = vec![
            (
                IdMap {
                    uids: vec![IdMapEntry::new(0, 100_000, 65_536)],
                    gids: vec![
                        IdMapEntry::new(0, 100_000, 1000),
                        IdMapEntry::new(1000, 1000, 1),
                    ],
                    ..Default::default()
                },
                "<idmap>\n  <uid start='0' target='100000' count='65536'/>\n  \
                 <gid start='0' target='100000' count='1000'/>\n  \
                 <gid start='1000' target='1000' count='1'/>\n</idmap>",
            ),
            (IdMap::default(), "<idmap/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "idmap").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<IdMap>(text, "idmap").unwrap(),
                value,
                "{text}"
            );
        }
        assert!(
            crate::codec::from_str::<IdMap>("<idmap><uid start='-1'/></idmap>", "idmap").is_err()
        );
    }
}
