//! [`NetworkSource`]: what a NIC added by the builder connects to.

use std::fmt;
use std::str::FromStr;

use crate::defaults::{DEFAULT_NETWORK, DEFAULT_NIC_MODEL};
use crate::devices::{
    Interface, InterfaceBackend, InterfaceModel, InterfaceSource, InterfaceType, NetBackendType,
};
use crate::error::Error;

/// What a network interface added with
/// [`DomainBuilder::network`](super::DomainBuilder::network) connects to.
///
/// Parses from the command-line forms `default` (libvirt's default network),
/// `network:NAME`, `bridge:NAME` and `user`, and displays back in the same form:
///
/// ```
/// use libvirt_domain::NetworkSource;
/// let bridge: NetworkSource = "bridge:br0".parse()?;
/// assert_eq!(bridge, NetworkSource::bridge("br0"));
/// assert_eq!("default".parse::<NetworkSource>()?, NetworkSource::network("default"));
/// assert_eq!(NetworkSource::User.to_string(), "user");
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NetworkSource {
    /// `<interface type='network'>`: a libvirt virtual network, by name (`default` is
    /// the NAT network libvirt installs; a session libvirt has none).
    Network(String),
    /// `<interface type='bridge'>`: a host bridge, by device name (e.g. `br0`).
    Bridge(String),
    /// `<interface type='user'>` with `<backend type='passt'/>`: userspace networking
    /// through passt, which needs no privileges (Phyllome's session files).
    User,
}

impl NetworkSource {
    /// A libvirt network by name.
    pub fn network(name: impl Into<String>) -> Self {
        NetworkSource::Network(name.into())
    }

    /// A host bridge by device name.
    pub fn bridge(name: impl Into<String>) -> Self {
        NetworkSource::Bridge(name.into())
    }

    /// The `<interface>` Phyllome writes for this source: a virtio NIC, with the passt
    /// backend for user networking; libvirt generates the MAC address.
    pub fn interface(&self) -> Interface {
        let model = Some(InterfaceModel::new(DEFAULT_NIC_MODEL));
        match self {
            NetworkSource::Network(name) => Interface {
                model,
                ..Interface::with_source(InterfaceSource::network(name.clone()))
            },
            NetworkSource::Bridge(name) => Interface {
                model,
                ..Interface::with_source(InterfaceSource::bridge(name.clone()))
            },
            NetworkSource::User => Interface {
                kind: Some(InterfaceType::User),
                model,
                backend: Some(Box::new(InterfaceBackend {
                    kind: Some(NetBackendType::Passt),
                    ..Default::default()
                })),
                ..Default::default()
            },
        }
    }
}

impl Default for NetworkSource {
    /// libvirt's `default` network.
    fn default() -> Self {
        NetworkSource::network(DEFAULT_NETWORK)
    }
}

impl fmt::Display for NetworkSource {
    /// `default` for libvirt's default network, else `network:NAME`, `bridge:NAME` or
    /// `user`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkSource::Network(name) if name == DEFAULT_NETWORK => f.write_str(name),
            NetworkSource::Network(name) => write!(f, "network:{name}"),
            NetworkSource::Bridge(name) => write!(f, "bridge:{name}"),
            NetworkSource::User => f.write_str("user"),
        }
    }
}

impl FromStr for NetworkSource {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::value(format!(
                "unknown network {s:?}; expected \"default\", \"network:NAME\", \
                 \"bridge:NAME\" or \"user\""
            ))
        };
        if s == DEFAULT_NETWORK {
            return Ok(NetworkSource::default());
        }
        if s == "user" {
            return Ok(NetworkSource::User);
        }
        let (kind, name) = s.split_once(':').ok_or_else(bad)?;
        if name.is_empty() {
            return Err(bad());
        }
        match kind {
            "network" => Ok(NetworkSource::network(name)),
            "bridge" => Ok(NetworkSource::bridge(name)),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_displays_it_back() {
        let table = [
            ("default", NetworkSource::network("default")),
            ("network:lan", NetworkSource::network("lan")),
            ("bridge:br0", NetworkSource::bridge("br0")),
            ("user", NetworkSource::User),
        ];
        for (text, source) in table {
            assert_eq!(text.parse::<NetworkSource>().unwrap(), source, "{text}");
            assert_eq!(source.to_string(), text);
        }
        assert_eq!(
            "network:default".parse::<NetworkSource>().unwrap(),
            NetworkSource::default()
        );
        for bad in ["", "lan", "bridge:", "bridge", "tap:x", "User", "network"] {
            let err = bad.parse::<NetworkSource>().unwrap_err().to_string();
            assert!(err.contains("expected \"default\""), "{bad:?}: {err}");
        }
    }

    #[test]
    fn interfaces_are_phyllomes() {
        let xml = |s: NetworkSource| crate::codec::to_string(&s.interface(), "interface").unwrap();
        assert_eq!(
            xml(NetworkSource::default()),
            "<interface type='network'>\n  <source network='default'/>\n  <model type='virtio'/>\n</interface>"
        );
        assert_eq!(
            xml(NetworkSource::bridge("br0")),
            "<interface type='bridge'>\n  <source bridge='br0'/>\n  <model type='virtio'/>\n</interface>"
        );
        assert_eq!(
            xml(NetworkSource::User),
            "<interface type='user'>\n  <model type='virtio'/>\n  <backend type='passt'/>\n</interface>"
        );
    }
}
