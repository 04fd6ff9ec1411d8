//! `<clock>` (src/clock.rs).

use libvirt_domain::clock::{
    Catchup, Clock, ClockBasis, ClockOffset, TickPolicy, Timer, TimerMode, TimerName, TimerTrack,
};
use proptest::prelude::*;

use super::values::{text, yes_no};
use super::xml::extra;
use super::{list, opt};

fn catchup() -> BoxedStrategy<Catchup> {
    structure!(Catchup {
        threshold: opt(any::<u32>()),
        slew: opt(any::<u32>()),
        limit: opt(any::<u32>()),
        extra: extra(),
    })
}

fn timer() -> BoxedStrategy<Timer> {
    structure!(Timer {
        name: value_enum!(TimerName),
        present: opt(yes_no()),
        tickpolicy: opt(value_enum!(TickPolicy)),
        track: opt(value_enum!(TimerTrack)),
        frequency: opt(any::<u64>()),
        mode: opt(value_enum!(TimerMode)),
        catchup: opt(catchup()),
        extra: extra(),
    })
}

/// `<clock>`.
pub fn clock() -> BoxedStrategy<Clock> {
    structure!(Clock {
        offset: opt(value_enum!(ClockOffset)),
        timezone: opt(text()),
        adjustment: opt(text()),
        basis: opt(value_enum!(ClockBasis)),
        start: opt(any::<u64>()),
        timers: list(timer()),
        extra: extra(),
    })
}
