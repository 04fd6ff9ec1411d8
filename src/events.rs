//! Lifecycle events and power management: `<on_poweroff>`, `<on_reboot>`,
//! `<on_crash>`, `<on_lockfailure>` and `<pm>` (formatdomain: "Events configuration",
//! "Power Management").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// The text of `<on_poweroff>` and `<on_reboot>`: what to do when the guest powers
    /// off or reboots (schema `offOptions`).
    pub enum LifecycleAction {
        /// `destroy`: end the domain and release its resources.
        Destroy = "destroy",
        /// `restart`: start the domain again with the same configuration.
        Restart = "restart",
        /// `preserve`: keep the ended domain's resources for analysis.
        Preserve = "preserve",
        /// `rename-restart`: rename the ended domain and start a new one.
        RenameRestart = "rename-restart",
    }
}

value_enum! {
    /// The text of `<on_crash>`: what to do when the guest crashes (schema
    /// `crashOptions`).
    pub enum CrashAction {
        /// `destroy`: end the domain and release its resources.
        Destroy = "destroy",
        /// `restart`: start the domain again with the same configuration.
        Restart = "restart",
        /// `preserve`: keep the crashed domain's resources for analysis.
        Preserve = "preserve",
        /// `rename-restart`: rename the crashed domain and start a new one.
        RenameRestart = "rename-restart",
        /// `coredump-destroy`: dump the guest's core, then destroy it.
        CoredumpDestroy = "coredump-destroy",
        /// `coredump-restart`: dump the guest's core, then restart it.
        CoredumpRestart = "coredump-restart",
    }
}

value_enum! {
    /// The text of `<on_lockfailure>`: what to do when a lock manager loses the
    /// domain's resource locks (schema `lockfailureOptions`).
    pub enum LockFailureAction {
        /// `poweroff`: force the domain off.
        Poweroff = "poweroff",
        /// `restart`: power off and start again to reacquire the locks.
        Restart = "restart",
        /// `pause`: pause until the lock issue is solved.
        Pause = "pause",
        /// `ignore`: keep running.
        Ignore = "ignore",
    }
}

/// `<pm>`: which ACPI sleep states the guest may use (formatdomain: "Power Management").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pm {
    /// `<suspend-to-mem>`: S3, suspend to RAM.
    #[serde(rename = "suspend-to-mem")]
    pub suspend_to_mem: Option<SuspendState>,
    /// `<suspend-to-disk>`: S4, suspend to disk (hibernation).
    #[serde(rename = "suspend-to-disk")]
    pub suspend_to_disk: Option<SuspendState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Pm {
    /// Both sleep states set the same way, as Phyllome's files write them (`yes` for
    /// session guests, `no` for system guests).
    pub fn both(enabled: bool) -> Self {
        Pm::new(enabled, enabled)
    }

    /// Suspend to RAM (S3) and suspend to disk (S4) each turned on or off.
    pub fn new(suspend_to_mem: bool, suspend_to_disk: bool) -> Self {
        Pm {
            suspend_to_mem: Some(SuspendState::new(suspend_to_mem)),
            suspend_to_disk: Some(SuspendState::new(suspend_to_disk)),
            extra: Extra::default(),
        }
    }
}

/// `<pm><suspend-to-mem>` / `<pm><suspend-to-disk>`: a sleep state turned on or off
/// (formatdomain: "Power Management").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SuspendState {
    /// `enabled`: yes or no; absent leaves the hypervisor's default.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl SuspendState {
    /// `enabled='yes'` or `enabled='no'`.
    pub fn new(enabled: bool) -> Self {
        SuspendState {
            enabled: Some(enabled.into()),
            extra: Extra::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_parse_and_print() {
        for action in LifecycleAction::KNOWN {
            assert_eq!(action.as_str().parse::<LifecycleAction>().unwrap(), *action);
        }
        assert_eq!(
            CrashAction::from("coredump-restart"),
            CrashAction::CoredumpRestart
        );
        assert_eq!(CrashAction::RenameRestart.to_string(), "rename-restart");
        assert_eq!(LockFailureAction::from("pause"), LockFailureAction::Pause);
        assert_eq!(
            LifecycleAction::from("explode"),
            LifecycleAction::Other("explode".into())
        );
    }

    #[test]
    fn actions_as_element_text() {
        let text = "<on_crash>coredump-destroy</on_crash>";
        let action = crate::codec::from_str::<CrashAction>(text, "on_crash").unwrap();
        assert_eq!(action, CrashAction::CoredumpDestroy);
        assert_eq!(crate::codec::to_string(&action, "on_crash").unwrap(), text);
        let text = "<on_reboot>restart</on_reboot>";
        let action = crate::codec::from_str::<LifecycleAction>(text, "on_reboot").unwrap();
        assert_eq!(action, LifecycleAction::Restart);
        assert_eq!(crate::codec::to_string(&action, "on_reboot").unwrap(), text);
    }

    #[test]
    fn pm_round_trips() {
        let table: Vec<(Pm, &str)> = vec![
            (
                Pm::both(true),
                "<pm>\n  <suspend-to-mem enabled='yes'/>\n  <suspend-to-disk enabled='yes'/>\n</pm>",
            ),
            (
                Pm::both(false),
                "<pm>\n  <suspend-to-mem enabled='no'/>\n  <suspend-to-disk enabled='no'/>\n</pm>",
            ),
            (
                Pm {
                    suspend_to_disk: Some(SuspendState::default()),
                    ..Default::default()
                },
                "<pm>\n  <suspend-to-disk/>\n</pm>",
            ),
            (Pm::default(), "<pm/>"),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "pm").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Pm>(text, "pm").unwrap(),
                value,
                "{text}"
            );
        }
        assert!(
            crate::codec::from_str::<Pm>("<pm><suspend-to-mem enabled='on'/></pm>", "pm").is_err()
        );
    }
}
