//! Disk sources reached over the network: `type='network'`, with its `<host>`,
//! `<auth>`, TLS, cookie and SSH children (formatdomain: "Hard drives, floppy disks,
//! CDROMs").

use serde::{Deserialize, Serialize};

use super::{DataStore, DiskSourceSlices};
use crate::devices::common::{Auth, DeviceSeclabel, Initiator, Reconnect};
use crate::devices::disk::{DiskProtocol, Encryption};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

/// `<source>` of a `type='network'` disk: an image on a server reached by
/// `protocol` (schema `diskSourceNetwork` and its `diskSourceNetworkProtocol…`
/// defines; formatdomain: "Hard drives, floppy disks, CDROMs").
///
/// Which children a protocol takes: `<snapshot>` and `<config>` for RBD,
/// `<initiator>` for iSCSI, `<reconnect>`, `tls` and `tlsHostname` for NBD, `query`
/// for HTTP(S), `<ssl>` for HTTPS and FTPS, `<cookies>` for HTTP(S), `<readahead>`
/// and `<timeout>` for HTTP(S), FTP(S), TFTP, sheepdog and SSH, `<identity>` for NFS
/// and SSH, `<knownHosts>` for SSH, `<auth>` for RBD, iSCSI, SSH, HTTP(S) and FTP(S).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceNetwork {
    /// `protocol`: how the server is reached.
    #[serde(rename = "@protocol")]
    pub protocol: Option<DiskProtocol>,
    /// `name`: the image or volume on the server (optional for NBD).
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `query`: query string of an HTTP(S) URL.
    #[serde(rename = "@query")]
    pub query: Option<String>,
    /// `tls`: use TLS (NBD, VxHS).
    #[serde(rename = "@tls")]
    pub tls: Option<YesNo>,
    /// `tlsHostname`: host name to verify the NBD server's certificate against.
    #[serde(rename = "@tlsHostname")]
    pub tls_hostname: Option<String>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<host>`: the servers, in order.
    #[serde(rename = "host")]
    pub hosts: Vec<DiskSourceHost>,
    /// `<snapshot>`: the RBD snapshot to use.
    pub snapshot: Option<DiskSourceSnapshot>,
    /// `<config>`: the Ceph configuration file (RBD).
    pub config: Option<DiskSourceConfig>,
    /// `<auth>`: credentials.
    pub auth: Option<Auth>,
    /// `<encryption>`: how the image is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<initiator>`: the iSCSI initiator IQN.
    pub initiator: Option<Initiator>,
    /// `<reconnect>`: NBD reconnect delay.
    pub reconnect: Option<Reconnect>,
    /// `<ssl>`: TLS certificate verification (HTTPS, FTPS).
    pub ssl: Option<DiskSourceSsl>,
    /// `<cookies>`: cookies sent with HTTP(S) requests.
    pub cookies: Option<DiskSourceCookies>,
    /// `<readahead>`: read-ahead size.
    pub readahead: Option<DiskSourceReadahead>,
    /// `<timeout>`: connection timeout.
    pub timeout: Option<DiskSourceTimeout>,
    /// `<identity>`: NFS user/group or SSH user and key.
    pub identity: Option<DiskSourceIdentity>,
    /// `<knownHosts>`: SSH known-hosts file.
    #[serde(rename = "knownHosts")]
    pub known_hosts: Option<DiskSourceKnownHosts>,
    /// `<slices>`: the part of the image the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// `<seclabel>`: per-source security label overrides (libvirt reads and writes
    /// them for every source type; its schema lists them for local sources only).
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<host transport=…>` of a network disk source: how the server is reached
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum HostTransport {
        /// `tcp`: TCP/IP (the default).
        Tcp = "tcp",
        /// `rdma`: RDMA (Gluster).
        Rdma = "rdma",
        /// `unix`: a UNIX socket named by `socket`.
        Unix = "unix",
    }
}

/// `<host>` of a network disk source: one server (formatdomain: "Hard drives, floppy
/// disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceHost {
    /// `name`: host name or IP address.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `port`: TCP port.
    #[serde(rename = "@port")]
    pub port: Option<u32>,
    /// `transport`: `tcp`, `rdma` or `unix`.
    #[serde(rename = "@transport")]
    pub transport: Option<HostTransport>,
    /// `socket`: UNIX socket path (`transport='unix'`).
    #[serde(rename = "@socket")]
    pub socket: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<snapshot>` of an RBD source: the snapshot to read (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSnapshot {
    /// `name`: the snapshot's name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<config>` of an RBD source: the Ceph configuration file (formatdomain: "Hard
/// drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceConfig {
    /// `file`: path of the configuration file.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<ssl>` of an HTTPS/FTPS source (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSsl {
    /// `verify`: whether the server certificate is verified.
    #[serde(rename = "@verify")]
    pub verify: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cookies>` of an HTTP(S) source (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceCookies {
    /// `<cookie>`: one cookie, in order.
    #[serde(rename = "cookie")]
    pub cookies: Vec<DiskSourceCookie>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cookie name=…>value</cookie>` (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceCookie {
    /// `name`: the cookie's name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// The cookie's value.
    #[serde(rename = "$text")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<readahead>` of a curl-based source (formatdomain: "Hard drives, floppy disks,
/// CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceReadahead {
    /// `size`: read-ahead size in bytes.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<timeout>` of a curl-based source (formatdomain: "Hard drives, floppy disks,
/// CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceTimeout {
    /// `seconds`: connection timeout.
    #[serde(rename = "@seconds")]
    pub seconds: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<identity>` of an NFS source (`user`, `group`) or an SSH source (`username`
/// with `keyfile` or `agentsock`) (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceIdentity {
    /// `user`: NFS user name or `+uid`.
    #[serde(rename = "@user")]
    pub user: Option<String>,
    /// `group`: NFS group name or `+gid`.
    #[serde(rename = "@group")]
    pub group: Option<String>,
    /// `username`: SSH user.
    #[serde(rename = "@username")]
    pub username: Option<String>,
    /// `keyfile`: SSH private key file.
    #[serde(rename = "@keyfile")]
    pub keyfile: Option<String>,
    /// `agentsock`: SSH agent socket.
    #[serde(rename = "@agentsock")]
    pub agentsock: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<knownHosts>` of an SSH source (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceKnownHosts {
    /// `path`: the known-hosts file.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
