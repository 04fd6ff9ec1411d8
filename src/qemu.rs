//! The QEMU namespace: `<qemu:commandline>` (extra arguments and environment for the
//! QEMU process), `<qemu:capabilities>` (QEMU capability overrides),
//! `<qemu:deprecation>` (how QEMU treats deprecated features) and `<qemu:override>`
//! (device property overrides) (drvqemu: "Pass-through of arbitrary qemu commands",
//! "QEMU feature configuration for testing", "Overriding properties of QEMU devices").
//!
//! These are unsupported by libvirt: use them to try QEMU features libvirt does not
//! model yet. Phyllome uses them for an IPMI BMC simulator and `QEMU_MODULE_DIR`.

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

/// The namespace URI of libvirt's QEMU extensions, usually bound to the prefix `qemu`.
pub use crate::namespaces::QEMU_NS;

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
pub struct QemuArg {
    /// `value`: the argument.
    #[serde(rename = "@value")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
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
pub struct QemuEnv {
    /// `name`: the variable's name (`[a-zA-Z_][a-zA-Z0-9_]*`).
    #[serde(rename = "@name")]
    pub name: String,
    /// `value`: the variable's value; absent sets it empty.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
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

/// `<qemu:capabilities>`: QEMU capability bits libvirt adds or removes, for testing
/// (drvqemu: "QEMU feature configuration for testing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuCapabilities {
    /// `<qemu:add>` elements: capabilities turned on.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}add")]
    pub add: Vec<QemuCapability>,
    /// `<qemu:del>` elements: capabilities turned off.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}del")]
    pub del: Vec<QemuCapability>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<qemu:add>` / `<qemu:del>`: one QEMU capability bit (drvqemu: "QEMU feature
/// configuration for testing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QemuCapability {
    /// `capability`: the capability's name as in libvirt's status XML, e.g. `blockdev`.
    #[serde(rename = "@capability")]
    pub capability: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl QemuCapability {
    /// `<qemu:add capability=…/>` or `<qemu:del capability=…/>`.
    pub fn new(capability: impl Into<String>) -> Self {
        QemuCapability {
            capability: capability.into(),
            extra: Extra::default(),
        }
    }
}

value_enum! {
    /// `<qemu:deprecation behavior=…>`: how QEMU treats deprecated commands and fields.
    pub enum DeprecationBehavior {
        /// `none`: accept and output them (QEMU's default).
        None = "none",
        /// `omit`: omit deprecated fields on output.
        Omit = "omit",
        /// `reject`: report an error when libvirt uses one.
        Reject = "reject",
        /// `crash`: crash when libvirt uses one.
        Crash = "crash",
    }
}

/// `<qemu:deprecation>`: how QEMU treats deprecated features libvirt uses (drvqemu:
/// "Control of QEMU deprecation warnings").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuDeprecation {
    /// `behavior`: none, omit, reject or crash.
    #[serde(rename = "@behavior")]
    pub behavior: Option<DeprecationBehavior>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<qemu:override>`: properties of devices libvirt creates, overridden for testing
/// (drvqemu: "Overriding properties of QEMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuOverride {
    /// `<qemu:device>` elements, one per device.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}device")]
    pub devices: Vec<QemuOverrideDevice>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<qemu:override><qemu:device>`: overrides for one device (drvqemu: "Overriding
/// properties of QEMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QemuOverrideDevice {
    /// `alias`: the device's `<alias name=…>` (use a `ua-` user alias).
    #[serde(rename = "@alias")]
    pub alias: String,
    /// `<qemu:frontend>`: overrides of the `-device` properties.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}frontend")]
    pub frontend: Option<QemuFrontend>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// `<qemu:frontend>`: property overrides of a device's frontend (drvqemu: "Overriding
/// properties of QEMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QemuFrontend {
    /// `<qemu:property>` elements, in order.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}property")]
    pub properties: Vec<QemuProperty>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<qemu:property type=…>`: the QEMU type of an overridden property.
    pub enum QemuPropertyType {
        /// `string`: a string or enumeration.
        String = "string",
        /// `signed`: a signed integer.
        Signed = "signed",
        /// `unsigned`: an unsigned integer.
        Unsigned = "unsigned",
        /// `bool`: `true` or `false`.
        Bool = "bool",
        /// `remove`: drop the property libvirt would set.
        Remove = "remove",
    }
}

/// `<qemu:property>`: one overridden device property (drvqemu: "Overriding properties
/// of QEMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QemuProperty {
    /// `name`: the QEMU property.
    #[serde(rename = "@name")]
    pub name: String,
    /// `type`: its QEMU type, or `remove`.
    #[serde(rename = "@type")]
    pub kind: Option<QemuPropertyType>,
    /// `value`: the new value (absent with `remove`).
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl QemuProperty {
    /// `<qemu:property name=… type=… value=…/>`.
    pub fn new(name: impl Into<String>, kind: QemuPropertyType, value: Option<&str>) -> Self {
        QemuProperty {
            name: name.into(),
            kind: Some(kind),
            value: value.map(str::to_owned),
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!QemuCommandline::default().arg("-S").is_empty());
        assert!(!QemuCommandline {
            env: vec![QemuEnv::new("A", None)],
            ..Default::default()
        }
        .is_empty());
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
            let cmd = crate::codec::from_str::<QemuCommandline>(&text, ROOT).unwrap();
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
        assert_eq!(crate::codec::to_string(&holder, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Holder>(&text, "domain").unwrap(),
            holder
        );
    }

    #[test]
    fn round_trips() {
        let mut cmd = phyllome().env("EMPTY", "").arg("-S");
        cmd.env.push(QemuEnv::new("UNSET", None));
        let holder = Holder {
            commandline: Some(cmd),
            ..Default::default()
        };
        let text = crate::codec::to_string(&holder, "domain").unwrap();
        assert!(text.contains("<qemu:env name='EMPTY' value=''/>"), "{text}");
        assert!(text.contains("<qemu:env name='UNSET'/>"), "{text}");
        assert_eq!(
            crate::codec::from_str::<Holder>(&text, "domain").unwrap(),
            holder
        );
    }

    #[test]
    fn elements_outside_the_namespace_are_not_arguments() {
        let text = format!(
            "<qemu:commandline xmlns:qemu='{QEMU_NS}'>\n  <arg value='-S'/>\n</qemu:commandline>"
        );
        let cmd = crate::codec::from_str::<QemuCommandline>(&text, ROOT).unwrap();
        assert!(cmd.args.is_empty());
        assert!(!cmd.extra.is_empty());
    }

    /// `<domain>` holding the other QEMU elements, as `Domain` declares them.
    #[derive(Debug, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    struct Extensions {
        #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}capabilities")]
        capabilities: Option<QemuCapabilities>,
        #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}deprecation")]
        deprecation: Option<QemuDeprecation>,
        #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}override")]
        overrides: Option<QemuOverride>,
        #[serde(rename = "$extra")]
        extra: Extra,
    }

    #[test]
    fn capabilities_deprecation_and_override() {
        let value = Extensions {
            capabilities: Some(QemuCapabilities {
                add: vec![QemuCapability::new("blockdev")],
                del: vec![
                    QemuCapability::new("drive"),
                    QemuCapability::new("usb-uhci"),
                ],
                ..Default::default()
            }),
            deprecation: Some(QemuDeprecation {
                behavior: Some(DeprecationBehavior::Reject),
                ..Default::default()
            }),
            overrides: Some(QemuOverride {
                devices: vec![
                    QemuOverrideDevice {
                        alias: "ua-net0".into(),
                        frontend: Some(QemuFrontend {
                            properties: vec![
                                QemuProperty::new("mtu", QemuPropertyType::Unsigned, Some("1400")),
                                QemuProperty::new("x-offset", QemuPropertyType::Signed, Some("-2")),
                                QemuProperty::new("romfile", QemuPropertyType::Remove, None),
                            ],
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                    QemuOverrideDevice {
                        alias: "ua-empty".into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:qemu='{QEMU_NS}'>\n  <qemu:capabilities>\n    \
             <qemu:add capability='blockdev'/>\n    <qemu:del capability='drive'/>\n    \
             <qemu:del capability='usb-uhci'/>\n  </qemu:capabilities>\n  \
             <qemu:deprecation behavior='reject'/>\n  <qemu:override>\n    \
             <qemu:device alias='ua-net0'>\n      <qemu:frontend>\n        \
             <qemu:property name='mtu' type='unsigned' value='1400'/>\n        \
             <qemu:property name='x-offset' type='signed' value='-2'/>\n        \
             <qemu:property name='romfile' type='remove'/>\n      </qemu:frontend>\n    \
             </qemu:device>\n    <qemu:device alias='ua-empty'/>\n  </qemu:override>\n</domain>"
        );
        assert_eq!(crate::codec::to_string(&value, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Extensions>(&text, "domain").unwrap(),
            value
        );
        assert!(crate::codec::unmodelled(&value, "domain").is_empty());
    }

    #[test]
    fn empty_extensions_are_written() {
        let value = Extensions {
            capabilities: Some(QemuCapabilities::default()),
            overrides: Some(QemuOverride::default()),
            ..Default::default()
        };
        let text = format!(
            "<domain xmlns:qemu='{QEMU_NS}'>\n  <qemu:capabilities/>\n  <qemu:override/>\n</domain>"
        );
        assert_eq!(crate::codec::to_string(&value, "domain").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<Extensions>(&text, "domain").unwrap(),
            value
        );
        assert_eq!(
            crate::codec::to_string(&Extensions::default(), "domain").unwrap(),
            "<domain/>"
        );
    }
}
