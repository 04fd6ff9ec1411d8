//! `<source>` of a disk, `<backingStore>`, `<mirror>` and `<os><nvram>`, with its
//! children (formatdomain: "Hard drives, floppy disks, CDROMs").

use serde::{Deserialize, Serialize};

use super::encryption::Encryption;
use super::{DiskProtocol, DiskType, StartupPolicy, StorageFormat};
use crate::devices::address::PciAddress;
use crate::devices::common::{Auth, DeviceSeclabel, Initiator, Reconnect, ScaledSize};
use crate::values::YesNo;
use crate::xml::Extra;

/// `<source>` of a disk (formatdomain: "Hard drives, floppy disks, CDROMs").
///
/// One struct for every disk `type`: each type uses a few of the attributes (`file`
/// for `file`, `dev` for `block`, `protocol`/`name`/`<host>` for `network`,
/// `pool`/`volume` for `volume`, …). The same shape serves `<backingStore>`,
/// `<mirror>`, `<dataStore>` and `<os><nvram>`. A later version will split it per
/// type (see docs/architecture.md, "Next: type-dependent sources").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSource {
    /// `file`: image path (`type='file'`).
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// `fdgroup`: file descriptors passed by the client (`type='file'`).
    #[serde(rename = "@fdgroup")]
    pub fdgroup: Option<String>,
    /// `dev`: host device path (`type='block'`, `vhostvdpa`).
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `dir`: host directory (`type='dir'`).
    #[serde(rename = "@dir")]
    pub dir: Option<String>,
    /// `protocol`: network protocol (`type='network'`).
    #[serde(rename = "@protocol")]
    pub protocol: Option<DiskProtocol>,
    /// `name`: image/volume name on the server (`type='network'`).
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `query`: query string of an HTTP(S)/FTP(S) URL.
    #[serde(rename = "@query")]
    pub query: Option<String>,
    /// `tls`: use TLS (NBD, VxHS).
    #[serde(rename = "@tls")]
    pub tls: Option<YesNo>,
    /// `tlsHostname`: host name to verify the TLS certificate against.
    #[serde(rename = "@tlsHostname")]
    pub tls_hostname: Option<String>,
    /// `pool`: storage pool (`type='volume'`).
    #[serde(rename = "@pool")]
    pub pool: Option<String>,
    /// `volume`: volume in the pool (`type='volume'`).
    #[serde(rename = "@volume")]
    pub volume: Option<String>,
    /// `mode`: `host` or `direct` access to an iSCSI pool volume.
    #[serde(rename = "@mode")]
    pub mode: Option<String>,
    /// `type`: `pci` for NVMe, `unix` for vhost-user.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `managed`: libvirt detaches the NVMe controller from the host.
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `namespace`: NVMe namespace (`type='nvme'`).
    #[serde(rename = "@namespace")]
    pub namespace: Option<u32>,
    /// `path`: vhost-user socket (`type='vhostuser'`).
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `startupPolicy`: what to do when the source is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `<address>`: the NVMe controller's PCI address (`type='nvme'`, no `type` attribute).
    pub address: Option<PciAddress>,
    /// `<host>`: network servers (`type='network'`).
    #[serde(rename = "host")]
    pub hosts: Vec<DiskSourceHost>,
    /// `<snapshot>`: the RBD snapshot to use.
    pub snapshot: Option<DiskSourceSnapshot>,
    /// `<config>`: the Ceph configuration file (RBD).
    pub config: Option<DiskSourceConfig>,
    /// `<auth>`: credentials (iSCSI, RBD, HTTP(S), FTP(S), SSH).
    pub auth: Option<Auth>,
    /// `<encryption>`: how the image is encrypted.
    pub encryption: Option<Encryption>,
    /// `<initiator>`: the iSCSI initiator IQN.
    pub initiator: Option<Initiator>,
    /// `<reconnect>`: NBD/vhost-user reconnect behaviour.
    pub reconnect: Option<Reconnect>,
    /// `<ssl>`: TLS certificate verification (HTTPS, FTPS).
    pub ssl: Option<DiskSourceSsl>,
    /// `<cookies>`: cookies sent with HTTP(S) requests.
    pub cookies: Option<DiskSourceCookies>,
    /// `<readahead>`: read-ahead size (curl-based protocols).
    pub readahead: Option<DiskSourceReadahead>,
    /// `<timeout>`: connection timeout (curl-based protocols).
    pub timeout: Option<DiskSourceTimeout>,
    /// `<identity>`: NFS user/group or SSH user and key.
    pub identity: Option<DiskSourceIdentity>,
    /// `<knownHosts>`: SSH known-hosts file.
    #[serde(rename = "knownHosts")]
    pub known_hosts: Option<DiskSourceKnownHosts>,
    /// `<reservations>`: SCSI persistent reservations (`type='block'`).
    pub reservations: Option<Reservations>,
    /// `<slices>`: the part of the source the disk uses.
    pub slices: Option<DiskSourceSlices>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// `<seclabel>`: per-source security label overrides.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
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
    pub transport: Option<String>,
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

