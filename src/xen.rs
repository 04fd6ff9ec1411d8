//! The Xen namespace: `<xen:commandline>`, extra arguments for the device model
//! (QEMU) of a Xen guest (schema `xencmdline`; libvirt's libxl driver page).

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// The namespace URI of libvirt's Xen extensions, usually bound to the prefix `xen`.
pub use crate::namespaces::XEN_NS;

/// `<xen:commandline>`: extra arguments for a Xen guest's device model (schema
/// `xencmdline`; libvirt's libxl driver page).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct XenCommandline {
    /// `<xen:arg>` elements, in order.
    #[serde(rename = "{http://libvirt.org/schemas/domain/xen/1.0}arg")]
    pub args: Vec<XenArg>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<xen:arg>`: one device model argument (schema `xencmdline`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct XenArg {
    /// `value`: the argument.
    #[serde(rename = "@value")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl XenArg {
    /// `<xen:arg value=…/>`.
    pub fn new(value: impl Into<String>) -> Self {
        XenArg {
            value: value.into(),
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
        #[serde(rename = "{http://libvirt.org/schemas/domain/xen/1.0}commandline")]
        commandline: Option<XenCommandline>,
        #[serde(rename = "$extra")]
        extra: Extra,
    }

    #[test]
    fn commandline_round_trips() {
        let value = Holder {
            commandline: Some(XenCommandline {
                args: vec![XenArg::new("-no-user-config"), XenArg::new("-S")],
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:xen='{XEN_NS}'>\n  <xen:commandline>\n    <xen:arg value='-no-user-config'/>\n    \
             <xen:arg value='-S'/>\n  </xen:commandline>\n</domain>"
        );
        assert_eq!(crate::codec::to_string(&value, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Holder>(&text, "domain").unwrap(),
            value
        );
    }
}
