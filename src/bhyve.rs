//! The bhyve namespace: `<bhyve:commandline>`, extra arguments and environment for the
//! bhyve process (schema `bhyvecmdline`; libvirt's bhyve driver page, "Pass-through of
//! arbitrary bhyve commands").

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// The namespace URI of libvirt's bhyve extensions, usually bound to the prefix `bhyve`.
pub use crate::namespaces::BHYVE_NS;

/// `<bhyve:commandline>`: extra arguments and environment for bhyve (schema
/// `bhyvecmdline`; bhyve driver page, "Pass-through of arbitrary bhyve commands").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BhyveCommandline {
    /// `<bhyve:arg>` elements: arguments appended to bhyve's command line, in order.
    #[serde(rename = "{http://libvirt.org/schemas/domain/bhyve/1.0}arg")]
    pub args: Vec<BhyveArg>,
    /// `<bhyve:env>` elements: variables set in bhyve's environment (libvirt 11.5 and
    /// later; not in the 11.3 schema).
    #[serde(rename = "{http://libvirt.org/schemas/domain/bhyve/1.0}env")]
    pub env: Vec<BhyveEnv>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<bhyve:arg>`: one bhyve command-line argument (schema `bhyvecmdline`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BhyveArg {
    /// `value`: the argument.
    #[serde(rename = "@value")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl BhyveArg {
    /// `<bhyve:arg value=…/>`.
    pub fn new(value: impl Into<String>) -> Self {
        BhyveArg {
            value: value.into(),
            extra: Extra::default(),
        }
    }
}

/// `<bhyve:env>`: one variable in bhyve's environment (schema `bhyvecmdline`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BhyveEnv {
    /// `name`: the variable's name.
    #[serde(rename = "@name")]
    pub name: String,
    /// `value`: the variable's value; absent sets it empty.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    struct Holder {
        #[serde(rename = "{http://libvirt.org/schemas/domain/bhyve/1.0}commandline")]
        commandline: Option<BhyveCommandline>,
        #[serde(rename = "$extra")]
        extra: Extra,
    }

    #[test]
    fn commandline_round_trips() {
        let value = Holder {
            commandline: Some(BhyveCommandline {
                args: vec![BhyveArg::new("-s"), BhyveArg::new("0:0,hostbridge")],
                env: vec![BhyveEnv {
                    name: "BHYVE_TMPDIR".into(),
                    value: Some("/tmp".into()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:bhyve='{BHYVE_NS}'>\n  <bhyve:commandline>\n    <bhyve:arg value='-s'/>\n    \
             <bhyve:arg value='0:0,hostbridge'/>\n    <bhyve:env name='BHYVE_TMPDIR' value='/tmp'/>\n  \
             </bhyve:commandline>\n</domain>"
        );
        assert_eq!(crate::codec::to_string(&value, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Holder>(&text, "domain").unwrap(),
            value
        );
        assert!(crate::codec::unmodelled(&value, "domain").is_empty());
    }
}
