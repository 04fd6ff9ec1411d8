//! The QEMU namespace: `<qemu:commandline>`, extra arguments and environment for the
//! QEMU process (drvqemu: "Pass-through of arbitrary qemu commands").
//!
//! These are unsupported by libvirt: use them to try QEMU features libvirt does not
//! model yet. Phyllome uses them for an IPMI BMC simulator and `QEMU_MODULE_DIR`.
//!
//! `<qemu:capabilities>`, `<qemu:deprecation>` and `<qemu:override>` are not modelled
//! yet and stay in `Domain::extra`.

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// The namespace URI of libvirt's QEMU extensions, usually bound to the prefix `qemu`.
pub const QEMU_NS: &str = "http://libvirt.org/schemas/domain/qemu/1.0";

/// `<qemu:commandline>`: extra arguments and environment for QEMU (drvqemu:
/// "Pass-through of arbitrary qemu commands").
///
/// ```
/// use libvirt_domain::qemu::QemuCommandline;
/// let cmd = QemuCommandline::default()
///     .arg("-device")
///     .arg("ipmi-bmc-sim,id=bmc0")
///     .env("QEMU_MODULE_DIR", "/usr/lib64/qemu");
/// assert_eq!(cmd.args.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuCommandline {
    /// `<qemu:arg>` elements: arguments appended to QEMU's command line, in order.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}arg")]
    pub args: Vec<QemuArg>,
    /// `<qemu:env>` elements: variables set in QEMU's environment.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}env")]
    pub env: Vec<QemuEnv>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl QemuCommandline {
    /// Whether there is nothing to write: no argument, no variable, no unknown content.
    pub fn is_empty(&self) -> bool {
        self.args.is_empty() && self.env.is_empty() && self.extra.is_empty()
    }

    /// `None` or empty: `<qemu:commandline>` need not be written (used by
    /// `Domain`'s `skip_serializing_if`).
    pub fn is_none_or_empty(commandline: &Option<QemuCommandline>) -> bool {
        match commandline {
            Some(c) => c.is_empty(),
            None => true,
        }
    }

    /// Append an argument.
    pub fn arg(mut self, value: impl Into<String>) -> Self {
        self.args.push(QemuArg::new(value));
        self
    }

    /// Append several arguments, in order.
    pub fn args<I, S>(mut self, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(values.into_iter().map(QemuArg::new));
        self
    }

    /// Add an environment variable with a value.
    pub fn env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push(QemuEnv::new(name, Some(value.into())));
        self
    }

    /// The arguments' values, in order.
    pub fn arg_values(&self) -> impl Iterator<Item = &str> {
        self.args.iter().map(|a| a.value.as_str())
    }
}

/// `<qemu:arg>`: one QEMU command-line argument (drvqemu: "Pass-through of arbitrary
/// qemu commands").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuArg {
    /// `value`: the argument.
    #[serde(rename = "@value")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl QemuArg {
    /// `<qemu:arg value=…/>`.
    pub fn new(value: impl Into<String>) -> Self {
        QemuArg {
            value: value.into(),
            extra: Extra::default(),
        }
    }
}

