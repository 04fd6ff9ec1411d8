//! `<server>` of a pull backup: the NBD server that exports the disks (formatbackup:
//! "Backup XML").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<server transport=…>`: how clients reach the NBD server (formatbackup:
    /// "Backup XML").
    pub enum BackupTransport {
        /// `tcp`: a host `name` and `port` (the default).
        Tcp = "tcp",
        /// `unix`: a UNIX `socket`.
        Unix = "unix",
        /// `fd`: a listening socket the client passed with `virDomainFDAssociate`,
        /// named by `fdgroup` (since libvirt 11.3).
        Fd = "fd",
    }
}

/// `<server>`: the NBD server of a pull backup, with the attributes of a network
/// disk's `<host>` (formatbackup: "Backup XML"). Which attributes apply depends on
/// `transport`: `name` and `port` for `tcp`, `socket` for `unix`, `fdgroup` for `fd`;
/// [`DomainBackup::validate`](super::DomainBackup::validate) reports a mix.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupServer {
    /// `transport`: `tcp` (the default), `unix` or `fd`.
    #[serde(rename = "@transport")]
    pub transport: Option<BackupTransport>,
    /// `tls`: whether the server uses TLS (configured in `qemu.conf`).
    #[serde(rename = "@tls")]
    pub tls: Option<YesNo>,
    /// `name`: host name or IP address to listen on (`tcp`).
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `port`: TCP port (`tcp`; QEMU needs one).
    #[serde(rename = "@port")]
    pub port: Option<u32>,
    /// `socket`: absolute path of the UNIX socket (`unix`).
    #[serde(rename = "@socket")]
    pub socket: Option<String>,
    /// `fdgroup`: the name given to `virDomainFDAssociate` (`fd`).
    #[serde(rename = "@fdgroup")]
    pub fdgroup: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl BackupServer {
    /// `<server transport='tcp' name=… port=…/>`.
    pub fn tcp(name: impl Into<String>, port: u32) -> Self {
        BackupServer {
            transport: Some(BackupTransport::Tcp),
            name: Some(name.into()),
            port: Some(port),
            ..Default::default()
        }
    }

    /// `<server transport='unix' socket=…/>`.
    pub fn unix(socket: impl Into<String>) -> Self {
        BackupServer {
            transport: Some(BackupTransport::Unix),
            socket: Some(socket.into()),
            ..Default::default()
        }
    }

    /// `<server transport='fd' fdgroup=…/>`: a listening socket passed to libvirt with
    /// `virDomainFDAssociate` under the name `fdgroup`.
    pub fn fd(fdgroup: impl Into<String>) -> Self {
        BackupServer {
            transport: Some(BackupTransport::Fd),
            fdgroup: Some(fdgroup.into()),
            ..Default::default()
        }
    }
}