/// `<reservations>`: SCSI persistent reservations through a helper (schema
/// `reservations`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reservations {
    /// `managed`: libvirt starts the `qemu-pr-helper` itself.
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `<source>`: the helper's socket (unmanaged).
    pub source: Option<UnixSocketSource>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source type='unix' path=… mode=…>`: a UNIX socket (schema `unixSocketSource`;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnixSocketSource {
    /// `type`: always `unix`.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `path`: the socket.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `mode`: `server` or `client`.
    #[serde(rename = "@mode")]
    pub mode: Option<String>,
    /// `<reconnect>`: client reconnect behaviour.
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<slices>`: the parts of the source the disk uses (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSlices {
    /// `<slice>`: one slice.
    #[serde(rename = "slice")]
    pub slices: Vec<DiskSourceSlice>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<slice type='storage' offset=… size=…>` (formatdomain: "Hard drives, floppy
/// disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSlice {
    /// `type`: always `storage`.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `offset`: start of the slice in bytes.
    #[serde(rename = "@offset")]
    pub offset: Option<u64>,
    /// `size`: length of the slice in bytes.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<dataStore type=…>`: the external data file of a qcow2 image (formatdomain:
/// "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DataStore {
    /// `type`: where the data file lives, as `<disk type=…>`.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `<format>`: the data file's format.
    pub format: Option<DiskFormat>,
    /// `<source>`: the data file.
    pub source: Option<DiskSource>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<format type=…>` of a backing store, mirror or data store (schema `diskFormat`;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskFormat {
    /// `type`: the image format.
    #[serde(rename = "@type")]
    pub kind: Option<StorageFormat>,
    /// `<metadata_cache>`: qcow2 metadata cache limit.
    pub metadata_cache: Option<MetadataCache>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<metadata_cache>` of a disk `<driver>` or `<format>` (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MetadataCache {
    /// `<max_size>`: the cache's maximum size (bytes when no unit).
    pub max_size: Option<ScaledSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::common::{AuthSecret, AuthSecretType, Iqn};
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn network_source_children_round_trip() {
        let value = DiskSource {
            protocol: Some(DiskProtocol::Rbd),
            name: Some("pool/image".into()),
            hosts: vec![DiskSourceHost {
                name: Some("mon1.example.org".into()),
                port: Some(6789),
                ..Default::default()
            }],
            snapshot: Some(DiskSourceSnapshot {
                name: Some("snap1".into()),
                ..Default::default()
            }),
            config: Some(DiskSourceConfig {
                file: Some("/etc/ceph/ceph.conf".into()),
                ..Default::default()
            }),
            auth: Some(Auth {
                username: Some("admin".into()),
                secret: Some(AuthSecret {
                    kind: Some(AuthSecretType::Ceph),
                    usage: Some("mypassid".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            encryption: Some(Encryption {
                format: Some(super::super::EncryptionFormat::Luks),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_xml(
            &value,
            "source",
            "<source protocol='rbd' name='pool/image'>\n  <host name='mon1.example.org' port='6789'/>\n  <snapshot name='snap1'/>\n  <config file='/etc/ceph/ceph.conf'/>\n  <auth username='admin'>\n    <secret type='ceph' usage='mypassid'/>\n  </auth>\n  <encryption format='luks'/>\n</source>",
        );
        let iscsi = DiskSource {
            initiator: Some(Initiator {
                iqn: Some(Iqn {
                    name: Some("iqn.2013-07.com.example:client".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_xml(
            &iscsi,
            "source",
            "<source>\n  <initiator>\n    <iqn name='iqn.2013-07.com.example:client'/>\n  </initiator>\n</source>",
        );
    }

    #[test]
    fn curl_and_ssh_children_round_trip() {
        let https: DiskSource = assert_modelled(
            "<source protocol='https' name='/image.iso' query='a=b'>\n  <host name='example.org' port='443'/>\n  <ssl verify='no'/>\n  <cookies>\n    <cookie name='test'>somevalue</cookie>\n    <cookie name='blurb'>\"quoted\"</cookie>\n  </cookies>\n  <readahead size='65536'/>\n  <timeout seconds='10'/>\n</source>",
            "source",
        );
        let cookies = https.cookies.unwrap().cookies;
        assert_eq!(cookies[1].value, "\"quoted\"");
        assert_eq!(https.readahead.unwrap().size, Some(65536));
        let ssh: DiskSource = assert_modelled(
            "<source protocol='ssh' name='/img'>\n  <host name='example.org'/>\n  <identity username='me' keyfile='/home/me/.ssh/id_ed25519'/>\n  <knownHosts path='/home/me/.ssh/known_hosts'/>\n</source>",
            "source",
        );
        assert_eq!(ssh.identity.unwrap().username.as_deref(), Some("me"));
    }

    #[test]
    fn block_source_children_round_trip() {
        let value = DiskSource {
            dev: Some("/dev/sdb".into()),
            reservations: Some(Reservations {
                managed: Some(YesNo::No),
                source: Some(UnixSocketSource {
                    kind: Some("unix".into()),
                    path: Some("/run/pr-helper.sock".into()),
                    mode: Some("client".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            slices: Some(DiskSourceSlices {
                slices: vec![DiskSourceSlice {
                    kind: Some("storage".into()),
                    offset: Some(512),
                    size: Some(1048576),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            data_store: Some(Box::new(DataStore {
                kind: Some(DiskType::File),
                format: Some(DiskFormat {
                    kind: Some(StorageFormat::Raw),
                    ..Default::default()
                }),
                source: Some(DiskSource {
                    file: Some("/var/lib/data.raw".into()),
                    ..Default::default()
                }),
                ..Default::default()
            })),
            seclabels: vec![DeviceSeclabel {
                model: Some("dac".into()),
                relabel: Some(YesNo::No),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_xml(
            &value,
            "source",
            "<source dev='/dev/sdb'>\n  <reservations managed='no'>\n    <source type='unix' path='/run/pr-helper.sock' mode='client'/>\n  </reservations>\n  <slices>\n    <slice type='storage' offset='512' size='1048576'/>\n  </slices>\n  <dataStore type='file'>\n    <format type='raw'/>\n    <source file='/var/lib/data.raw'/>\n  </dataStore>\n  <seclabel model='dac' relabel='no'/>\n</source>",
        );
    }

    #[test]
    fn metadata_cache_keeps_unit() {
        let value = DiskFormat {
            kind: Some(StorageFormat::Qcow2),
            metadata_cache: Some(MetadataCache {
                max_size: Some(ScaledSize::new(1234, crate::units::Unit::BYTES)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let written = crate::xml::to_string(&value, "format").unwrap();
        assert!(
            written.starts_with("<format type='qcow2'>\n  <metadata_cache>\n    <max_size unit="),
            "{written}"
        );
        assert_eq!(
            crate::xml::from_str::<DiskFormat>(&written, "format").unwrap(),
            value
        );
    }
}
