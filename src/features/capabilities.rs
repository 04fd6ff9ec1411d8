//! `<features><capabilities>`: the Linux process capabilities a container keeps
//! (formatdomain: "Hypervisor features").

use serde::{Deserialize, Serialize};

use super::FeatureState;
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<capabilities policy=…>`: the starting set the children adjust.
    pub enum CapabilitiesPolicy {
        /// `default`: the driver's default set.
        Default = "default",
        /// `allow`: every capability, minus those turned off.
        Allow = "allow",
        /// `deny`: no capability, plus those turned on.
        Deny = "deny",
    }
}

/// `<features><capabilities>`: Linux capabilities for a container, each child turning
/// one on or off relative to `policy` (formatdomain: "Hypervisor features").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Capabilities {
    /// `policy`: default, allow or deny.
    #[serde(rename = "@policy")]
    pub policy: Option<CapabilitiesPolicy>,
    /// `<audit_control>`: `CAP_AUDIT_CONTROL`, write the kernel audit log.
    pub audit_control: Option<FeatureState>,
    /// `<audit_write>`: `CAP_AUDIT_WRITE`, write records to the kernel audit log.
    pub audit_write: Option<FeatureState>,
    /// `<block_suspend>`: `CAP_BLOCK_SUSPEND`, block system suspend.
    pub block_suspend: Option<FeatureState>,
    /// `<chown>`: `CAP_CHOWN`, change file owners.
    pub chown: Option<FeatureState>,
    /// `<dac_override>`: `CAP_DAC_OVERRIDE`, bypass file permission checks.
    pub dac_override: Option<FeatureState>,
    /// `<dac_read_search>`: `CAP_DAC_READ_SEARCH`, bypass file read and directory search checks.
    pub dac_read_search: Option<FeatureState>,
    /// `<fowner>`: `CAP_FOWNER`, bypass checks that need the file's owner.
    pub fowner: Option<FeatureState>,
    /// `<fsetid>`: `CAP_FSETID`, keep set-user-ID and set-group-ID bits on modification.
    pub fsetid: Option<FeatureState>,
    /// `<ipc_lock>`: `CAP_IPC_LOCK`, lock memory.
    pub ipc_lock: Option<FeatureState>,
    /// `<ipc_owner>`: `CAP_IPC_OWNER`, bypass System V IPC permission checks.
    pub ipc_owner: Option<FeatureState>,
    /// `<kill>`: `CAP_KILL`, bypass permission checks for sending signals.
    pub kill: Option<FeatureState>,
    /// `<lease>`: `CAP_LEASE`, take file leases.
    pub lease: Option<FeatureState>,
    /// `<linux_immutable>`: `CAP_LINUX_IMMUTABLE`, set the immutable and append-only file flags.
    pub linux_immutable: Option<FeatureState>,
    /// `<mac_admin>`: `CAP_MAC_ADMIN`, configure mandatory access control.
    pub mac_admin: Option<FeatureState>,
    /// `<mac_override>`: `CAP_MAC_OVERRIDE`, override mandatory access control.
    pub mac_override: Option<FeatureState>,
    /// `<mknod>`: `CAP_MKNOD`, create special files.
    pub mknod: Option<FeatureState>,
    /// `<net_admin>`: `CAP_NET_ADMIN`, administer networking.
    pub net_admin: Option<FeatureState>,
    /// `<net_bind_service>`: `CAP_NET_BIND_SERVICE`, bind ports below 1024.
    pub net_bind_service: Option<FeatureState>,
    /// `<net_broadcast>`: `CAP_NET_BROADCAST`, broadcast and listen to multicast.
    pub net_broadcast: Option<FeatureState>,
    /// `<net_raw>`: `CAP_NET_RAW`, use raw and packet sockets.
    pub net_raw: Option<FeatureState>,
    /// `<setgid>`: `CAP_SETGID`, change group ids.
    pub setgid: Option<FeatureState>,
    /// `<setfcap>`: `CAP_SETFCAP`, set file capabilities.
    pub setfcap: Option<FeatureState>,
    /// `<setpcap>`: `CAP_SETPCAP`, change process capabilities.
    pub setpcap: Option<FeatureState>,
    /// `<setuid>`: `CAP_SETUID`, change user ids.
    pub setuid: Option<FeatureState>,
    /// `<sys_admin>`: `CAP_SYS_ADMIN`, system administration.
    pub sys_admin: Option<FeatureState>,
    /// `<sys_boot>`: `CAP_SYS_BOOT`, reboot and load kernels.
    pub sys_boot: Option<FeatureState>,
    /// `<sys_chroot>`: `CAP_SYS_CHROOT`, use chroot.
    pub sys_chroot: Option<FeatureState>,
    /// `<sys_module>`: `CAP_SYS_MODULE`, load kernel modules.
    pub sys_module: Option<FeatureState>,
    /// `<sys_nice>`: `CAP_SYS_NICE`, raise priorities and set scheduling policies.
    pub sys_nice: Option<FeatureState>,
    /// `<sys_pacct>`: `CAP_SYS_PACCT`, configure process accounting.
    pub sys_pacct: Option<FeatureState>,
    /// `<sys_ptrace>`: `CAP_SYS_PTRACE`, trace any process.
    pub sys_ptrace: Option<FeatureState>,
    /// `<sys_rawio>`: `CAP_SYS_RAWIO`, raw I/O port access.
    pub sys_rawio: Option<FeatureState>,
    /// `<sys_resource>`: `CAP_SYS_RESOURCE`, override resource limits.
    pub sys_resource: Option<FeatureState>,
    /// `<sys_time>`: `CAP_SYS_TIME`, set the system clock.
    pub sys_time: Option<FeatureState>,
    /// `<sys_tty_config>`: `CAP_SYS_TTY_CONFIG`, configure terminals.
    pub sys_tty_config: Option<FeatureState>,
    /// `<syslog>`: `CAP_SYSLOG`, privileged syslog operations.
    pub syslog: Option<FeatureState>,
    /// `<wake_alarm>`: `CAP_WAKE_ALARM`, trigger something that wakes the system.
    pub wake_alarm: Option<FeatureState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_round_trip() {
        let table: Vec<(Capabilities, &str)> = vec![
            (
                Capabilities {
                    policy: Some(CapabilitiesPolicy::Deny),
                    chown: Some(FeatureState::on()),
                    net_admin: Some(FeatureState::on()),
                    sys_time: Some(FeatureState::off()),
                    wake_alarm: Some(FeatureState::on()),
                    ..Default::default()
                },
                "<capabilities policy='deny'>\n  <chown state='on'/>\n  <net_admin state='on'/>\n  \
                 <sys_time state='off'/>\n  <wake_alarm state='on'/>\n</capabilities>",
            ),
            (
                Capabilities {
                    policy: Some(CapabilitiesPolicy::Default),
                    ..Default::default()
                },
                "<capabilities policy='default'/>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(
                crate::codec::to_string(&value, "capabilities").unwrap(),
                text
            );
            assert_eq!(
                crate::codec::from_str::<Capabilities>(text, "capabilities").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn every_capability_is_modelled() {
        let names = [
            "audit_control",
            "audit_write",
            "block_suspend",
            "chown",
            "dac_override",
            "dac_read_search",
            "fowner",
            "fsetid",
            "ipc_lock",
            "ipc_owner",
            "kill",
            "lease",
            "linux_immutable",
            "mac_admin",
            "mac_override",
            "mknod",
            "net_admin",
            "net_bind_service",
            "net_broadcast",
            "net_raw",
            "setgid",
            "setfcap",
            "setpcap",
            "setuid",
            "sys_admin",
            "sys_boot",
            "sys_chroot",
            "sys_module",
            "sys_nice",
            "sys_pacct",
            "sys_ptrace",
            "sys_rawio",
            "sys_resource",
            "sys_time",
            "sys_tty_config",
            "syslog",
            "wake_alarm",
        ];
        let mut text = String::from("<capabilities policy='allow'>");
        for name in names {
            text.push_str(&format!("<{name} state='off'/>"));
        }
        text.push_str("</capabilities>");
        let value = crate::codec::from_str::<Capabilities>(&text, "capabilities").unwrap();
        assert!(value.extra.is_empty(), "{value:?}");
        assert_eq!(value.sys_pacct, Some(FeatureState::off()));
    }
}