/// `<qemu:env>`: one variable in QEMU's environment (drvqemu: "Pass-through of
/// arbitrary qemu commands").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuEnv {
    /// `name`: the variable's name (`[a-zA-Z_][a-zA-Z0-9_]*`).
    #[serde(rename = "@name")]
    pub name: String,
    /// `value`: the variable's value; absent sets it empty.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl QemuEnv {
    /// `<qemu:env name=… value=…/>`.
    pub fn new(name: impl Into<String>, value: Option<String>) -> Self {
        QemuEnv {
            name: name.into(),
            value,
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml;

    /// The root key for `<qemu:commandline>` tested on its own.
    const ROOT: &str = "{http://libvirt.org/schemas/domain/qemu/1.0}commandline";

    fn phyllome() -> QemuCommandline {
        QemuCommandline::default()
            .args([
                "-device",
                "ipmi-bmc-sim,id=bmc0",
                "-device",
                "smbus-impi,bmc=bmc0",
            ])
            .env("QEMU_MODULE_DIR", "/usr/lib64/qemu")
    }

    #[test]
    fn builders() {
        let cmd = phyllome();
        assert_eq!(
            cmd.arg_values().collect::<Vec<_>>(),
            [
                "-device",
                "ipmi-bmc-sim,id=bmc0",
                "-device",
                "smbus-impi,bmc=bmc0"
            ]
        );
        assert_eq!(
            cmd.env,
            [QemuEnv::new(
                "QEMU_MODULE_DIR",
                Some("/usr/lib64/qemu".into())
            )]
        );
        assert!(!cmd.is_empty());
        assert!(QemuCommandline::default().is_empty());
        assert!(QemuCommandline::is_none_or_empty(&None));
        assert!(QemuCommandline::is_none_or_empty(&Some(
            QemuCommandline::default()
        )));
        assert!(!QemuCommandline::is_none_or_empty(&Some(
            QemuCommandline::default().arg("-S")
        )));
        assert!(!QemuCommandline::is_none_or_empty(&Some(QemuCommandline {
            env: vec![QemuEnv::new("A", None)],
            ..Default::default()
        })));
    }

    #[test]
    fn parses_whatever_the_prefix() {
        for prefix in ["qemu", "q"] {
            let text = format!(
                "<{prefix}:commandline xmlns:{prefix}='{QEMU_NS}'>\n  <{prefix}:arg value='-device'/>\n  \
                 <{prefix}:arg value='ipmi-bmc-sim,id=bmc0'/>\n  <{prefix}:arg value='-device'/>\n  \
                 <{prefix}:arg value='smbus-impi,bmc=bmc0'/>\n  \
                 <{prefix}:env name='QEMU_MODULE_DIR' value='/usr/lib64/qemu'/>\n</{prefix}:commandline>"
            );
            let cmd = xml::from_str::<QemuCommandline>(&text, ROOT).unwrap();
            assert_eq!(cmd, phyllome(), "{text}");
        }
    }

    /// `<domain>` holding only a `<qemu:commandline>`: how the element is written in
    /// practice (the namespace is declared on the root).
    #[derive(Debug, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    struct Holder {
        #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}commandline")]
        commandline: Option<QemuCommandline>,
        #[serde(rename = "$extra")]
        extra: Extra,
    }

    #[test]
    fn writes_libvirts_layout() {
        let holder = Holder {
            commandline: Some(phyllome()),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:qemu='{QEMU_NS}'>\n  <qemu:commandline>\n    <qemu:arg value='-device'/>\n    \
             <qemu:arg value='ipmi-bmc-sim,id=bmc0'/>\n    <qemu:arg value='-device'/>\n    \
             <qemu:arg value='smbus-impi,bmc=bmc0'/>\n    \
             <qemu:env name='QEMU_MODULE_DIR' value='/usr/lib64/qemu'/>\n  </qemu:commandline>\n</domain>"
        );
        assert_eq!(xml::to_string(&holder, "domain").unwrap(), text);
        assert_eq!(xml::from_str::<Holder>(&text, "domain").unwrap(), holder);
    }

    #[test]
    fn round_trips() {
        let mut cmd = phyllome().env("EMPTY", "").arg("-S");
        cmd.env.push(QemuEnv::new("UNSET", None));
        let holder = Holder {
            commandline: Some(cmd),
            ..Default::default()
        };
        let text = xml::to_string(&holder, "domain").unwrap();
        assert!(text.contains("<qemu:env name='EMPTY' value=''/>"), "{text}");
        assert!(text.contains("<qemu:env name='UNSET'/>"), "{text}");
        assert_eq!(xml::from_str::<Holder>(&text, "domain").unwrap(), holder);
    }

    #[test]
    fn elements_outside_the_namespace_are_not_arguments() {
        let text = format!(
            "<qemu:commandline xmlns:qemu='{QEMU_NS}'>\n  <arg value='-S'/>\n</qemu:commandline>"
        );
        let cmd = xml::from_str::<QemuCommandline>(&text, ROOT).unwrap();
        assert!(cmd.args.is_empty());
        assert!(!cmd.extra.is_empty());
    }
}
