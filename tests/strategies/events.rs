//! Lifecycle actions and `<pm>` (src/events.rs).

use libvirt_domain::events::{CrashAction, LifecycleAction, LockFailureAction, Pm, SuspendState};
use proptest::prelude::*;

use super::opt;
use super::values::yes_no;
use super::xml::extra;

/// The text of `<on_poweroff>` / `<on_reboot>`.
pub fn lifecycle_action() -> BoxedStrategy<LifecycleAction> {
    value_enum!(LifecycleAction)
}

/// The text of `<on_crash>`.
pub fn crash_action() -> BoxedStrategy<CrashAction> {
    value_enum!(CrashAction)
}

/// The text of `<on_lockfailure>`.
pub fn lock_failure_action() -> BoxedStrategy<LockFailureAction> {
    value_enum!(LockFailureAction)
}

fn suspend_state() -> BoxedStrategy<SuspendState> {
    structure!(SuspendState {
        enabled: opt(yes_no()),
        extra: extra(),
    })
}

/// `<pm>`.
pub fn pm() -> BoxedStrategy<Pm> {
    structure!(Pm {
        suspend_to_mem: opt(suspend_state()),
        suspend_to_disk: opt(suspend_state()),
        extra: extra(),
    })
}
