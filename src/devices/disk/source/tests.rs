//! Disk sources: one round trip per `type`, the default, unknown types, content a
//! type does not allow, and the type check.

use super::*;
use crate::devices::common::{Auth, AuthSecret, AuthSecretType, DeviceSeclabel, Reconnect};
use crate::devices::disk::{Disk, Encryption, EncryptionFormat, StartupPolicy};
use crate::devices::test_util::{assert_modelled, assert_xml};
use crate::values::YesNo;

/// `xml` (a whole `<disk>`) reads fully modelled and writes back unchanged; returns
/// its source.
fn modelled_source(xml: &str) -> DiskSource {
    let disk: Disk = assert_modelled(xml, "disk");
    disk.source.expect("the disk has a source")
}

#[test]
fn file_source_round_trips() {
    let xml = "<disk type='file' device='disk'>\n  <source file='/var/lib/libvirt/images/guest.qcow2' fdgroup='guest-fds' startupPolicy='optional' index='2'>\n    <slices>\n      <slice type='storage' offset='512' size='1048576'/>\n    </slices>\n    <encryption format='luks'>\n      <secret type='passphrase' usage='guest-luks'/>\n    </encryption>\n    <dataStore type='block'>\n      <format type='raw'/>\n      <source dev='/dev/vg0/guest-data'/>\n    </dataStore>\n    <seclabel model='dac' relabel='no'/>\n  </source>\n  <target dev='vda' bus='virtio'/>\n</disk>";
    let DiskSource::File(file) = modelled_source(xml) else {
        panic!("type='file' reads a file source");
    };
    assert_eq!(file.fdgroup.as_deref(), Some("guest-fds"));
    assert_eq!(file.startup_policy, Some(StartupPolicy::Optional));
    assert_eq!(file.index, Some(2));
    assert_eq!(file.slices.unwrap().slices[0].offset, Some(512));
    assert_eq!(file.seclabels[0].relabel, Some(YesNo::No));
    let data_store = file.data_store.unwrap();
    assert_eq!(data_store.kind, Some(DiskType::Block));
    assert_eq!(
        data_store.source,
        Some(DiskSource::block("/dev/vg0/guest-data"))
    );
}

#[test]
fn a_disk_without_type_has_a_file_source() {
    let disk = Disk {
        source: Some(DiskSource::file("/images/a.img")),
        ..Default::default()
    };
    assert_xml(
        &disk,
        "disk",
        "<disk>\n  <source file='/images/a.img'/>\n</disk>",
    );
    // An empty drive: `<source/>` is still a file source.
    let empty = modelled_source("<disk device='cdrom'>\n  <source/>\n</disk>");
    assert_eq!(empty, DiskSource::default());
    assert_eq!(empty.path(), None);
}

#[test]
fn block_source_round_trips() {
    let disk = Disk {
        kind: Some(DiskType::Block),
        source: Some(DiskSource::Block(DiskSourceBlock {
            dev: Some("/dev/sdb".into()),
            startup_policy: Some(StartupPolicy::Requisite),
            reservations: Some(Box::new(Reservations {
                managed: Some(YesNo::No),
                source: Some(UnixSocketSource {
                    kind: Some("unix".into()),
                    path: Some("/run/pr-helper.sock".into()),
                    mode: Some("client".into()),
                    ..Default::default()
                }),
                ..Default::default()
            })),
            seclabels: vec![DeviceSeclabel {
                model: Some("selinux".into()),
                labels: vec!["system_u:object_r:svirt_image_t:s0".into()],
                ..Default::default()
            }],
            ..Default::default()
        })),
        ..Default::default()
    };
    let xml = "<disk type='block'>\n  <source dev='/dev/sdb' startupPolicy='requisite'>\n    <reservations managed='no'>\n      <source type='unix' path='/run/pr-helper.sock' mode='client'/>\n    </reservations>\n    <seclabel model='selinux'>\n      <label>system_u:object_r:svirt_image_t:s0</label>\n    </seclabel>\n  </source>\n</disk>";
    assert_xml(&disk, "disk", xml);
    assert_eq!(modelled_source(xml), disk.source.unwrap());
}

