//! The documents of backup jobs, `<domaincheckpoint>` and `<domainbackup>`, as
//! [`Moment`]s for `fmt`, `check` and `show`: each summary is built as a JSON value
//! of the facts `show` prints, then written as `key: value` lines.

use libvirt_domain::backup::{BackupDiskMode, BackupTransport, DomainBackup};
use libvirt_domain::checkpoint::{CheckpointType, DomainCheckpoint};
use libvirt_domain::xml::Unmodelled;
use libvirt_domain::Error;
use serde_json::{json, Value};

use super::Moment;

impl Moment for DomainCheckpoint {
    fn unmodelled(&self) -> Vec<Unmodelled> {
        DomainCheckpoint::unmodelled(self)
    }
    fn to_xml(&self) -> Result<String, Error> {
        DomainCheckpoint::to_xml(self)
    }
    fn to_json(&self) -> Result<String, Error> {
        libvirt_domain::json::to_string(self)
    }
    fn validate(&self) -> Result<(), Error> {
        DomainCheckpoint::validate(self)
    }
    fn summary(&self) -> String {
        text(&checkpoint_summary(self))
    }
}

impl Moment for DomainBackup {
    fn unmodelled(&self) -> Vec<Unmodelled> {
        DomainBackup::unmodelled(self)
    }
    fn to_xml(&self) -> Result<String, Error> {
        DomainBackup::to_xml(self)
    }
    fn to_json(&self) -> Result<String, Error> {
        libvirt_domain::json::to_string(self)
    }
    fn validate(&self) -> Result<(), Error> {
        DomainBackup::validate(self)
    }
    fn summary(&self) -> String {
        text(&backup_summary(self))
    }
}

/// A checkpoint's name, parent, creation time, disks and embedded domain.
fn checkpoint_summary(checkpoint: &DomainCheckpoint) -> Value {
    let disks: Vec<Value> = checkpoint
        .disk_entries()
        .iter()
        .map(|d| {
            let checkpoint = d.checkpoint.clone().unwrap_or(CheckpointType::Bitmap);
            json!({
                "name": d.name,
                "checkpoint": checkpoint.as_str(),
                "bitmap": d.bitmap,
                "size": d.size,
            })
        })
        .collect();
    json!({
        "checkpoint": checkpoint.name,
        "description": checkpoint.description,
        "parent": checkpoint.parent.as_ref().and_then(|p| p.name.as_ref()),
        "creation_time": checkpoint.creation_time,
        "disks": disks,
        "domain": checkpoint.domain.as_ref().and_then(|d| d.name.as_ref()),
        "unmodelled": checkpoint.unmodelled().len(),
    })
}

/// A backup's mode, incremental base, NBD server and disks.
fn backup_summary(backup: &DomainBackup) -> Value {
    let server = backup.server.as_ref().map(|s| {
        let transport = s.transport.clone().unwrap_or(BackupTransport::Tcp);
        let address = match transport {
            BackupTransport::Unix => s.socket.clone(),
            BackupTransport::Fd => s.fdgroup.clone(),
            _ => s.name.as_ref().map(|name| match s.port {
                Some(port) => format!("{name}:{port}"),
                None => name.clone(),
            }),
        };
        json!({
            "transport": transport.as_str(),
            "address": address,
            "tls": s.tls.map(|t| t.is_set()),
        })
    });
    let disks: Vec<Value> = backup
        .disk_entries()
        .iter()
        .map(|d| {
            let mode = match d.backupmode {
                Some(BackupDiskMode::Full) => Some("full"),
                Some(BackupDiskMode::Incremental) => Some("incremental"),
                _ => None,
            };
            json!({
                "name": d.name,
                "backup": d.takes_part(),
                "type": d.kind.as_ref().map(|k| k.as_str()),
                "path": d.storage_path(),
                "format": d.driver.as_ref().and_then(|r| r.kind.as_ref()).map(|f| f.as_str()),
                "backupmode": mode,
                "incremental": d.incremental,
            })
        })
        .collect();
    json!({
        "mode": if backup.is_pull() { "pull" } else { "push" },
        "incremental": backup.incremental,
        "server": server,
        "disks": disks,
        "unmodelled": backup.unmodelled().len(),
    })
}

/// The text form of a summary: `key: value` lines, disks one per line below.
fn text(summary: &Value) -> String {
    let mut out = String::new();
    let Value::Object(fields) = summary else {
        return out;
    };
    let width = fields.keys().map(String::len).max().unwrap_or(0) + 2;
    for (key, value) in fields {
        let label = format!("{key}:");
        match value {
            Value::Array(items) => {
                out.push_str(&format!("{label:<width$}{}\n", items.len()));
                for item in items {
                    out.push_str(&format!("  {}\n", inline(item)));
                }
            }
            _ => out.push_str(&format!("{label:<width$}{}\n", inline(value))),
        }
    }
    out
}

/// A value on one line: a string as is, an object as its set fields `key=value`
/// (the first one's value alone), `-` for nothing.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        Value::Object(fields) => fields
            .iter()
            .filter(|(_, v)| !v.is_null())
            .enumerate()
            .map(|(i, (k, v))| {
                if i == 0 {
                    inline(v)
                } else {
                    format!("{k}={}", inline(v))
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}
