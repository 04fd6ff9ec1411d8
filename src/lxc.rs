//! The LXC namespace: `<lxc:namespace>`, host namespaces a container shares
//! (formatdomain: "Container boot"; schema `lxcsharens`).

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

/// The namespace URI of libvirt's LXC extensions, usually bound to the prefix `lxc`.
pub use crate::namespaces::LXC_NS;

/// `<lxc:namespace>`: namespaces the container shares with the host or another
/// container instead of getting its own (formatdomain: "Container boot").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LxcNamespace {
    /// `<lxc:sharenet>`: the network namespace.
    #[serde(rename = "{http://libvirt.org/schemas/domain/lxc/1.0}sharenet")]
    pub sharenet: Option<LxcShare>,
    /// `<lxc:shareipc>`: the IPC namespace.
    #[serde(rename = "{http://libvirt.org/schemas/domain/lxc/1.0}shareipc")]
    pub shareipc: Option<LxcShare>,
    /// `<lxc:shareuts>`: the UTS (host name) namespace.
    #[serde(rename = "{http://libvirt.org/schemas/domain/lxc/1.0}shareuts")]
    pub shareuts: Option<LxcShare>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<lxc:sharenet type=…>` (and `shareipc`, `shareuts`): whose namespace to share.
    pub enum LxcShareType {
        /// `netns`: a named network namespace (`ip netns`), `sharenet` only.
        Netns = "netns",
        /// `name`: the namespace of the container with this name.
        Name = "name",
        /// `pid`: the namespace of the process with this id.
        Pid = "pid",
    }
}

/// `<lxc:sharenet>`, `<lxc:shareipc>`, `<lxc:shareuts>`: one shared namespace
/// (formatdomain: "Container boot").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LxcShare {
    /// `type`: netns, name or pid.
    #[serde(rename = "@type")]
    pub kind: Option<LxcShareType>,
    /// `value`: the namespace, container name or process id.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl LxcShare {
    /// `<… type=… value=…/>`.
    pub fn new(kind: LxcShareType, value: impl Into<String>) -> Self {
        LxcShare {
            kind: Some(kind),
            value: Some(value.into()),
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    struct Holder {
        #[serde(rename = "{http://libvirt.org/schemas/domain/lxc/1.0}namespace")]
        namespace: Option<LxcNamespace>,
        #[serde(rename = "$extra")]
        extra: Extra,
    }

    #[test]
    fn namespace_round_trips() {
        let value = Holder {
            namespace: Some(LxcNamespace {
                sharenet: Some(LxcShare::new(LxcShareType::Netns, "red")),
                shareipc: Some(LxcShare::new(LxcShareType::Pid, "12345")),
                shareuts: Some(LxcShare::new(LxcShareType::Name, "container1")),
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:lxc='{LXC_NS}'>\n  <lxc:namespace>\n    \
             <lxc:sharenet type='netns' value='red'/>\n    <lxc:shareipc type='pid' value='12345'/>\n    \
             <lxc:shareuts type='name' value='container1'/>\n  </lxc:namespace>\n</domain>"
        );
        assert_eq!(crate::codec::to_string(&value, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Holder>(&text, "domain").unwrap(),
            value
        );
        assert!(crate::codec::unmodelled(&value, "domain").is_empty());
    }

    #[test]
    fn children_outside_the_namespace_are_unmodelled() {
        let text = format!(
            "<l:namespace xmlns:l='{LXC_NS}'>\n  <sharenet type='name' value='x'/>\n</l:namespace>"
        );
        let ns: LxcNamespace = crate::codec::from_str(
            &text,
            "{http://libvirt.org/schemas/domain/lxc/1.0}namespace",
        )
        .unwrap();
        assert!(ns.sharenet.is_none());
        assert!(!ns.extra.is_empty());
    }
}