#[test]
fn dir_and_volume_sources_round_trip() {
    let dir = modelled_source(
        "<disk type='dir' device='floppy'>\n  <source dir='/srv/floppy' startupPolicy='optional'/>\n  <target dev='fda'/>\n  <readonly/>\n</disk>",
    );
    assert_eq!(dir.kind(), Some(DiskType::Dir));
    assert_eq!(dir.path(), Some("/srv/floppy"));

    let disk = Disk {
        kind: Some(DiskType::Volume),
        source: Some(DiskSource::Volume(DiskSourceVolume {
            pool: Some("iscsi-pool".into()),
            volume: Some("unit:0:0:1".into()),
            mode: Some(VolumeMode::Direct),
            index: Some(1),
            ..Default::default()
        })),
        ..Default::default()
    };
    let xml = "<disk type='volume'>\n  <source pool='iscsi-pool' volume='unit:0:0:1' mode='direct' index='1'/>\n</disk>";
    assert_xml(&disk, "disk", xml);
    assert_eq!(modelled_source(xml), disk.source.clone().unwrap());
    assert_eq!(disk.source_path(), Some("unit:0:0:1"));
    assert_eq!(
        DiskSource::volume("iscsi-pool", "unit:0:0:1"),
        DiskSource::Volume(DiskSourceVolume {
            pool: Some("iscsi-pool".into()),
            volume: Some("unit:0:0:1".into()),
            ..Default::default()
        })
    );
}

#[test]
fn rbd_and_iscsi_sources_round_trip() {
    let rbd = Disk {
        kind: Some(DiskType::Network),
        source: Some(DiskSource::Network(Box::new(DiskSourceNetwork {
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
            encryption: Some(Box::new(Encryption {
                format: Some(EncryptionFormat::Luks),
                ..Default::default()
            })),
            ..Default::default()
        }))),
        ..Default::default()
    };
    let xml = "<disk type='network'>\n  <source protocol='rbd' name='pool/image'>\n    <host name='mon1.example.org' port='6789'/>\n    <snapshot name='snap1'/>\n    <config file='/etc/ceph/ceph.conf'/>\n    <auth username='admin'>\n      <secret type='ceph' usage='mypassid'/>\n    </auth>\n    <encryption format='luks'/>\n  </source>\n</disk>";
    assert_xml(&rbd, "disk", xml);
    assert_eq!(modelled_source(xml), rbd.source.clone().unwrap());
    assert_eq!(rbd.source_path(), Some("pool/image"));

    let iscsi = modelled_source(
        "<disk type='network' device='lun'>\n  <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1' index='3'>\n    <host name='example.com' port='3260'/>\n    <initiator>\n      <iqn name='iqn.2013-07.com.example:client'/>\n    </initiator>\n  </source>\n  <target dev='sdb' bus='scsi'/>\n</disk>",
    );
    let DiskSource::Network(iscsi) = iscsi else {
        panic!("type='network' reads a network source");
    };
    assert_eq!(iscsi.index, Some(3));
    let iqn = iscsi.initiator.unwrap().iqn.unwrap();
    assert_eq!(iqn.name.as_deref(), Some("iqn.2013-07.com.example:client"));
}

#[test]
fn curl_nbd_ssh_and_nfs_sources_round_trip() {
    let DiskSource::Network(https) = modelled_source(
        "<disk type='network' device='cdrom'>\n  <source protocol='https' name='/image.iso' query='a=b'>\n    <host name='example.org' port='443'/>\n    <ssl verify='no'/>\n    <cookies>\n      <cookie name='test'>somevalue</cookie>\n      <cookie name='blurb'>\"quoted\"</cookie>\n    </cookies>\n    <readahead size='65536'/>\n    <timeout seconds='10'/>\n  </source>\n  <target dev='hdc'/>\n</disk>",
    ) else {
        panic!("a network source");
    };
    assert_eq!(https.query.as_deref(), Some("a=b"));
    assert_eq!(https.cookies.unwrap().cookies[1].value, "\"quoted\"");
    assert_eq!(https.readahead.unwrap().size, Some(65536));

    let DiskSource::Network(nbd) = modelled_source(
        "<disk type='network'>\n  <source protocol='nbd' name='export' tls='yes' tlsHostname='nbd.example.org'>\n    <host transport='unix' socket='/run/nbd.sock'/>\n    <reconnect delay='10'/>\n  </source>\n</disk>",
    ) else {
        panic!("a network source");
    };
    assert_eq!(nbd.tls, Some(YesNo::Yes));
    assert_eq!(nbd.hosts[0].socket.as_deref(), Some("/run/nbd.sock"));
    assert_eq!(nbd.reconnect.unwrap().delay, Some(10));

    let DiskSource::Network(ssh) = modelled_source(
        "<disk type='network'>\n  <source protocol='ssh' name='/img'>\n    <host name='example.org'/>\n    <identity username='me' keyfile='/home/me/.ssh/id_ed25519'/>\n    <knownHosts path='/home/me/.ssh/known_hosts'/>\n  </source>\n</disk>",
    ) else {
        panic!("a network source");
    };
    assert_eq!(ssh.identity.unwrap().username.as_deref(), Some("me"));

    let DiskSource::Network(nfs) = modelled_source(
        "<disk type='network'>\n  <source protocol='nfs' name='/export/disk.img'>\n    <host name='nfs.example.org'/>\n    <identity user='+107' group='+107'/>\n  </source>\n</disk>",
    ) else {
        panic!("a network source");
    };
    assert_eq!(nfs.identity.unwrap().group.as_deref(), Some("+107"));
}

#[test]
fn nvme_and_vhost_sources_round_trip() {
    let DiskSource::Nvme(nvme) = modelled_source(
        "<disk type='nvme' device='disk'>\n  <source type='pci' managed='yes' namespace='1'>\n    <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n  </source>\n  <target dev='vde' bus='virtio'/>\n</disk>",
    ) else {
        panic!("type='nvme' reads an NVMe source");
    };
    // The source's own `type` is its content, not the disk's type.
    assert_eq!(nvme.kind, Some(NvmeAddressType::Pci));
    assert_eq!(nvme.namespace, Some(1));
    assert_eq!(nvme.address.unwrap().bus.map(|b| b.value), Some(1));

    let vhost_user = Disk {
        kind: Some(DiskType::Vhostuser),
        source: Some(DiskSource::VhostUser(DiskSourceVhostUser {
            kind: Some("unix".into()),
            path: Some("/run/vhost-blk.sock".into()),
            reconnect: Some(Reconnect {
                enabled: Some(YesNo::Yes),
                timeout: Some(10),
                ..Default::default()
            }),
            ..Default::default()
        })),
        ..Default::default()
    };
    let xml = "<disk type='vhostuser'>\n  <source type='unix' path='/run/vhost-blk.sock'>\n    <reconnect enabled='yes' timeout='10'/>\n  </source>\n</disk>";
    assert_xml(&vhost_user, "disk", xml);
    assert_eq!(modelled_source(xml), vhost_user.source.clone().unwrap());
    assert_eq!(vhost_user.source_path(), Some("/run/vhost-blk.sock"));

    let vdpa =
        modelled_source("<disk type='vhostvdpa'>\n  <source dev='/dev/vhost-vdpa-0'/>\n</disk>");
    assert_eq!(vdpa.kind(), Some(DiskType::Vhostvdpa));
    assert_eq!(vdpa.path(), Some("/dev/vhost-vdpa-0"));
}

#[test]
fn an_unknown_type_keeps_its_source_and_reports_it() {
    let xml = "<disk type='cxl' device='disk'>\n  <source region='0' size='4096'>\n    <window base='0x1000'/>\n  </source>\n  <target dev='vda'/>\n</disk>";
    let disk: Disk = crate::codec::from_str(xml, "disk").unwrap();
    assert_eq!(disk.kind, Some(DiskType::Other("cxl".into())));
    let Some(DiskSource::Other(other)) = &disk.source else {
        panic!("an unknown type reads the fallback");
    };
    assert_eq!(other.extra.attributes.len(), 2);
    assert_eq!(disk.source.as_ref().unwrap().kind(), None);
    assert_eq!(crate::codec::to_string(&disk, "disk").unwrap(), xml);
    let paths: Vec<String> = crate::codec::unmodelled(&disk, "disk")
        .into_iter()
        .map(|u| u.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/disk/source/@region",
            "/disk/source/@size",
            "/disk/source/window",
            "/disk/@type",
        ]
    );
}

#[test]
fn an_attribute_the_type_does_not_allow_is_kept_and_reported() {
    // `file` belongs to file sources; a block source keeps it as unknown content.
    let xml = "<disk type='block'>\n  <source dev='/dev/sda' file='/images/a.img'/>\n</disk>";
    let disk: Disk = crate::codec::from_str(xml, "disk").unwrap();
    let Some(DiskSource::Block(block)) = &disk.source else {
        panic!("type='block' reads a block source");
    };
    assert_eq!(block.dev.as_deref(), Some("/dev/sda"));
    assert_eq!(block.extra.attributes.len(), 1);
    assert_eq!(crate::codec::to_string(&disk, "disk").unwrap(), xml);
    let found = crate::codec::unmodelled(&disk, "disk");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "/disk/source/@file");

    // vhost-vDPA sources take `dev` only: `index` and `<slices>` are kept, reported.
    let xml = "<disk type='vhostvdpa'>\n  <source dev='/dev/vhost-vdpa-0' index='1'>\n    <slices/>\n  </source>\n</disk>";
    let disk: Disk = crate::codec::from_str(xml, "disk").unwrap();
    assert_eq!(crate::codec::to_string(&disk, "disk").unwrap(), xml);
    let paths: Vec<String> = crate::codec::unmodelled(&disk, "disk")
        .into_iter()
        .map(|u| u.path)
        .collect();
    assert_eq!(paths, ["/disk/source/@index", "/disk/source/slices"]);
}

#[test]
fn constructors_and_accessors() {
    let network = DiskSource::network(DiskProtocol::Nbd, "export");
    assert_eq!(network.kind(), Some(DiskType::Network));
    assert_eq!(network.path(), None);
    assert_eq!(DiskSource::dir("/srv/fat").path(), Some("/srv/fat"));
    assert_eq!(DiskSource::block("/dev/sdc").kind(), Some(DiskType::Block));
    assert_eq!(DiskSource::file("/a.img").data_store(), None);
    let with_store = DiskSource::File(DiskSourceFile {
        data_store: Some(Box::new(DataStore {
            source: Some(DiskSource::file("/data.raw")),
            ..Default::default()
        })),
        ..Default::default()
    });
    let store = with_store.data_store().unwrap();
    assert_eq!(
        store.source.as_ref().and_then(DiskSource::path),
        Some("/data.raw")
    );
}

#[test]
fn type_check_names_what_to_fix() {
    let mut out = Vec::new();
    DiskSource::file("/a.img").check_type(None, "/x/source", &mut out);
    DiskSource::file("/a.img").check_type(Some("file"), "/x/source", &mut out);
    DiskSource::block("/dev/sda").check_type(Some("block"), "/x/source", &mut out);
    DiskSource::Other(OtherSource::default()).check_type(Some("cxl"), "/x/source", &mut out);
    assert_eq!(out, []);

    DiskSource::block("/dev/sda").check_type(None, "/x/source", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].path, "/x/source");
    assert_eq!(
        out[0].message,
        "is a 'block' source, but the type is 'file' (the default); set type='block' or \
         give a 'file' source"
    );
    DiskSource::Other(OtherSource::default()).check_type(Some("dir"), "/y/source", &mut out);
    assert_eq!(out.len(), 2);
    assert!(
        out[1].message.contains("type is 'dir'"),
        "{}",
        out[1].message
    );

    // The data store inside is checked against its own type.
    let nested = DiskSource::File(DiskSourceFile {
        data_store: Some(Box::new(DataStore {
            kind: Some(DiskType::Network),
            source: Some(DiskSource::file("/data.raw")),
            ..Default::default()
        })),
        ..Default::default()
    });
    let mut out = Vec::new();
    nested.check_type(None, "/disk/source", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].path, "/disk/source/dataStore/source");
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
    let written = crate::codec::to_string(&value, "format").unwrap();
    assert!(
        written.starts_with("<format type='qcow2'>\n  <metadata_cache>\n    <max_size unit="),
        "{written}"
    );
    assert_eq!(
        crate::codec::from_str::<DiskFormat>(&written, "format").unwrap(),
        value
    );
}
